"""
The bench database: created if missing, migrated, filled once with generated shops and reused.

Runs in the bench process with ``bench.settings`` (``django.setup()`` must have happened).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import psycopg
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

BENCH_SEED = 42


def database_ensure(url: str, log: Callable[[str], None]) -> None:
    """Create the PostgreSQL database of ``url`` when it does not exist (connecting to ``postgres``)."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit(f"The bench needs PostgreSQL; BENCH_DATABASE_URL is {url!r}.")
    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            log(f"Creating database {name} …")
            conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))


def database_prepare(*, shops: int, log: Callable[[str], None]) -> None:
    """Migrate, collect the static files and make sure at least ``shops`` shops exist (and are indexed)."""
    from marktplatz.directory.demo import search_index_shops, shops_generate
    from marktplatz.directory.models import Shop
    from marktplatz.search.models import SearchDocument

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())
    existing = Shop.objects.count()
    if existing < shops:
        log(f"Generating {shops - existing} shops (once; later runs reuse them) …")
        started = time.monotonic()
        shops_generate(count=shops - existing, seed=BENCH_SEED)
        log(f"  done in {time.monotonic() - started:.1f} s")
    published = Shop.objects.published().count()
    if SearchDocument.objects.filter(kind="shop").count() != published:
        log("Indexing the shops for the search …")
        search_index_shops(shop_ids=list(Shop.objects.values_list("pk", flat=True)))
    with connection.cursor() as cursor:
        # VACUUM as autovacuum would have by now: it lets counts use index-only scans.
        cursor.execute("VACUUM ANALYZE")
    # Every run starts with an empty cache of public pages.
    cache.clear()


def database_label() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return f"PostgreSQL {version.split()[0]}, database {settings.DATABASES['default']['NAME']}"
