"""
The product catalogue: a realistic mix of product searches (common words, rare words, typos,
filters, near me, browsing) through the API and the HTML page, at each catalogue size, next to
hand-written SQL for the same questions (the floor); the same on SQLite; and the CSV import of
``--import-rows`` rows with its time and peak memory.

Each size has its own database, filled once by ``manage.py generate_shops`` (10,000 shops, the
seed of the directory bench) and ``manage.py generate_products`` and reused afterwards:
PostgreSQL ``<bench database>_p<N>``, SQLite ``var/bench-catalog-<N>.sqlite3``. Each gets its own
gunicorn with ``bench.settings``; the import runs in a child process on ``<bench database>_import``.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import psycopg

from bench.client import UNCACHED, Sample, run_sequential
from bench.report import Check, Section, ms
from bench.server import Server
from bench.stats import percentile

if TYPE_CHECKING:
    from bench.suites import Context

NAME = "catalog"
ROOT = Path(__file__).resolve().parent.parent.parent
API_PATH = "/api/v1/products"
HTML_PATH = "/produkte/"
SHOPS = 10_000
SEED = 42  # shops: the directory bench's seed; products: the same
IMPORT_SECONDS_TARGET = 60.0


def p95_target_ms(products: int) -> float:
    """The issue's targets: 20 ms at 10,000 products, 80 ms at 1,000,000 (in between: the larger)."""
    return 20.0 if products <= 10_000 else 80.0


@dataclass(frozen=True)
class Search:
    label: str
    params: dict[str, str]
    sql: str | None = None  # the name of the raw SQL floor for the same question


SEARCHES: tuple[Search, ...] = (
    Search("common word “brot”", {"q": "brot"}, sql="common"),
    Search("common word, stemmed “äpfel”", {"q": "äpfel"}, sql="stemmed"),
    Search("two words “honig bio”", {"q": "honig bio"}, sql="two_words"),
    Search("rare word “sanddornsenf”", {"q": "sanddornsenf"}, sql="rare"),
    Search("typo “kartofeln”", {"q": "kartofeln"}, sql="typo"),
    Search("typo “herenschuhe leder”", {"q": "herenschuhe leder"}),
    Search(
        "category + price + in stock",
        {"category": "obst-gemuese", "price_max": "3", "in_stock": "1"},
        sql="filters",
    ),
    Search("category, cheapest first", {"category": "schuhe", "sort": "price_asc"}, sql="cheapest"),
    Search("near me: 10 km around 18055", {"near": "18055", "radius_km": "10"}, sql="near"),
    Search("near me + text “käse”", {"q": "käse", "near": "18055", "radius_km": "10"}, sql="near_text"),
    Search("delivery to 17489", {"near": "17489", "fulfilment": "delivery"}),
    Search(
        "text + place + category + in stock",
        {"q": "wein", "near": "Güstrow", "radius_km": "25", "category": "getraenke", "in_stock": "1"},
    ),
    Search("browse newest, page 3", {"page": "3"}, sql="browse"),
)

# The HTML form names the radius differently from the API (choices 5, 10, 25, 50, 100 km).
HTML_NAMES = {"radius_km": "radius"}


def run(context: Context) -> list[Section]:
    sections: list[Section] = []
    for count in context.products:
        sections.append(_postgres_searches(context, count))
    for count in context.sqlite_products:
        sections.append(_sqlite_searches(context, count))
    if context.import_rows:
        sections.append(_csv_import(context))
    return sections


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- Databases ------------------------------------------------------------------------------------


def _database_url(base: str, suffix: str) -> str:
    parts = urlsplit(base)
    return parts._replace(path=f"{parts.path.rstrip('/')}_{suffix}").geturl()


def _sqlite_path(count: int) -> Path:
    return ROOT / "var" / f"bench-catalog-{count}.sqlite3"


def _manage(url: str, *args: str) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
    }
    subprocess.run(  # noqa: S603 – our own command line
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=sys.stderr
    )


