"""Settings for Redress, read from environment variables.

Production needs SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL. On a developer's machine `make run`
writes a git-ignored `.env` (DEBUG=1 and a generated SECRET_KEY) and uses an embedded SQLite
database; nothing else has DEBUG on.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def read_local_env(path: Path) -> None:
    """Take NAME=value lines from the local file `make run` writes, for variables the environment
    does not set, so that commands typed on a developer's machine need no production secrets."""
    if not path.is_file():
        return
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, equals, value = line.partition("=")
        if not equals or not name.strip():
            raise ImproperlyConfigured(f"{path}, line {number}: each line must be NAME=value")
        os.environ.setdefault(name.strip(), value.strip())


TESTING = env_bool("REDRESS_TESTING")
# Tests ignore a developer's local file, so they run alike on every machine.
# REDRESS_ENV_FILE names another file, or none when empty, as a production check on a
# developer's machine needs.
LOCAL_ENV_FILE = os.environ.get("REDRESS_ENV_FILE", str(BASE_DIR / ".env"))
if not TESTING and LOCAL_ENV_FILE:
    read_local_env(Path(LOCAL_ENV_FILE))
DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("Set SECRET_KEY: a long random string kept out of the code.")
    SECRET_KEY = "insecure-key-for-local-use-only-" + "x" * 32

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "auditlog",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "redress",
    "redress.accounts",
    "redress.audit",
    "redress.configuration",
    "redress.procedures",
    "redress.cases",
    "redress.intake",
    "redress.ombudsman",
    "redress.performance",
    "redress.notifications",
    "redress.learning",
    "redress.tasks",
    "redress.correspondence",
    "redress.imports",
    "redress.reporting",
    "redress.retention",
    "redress.information_rights",
    "redress.demo",
    # After our apps, so that our GOV.UK form templates override Django's own.
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, so that static files keep their long cache; every other response is
    # no-store, private (redress/caching.py).
    "redress.caching.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends idle and old sessions, and holds a password an administrator set until it is changed.
    "redress.accounts.sessions.SessionLimits",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "redress.client_address.TrustedProxyAuditlogMiddleware",
    # Last, so that a locked-out sign-in is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "redress.urls"
WSGI_APPLICATION = "redress.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "redress.configuration.context_processors.council",
                "redress.accounts.sessions.timeout_warning",
            ],
        },
    },
]
# Form fields render as GOV.UK Design System components (redress/templates/django/forms).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker or an import writes. Connections are kept
    # (CONN_MAX_AGE above), as on PostgreSQL: closing the last one after every request would
    # checkpoint the WAL into the database each time, which made every page wait for the disk.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "cases:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Only when the OIDC settings below are set.
    "redress.accounts.oidc.CouncilSignInBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Our own rules (accounts/password_rules.py): NotBreached stands in for Django's
    # CommonPasswordValidator, whose list it reads.
    {"NAME": "redress.accounts.password_rules.NotBreached"},
    {"NAME": "redress.accounts.password_rules.NotRepeated"},
    {"NAME": "redress.accounts.password_rules.NotAboutTheAccount"},
]
# A link to reset a forgotten password works once, for an hour.
PASSWORD_RESET_TIMEOUT = 60 * 60

