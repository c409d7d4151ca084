"""
Settings for Marktplatz, read from the environment (12-factor).

Every value that differs between a developer's laptop and production comes from an environment
variable; the defaults give the embedded setup that ``make run`` needs (SQLite, no Redis, e-mails
on the console, background tasks run immediately). With ``DEBUG`` off the defaults are the secure
ones: a secret key is required, cookies are secure, HTTPS is enforced.

See docs/ARCHITECTURE.md ("Configuration") for the list of variables.
"""

from pathlib import Path
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG: bool = env.bool("DEBUG", default=False)

SECRET_KEY: str = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The public address of the site, used in e-mails, the window poster's QR code and the sitemap
# when no request is at hand.
SITE_URL: str = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_tasks",
    "django_tasks_db",
    "phonenumber_field",
    "ninja",  # serves the API docs' Swagger UI from our own static files, not a CDN
    "marktplatz.core",
    "marktplatz.accounts",
    "marktplatz.geo",
    "marktplatz.directory",
    "marktplatz.initiatives",
    "marktplatz.catalog",
    "marktplatz.cart",
    "marktplatz.orders",
    "marktplatz.search",
    "marktplatz.moderation",
    "marktplatz.stats",
    "marktplatz.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "marktplatz.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite file by default; DATABASE_URL=postgres://user@host:5432/name for PostgreSQL.
DATABASES: dict[str, dict[str, Any]] = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'marktplatz.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {})
    # JIT compilation pays off for long analytic queries, not for our short page queries: on the
    # "open now" search it cost 38 ms of a 98 ms query. Off for every connection.
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
    if env.bool("DATABASE_POOL", default=True):
        # Django's native psycopg pool; CONN_MAX_AGE must stay 0 with it.
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN", default=2),
            "max_size": env.int("DATABASE_POOL_MAX", default=20),
            "timeout": 10,
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no var/ yet; SQLite creates the file but not its folder.
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # Writers take the lock at BEGIN, so concurrent writers queue instead of failing mid-way.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, rate limits -------------------------------------------------------------
# CACHE_URL=redis://127.0.0.1:6379/0 in production; an in-process cache needs nothing.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://marktplatz")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # One Redis client per worker instead of one per cache operation (see core/visitor_cache.py).
    CACHES["default"]["BACKEND"] = "marktplatz.core.visitor_cache.RedisCache"
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Public pages answered from the cache for anonymous visitors (marktplatz.core.visitor_cache);
# off while developing, so a changed template shows at once.
VISITOR_CACHE: bool = env.bool("VISITOR_CACHE", default=not DEBUG)
RATELIMIT_ENABLE: bool = env.bool("RATELIMIT_ENABLE", default=True)
RATELIMIT_VIEW = "marktplatz.core.views.rate_limited"
# Behind a reverse proxy, name the header that carries the client's address (e.g. HTTP_X_REAL_IP),
# or every client shares one limit.
RATELIMIT_IP_META_KEY: str = env.str("RATELIMIT_IP_META_KEY", default="REMOTE_ADDR")
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# --- Background tasks --------------------------------------------------------------------------
# "immediate" runs tasks in the request (development, tests); "database" stores them for the
# `manage.py db_worker` process (production).
TASKS_BACKEND: str = env.str("TASKS_BACKEND", default="immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
            "dummy": "django_tasks.backends.dummy.DummyBackend",
        }[TASKS_BACKEND],
        "QUEUES": ["default", "mail", "media"],
    }
}

# --- Authentication ----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "directory:my_shops"
LOGOUT_REDIRECT_URL = "directory:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# How long a one-time login link and a sign-up confirmation link stay valid.
LOGIN_LINK_MAX_AGE_SECONDS = env.int("LOGIN_LINK_MAX_AGE_SECONDS", default=30 * 60)
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# --- Internationalisation ----------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
PHONENUMBER_DEFAULT_REGION = "DE"
PHONENUMBER_DEFAULT_FORMAT = "NATIONAL"

# --- Static files and uploads ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
# Third-party front-end assets (htmx, Leaflet, …) are installed from npm and copied here by
# `make assets`; they are never committed.
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded images larger than this are refused with a message (the form checks it too).
MAX_IMAGE_UPLOAD_BYTES = env.int("MAX_IMAGE_UPLOAD_BYTES", default=8 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail -----------------------------------------------------------------------------------
# EMAIL_URL=smtp+tls://user:password@smtp.example.org:587 in production.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL: str = env.str("DEFAULT_FROM_EMAIL", default="Marktplatz MV <noreply@marktplatz.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where "report this entry" and accessibility feedback land, and the contact shown on legal pages.
OPERATOR_EMAIL: str = env.str("OPERATOR_EMAIL", default="kontakt@marktplatz.example")

# --- Region and map ----------------------------------------------------------------------------
REGION_NAME: str = env.str("REGION_NAME", default="Mecklenburg-Vorpommern")
REGION_SHORT_NAME: str = env.str("REGION_SHORT_NAME", default="MV")
# south, west, north, east
REGION_BOUNDS: list[float] = env.list("REGION_BOUNDS", cast=float, default=[53.1, 10.5, 54.7, 14.5])
REGION_CENTER: list[float] = env.list("REGION_CENTER", cast=float, default=[53.77, 12.57])
TILE_URL: str = env.str("TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
TILE_ATTRIBUTION: str = env.str(
    "TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
# Optional geocoder to refine coordinates (a Nominatim-compatible search URL); empty = offline only.
GEOCODER_URL: str = env.str("GEOCODER_URL", default="")

# --- Security ---------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", default=True) else None
)
SECURE_SSL_REDIRECT: bool = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE: bool = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE: bool = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS: int = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Public holidays of this subdivision close shops that say so (python-holidays' code for MV).
REGION_HOLIDAY_COUNTRY: str = env.str("REGION_HOLIDAY_COUNTRY", default="DE")
REGION_HOLIDAY_SUBDIV: str = env.str("REGION_HOLIDAY_SUBDIV", default="MV")
# In development whitenoise serves files straight from the apps and build/static (no collectstatic).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
