"""
The directory: a realistic mix of shop searches (text, radius, filters, open now) through the API
and the HTML page, next to hand-written SQL for the same questions on the same database (the
floor any implementation pays), and the shop page's throughput next to a bare Django view.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.db import connection

from bench.client import UNCACHED, Sample, run_load, run_sequential
from bench.report import Check, Section, ms
from bench.stats import percentile

if TYPE_CHECKING:
    from bench.suites import Context

NAME = "directory"
API_PATH = "/api/v1/shops"
HTML_PATH = "/geschaefte/"
API_P95_TARGET_MS = 30.0
HTML_P95_TARGET_MS = 60.0
SHOP_PAGE_SHARE_TARGET = 0.5
SHOP_PAGES = 200
BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class Search:
    label: str
    params: dict[str, str]
    sql: str | None = None  # the name of the raw SQL floor for the same question


SEARCHES: tuple[Search, ...] = (
    Search("text “bäckerei”", {"q": "bäckerei"}, sql="text"),
    Search("text “fahrrad werkstatt”", {"q": "fahrrad werkstatt"}),
    Search("text with a typo “blumenladn”", {"q": "blumenladn"}, sql="typo"),
    Search("10 km around 18055", {"near": "18055", "radius_km": "10"}, sql="radius"),
    Search("25 km around Güstrow", {"near": "Güstrow", "radius_km": "25"}),
    Search("category + service", {"category": "lebensmittel", "service": "delivery"}, sql="filters"),
    Search(
        "category + service + place",
        {"category": "mode-bekleidung", "service": "pickup", "near": "Schwerin"},
    ),
    Search("open now", {"open_now": "1"}, sql="open_now"),
    Search("open now near 17489", {"open_now": "1", "near": "17489"}),
    Search(
        "text + place + service",
        {"q": "bäckerei", "near": "18055", "radius_km": "10", "service": "delivery"},
        sql="combined",
    ),
    Search("browse, page 5", {"page": "5"}),
)


# The HTML form names two parameters differently from the API (radius choices: 5, 10, 25, 50, 100 km).
HTML_NAMES = {"radius_km": "radius", "service": "services"}


def html_params(params: dict[str, str]) -> dict[str, str]:
    return {HTML_NAMES.get(name, name): value for name, value in params.items()}


def run(context: Context) -> list[Section]:
    return [_searches(context), _shop_page(context)]


# --- Searches -----------------------------------------------------------------------------------------


def _searches(context: Context) -> Section:
    api_paths = {s.label: f"{API_PATH}?{urlencode(s.params)}" for s in SEARCHES}
    html_paths = {s.label: f"{HTML_PATH}?{urlencode(html_params(s.params))}" for s in SEARCHES}
    # Uncached: the work behind each answer. Cached: what a visitor repeating a search gets.
    api = run_sequential(
        context.base_url, list(api_paths.values()), repeats=context.repeats, headers=UNCACHED
    )
    html = run_sequential(
        context.base_url, list(html_paths.values()), repeats=context.repeats, headers=UNCACHED
    )
    api_cached = run_sequential(context.base_url, list(api_paths.values()), repeats=context.repeats)
    html_cached = run_sequential(context.base_url, list(html_paths.values()), repeats=context.repeats)
    floors = {name: _time_sql(statement, context.repeats) for name, statement in _sql_floors().items()}

    section = Section(
        title=f"Directory search: server time in ms ({context.repeats} sequential runs of each query)",
        headers=[
            "query",
            "API p50",
            "API p95",
            "API p95 cached",
            "HTML p50",
            "HTML p95",
            "HTML p95 cached",
            "SQL p50",
            "SQL p95",
        ],
    )
    totals: dict[str, list[float]] = {"api": [], "html": [], "api_cached": [], "html_cached": []}
    errors: list[str] = []
    for search in SEARCHES:
        runs = {
            "api": (api_paths[search.label], api[api_paths[search.label]]),
            "html": (html_paths[search.label], html[html_paths[search.label]]),
            "api_cached": (api_paths[search.label], api_cached[api_paths[search.label]]),
            "html_cached": (html_paths[search.label], html_cached[html_paths[search.label]]),
        }
        times: dict[str, list[float]] = {}
        for name, (path, samples) in runs.items():
            errors += _errors(path, samples)
            times[name] = [s.server_ms for s in samples]
            totals[name] += times[name]
        sql_ms = floors.get(search.sql or "", [])
        section.rows.append(
            [
                search.label,
                ms(percentile(times["api"], 50)),
                ms(percentile(times["api"], 95)),
                ms(percentile(times["api_cached"], 95)),
                ms(percentile(times["html"], 50)),
                ms(percentile(times["html"], 95)),
                ms(percentile(times["html_cached"], 95)),
                ms(percentile(sql_ms, 50)),
                ms(percentile(sql_ms, 95)),
            ]
        )
    p95 = {name: percentile(values, 95) for name, values in totals.items()}
    section.rows.append(
        [
            "all queries",
            ms(percentile(totals["api"], 50)),
            ms(p95["api"]),
            ms(p95["api_cached"]),
            ms(percentile(totals["html"], 50)),
            ms(p95["html"]),
            ms(p95["html_cached"]),
            "",
            "",
        ]
    )
    section.notes.append(
        "Server time = Django's time for the request (Server-Timing header of the first middleware); "
        "uncached = sent with Cache-Control: no-cache, so the server searches and renders every time; "
        "cached = the same requests as an anonymous visitor sends them (the page cache answers repeats "
        "within the minute); SQL = the hand-written query alone."
    )
    section.notes += errors[:5]
    for name, label, target in (
        ("api_cached", "API search p95 (cached)", API_P95_TARGET_MS),
        ("api", "API search p95 (uncached)", API_P95_TARGET_MS),
        ("html_cached", "HTML search p95 (cached)", HTML_P95_TARGET_MS),
        ("html", "HTML search p95 (uncached)", HTML_P95_TARGET_MS),
    ):
        section.checks.append(
            Check(label, f"{ms(p95[name])} ms", f"≤ {target:.0f} ms", _met(p95[name] <= target, errors))
        )
    return section


def _errors(path: str, samples: Sequence[Sample]) -> list[str]:
    statuses = sorted({s.status for s in samples if s.status != 200})
    return [f"! {path} answered {', '.join(map(str, statuses))}"] if statuses else []


def _met(condition: bool, errors: Sequence[str]) -> bool | None:
    return None if errors else condition


# --- The SQL floor ------------------------------------------------------------------------------------

TEXT_SQL = """
SELECT s.id, s.name, ts_rank(d.vector, q) AS rank, count(*) OVER () AS total
FROM search_document d
JOIN directory_shop s ON s.id = d.object_id, to_tsquery('german', %(tsquery)s) q
WHERE d.kind = 'shop' AND d.vector @@ q AND s.status = 'published'
ORDER BY rank DESC, s.name
LIMIT 20
"""

TYPO_SQL = """
WITH words AS (
    SELECT word FROM search_term
    WHERE kind = 'shop' AND word %% %(word)s
    ORDER BY similarity(word, %(word)s) DESC
    LIMIT 5
), query AS (
    SELECT to_tsquery('german', string_agg(word || ':*', ' | ')) AS q FROM words
)
SELECT s.id, s.name, ts_rank(d.vector, query.q) AS rank, count(*) OVER () AS total
FROM query, search_document d
JOIN directory_shop s ON s.id = d.object_id
WHERE d.kind = 'shop' AND d.vector @@ query.q AND s.status = 'published'
ORDER BY rank DESC, s.name
LIMIT 20
"""

_DISTANCE = """
2 * 6371.0088 * asin(sqrt(
    power(sin(radians(s.lat - %(lat)s) / 2), 2)
    + cos(radians(%(lat)s)) * cos(radians(s.lat)) * power(sin(radians(s.lon - %(lon)s) / 2), 2)
))
"""

RADIUS_SQL = f"""
SELECT id, name, distance, count(*) OVER () AS total FROM (
    SELECT s.id, s.name, {_DISTANCE} AS distance
    FROM directory_shop s
    WHERE s.status = 'published'
      AND s.lat BETWEEN %(south)s AND %(north)s AND s.lon BETWEEN %(west)s AND %(east)s
) candidates
WHERE distance <= %(radius)s
ORDER BY distance, name
LIMIT 20
"""  # noqa: S608 – constant text, values are parameters

FILTERS_SQL = """
SELECT s.id, s.name, count(*) OVER () AS total
FROM directory_shop s
WHERE s.status = 'published'
  AND EXISTS (
    SELECT 1 FROM directory_shop_categories sc
    WHERE sc.shop_id = s.id
      AND sc.category_id IN (
        SELECT c.id FROM directory_category c LEFT JOIN directory_category p ON p.id = c.parent_id
        WHERE c.slug = %(category)s OR p.slug = %(category)s
      )
  )
  AND EXISTS (SELECT 1 FROM directory_shopservice v WHERE v.shop_id = s.id AND v.kind = %(service)s)
