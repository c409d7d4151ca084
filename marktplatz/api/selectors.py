"""
Reads the API needs around the directory's search: loading everything a shop's JSON shows in a
fixed number of queries (so a page of 100 shops costs what a page of 3 costs) and the categories.
The search itself is ``marktplatz.directory.selectors.shop_search``; initiatives are read with
``marktplatz.initiatives.selectors``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from marktplatz.directory.models import Category, Shop, ShopService, SpecialDay
from marktplatz.initiatives.selectors import shop_initiatives_prefetch

# opening_status() looks up to a week ahead for the next opening.
_STATUS_HORIZON = dt.timedelta(days=7)


def shops_load_for_list(*, shops: Sequence[Shop], today: dt.date) -> None:
    """Prefetch what a shop in a list shows: categories, services, hours, this week's special days."""
    prefetch_related_objects(
        list(shops),
        Prefetch("categories", queryset=Category.objects.filter(is_active=True)),
        Prefetch("services", queryset=ShopService.objects.order_by("kind")),
        "delivery_postal_codes",
        "opening_hours",
        Prefetch(
            "special_days",
            queryset=SpecialDay.objects.filter(date__gte=today, date__lte=today + _STATUS_HORIZON),
        ),
    )


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
