"""Settings shared by every deployment, read from the environment.

DANTINH_MODE=production makes the settings strict: a secret key, allowed hosts and a
database URL must be given. The embedded default (SQLite under var/) needs nothing.
"""

import datetime as dt
import os

import dj_database_url
from cryptography.fernet import Fernet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from dantinh.config.env import PACKAGE_DIR, env_bool, env_list, local_secret, var_dir
from dantinh.config.keys import parse_data_keys

PRODUCTION = os.environ.get("DANTINH_MODE", "embedded").strip().lower() == "production"
VAR_DIR = var_dir()

SECRET_KEY = local_secret("SECRET_KEY", VAR_DIR, production=PRODUCTION)
# Key for personal data encrypted at rest (SPEC §11); several keys may be given, newest first.
DATA_KEYS = parse_data_keys(
    local_secret(
        "DATA_KEYS", VAR_DIR, production=PRODUCTION, generate=lambda: Fernet.generate_key().decode()
    )
)
DEBUG = env_bool("DANTINH_DEBUG", False)
ALLOWED_HOSTS = env_list(
    "DANTINH_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DANTINH_ALLOWED_HOSTS must be set in production.")
CSRF_TRUSTED_ORIGINS = env_list("DANTINH_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "huey.contrib.djhuey",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "dantinh.core",
    "dantinh.org",
    "dantinh.accounts",
    "dantinh.intake",
    "dantinh.language",
    "dantinh.reporting",
    "dantinh.recommendations",
    "dantinh.cases",
    "dantinh.documents",
    "dantinh.alerts",
    "dantinh.media",
    "dantinh.insight",
    "dantinh.programme",
    "dantinh.protection",
    "dantinh.api",
    "dantinh.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dantinh.accounts.middleware.IdleSessionMiddleware",
    "dantinh.core.locale.LanguageMiddleware",
    "dantinh.core.middleware.NulQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After htmx (it answers htmx requests with a client-side redirect) and before the views:
    # a signed-in person who still owes a second factor or a new password goes there first.
    "dantinh.accounts.middleware.AccountGateMiddleware",
    "dantinh.core.middleware.DomainErrorMiddleware",
    # Last, as its documentation asks: turns a lockout flagged during sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dantinh.config.urls"
WSGI_APPLICATION = "dantinh.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "dantinh.org.context_processors.site",
                "dantinh.recommendations.context_processors.menu",
            ],
        },
    }
]