def _fill(url: str, *, products: int, count_rows: Callable[[str], int]) -> str:
    """Migrate, add shops and products up to the wanted numbers; a note saying what it did."""
    _manage(url, "migrate", "--noinput", "-v0")
    shops = count_rows("directory_shop")
    if shops < SHOPS:
        _log(f"  generating {SHOPS - shops} shops …")
        _manage(url, "generate_shops", f"--count={SHOPS - shops}", f"--seed={SEED}")
    existing = count_rows("catalog_product")
    if existing >= products:
        suffix = f" (it holds {existing}, more than asked)" if existing > products else ""
        return f"Catalogue reused{suffix}."
    _log(f"  generating {products - existing} products …")
    started = time.monotonic()
    _manage(url, "generate_products", f"--count={products - existing}", f"--seed={SEED}")
    return (
        f"Generated {products - existing} products in {time.monotonic() - started:.0f} s "
        "(manage.py generate_products, this run)."
    )


def _postgres_database(context: Context, products: int) -> tuple[str, str]:
    from bench.database import database_ensure

    url = _database_url(context.database_url, f"p{products}")
    database_ensure(url, _log)

    def count_rows(table: str) -> int:
        with psycopg.connect(url) as conn:
            row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 – our table names
            return int(row[0]) if row else 0

    note = _fill(url, products=products, count_rows=count_rows)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")  # as autovacuum would have by now (index-only scans)
    return url, note


def _sqlite_database(products: int) -> tuple[str, str]:
    path = _sqlite_path(products)
    path.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{path}"

    def count_rows(table: str) -> int:
        with sqlite3.connect(path) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608

    return url, _fill(url, products=products, count_rows=count_rows)


# --- Searches ------------------------------------------------------------------------------------


def _paths() -> tuple[dict[str, str], dict[str, str]]:
    api = {s.label: f"{API_PATH}?{urlencode(s.params)}" for s in SEARCHES}
    html = {
        s.label: f"{HTML_PATH}?{urlencode({HTML_NAMES.get(k, k): v for k, v in s.params.items()})}"
        for s in SEARCHES
    }
    return api, html


def _searches(
    *,
    title: str,
    context: Context,
    url: str,
    products: int,
    floors: dict[str, list[float]],
    notes: list[str],
    target: bool,
    label: str,
) -> Section:
    api_paths, html_paths = _paths()
    _log(f"  measuring {label} …")
    log_path = ROOT / "var" / f"bench-gunicorn-catalog-{label.replace(' ', '-').replace(',', '')}.log"
    with Server(workers=context.workers, log_path=log_path, env={"BENCH_DATABASE_URL": url}) as server:
        _record_counts(server.url, url)
        api = run_sequential(server.url, list(api_paths.values()), repeats=context.repeats, headers=UNCACHED)
        html = run_sequential(
            server.url, list(html_paths.values()), repeats=context.repeats, headers=UNCACHED
        )
    section = Section(
        title=title,
        headers=["query", "API p50", "API p95", "HTML p50", "HTML p95", "SQL p50", "SQL p95", "results"],
    )
    totals: dict[str, list[float]] = {"api": [], "html": []}
    errors: list[str] = []
    for search in SEARCHES:
        api_samples = api[api_paths[search.label]]
        html_samples = html[html_paths[search.label]]
        errors += _errors(api_paths[search.label], api_samples)
        errors += _errors(html_paths[search.label], html_samples)
        api_ms = [s.server_ms for s in api_samples if s.status == 200]
        html_ms = [s.server_ms for s in html_samples if s.status == 200]
        totals["api"] += api_ms
        totals["html"] += html_ms
        sql_ms = floors.get(search.sql or "", [])
        section.rows.append(
            [
                search.label,
                ms(percentile(api_ms, 50)),
                ms(percentile(api_ms, 95)),
                ms(percentile(html_ms, 50)),
                ms(percentile(html_ms, 95)),
                ms(percentile(sql_ms, 50)),
                ms(percentile(sql_ms, 95)),
                _COUNTS.get((url, search.label), ""),
            ]
        )
    p95 = {name: percentile(values, 95) for name, values in totals.items()}
    section.rows.append(
        [
            "all queries",
            ms(percentile(totals["api"], 50)),
            ms(p95["api"]),
            ms(percentile(totals["html"], 50)),
            ms(p95["html"]),
            "",
            "",
            "",
        ]
    )
    section.notes += notes
    section.notes.append(
        "Server time (Server-Timing of the first middleware), every request sent with "
        "Cache-Control: no-cache, so each one searches and renders; SQL = the hand-written query alone "
        f"(the top 20 and the count up to {COUNT_LIMIT + 1:,}, as the selector counts), run from the bench "
        "process; results = the API's count."
    )
    section.notes += errors[:6]
    if target:
        goal = p95_target_ms(products)
        for name, what in (("api", "API"), ("html", "HTML")):
            value = p95[name]
            met = None if math.isnan(value) else value <= goal
            section.checks.append(
                Check(f"{what} product search p95, {label}", f"{ms(value)} ms", f"≤ {goal:.0f} ms", met)
            )
    return section