ORDER BY s.name
LIMIT 20
"""

OPEN_NOW_SQL = """
SELECT s.id, s.name, count(*) OVER () AS total
FROM directory_shop s
WHERE s.status = 'published'
  AND NOT EXISTS (SELECT 1 FROM directory_specialday d WHERE d.shop_id = s.id AND d.date = %(today)s)
  AND EXISTS (
    SELECT 1 FROM directory_openinghours h
    WHERE h.shop_id = s.id AND h.weekday = %(weekday)s AND h.opens <= %(time)s AND h.closes > %(time)s
  )
ORDER BY s.name
LIMIT 20
"""

COMBINED_SQL = f"""
SELECT id, name, rank, distance, count(*) OVER () AS total FROM (
    SELECT s.id, s.name, ts_rank(d.vector, q) AS rank, {_DISTANCE} AS distance
    FROM search_document d
    JOIN directory_shop s ON s.id = d.object_id, to_tsquery('german', %(tsquery)s) q
    WHERE d.kind = 'shop' AND d.vector @@ q AND s.status = 'published'
      AND s.lat BETWEEN %(south)s AND %(north)s AND s.lon BETWEEN %(west)s AND %(east)s
      AND EXISTS (SELECT 1 FROM directory_shopservice v WHERE v.shop_id = s.id AND v.kind = %(service)s)
) candidates
WHERE distance <= %(radius)s
ORDER BY rank DESC, distance, name
LIMIT 20
"""  # noqa: S608 – constant text, values are parameters


def _around(postal_code: str, radius_km: float) -> dict[str, float]:
    from marktplatz.geo.distance import bounding_box
    from marktplatz.geo.gazetteer import lookup_postal_code

    place = lookup_postal_code(postal_code)
    assert place is not None, postal_code
    south, north, west, east = bounding_box(place.lat, place.lon, radius_km)
    return {
        "lat": place.lat,
        "lon": place.lon,
        "radius": radius_km,
        "south": south,
        "north": north,
        "west": west,
        "east": east,
    }


def _sql_floors() -> dict[str, Callable[[], tuple[str, dict[str, Any]]]]:
    """Each floor builds its statement when run, so "open now" uses the moment of the run."""

    def open_now() -> tuple[str, dict[str, Any]]:
        now = dt.datetime.now(BERLIN)
        return OPEN_NOW_SQL, {"today": now.date(), "weekday": now.weekday(), "time": now.time()}

    return {
        "text": lambda: (TEXT_SQL, {"tsquery": "bäckerei:*"}),
        "typo": lambda: (TYPO_SQL, {"word": "blumenladn"}),
        "radius": lambda: (RADIUS_SQL, _around("18055", 10)),
        "filters": lambda: (FILTERS_SQL, {"category": "lebensmittel", "service": "delivery"}),
        "open_now": open_now,
        "combined": lambda: (
            COMBINED_SQL,
            {"tsquery": "bäckerei:*", "service": "delivery", **_around("18055", 10)},
        ),
    }


def _time_sql(build: Callable[[], tuple[str, dict[str, Any]]], repeats: int) -> list[float]:
    import time

    timings = []
    with connection.cursor() as cursor:
        for run_number in range(repeats + 2):
            statement, params = build()
            started = time.perf_counter()
            cursor.execute(statement, params)
            cursor.fetchall()
            if run_number >= 2:  # the first two warm the caches
                timings.append((time.perf_counter() - started) * 1000)
    return timings


# --- Shop page throughput -----------------------------------------------------------------------------


def _shop_page(context: Context) -> Section:
    from marktplatz.directory.models import Shop

    slugs = list(Shop.objects.published().order_by("pk").values_list("slug", flat=True))
    pages = [f"/geschaefte/{slug}/" for slug in random.Random(1).sample(slugs, min(SHOP_PAGES, len(slugs)))]
    latency = run_sequential(
        context.base_url, pages[:20], repeats=max(1, context.repeats // 4), headers=UNCACHED
    )
    shop_server_ms = [s.server_ms for samples in latency.values() for s in samples]
    bare = run_load(
        context.base_url, ["/bench/bare"], concurrency=context.concurrency, seconds=context.load_seconds
    )
    uncached = run_load(
        context.base_url,
        pages,
        concurrency=context.concurrency,
        seconds=context.load_seconds,
        headers=UNCACHED,
    )
    # The uncached run stored every page; visitors now get them from the cache.
    shop = run_load(context.base_url, pages, concurrency=context.concurrency, seconds=context.load_seconds)
    share = shop.per_second / bare.per_second if bare.per_second else math.nan

    section = Section(
        title=(
            f"Shop page throughput ({context.concurrency} concurrent clients, "
            f"{context.load_seconds:.0f} s each)"
        ),
        headers=["page", "requests/s", "client p50 ms", "client p95 ms", "errors"],
    )
    for label, result in (
        ("bare Django view (/bench/bare)", bare),
        (f"shop page, uncached ({len(pages)} shops)", uncached),
        (f"shop page, cached ({len(pages)} shops)", shop),
    ):
        section.rows.append(
            [
                label,
                f"{result.per_second:.0f}",
                ms(percentile(result.client_ms, 50)),
                ms(percentile(result.client_ms, 95)),
                str(result.errors),
            ]
        )
    section.notes.append(
        f"Shop page server time, sequential: p50 {ms(percentile(shop_server_ms, 50))} ms, "
        f"p95 {ms(percentile(shop_server_ms, 95))} ms. Cached shop page = {share:.0%} of the bare view, "
        f"uncached = {uncached.per_second / bare.per_second if bare.per_second else math.nan:.0%}."
    )
    errors = shop.errors or bare.errors or uncached.errors
    section.checks.append(
        Check(
            "shop page requests/s vs bare view (cached)",
            f"{share:.0%}",
            f"≥ {SHOP_PAGE_SHARE_TARGET:.0%}",
            None if errors else share >= SHOP_PAGE_SHARE_TARGET,
        )
    )
    return section
