"""
Writes of the statistics: cookie-free counters that never hold personal data.

Each counter is one row per day, incremented with a single ``INSERT … ON CONFLICT DO UPDATE``
statement (PostgreSQL ≥ 9.5 and SQLite ≥ 3.24 both understand it), so concurrent requests never
lose a count and never collide on the unique constraint (``update_or_create`` would do both).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

from marktplatz.stats.models import ProductPageViewDay, SearchMiss, ShopPageViewDay

QUERY_MAX_LENGTH = SearchMiss._meta.get_field("query").max_length or 100
WHERE_MAX_LENGTH = SearchMiss._meta.get_field("where").max_length or 100

_BOT_MARKERS = ("bot", "spider", "crawl", "slurp")
_WHITESPACE = re.compile(r"\s+")


def is_probably_bot(user_agent: str) -> bool:
    """True for an obvious robot: its user agent says "bot", "spider", "crawl" (or Yahoo's "slurp")."""
    agent = (user_agent or "").lower()
    return any(marker in agent for marker in _BOT_MARKERS)


def search_query_normalize(query: str) -> str:
    """Lowercase, trim, collapse whitespace, at most 100 characters."""
    return _WHITESPACE.sub(" ", (query or "").strip().lower())[:QUERY_MAX_LENGTH].strip()


def _concrete_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.column:
        raise TypeError(f"{model.__name__}.{name} is not a column")
    return field


def _counter_increment(*, model: type[models.Model], key: dict[str, Any], conflict: Sequence[str]) -> None:
    """Add one to the ``count`` of the row with ``key``, creating it with 1 when missing."""
    quote = connection.ops.quote_name
    fields = [_concrete_field(model, name) for name in key]
    columns = ", ".join(quote(str(field.column)) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    conflict_columns = ", ".join(quote(str(_concrete_field(model, name).column)) for name in conflict)
    table = quote(model._meta.db_table)
    count = quote(str(_concrete_field(model, "count").column))
    values = [
        field.get_db_prep_value(value, connection) for field, value in zip(fields, key.values(), strict=True)
    ]
    conflict_update = f"ON CONFLICT ({conflict_columns}) DO UPDATE SET {count} = {table}.{count} + 1"
    # Only quoted identifiers from the model's metadata are interpolated; values are parameters.
    sql = f"INSERT INTO {table} ({columns}, {count}) VALUES ({placeholders}, 1) {conflict_update}"  # noqa: S608
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # A counter may lose its last few increments if the server crashes; in exchange the commit
        # does not wait for the disk, which is most of the cost of a cached page view. Only in a
        # transaction of its own: a local setting would weaken every other write of an enclosing
        # one. Outside a transaction the statement is one: set_config(..., true) lasts until its
        # own commit, so a single round trip does what BEGIN, SET LOCAL, INSERT, COMMIT did.
        sql = (
            f"INSERT INTO {table} ({columns}, {count}) SELECT {placeholders}, 1 "  # noqa: S608
            "FROM (SELECT set_config('synchronous_commit', 'off', true)) AS local_setting "
            f"{conflict_update}"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)


def shop_page_view_record(*, shop_id: int) -> None:
    """Count one view of a shop's public page today. The caller filters bots (``is_probably_bot``)."""
    _counter_increment(
        model=ShopPageViewDay,
        key={"shop": shop_id, "date": timezone.localdate()},
        conflict=["shop", "date"],
    )


def product_page_view_record(*, product_id: int) -> None:
    """Count one view of a product's public page today. The caller filters bots (``is_probably_bot``)."""
    _counter_increment(
        model=ProductPageViewDay,
        key={"product": product_id, "date": timezone.localdate()},
        conflict=["product", "date"],
    )


def search_without_results_record(*, kind: str, query: str, where: str) -> None:
    """
    Count a search that found nothing. ``kind`` is ``"shop"`` or ``"product"``; ``query`` is
    normalised (lowercase, single spaces, ≤ 100 characters); ``where`` is the place searched
    (e.g. a town or postal code, normalised the same way, empty for the whole region).
    Empty queries are not counted.
    """
    if kind not in SearchMiss.Kind.values:
        raise ValueError(f"Unknown search kind: {kind!r}")
    normalized = search_query_normalize(query)
    if not normalized:
        return
    place = _WHITESPACE.sub(" ", (where or "").strip().lower())[:WHERE_MAX_LENGTH].strip()
    _counter_increment(
        model=SearchMiss,
        key={"kind": kind, "query": normalized, "where": place, "date": timezone.localdate()},
        conflict=["kind", "query", "where", "date"],
    )