_COUNTS: dict[tuple[str, str], str] = {}


def _record_counts(base_url: str, url: str) -> None:
    """The API's ``count`` of each search (one request each), shown next to the timings."""
    import http.client

    parts = urlsplit(base_url)
    api_paths, _html = _paths()
    for label, path in api_paths.items():
        connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=60)
        try:
            connection.request("GET", path, headers={"Cache-Control": "no-cache"})
            response = connection.getresponse()
            body = response.read()
            if response.status == 200:
                _COUNTS[(url, label)] = str(json.loads(body).get("count", ""))
        except (OSError, ValueError):
            pass
        finally:
            connection.close()


def _errors(path: str, samples: Sequence[Sample]) -> list[str]:
    statuses = sorted({s.status for s in samples if s.status != 200})
    return [f"! {path} answered {', '.join(map(str, statuses))}"] if statuses else []


def _postgres_searches(context: Context, products: int) -> Section:
    _log(f"Catalogue of {products} products on PostgreSQL …")
    url, note = _postgres_database(context, products)
    floors = {
        name: _time_postgres(url, build, context.repeats) for name, build in _postgres_floors(url).items()
    }
    return _searches(
        title=(
            f"Product search, PostgreSQL, {products:,} products over {SHOPS:,} shops: "
            f"server time in ms ({context.repeats} runs of each query)"
        ),
        context=context,
        url=url,
        products=products,
        floors=floors,
        notes=[note, _postgres_sizes(url)],
        target=True,
        label=f"PostgreSQL {products:,}",
    )


def _sqlite_searches(context: Context, products: int) -> Section:
    _log(f"Catalogue of {products} products on SQLite …")
    url, note = _sqlite_database(products)
    path = _sqlite_path(products)
    floors = {name: _time_sqlite(path, build, context.repeats) for name, build in _sqlite_floors().items()}
    return _searches(
        title=(
            f"Product search, SQLite, {products:,} products over {SHOPS:,} shops: "
            f"server time in ms ({context.repeats} runs of each query)"
        ),
        context=context,
        url=url,
        products=products,
        floors=floors,
        notes=[
            note,
            f"SQLite file {path.relative_to(ROOT)}, read by the same gunicorn setup "
            "(bench.settings with BENCH_DATABASE_URL=sqlite:///…); the issue sets no target for SQLite.",
        ],
        target=False,
        label=f"SQLite {products:,}",
    )


def _postgres_sizes(url: str) -> str:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database())), "
            "(SELECT count(*) FROM search_document WHERE kind = 'product'), "
            "(SELECT count(*) FROM search_term WHERE kind = 'product'), "
            "current_setting('shared_buffers'), current_setting('work_mem')"
        ).fetchone()
    assert row is not None
    return (
        f"Database {row[0]}; {row[1]:,} product documents, {row[2]:,} vocabulary words; "
        f"shared_buffers {row[3]}, work_mem {row[4]}."
    )


# --- The SQL floor -------------------------------------------------------------------------------
#
# Each question as the page needs it: the top 20 in the page's order, and the number of results
# counted up to COUNT_LIMIT + 1 (the selector stops counting there as well). The floor's time is
# both statements together. ``{from_where}`` is the part they share.

COUNT_LIMIT = 10_000
Statement = tuple[str, dict[str, Any]]
Floor = Callable[[], list[Statement]]


def _floor(*, select: str, from_where: str, order: str, params: dict[str, Any]) -> list[Statement]:
    page = f"SELECT {select} {from_where} ORDER BY {order} LIMIT 20"
    count = f"SELECT count(*) FROM (SELECT 1 {from_where} LIMIT {COUNT_LIMIT + 1}) matches"  # noqa: S608
    return [(page, params), (count, params)]


_VISIBLE = "p.is_active AND NOT p.hidden_by_operator AND s.status = 'published'"

