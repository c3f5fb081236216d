"""The one settings module. Everything that differs between machines comes from the environment.

Environment variables:
  DATABASE_URL             postgres://user:pass@host:port/name; default: SQLite under var/
  REDRESS_SECRET_KEY       Django's secret key (required unless REDRESS_DEBUG=1, which then
                           makes a random one once and keeps it in VAR_DIR, mode 0600)
  REDRESS_VAULT_KEYS       comma-separated Fernet keys for the contact vault; the first encrypts,
                           all decrypt (so keys can be rotated)
  REDRESS_DEBUG            1 for development
  REDRESS_ALLOWED_HOSTS    comma-separated host names; default 127.0.0.1,localhost
  REDRESS_CONTACT_RETENTION_DAYS  days after closure before contact details are purged (180)
  REDRESS_DB_PREPARE       0 to prepare no statements on PostgreSQL (for an old PgBouncer)
  REDRESS_GROUP_COMMIT     0 to commit each grievance on its own (see redress.core.groupcommit)
  REDRESS_DB_CHECK_AFTER_IDLE  seconds a PostgreSQL connection may sit unused before a request
                           checks it with SELECT 1 (1; see redress.core.postgresql)
  REDRESS_HTTPS            1 when served over HTTPS: secure cookies, http redirected, HSTS (0)
  REDRESS_BEHIND_PROXY     1 behind a TLS-terminating proxy that sets X-Forwarded-Proto (0)
  REDRESS_HSTS_SECONDS     HSTS max-age with REDRESS_HTTPS=1 (31536000);
                           REDRESS_HSTS_INCLUDE_SUBDOMAINS and REDRESS_HSTS_PRELOAD (1 each)
  REDRESS_SESSION_IDLE_MINUTES  a staff session ends after this many idle minutes (30)
  REDRESS_REFERENCE_CHECK_MS  how often, at most, each process looks whether reference data
                           changed in another one (1000; 0: on every cached read; see
                           redress.core.refcache)
  REDRESS_LOGIN_MAX_FAILURES  failed sign-ins for one user name from one address before a
                           15-minute block (5); REDRESS_LOGIN_MAX_FAILURES_PER_ADDRESS for an
                           address over all names (50)
  REDRESS_LOGIN_THROTTLE_STORE  database (a shared table) or cache (Django's default cache,
                           which must then be shared, e.g. Redis) (database)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("REDRESS_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _development_secret_key(path: Path) -> str:
    """A random key made once per machine and kept under VAR_DIR (mode 0600), so that every
    worker and every restart of a development server signs with the same key. It is written
    to a private temporary file and linked into place, so two workers starting at once agree
    on whichever key was linked first and never read a half-written file."""
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(50)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key)
    try:
        os.link(temporary, path)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
    finally:
        temporary.unlink()
    return key


VAR_DIR.mkdir(parents=True, exist_ok=True)
DEBUG = _env_bool("REDRESS_DEBUG")
SECRET_KEY = os.environ.get("REDRESS_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "REDRESS_SECRET_KEY is not set. `make run` writes one to var/local.env; "
            "in production set it in the environment."
        )
    SECRET_KEY = _development_secret_key(VAR_DIR / "development-secret-key")

# Tests add "testserver" themselves (Django's test environment setup).
ALLOWED_HOSTS = _env_list("REDRESS_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = _env_list("REDRESS_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "redress.core",
    "redress.orgs",
    "redress.cases",
    "redress.clocks",
    "redress.contacts",
    "redress.intake",
    "redress.demo",
    "redress.open311",
    "redress.api",
    # The order below is also the order in which seed_demo adds each app's demo data (the
    # DemoBuilder orders registered in each ready() follow it, see redress/demo/extensions.py)
    # and in which the worker runs their passes: the alerts come first (letters and briefings
    # cite them), the score run needs the letters, projects and liaison reports; the briefing
    # comes last.
    "redress.earlywarning",
    "redress.obligations",
    "redress.assessments",
    "redress.supervision",
    "redress.conferences",
    "redress.liaison",
    "redress.scorecards",
    "redress.dataio",
    "redress.reports",
    # Only for the API docs page: its templates and the Swagger UI files it ships.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "redress.core.sessions.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "redress" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'redress.sqlite3'}",
        conn_max_age=int(os.environ.get("REDRESS_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while the worker writes; a busy timeout avoids spurious
    # "database is locked" errors when the web process and run_clocks write at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "redress.core.postgresql"
    # JIT compilation pays off for long analytic queries, not for the short ones a request
    # makes; its compile time (over 100 ms) would land on ordinary page loads.
    DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off"}
    # Lets the statements that ask for it (intake's one-statement insert, see
    # redress.core.inserts) be prepared on the server once per connection. Django's own queries
    # bind on the client and are never prepared. REDRESS_DB_PREPARE=0 turns it off, for a
    # pooler that cannot carry prepared statements (PgBouncer before 1.21 in transaction mode).
    if _env_bool("REDRESS_DB_PREPARE", default=True):
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "orgs.User"
# Django's model backend behind the sign-in throttle, for both the staff and the admin door.
AUTHENTICATION_BACKENDS = ["redress.orgs.backends.ThrottledModelBackend"]
LOGIN_URL = "/staff/login/"
LOGIN_REDIRECT_URL = "/staff/"
LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "redress" / "locale"]
TIME_ZONE = os.environ.get("REDRESS_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "redress" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# A staff session ends after this many idle minutes (redress.core.sessions pushes the expiry
# forward at most once a minute; public pages carry no session, so they write nothing).
REDRESS_SESSION_IDLE_MINUTES = int(os.environ.get("REDRESS_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = REDRESS_SESSION_IDLE_MINUTES * 60

# Served over HTTPS: cookies only over TLS, plain http redirected, and browsers told to come
# back over https only (HSTS). Off by default so that `make run` works on http://127.0.0.1.
REDRESS_HTTPS = _env_bool("REDRESS_HTTPS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = REDRESS_HTTPS
SECURE_HSTS_SECONDS = (
    int(os.environ.get("REDRESS_HSTS_SECONDS", "31536000")) if REDRESS_HTTPS else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("REDRESS_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = _env_bool("REDRESS_HSTS_PRELOAD", default=True)
# Behind a TLS-terminating proxy, which must set X-Forwarded-Proto itself (overwriting any the
# client sent); otherwise every request would look like plain http and loop on the redirect.
if _env_bool("REDRESS_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Every script and style is a file under /static/: no inline code, no third-party origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# The contact vault. Keys are Fernet keys (urlsafe base64, 32 bytes).
REDRESS_VAULT_KEYS = _env_list("REDRESS_VAULT_KEYS")
REDRESS_CONTACT_RETENTION_DAYS = int(os.environ.get("REDRESS_CONTACT_RETENTION_DAYS", "180"))

# Mail (the major-risk fast lane e-mails the area's directors). The console backend by default;
# set REDRESS_EMAIL_BACKEND (and Django's EMAIL_* options through OPTIONS) for a real server.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "REDRESS_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("REDRESS_FROM_EMAIL", "redress@localhost")

# The escalation ladder, in working days relative to the due date (negative: before it).
REDRESS_ESCALATION_LADDER = [
    ("reminder", -2),
    ("escalation", 0),
    ("warning", 5),
]
REDRESS_WORKER_INTERVAL_SECONDS = int(os.environ.get("REDRESS_WORKER_INTERVAL_SECONDS", "60"))
REDRESS_WORKER_BATCH_SIZE = int(os.environ.get("REDRESS_WORKER_BATCH_SIZE", "2000"))
# Limits on an uploaded import file (redress.dataio.formats), past which it is a file error.
REDRESS_IMPORT_MAX_ROWS = int(os.environ.get("REDRESS_IMPORT_MAX_ROWS", "2000000"))
REDRESS_IMPORT_MAX_COLUMNS = int(os.environ.get("REDRESS_IMPORT_MAX_COLUMNS", "200"))
# An XLSX's members as its zip directory declares them: in all, each, and each's inflation.
REDRESS_IMPORT_XLSX_MAX_BYTES = int(os.environ.get("REDRESS_IMPORT_XLSX_MAX_BYTES", str(2 << 30)))
REDRESS_IMPORT_XLSX_MAX_MEMBER_BYTES = int(
    os.environ.get("REDRESS_IMPORT_XLSX_MAX_MEMBER_BYTES", str(1 << 30))
)
REDRESS_IMPORT_XLSX_MAX_RATIO = int(os.environ.get("REDRESS_IMPORT_XLSX_MAX_RATIO", "100"))
# Pixels a photo may decode to (after a JPEG's reduced decode): 24 MP is a 6000 x 4000 camera.
REDRESS_PHOTO_MAX_PIXELS = int(os.environ.get("REDRESS_PHOTO_MAX_PIXELS", "24000000"))
# /healthz fails when a worker pass has not succeeded for this long (default: 3 passes + 1 min).
REDRESS_WORKER_STALE_SECONDS = int(
    os.environ.get("REDRESS_WORKER_STALE_SECONDS", 3 * REDRESS_WORKER_INTERVAL_SECONDS + 60)
)
REDRESS_REQUIRE_WORKER = _env_bool("REDRESS_REQUIRE_WORKER")  # never ran -> /healthz fails
# Commit the grievances that threads of one server process submit at the same moment together,
# on PostgreSQL (redress.core.groupcommit). 0 turns it off.
REDRESS_GROUP_COMMIT = _env_bool("REDRESS_GROUP_COMMIT", default=True)
REDRESS_DB_CHECK_AFTER_IDLE = float(os.environ.get("REDRESS_DB_CHECK_AFTER_IDLE", "1"))
# The office's week and deadlines that are not per-policy: weekend days (Monday is 0), the
# liaison's weekly report deadline (weekday and HH:MM), and the working days a letter from the
# level above gives an overdue unit.
REDRESS_WEEKEND_DAYS = tuple(int(day) for day in _env_list("REDRESS_WEEKEND_DAYS", "5,6"))
REDRESS_LIAISON_DUE_WEEKDAY = int(os.environ.get("REDRESS_LIAISON_DUE_WEEKDAY", "0"))
REDRESS_LIAISON_DUE_TIME = os.environ.get("REDRESS_LIAISON_DUE_TIME", "12:00")
REDRESS_ESCALATION_LETTER_WORKING_DAYS = int(
    os.environ.get("REDRESS_ESCALATION_LETTER_WORKING_DAYS", "5")
)
# The address the product is reached at, for links in e-mails (empty: relative links).
REDRESS_SITE_URL = os.environ.get("REDRESS_SITE_URL", "")
REDRESS_REFERENCE_CHECK_MS = int(os.environ.get("REDRESS_REFERENCE_CHECK_MS", "1000"))
# Sign-in throttling (redress.orgs.throttle), shared by the staff and admin sign-in pages.
REDRESS_LOGIN_MAX_FAILURES = int(os.environ.get("REDRESS_LOGIN_MAX_FAILURES", "5"))
REDRESS_LOGIN_MAX_FAILURES_PER_ADDRESS = int(
    os.environ.get("REDRESS_LOGIN_MAX_FAILURES_PER_ADDRESS", "50")
)
REDRESS_LOGIN_THROTTLE_STORE = os.environ.get("REDRESS_LOGIN_THROTTLE_STORE", "database")
if REDRESS_LOGIN_THROTTLE_STORE not in {"database", "cache"}:
    raise ImproperlyConfigured("REDRESS_LOGIN_THROTTLE_STORE must be database or cache.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("REDRESS_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