SQLITE_PATH = VAR_DIR / "dantinh.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DANTINH_DATABASE_URL") or f"sqlite:///{SQLITE_PATH}",
        conn_max_age=int(os.environ.get("DANTINH_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while the worker writes; IMMEDIATE avoids "database is locked"
    # when a read transaction upgrades to a write.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
            " PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.User"

# Axes first: it refuses a locked-out account before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["dantinh.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # plotly.js from the installed plotly package (never copied into the repository)
    "dantinh.core.staticfinders.PackageDataFinder",
]
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Uploads above this size are refused with a message instead of filling the disk.
DANTINH_MAX_UPLOAD_BYTES = int(os.environ.get("DANTINH_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# A session ends after this long without a request; each request starts the count again
# (dantinh.accounts.middleware.IdleSessionMiddleware).
SESSION_COOKIE_AGE = 60 * int(os.environ.get("DANTINH_SESSION_IDLE_MINUTES", "30"))

# --- HTTPS (production) -------------------------------------------------------------------
# Production is served over TLS (usually by a proxy in front): browsers are told to use HTTPS
# only (HSTS), plain HTTP is redirected. DANTINH_PROXY_SSL_HEADER names the header by which the
# proxy says the request came over HTTPS (e.g. X-Forwarded-Proto): set it only when the proxy
# always sets or overwrites that header, or anyone could claim HTTPS.
SECURE_SSL_REDIRECT = env_bool("DANTINH_SSL_REDIRECT", PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the proxy's health checks may come over plain HTTP
SECURE_HSTS_SECONDS = int(
    os.environ.get("DANTINH_HSTS_SECONDS", str(365 * 24 * 3600 if PRODUCTION else 0))
)
# Subdomains of dantinh's own host name (not its siblings): on with HSTS in production.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DANTINH_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
# Browsers' preload list is for public names an owner submits; an intranet host cannot be on it,
# so the check asking for the flag (security.W021) is silenced below. Public deployments that
# submit their name set DANTINH_HSTS_PRELOAD=1.
SECURE_HSTS_PRELOAD = env_bool("DANTINH_HSTS_PRELOAD", False)
_proxy_header = os.environ.get("DANTINH_PROXY_SSL_HEADER", "").strip()
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _proxy_header.upper().replace("-", "_").removeprefix("HTTP_"),
        "https",
    )
SECURE_REFERRER_POLICY = "same-origin"

# --- Content-Security-Policy --------------------------------------------------------------
# Scripts and stylesheets from the application's own static files only: no inline script, no
# event handler attribute, no CDN. Style attributes stay allowed (bar widths drawn from data);
# <style> elements do not, except an empty one (the hash of ""): plotly.js adds an empty
# <style> and fills it through the CSS object model (its hover labels and download buttons),
# which a policy does not govern; an empty element can carry nothing.
EMPTY_STYLE = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, EMPTY_STYLE],
        "style-src-attr": ["'unsafe-inline'"],
        # blob: pictures are made by the page's own scripts: plotly.js draws a chart into one
        # to save it as PNG
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Sign-in: lockout, second factor, API tokens ------------------------------------------
# After DANTINH_LOGIN_FAILURE_LIMIT wrong passwords in a row for one account, that account is
# refused for DANTINH_LOGIN_COOLOFF_MINUTES (or until an administrator unlocks it). By account,
# not by address: offices sign in from behind one address.
AXES_FAILURE_LIMIT = int(os.environ.get("DANTINH_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("DANTINH_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks for the address among the lockout parameters, against attackers who rotate
# their User-Agent or cookies to dodge a lock on a (username, address, agent) combination. A
# lock by user name alone counts every failure for the account whatever the address or agent,
# so rotating them dodges nothing; and a lock by address would lock a whole office out.
# models.W040: the recommendations' covering indexes carry INCLUDE columns, a PostgreSQL
# optimisation; SQLite builds the same indexes on their key columns and ignores the rest.
SILENCED_SYSTEM_CHECKS = ["axes.W006", "security.W021", "models.W040"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dantinh.accounts.views.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in the audit trail
AXES_VERBOSE = False
# Leaders, administrators and superusers must use a second factor (TOTP) when this is on.
DANTINH_REQUIRE_2FA = env_bool("DANTINH_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = os.environ.get("DANTINH_SITE_NAME", "") or "dantinh"
# API tokens are issued for at most this many days (the older DRF tokens expire as long after
# they were created).
DANTINH_API_TOKEN_MAX_DAYS = int(os.environ.get("DANTINH_API_TOKEN_MAX_DAYS", "365"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "dantinh.accounts.authentication.ApiTokenAuthentication",
        "dantinh.accounts.authentication.ExpiringDrfTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON bounded in size and depth (a deeply nested body answers 400, not 500)
    "DEFAULT_PARSER_CLASSES": [
        "dantinh.api.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "dantinh.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "EXCEPTION_HANDLER": "dantinh.api.plumbing.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "dantinh API",
    "DESCRIPTION": "Units and items of the people's situation, within the caller's scope.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Deny by default: the description of the API is for its signed-in users too.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Two choice sets named "kind" (a unit's, a meeting's): each gets its own name.
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "dantinh.org.models.Unit.Kind",
        "MeetingKindEnum": "dantinh.programme.models.meetings.Meeting.Kind",
    },
}

# The task queue: SQLite storage under var/ by default (no extra server); Redis in production.
REDIS_URL = os.environ.get("DANTINH_REDIS_URL", "")
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.PriorityRedisHuey",
        "name": "dantinh",
        "url": REDIS_URL,
        "immediate": False,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "dantinh",
        "filename": str(VAR_DIR / "tasks.sqlite3"),
        "immediate": False,
    }
HUEY["consumer"] = {"workers": int(os.environ.get("DANTINH_WORKERS", "2")), "worker_type": "thread"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DANTINH_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

DANTINH_SITE_NAME = os.environ.get("DANTINH_SITE_NAME", "")
# The language models the deployment trains (from the seed corpus, then its corrections).
DANTINH_MODEL_DIR = os.environ.get("DANTINH_MODEL_DIR", str(VAR_DIR / "models"))
# The seed corpus those models train on before any correction (JSONL files, comma-separated);
# empty: the seeds shipped in dantinh/language/data.
DANTINH_MODEL_SEED = env_list("DANTINH_MODEL_SEED", [])
# Processes that label a large import (default 0: one per core; 1: labelling in one process).
DANTINH_IMPORT_WORKERS = int(os.environ.get("DANTINH_IMPORT_WORKERS", "0"))
# A deployment's own Word template for official reports (see docs/report-template.md).
DANTINH_REPORT_TEMPLATE = os.environ.get("DANTINH_REPORT_TEMPLATE", "")

# --- E-mail (reporting reminders and chasing) -------------------------------------------
# SMTP when DANTINH_EMAIL_HOST is set; otherwise (the embedded default) each message is
# written as a file under var/mail/ so that nothing leaves the machine.
EMAIL_HOST = os.environ.get("DANTINH_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("DANTINH_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("DANTINH_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DANTINH_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("DANTINH_EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("DANTINH_EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = int(os.environ.get("DANTINH_EMAIL_TIMEOUT", "20"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DANTINH_EMAIL_FROM", "dantinh@localhost")
# The address of the site, for links in e-mails.
DANTINH_BASE_URL = os.environ.get("DANTINH_BASE_URL", "http://127.0.0.1:8000")
# --- end of e-mail -----------------------------------------------------------------------