PG_TEXT = f"""
FROM search_document d
JOIN catalog_product p ON p.id = d.object_id
JOIN directory_shop s ON s.id = p.shop_id
WHERE d.kind = 'product' AND d.vector @@ to_tsquery('german', %(tsquery)s) AND {_VISIBLE}
"""
PG_RANK = "ts_rank(d.vector, to_tsquery('german', %(tsquery)s))"

PG_TYPO_WORDS = """
SELECT string_agg(word || ':*', ' | ') FROM (
    SELECT word FROM search_term
    WHERE kind = 'product' AND word %% %(word)s
    ORDER BY similarity(word, %(word)s) DESC
    LIMIT 5
) words
"""


def _pg_category(ids: list[int]) -> str:
    """Products of these categories; the ids written out, as the ORM writes them (the planner sees them)."""
    listed = ", ".join(str(int(pk)) for pk in ids) or "NULL"
    return f"""
FROM catalog_product p JOIN directory_shop s ON s.id = p.shop_id
WHERE {_VISIBLE} AND p.category_id IN ({listed})
"""


_DISTANCE = """
2 * 6371.0088 * asin(sqrt(
    power(sin(radians(s.lat - %(lat)s) / 2), 2)
    + cos(radians(%(lat)s)) * cos(radians(s.lat)) * power(sin(radians(s.lon - %(lon)s) / 2), 2)
))
"""
_BOX = "s.lat BETWEEN %(south)s AND %(north)s AND s.lon BETWEEN %(west)s AND %(east)s"

PG_NEAR = f"""
FROM catalog_product p JOIN directory_shop s ON s.id = p.shop_id
WHERE {_VISIBLE} AND {_BOX} AND {_DISTANCE} <= %(radius)s
"""

PG_VISIBLE = f"FROM catalog_product p JOIN directory_shop s ON s.id = p.shop_id WHERE {_VISIBLE}"


def _around(place: str, radius_km: float) -> dict[str, float]:
    from marktplatz.geo.distance import bounding_box
    from marktplatz.geo.gazetteer import lookup_postal_code, lookup_town

    found = lookup_postal_code(place) if place.isdigit() else lookup_town(place)
    assert found is not None, place
    south, north, west, east = bounding_box(found.lat, found.lon, radius_km)
    return {
        "lat": found.lat,
        "lon": found.lon,
        "radius": radius_km,
        "south": south,
        "north": north,
        "west": west,
        "east": east,
    }


def _pg_text(tsquery: str) -> Floor:
    return lambda: _floor(
        select=f"p.id, p.name, {PG_RANK} AS rank",
        from_where=PG_TEXT,
        order="rank DESC, p.name, p.id",
        params={"tsquery": tsquery},
    )


def _category_ids(conn: psycopg.Connection[Any], slug: str) -> list[int]:
    """The category and its sub-categories, looked up first (as the selector does from its list)."""
    rows = conn.execute(
        "SELECT id FROM catalog_productcategory "
        "WHERE slug = %(slug)s OR parent_id = (SELECT id FROM catalog_productcategory WHERE slug = %(slug)s)",
        {"slug": slug},
    ).fetchall()
    return [row[0] for row in rows]


def _postgres_floors(url: str) -> dict[str, Floor]:
    with psycopg.connect(url) as conn:
        row = conn.execute(PG_TYPO_WORDS, {"word": "kartofeln"}).fetchone()
        produce, shoes = _category_ids(conn, "obst-gemuese"), _category_ids(conn, "schuhe")
    typo_tsquery = (row[0] if row else None) or "kartofeln:*"

    def typo() -> list[Statement]:
        # The vocabulary look-up (trigrams), then the search with the words it found.
        return [(PG_TYPO_WORDS, {"word": "kartofeln"}), *_pg_text(typo_tsquery)()]

    near = _around("18055", 10)
    return {
        "common": _pg_text("brot:*"),
        "stemmed": _pg_text("äpfel:*"),
        "two_words": _pg_text("honig:* & bio:*"),
        "rare": _pg_text("sanddornsenf:*"),
        "typo": typo,
        "filters": lambda: _floor(
            select="p.id, p.name",
            from_where=_pg_category(produce) + " AND p.price <= %(price_max)s AND p.in_stock",
            order="p.created_at DESC, p.id",
            params={"price_max": 3},
        ),
        "cheapest": lambda: _floor(
            select="p.id, p.name",
            from_where=_pg_category(shoes),
            order="p.price, p.id",
            params={},
        ),
        "near": lambda: _floor(
            select=f"p.id, p.name, {_DISTANCE} AS distance",
            from_where=PG_NEAR,
            order="distance, p.name, p.id",
            params=near,
        ),
        "near_text": lambda: _floor(
            select=f"p.id, p.name, {PG_RANK} AS rank, {_DISTANCE} AS distance",
            from_where=PG_TEXT + f" AND {_BOX} AND {_DISTANCE} <= %(radius)s",
            order="rank DESC, distance, p.name, p.id",
            params={"tsquery": "käse:*", **near},
        ),
        "browse": lambda: [
            (f"SELECT p.id, p.name {PG_VISIBLE} ORDER BY p.created_at DESC, p.id LIMIT 20 OFFSET 40", {}),
            (f"SELECT count(*) FROM (SELECT 1 {PG_VISIBLE} LIMIT {COUNT_LIMIT + 1}) matches", {}),  # noqa: S608
        ],
    }