# Lock an account for 30 minutes after 5 failed sign-ins from one address (the visitor's, as our
# proxy saw it), so no one can lock a colleague out from elsewhere; and refuse an address where
# sign-ins to SIGN_IN_ADDRESS_LIMIT different user names failed in those 30 minutes, which is
# what trying a few passwords on each of many accounts looks like (redress/accounts/lockout.py).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
SIGN_IN_ADDRESS_LIMIT = int(os.environ.get("SIGN_IN_ADDRESS_LIMIT", "10"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "redress.client_address.counted_address"
AXES_HANDLER = "redress.accounts.lockout.SignInHandler"
AXES_LOCKOUT_CALLABLE = "redress.accounts.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False


# Two-factor authentication (redress/accounts/two_factor.py): what an authenticator app calls
# the codes, and a wait that doubles after each wrong code (1, 2, 4, 8 ... seconds).
def authenticator_issuer(device) -> str:
    from redress.configuration.models import Council

    return f"{Council.current().name} complaints"


OTP_TOTP_ISSUER = authenticator_issuer
OTP_TOTP_THROTTLE_FACTOR = OTP_STATIC_THROTTLE_FACTOR = 1

# Signing in with the council's identity provider over OpenID Connect (redress/accounts/oidc.py),
# on when the client's id and secret and the issuer (or each endpoint) are set. For Microsoft
# Entra ID the issuer is https://login.microsoftonline.com/<tenant id>/v2.0.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
# The button on the sign-in page says "Sign in with" this.
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "your council account")
OIDC_RP_SCOPES = "openid email"
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc-callback"

# A session ends after SESSION_IDLE_MINUTES with nothing done (a warning comes 2 minutes before)
# and 8 hours after signing in whatever is done (accounts/sessions.py).
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_MAX_HOURS = 8
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not (DEBUG or TESTING)
CSRF_COOKIE_SECURE = not (DEBUG or TESTING)
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not (DEBUG or TESTING))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG or TESTING else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Only our own files; the one inline script (GOV.UK Frontend's js-enabled class) has a nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "style-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
# The public pages can be offered in more languages once their catalogue in locale/ is translated
# and compiled (manage.py compilemessages): EXTRA_LANGUAGES=pl,ur
LANGUAGES = [("en-gb", "English")] + [(code, LANG_INFO[code]["name_local"]) for code in env_list("EXTRA_LANGUAGES")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# In development and tests WhiteNoise serves straight from the source folders.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# Uploaded files (council logo, later attachments) live outside the static web root and are
# served only through views that check permissions.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "complaints@example.gov.uk")
# Where reminders about cases with no manager go, and the address links in emails start with.
COMPLAINTS_TEAM_EMAIL = os.environ.get("COMPLAINTS_TEAM_EMAIL", DEFAULT_FROM_EMAIL)
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Optional text messages through GOV.UK Notify; the template needs a ((message)) placeholder.
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_SMS_TEMPLATE_ID = os.environ.get("NOTIFY_SMS_TEMPLATE_ID", "")

# The public online form.
# How long someone can do nothing before the form closes (their answers are kept for a week).
INTAKE_IDLE_MINUTES = int(os.environ.get("INTAKE_IDLE_MINUTES", "60"))
INTAKE_DRAFT_DAYS = 7
ATTACHMENT_MAX_MB = int(os.environ.get("ATTACHMENT_MAX_MB", "10"))
# A function given the stored file's path that returns "clean", "not_scanned" or "infected".
# The default streams the file to ClamAV's daemon at CLAMD_SOCKET (Debian's clamav-daemon listens
# at /run/clamav/clamd.ctl); without CLAMD_SOCKET files are kept unscanned and `check --deploy` warns.
ATTACHMENT_SCANNER = os.environ.get("ATTACHMENT_SCANNER", "redress.intake.files.clamav")
# How many proxies of the council's own stand in front of Redress, each adding the address it was
# connected from to X-Forwarded-For; 0 when visitors connect straight to it (redress/client_address.py).
# CLIENT_ADDRESS_HEADER, which it replaces, named that header for a deployment behind one proxy.
_old_header_set = os.environ.get("CLIENT_ADDRESS_HEADER", "REMOTE_ADDR") != "REMOTE_ADDR"
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1" if _old_header_set else "0"))
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("Set TRUSTED_PROXY_COUNT to the number of proxies in front of Redress, 0 for none.")
CLAMD_SOCKET = os.environ.get("CLAMD_SOCKET", "")
# The limits on what one address (or one case or email address) may do on the public pages
# (redress/intake/throttle.py LIMITS). On unless PUBLIC_RATE_LIMITS=off, which only a load test
# should set: `check --deploy` refuses it.
PUBLIC_RATE_LIMITS = env_bool("PUBLIC_RATE_LIMITS", True)

# Background work (emails, imports, report documents, reminders) runs in `manage.py worker`;
# tests run tasks at once, in the request.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend" if TESTING else "django_tasks_db.DatabaseBackend"
    }
}

# An annual report document of a year with more complaints than this is built by the worker, with a
# progress page, rather than while the browser waits (redress/reporting/downloads.py).
REPORT_BUILT_WHILE_YOU_WAIT = int(os.environ.get("REPORT_BUILT_WHILE_YOU_WAIT", "5000"))

AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_DISABLE_REMOTE_ADDR = False

# Logs carry no personal data: request paths are logged, never form contents or names.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Document rendering libraries report every step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "matplotlib": {"level": "WARNING"},
    },
}
