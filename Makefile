# Redress: `make run` to try it, `make test` to check it. Everything installs from the lock files.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := .make
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-unit test-later lint format bench install assets browser gettext faketime clamav messages clean

run: install assets .env
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_demo_data
	@# The worker runs emails, imports, reminders and other background jobs; the scheduler sends
	@# any waiting email every minute and queues the daily reminder run. Both wait out a locked
	@# database, and stop when the server stops.
	DEBUG=1 $(BIN)/python manage.py worker --interval 1 & worker=$$!; \
	DEBUG=1 $(BIN)/python manage.py scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# Local settings for `make run` and the README's commands: DEBUG on and a generated secret key.
# Written once when missing, never overwritten, git-ignored; environment variables win over it.
.env: | $(STAMP)/python
	umask 077 && printf '# Written by make run for this machine only. Production sets its own variables.\nDEBUG=1\nSECRET_KEY=%s\n' \
		"$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@

test: install assets browser gettext faketime clamav
	REDRESS_TESTING=1 $(BIN)/pytest

# Everything but the browser journeys.
test-unit: install assets gettext faketime clamav
	REDRESS_TESTING=1 $(BIN)/pytest -m "not browser"

# The unit tests with the machine's clock 400 days ahead: one that depends on today's date fails
# here long before the calendar gets there.
test-later: install assets gettext faketime clamav
	REDRESS_TESTING=1 faketime -f "+400d" $(BIN)/pytest -m "not browser"

bench: install assets
	$(BIN)/python bench/run.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

install: $(STAMP)/python $(STAMP)/node

$(STAMP)/python: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	mkdir -p $(STAMP) && touch $@

$(STAMP)/node: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(STAMP) && touch $@

assets: $(STAMP)/node redress/static/redress/redress.css

redress/static/redress/redress.css: assets/scss/redress.scss $(STAMP)/node
	npm run --silent build

# Browser tests drive Debian's Chromium; no browser is ever downloaded by a test tool.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The translation tests build a pseudo-translated catalogue with gettext's tools.
gettext:
	@command -v msgfilter >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; }

# The README's commands are tested, and `make test-later` runs, under Debian's faketime.
faketime:
	@command -v faketime >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime; }

# The virus scanning tests start Debian's clamd with the EICAR test signatures only; freshclam,
# which downloads the real ones, is never run by the tests.
clamav:
	@test -x /usr/sbin/clamd || command -v clamd >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clamav-daemon; }

# Refresh the translation catalogue after changing any public text; translators fill it in.
messages: install
	@command -v xgettext >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; }
	REDRESS_TESTING=1 $(BIN)/python manage.py makemessages -l pl --no-obsolete --add-location file \
		--ignore=node_modules --ignore=.venv --ignore=staticfiles --ignore=bench --ignore="*/tests/*"

clean:
	rm -rf $(VENV) node_modules $(STAMP) staticfiles