def _time_postgres(url: str, build: Floor, repeats: int) -> list[float]:
    timings = []
    with psycopg.connect(url, options="-c jit=off") as conn, conn.cursor() as cursor:
        for run_number in range(repeats + 2):
            statements = build()
            started = time.perf_counter()
            for statement, params in statements:
                cursor.execute(statement, params)
                cursor.fetchall()
            if run_number >= 2:  # the first two warm the caches
                timings.append((time.perf_counter() - started) * 1000)
    return timings


# SQLite: FTS5 on the stems; an equirectangular distance (no trigonometry in plain SQLite).

_SQLITE_TEXT = f"""
FROM search_document_fts f
JOIN search_document d ON d.id = f.rowid
JOIN catalog_product p ON p.id = d.object_id
JOIN directory_shop s ON s.id = p.shop_id
WHERE search_document_fts MATCH :match AND d.kind = 'product' AND {_VISIBLE}
"""

_SQLITE_CATEGORY = f"""
FROM catalog_product p JOIN directory_shop s ON s.id = p.shop_id
WHERE {_VISIBLE}
  AND p.category_id IN (
    SELECT c.id FROM catalog_productcategory c
    WHERE c.slug = :category
       OR c.parent_id = (SELECT id FROM catalog_productcategory WHERE slug = :category))
"""  # noqa: S608 – constant text, values are parameters

_SQLITE_DISTANCE2 = "((s.lat - :lat) * (s.lat - :lat) + (s.lon - :lon) * (s.lon - :lon) * :cos2) * 12365.0"
_SQLITE_NEAR = f"""
FROM catalog_product p JOIN directory_shop s ON s.id = p.shop_id
WHERE {_VISIBLE} AND s.lat BETWEEN :south AND :north AND s.lon BETWEEN :west AND :east
  AND {_SQLITE_DISTANCE2} <= :radius * :radius
"""


def _sqlite_text(match: str) -> Floor:
    return lambda: _floor(
        select="p.id, p.name, f.rank",
        from_where=_SQLITE_TEXT,
        order="f.rank, p.name, p.id",
        params={"match": match},
    )


def _sqlite_floors() -> dict[str, Floor]:
    around = _around("18055", 10)
    near = {**around, "cos2": math.cos(math.radians(around["lat"])) ** 2}
    visible = f"FROM catalog_product p JOIN directory_shop s ON s.id = p.shop_id WHERE {_VISIBLE}"
    return {
        "common": _sqlite_text('"brot"*'),
        "stemmed": _sqlite_text('"apfel"*'),
        "two_words": _sqlite_text('"honig"* AND "bio"*'),
        "rare": _sqlite_text('"sanddornsenf"*'),
        # The vocabulary look-up is Python on SQLite: the floor searches the corrected word.
        "typo": _sqlite_text('"kartoffel"*'),
        "filters": lambda: _floor(
            select="p.id, p.name",
            from_where=_SQLITE_CATEGORY + " AND CAST(p.price AS REAL) <= :price_max AND p.in_stock",
            order="p.created_at DESC, p.id",
            params={"category": "obst-gemuese", "price_max": 3},
        ),
        "cheapest": lambda: _floor(
            select="p.id, p.name",
            from_where=_SQLITE_CATEGORY,
            order="CAST(p.price AS REAL), p.id",
            params={"category": "schuhe"},
        ),
        "near": lambda: _floor(
            select=f"p.id, p.name, {_SQLITE_DISTANCE2} AS distance",
            from_where=_SQLITE_NEAR,
            order="distance, p.name, p.id",
            params=near,
        ),
        "browse": lambda: [
            (f"SELECT p.id, p.name {visible} ORDER BY p.created_at DESC, p.id LIMIT 20 OFFSET 40", {}),
            (f"SELECT count(*) FROM (SELECT 1 {visible} LIMIT {COUNT_LIMIT + 1}) matches", {}),  # noqa: S608
        ],
    }


