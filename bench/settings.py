"""
Settings of the benchmark server: the production settings (DEBUG off, a secret key, manifest
static files) on the bench database, plus the bench URLs (``/bench/bare``) and a middleware that
reports the server time of each request in a ``Server-Timing`` header.

Only the bench's processes use this module (``DJANGO_SETTINGS_MODULE=bench.settings``).
"""

import os
from pathlib import Path

DEFAULT_BENCH_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/marktplatz_bench"
_ROOT = Path(__file__).resolve().parent.parent

os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_BENCH_DATABASE_URL)
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-never-used-in-production-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("STATIC_ROOT", str(_ROOT / "var" / "bench-static"))
os.environ.setdefault("TASKS_BACKEND", "immediate")
# One client address sends thousands of requests: the rate limits would answer 429.
os.environ.setdefault("RATELIMIT_ENABLE", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# As in production, the workers share one cache (sessions, rate limits, cached public pages).
os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/15")

from config.settings import *  # noqa: E402, F403
from config.settings import CACHES, MIDDLEWARE  # noqa: E402

# One Redis client per worker instead of one per cache operation (config/settings.py should do the
# same for production; see marktplatz.core.visitor_cache.RedisCache).
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES = {"default": {**CACHES["default"], "BACKEND": "marktplatz.core.visitor_cache.RedisCache"}}

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.ServerTimingMiddleware", *MIDDLEWARE]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "bench.storage.BenchStaticFilesStorage"},
}
