"""Every word the public read on the online form can be translated.

The shipped catalogue (locale/pl) is turned into a pseudo-translation in which every message is
wrapped in ‹ and ›, compiled, and switched on. Any text on a public page that is not wrapped was
either never marked for translation or is missing from the catalogue."""

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation
from django.utils.translation import trans_real

from redress.configuration.models import Lookup
from redress.tests.outage import database_down, lock_writes

from .helpers import daughter_for_mother, fill_in

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "pl" / "LC_MESSAGES" / "django.po"


class MainText(HTMLParser):
    """Words inside <main>, skipping what the person typed, and references (no lower case)."""

    def __init__(self):
        super().__init__()
        self.depth, self.skip, self.texts = 0, 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth = 1
        elif self.depth:
            self.depth += tag not in {"input", "br", "img", "path", "circle", "rect"}
            self.skip += tag in {"textarea", "script", "svg", "dd"}

    def handle_endtag(self, tag):
        if self.depth:
            self.skip -= tag in {"textarea", "script", "svg", "dd"}
            self.depth -= tag != "main" or self.depth
            if tag == "main":
                self.depth = 0

    def handle_data(self, data):
        if self.depth and not self.skip and re.search(r"[a-z]{2}", data):
            self.texts.append(" ".join(data.split()))


def untranslated(html: str) -> list[str]:
    """Text not from the catalogue, leaving out the council's own lists (relationships,
    ethnicities), which the council words and translates itself."""
    parser = MainText()
    parser.feed(html)
    council_words = set(Lookup.objects.values_list("label", flat=True))
    council_words |= {lookup.group_label for lookup in Lookup.objects.filter(parent__isnull=False)}
    return [t for t in parser.texts if "‹" not in t and "›" not in t and t not in council_words]


@pytest.fixture
def pseudo_locale(tmp_path, settings):
    if not shutil.which("msgfilter"):
        pytest.fail("GNU gettext is not installed: run `make test`, which installs it")
    folder = tmp_path / "pl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    english = subprocess.run(["msgen", str(CATALOGUE)], capture_output=True, check=True).stdout
    wrapped = subprocess.run(
        ["msgfilter", "--keep-header", "sed", "-e", "1s/^/‹/", "-e", "$s/$/›/"],
        input=english,
        capture_output=True,
        check=True,
    ).stdout
    (folder / "django.po").write_bytes(wrapped)
    subprocess.run(["msgfmt", "-o", str(folder / "django.mo"), str(folder / "django.po")], check=True)
    settings.LOCALE_PATHS = [tmp_path]
    settings.LANGUAGES = [("en-gb", "English"), ("pl", "Polski")]
    trans_real._translations = {}
    trans_real._default = None
    yield
    trans_real._translations = {}
    trans_real._default = None
    translation.activate(settings.LANGUAGE_CODE)


@pytest.mark.django_db
def test_every_public_page_is_fully_translatable(client, pseudo_locale, django_capture_on_commit_callbacks):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "pl"
    pages = ["/feedback/", "/feedback/young-people/", "/feedback/easy-read/", "/track/"]
    problems = {page: untranslated(client.get(page).content.decode()) for page in pages}

    answers = daughter_for_mother()
    seen = []
    original_post = client.post

    def post_and_read(path, data=None, **extra):
        seen.append(path)
        problems[path] = untranslated(client.get(path).content.decode())
        return original_post(path, data, **extra)

    client.post = post_and_read
    check = fill_in(client, answers)
    client.post = original_post
    assert len(seen) > 10
    problems["check"] = untranslated(check.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/feedback/check-your-answers/", {"website": ""})
    problems["sent"] = untranslated(client.get("/feedback/sent/").content.decode())
    problems["sent easy read"] = untranslated(client.get("/feedback/sent/easy-read/").content.decode())

    assert {page: texts for page, texts in problems.items() if texts} == {}
    assert "‹Complain, compliment or comment about social care›" in client.get("/feedback/").content.decode()


@pytest.mark.django_db
def test_the_public_error_pages_are_translatable(client, pseudo_locale, send):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "pl"
    client.raise_request_exception = False
    problems = {"not found": untranslated(client.get("/feedback/no-such-question/").content.decode())}
    with database_down():
        outage = client.get("/feedback/").content.decode()
    problems["outage"] = untranslated(outage)
    fill_in(client, daughter_for_mother())
    with connection.execute_wrapper(lock_writes):
        problems["not sent"] = untranslated(send().content.decode())
    assert {page: texts for page, texts in problems.items() if texts} == {}