def _time_sqlite(path: Path, build: Floor, repeats: int) -> list[float]:
    timings = []
    with sqlite3.connect(path) as conn:
        for run_number in range(repeats + 2):
            statements = build()
            started = time.perf_counter()
            for statement, params in statements:
                conn.execute(statement, params).fetchall()
            if run_number >= 2:
                timings.append((time.perf_counter() - started) * 1000)
    return timings


# --- CSV import -----------------------------------------------------------------------------------


def _import_once(url: str, path: Path) -> tuple[dict[str, Any], float]:
    """Import ``path`` in a child process: its JSON figures and its peak RSS in MiB."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
    }
    process = subprocess.Popen(  # noqa: S603 – our own command line
        [sys.executable, "-m", "bench.csv_import", str(path)], cwd=ROOT, env=env, stdout=subprocess.PIPE
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"The import child failed ({process.returncode}).")
    figures = json.loads(output.decode().strip().splitlines()[-1])
    return figures, usage.ru_maxrss / 1024  # Linux: kilobytes


def _csv_import(context: Context) -> Section:
    from bench.csv_import import csv_generate
    from bench.database import database_ensure

    _log("CSV import …")
    url = _database_url(context.database_url, "import")
    database_ensure(url, _log)
    _manage(url, "migrate", "--noinput", "-v0")
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM directory_shop WHERE status = 'published'").fetchone()
    if not row or not row[0]:
        _manage(url, "generate_shops", "--count=20", f"--seed={SEED}")
    section = Section(
        title="CSV import (PostgreSQL, one shop, a child process per file)",
        headers=["rows", "seconds", "rows/s", "peak RSS MiB", "created", "rejected"],
    )
    sizes = sorted({min(10_000, context.import_rows), context.import_rows})
    results: dict[int, tuple[float, float]] = {}
    for rows in sizes:
        path = ROOT / "var" / f"bench-import-{rows}.csv"
        if not path.exists():
            written = csv_generate(path=path, rows=rows)
            _log(f"  wrote {written} rows to {path.relative_to(ROOT)}")
        _log(f"  importing {rows} rows …")
        try:
            figures, rss = _import_once(url, path)
        except (RuntimeError, ValueError) as error:
            section.notes.append(f"! {rows} rows: {error}")
            continue
        seconds = float(figures["seconds"])
        results[rows] = (seconds, rss)
        section.rows.append(
            [
                f"{figures['rows']:,}",
                f"{seconds:.1f}",
                f"{figures['rows'] / seconds:.0f}" if seconds else "–",
                f"{rss:.0f}",
                f"{figures['created']:,}",
                f"{figures['rejected']:,}",
            ]
        )
        section.notes += [f"! rejected: {text}" for text in figures.get("first_rejected", [])]
    section.notes.append(
        "seconds = marktplatz.catalog.csv.importer.import_file alone (one row per variant, German "
        "headers, ';'); peak RSS = the child's maximum resident set (os.wait4), Django included. "
        "Flat memory: the peak at the larger file stays within 10 % (or 20 MiB) of the smaller."
    )
    largest = context.import_rows
    if largest in results:
        seconds, rss = results[largest]
        section.checks.append(
            Check(
                f"CSV import of {largest:,} rows",
                f"{seconds:.1f} s",
                f"≤ {IMPORT_SECONDS_TARGET:.0f} s",
                seconds <= IMPORT_SECONDS_TARGET,
            )
        )
        smallest = min(results)
        if smallest != largest:
            base = results[smallest][1]
            flat = rss <= max(base * 1.1, base + 20)
            section.checks.append(
                Check(
                    f"CSV import memory, {smallest:,} → {largest:,} rows",
                    f"{base:.0f} → {rss:.0f} MiB",
                    "flat",
                    flat,
                )
            )
    return section
