"""
Reads the API needs around the directory's search: what a shop's JSON shows beyond the search
hit's rows, in a fixed number of queries (so a page of 100 shops costs what a page of 3 costs),
a shop with all its details, and the categories.
The search itself is ``marktplatz.directory.selectors.shop_search``; initiatives are read with
``marktplatz.initiatives.selectors``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Prefetch, QuerySet

from marktplatz.directory.models import Category, DeliveryPostalCode, Shop, ShopService, SpecialDay
from marktplatz.initiatives.selectors import shop_initiatives_prefetch


def delivery_postal_codes(*, shop_ids: Sequence[int]) -> dict[int, list[str]]:
    """The postal codes each of ``shop_ids`` delivers to (one query; none without ids)."""
    codes: dict[int, list[str]] = {}
    if shop_ids:
        rows = DeliveryPostalCode.objects.filter(shop_id__in=shop_ids).values_list("shop_id", "postal_code")
        for shop_id, postal_code in rows:
            codes.setdefault(shop_id, []).append(postal_code)
    return codes


def shop_get_published_for_detail(*, slug: str, today: dt.date) -> Shop | None:
    """The published shop ``slug`` with all its public details loaded, or None."""
    return (
        Shop.objects.published()
        .filter(slug=slug)
        .prefetch_related(
            Prefetch("categories", queryset=Category.objects.filter(is_active=True)),
            Prefetch("services", queryset=ShopService.objects.order_by("kind")),
            "delivery_postal_codes",
            "opening_hours",
            Prefetch("special_days", queryset=SpecialDay.objects.filter(date__gte=today)),
            "photos",
            "links",
            shop_initiatives_prefetch(to_attr="confirmed_initiative_memberships"),
        )
        .first()
    )


def category_list() -> QuerySet[Category]:
    """The active categories in the directory's order (position, then name)."""
    return Category.objects.filter(is_active=True).select_related("parent")
