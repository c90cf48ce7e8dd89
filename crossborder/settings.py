"""Crossborder settings: one module, configured from the environment (12-factor).

SQLite is the default database so that `make demo` needs nothing installed; set DATABASE_URL
for PostgreSQL in production.
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from crossborder.object_storage import object_storage, object_storage_origin

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("CROSSBORDER_INSECURE_DEV_KEY", False):
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# The issuer's Ed25519 signing keys (credentials/signing/keys.py): files outside the database,
# created by `manage.py credential_keys --ensure`. Back this folder up: losing the current
# private key means issuing with a new one (old credentials still verify via did.json).
CREDENTIAL_KEY_DIR = Path(
    os.environ.get("CREDENTIAL_KEY_DIR", str(BASE_DIR / "var" / "credential-keys"))
)
# What every certificate states about who issues and signs it, and the issuer's country (the
# European Learning Model export requires it: an ISO 3166 code).
CREDENTIAL_ISSUER_NAME = os.environ.get("CREDENTIAL_ISSUER_NAME", "Crossborder training programme")
CREDENTIAL_SIGNATORY = os.environ.get(
    "CREDENTIAL_SIGNATORY", "Dr Marta Kowalska, Programme director"
)
CREDENTIAL_ISSUER_COUNTRY = os.environ.get("CREDENTIAL_ISSUER_COUNTRY", "BE")


def env_rate(name: str, default: str) -> tuple[int, int]:
    """A limit from the environment, written "count/seconds"."""
    rate = os.environ.get(name, default)
    if not re.fullmatch(r"[1-9][0-9]*/[1-9][0-9]*", rate):
        raise ImproperlyConfigured(f"{name} must read count/seconds ({default}): {rate!r}")
    count, seconds = rate.split("/")
    return int(count), int(seconds)


# Certificate lookups (page, API, downloads) allowed per client address.
CREDENTIAL_VERIFY_RATE = env_rate("CREDENTIAL_VERIFY_RATE", "60/60")
# Retention (crossborder/enrolment/retention.py, docs/security.md): days after a seminar's last
# day until the files uploaded with its applications are deleted, and months until the
# applications of people who had no seat are deleted.
RETENTION_UPLOADS_DAYS = int(os.environ.get("RETENTION_UPLOADS_DAYS", "90"))
RETENTION_NOT_SELECTED_MONTHS = int(os.environ.get("RETENTION_NOT_SELECTED_MONTHS", "12"))
# Library searches through the API by anonymous callers, per client address (people who sign in
# or use a token are not counted here).
LIBRARY_SEARCH_RATE = env_rate("LIBRARY_SEARCH_RATE", "120/60")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # search vectors on PostgreSQL; harmless on SQLite
    "django_countries",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "django_tasks_db",
    "simple_history",
    "crossborder.accounts",
    "crossborder.audit",
    "crossborder.curriculum",
    "crossborder.seminars",
    "crossborder.enrolment",
    "crossborder.learning",
    "crossborder.library",
    "crossborder.authoring",
    "crossborder.evaluation",
    "crossborder.workshops",
    "crossborder.labs",
    "crossborder.credentials",
    "crossborder.credentials.signing",  # keys, Open Badges, status list, verifier, ELM
    "crossborder.privacy",
    "crossborder.referrals",
    "crossborder.network",
    "crossborder.demo",
    "crossborder.scheduling",
    "crossborder.backups",  # manage.py backup / restore (make backup, make restore)
]

# Background work (django.tasks): queued in the database, run by `manage.py db_worker`;
# recurring jobs are enqueued by `manage.py scheduler` (see crossborder/scheduling/).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Tasks that are safe to run again (crossborder/scheduling/retrying.py): runs in all, the delay
# before the first retry (doubled each time), and how long "running" means the worker is lost.
TASK_RETRIES = int(os.environ.get("TASK_RETRIES", "3"))
TASK_RETRY_DELAY_SECONDS = float(os.environ.get("TASK_RETRY_DELAY_SECONDS", "60"))
TASK_LOST_AFTER_SECONDS = float(os.environ.get("TASK_LOST_AFTER_SECONDS", "900"))

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A body larger than MAX_REQUEST_BYTES is refused before the CSRF check would read it.
    "crossborder.uploads.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records who made each change in the authoring history (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "crossborder.accounts.middleware.RequireStaffMFAMiddleware",
    "crossborder.accounts.middleware.ClearSiteDataOnSignOutMiddleware",
]

# The largest request body accepted (all files of one form together); larger ones get a 413
# page unread. Form fields without files: Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB).
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_MB", "40")) * 1024 * 1024
# Files above this size are streamed to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

ROOT_URLCONF = "crossborder.urls"
WSGI_APPLICATION = "crossborder.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "crossborder" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "crossborder.navigation.context",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    (BASE_DIR / "var").mkdir(exist_ok=True)

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'crossborder.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and an immediate transaction mode let several gunicorn workers write safely.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if DEBUG else DATABASES["default"]["CONN_MAX_AGE"]

# "charts": the indicator dashboard's drawings, shared by every process — the web workers read
# what the task worker drew ahead (evaluation/reports/tasks.py): Redis, or files under var/.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        },
        "charts": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "charts",
            "TIMEOUT": 7 * 24 * 3600,
        },
    }
else:
    CACHES = {
        # Shared by every process, so that sign-in throttling, the TOTP replay check and the
        # rate limits hold across gunicorn workers and servers: never a per-process memory
        # cache. The table is made by a migration (accounts/migrations/0003_cache_table.py).
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "crossborder_cache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
        "charts": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CHART_CACHE_DIR", str(BASE_DIR / "var" / "charts")),
            "TIMEOUT": 7 * 24 * 3600,
            "OPTIONS": {"MAX_ENTRIES": 3000},
        },
    }

# Each process's own copy of what every request reads and may be a minute old: a quiz's question
# bank (crossborder/learning/services.py), read on every answer saved. Versions keep attempts
# right whatever copy a process holds; a question added or hidden reaches new attempts within
# the minute. (Read from the shared cache, the bank made each save a database round trip of its
# whole pickled bank: the quiz storm's p95 went from 100 ms with Redis to 720 ms on PostgreSQL.)
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "crossborder-local",
    "TIMEOUT": 60,
}

# Sessions live in the database; with Redis, reads are served from the cache (cached_db).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if os.environ.get("REDIS_URL")
    else "django.contrib.sessions.backends.db"
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if env_bool("CROSSBORDER_FAST_PASSWORD_HASHER", False):
    # Tests only: hashing with the default hasher dominates a suite that signs in often.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# django-allauth: the email address is the sign-in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# Sign-up and password reset never say whether an address has an account: on a platform of
# police officers, judges and NGO staff, that an address is registered is itself information.
# The owner of a taken address gets an email instead (docs/security.md).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_RATE_LIMITS = {
    # Throttle failed sign-ins per IP and per account (allauth counts them in the cache).
    "login_failed": "10/m/ip,5/5m/key",
    # Checking an uploaded credential (page and API), per client IP.
    "credential_verify": "30/m/ip",
}
ACCOUNT_SIGNUP_FORM_CLASS = "crossborder.accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "crossborder.accounts.adapter.AccountAdapter"
MFA_ADAPTER = "crossborder.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Crossborder"
# Accept the code of the previous or next 30-second step: phones drift, people type slowly.
MFA_TOTP_TOLERANCE = 1
LOGIN_REDIRECT_URL = "dashboard"
LOGIN_URL = "account_login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("de", _("German"))]
# English dates in the European way (crossborder/formats/en/formats.py); French and German
# keep Django's own formats.
FORMAT_MODULE_PATH = ["crossborder.formats"]
LOCALE_PATHS = [BASE_DIR / "crossborder" / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "crossborder" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("CROSSBORDER_TESTING")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads in an S3-compatible bucket when S3_BUCKET is set (crossborder/object_storage.py).
UPLOADS_BUCKET = object_storage(os.environ)
if UPLOADS_BUCKET:
    STORAGES["default"] = UPLOADS_BUCKET
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
# Uploaded media (question images) served by Django itself: in development and the demo only;
# production serves MEDIA_ROOT from the web server or object storage (docs/deploy.md).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)

# Email (EMAIL_BACKEND = console | file | smtp | locmem): console in development, files in
# the demo, SMTP in production.
_mail_backend = os.environ.get("EMAIL_BACKEND", "console" if DEBUG else "smtp")
_mail_options = {
    "console": {},
    "file": {"file_path": os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))},
    "smtp": {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": 10,
    },
    "locmem": {},
}
MAILERS = {
    "default": {
        "BACKEND": {
            "console": "django.core.mail.backends.console.EmailBackend",
            "file": "django.core.mail.backends.filebased.EmailBackend",
            "smtp": "django.core.mail.backends.smtp.EmailBackend",
            "locmem": "django.core.mail.backends.locmem.EmailBackend",
        }[_mail_backend],
        "OPTIONS": _mail_options[_mail_backend],
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Crossborder <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who is told of failed background work and server errors: "Name <address>, address, …"
ADMINS = [a.strip() for a in os.environ.get("ADMINS", "").split(",") if a.strip()]

# Security headers. HTTPS-only settings are on unless DEBUG (a TLS-terminating proxy in front).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
if UPLOADS_BUCKET:
    # lesson and question images and speakers' photos come from the bucket (or its CDN)
    SECURE_CSP["img-src"].append(object_storage_origin(UPLOADS_BUCKET["OPTIONS"]))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Only the benchmark harness turns on the bare reference view.
CROSSBORDER_BENCH = env_bool("CROSSBORDER_BENCH", False)
