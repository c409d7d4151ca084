"""
The public shop page and its window poster.

The page shows everything a customer needs to buy from the shop today: the address (as text and
on a small map), how to reach it, the opening hours with the current status, each way to order
and the initiatives it belongs to. Search engines get a title, a description, Open Graph tags and
schema.org ``LocalBusiness`` data built here from the same objects.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from marktplatz.catalog.forms.search import ShopAssortmentForm
from marktplatz.catalog.selectors.public import ProductSearchParams, product_search
from marktplatz.core.visitor_cache import visitor_cache
from marktplatz.initiatives.selectors import shop_initiatives_prefetch
from marktplatz.stats.services import is_probably_bot, shop_page_view_record

from ..hours import (
    Interval,
    OpeningStatus,
    is_public_holiday,
    local_now,
    opening_status,
    public_holiday_name,
    weekly_schedule,
)
from ..models import Category, OpeningHours, ServiceKind, Shop, ShopService, SpecialDay
from ..poster import absolute_url, shop_poster_pdf, shop_public_url
from ..templatetags.shop_display import clock, opening_status_label, payment_method_label
from .search import _page_number, _page_window

META_DESCRIPTION_LENGTH = 160
# Anonymous visitors get the page from the cache for at most this long (or until the status changes).
SHOP_PAGE_CACHE_SECONDS = 300
# Public holidays are listed among the special days this far ahead.
HOLIDAY_LOOKAHEAD_DAYS = 30
MAX_SPECIAL_DAYS = 10
ASSORTMENT_PER_PAGE = 24
SCHEMA_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_SERVICE_ORDER = {kind: position for position, kind in enumerate(ServiceKind.values)}
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class HoursRow:
    """One weekday of the regular week, as the hours table shows it."""

    weekday: int
    name: str
    intervals: list[Interval]
    is_today: bool


@dataclass(frozen=True)
class OtherDay:
    """A coming date with other hours than usual: a special day of the shop or a public holiday."""

    date: dt.date
    intervals: list[Interval]
    note: str


def _shop_page_queryset(today: dt.date) -> QuerySet[Shop]:
    """Published shops with everything the page shows, in one query per relation."""
    return Shop.objects.published().prefetch_related(
        Prefetch("categories", queryset=Category.objects.filter(is_active=True).order_by("position", "name")),
        "services",
        "delivery_postal_codes",
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")),
        # Only coming special days: enough for the status (which looks a week ahead) and the list.
        Prefetch("special_days", queryset=SpecialDay.objects.filter(date__gte=today).order_by("date")),
        "photos",
        "links",
        shop_initiatives_prefetch(),
    )


def _hours_rows(shop: Shop, today: dt.date) -> list[HoursRow]:
    return [
        HoursRow(weekday, str(OpeningHours.Weekday(weekday).label), intervals, weekday == today.weekday())
        for weekday, intervals in weekly_schedule(shop)
    ]


def _holiday_language() -> str:
    """The language of holiday names for the active language (python-holidays knows German and English)."""
    return "de" if (get_language() or "de").startswith("de") else "en_US"


def _other_days(shop: Shop, today: dt.date, *, with_holidays: bool) -> list[OtherDay]:
    """
    The shop's coming special days and, ``with_holidays`` (a shop with regular hours that closes on
    public holidays), the public holidays of the next weeks.
    """
    days: dict[dt.date, OtherDay] = {}
    if with_holidays and shop.closed_on_public_holidays:
        language = _holiday_language()
        for offset in range(HOLIDAY_LOOKAHEAD_DAYS):
            day = today + dt.timedelta(days=offset)
            if is_public_holiday(day):
                days[day] = OtherDay(day, [], public_holiday_name(day, language) or _("Public holiday"))
    for special in shop.special_days.all():
        opens_special = not special.is_closed and special.opens is not None and special.closes is not None
        intervals = [(special.opens, special.closes)] if opens_special else []
        days[special.date] = OtherDay(special.date, intervals, special.note)  # type: ignore[arg-type]
    return [days[day] for day in sorted(days)][:MAX_SPECIAL_DAYS]


def _services(shop: Shop) -> list[ShopService]:
    return sorted(shop.services.all(), key=lambda service: _SERVICE_ORDER.get(service.kind, 99))


def _meta_description(shop: Shop) -> str:
    text = _WHITESPACE.sub(" ", shop.description).strip()
    if not text:
        text = _("%(name)s in %(town)s: opening hours, contact and how to order.") % {
            "name": shop.name,
            "town": shop.locality,
        }
    return Truncator(text).chars(META_DESCRIPTION_LENGTH)


def _image_urls(shop: Shop) -> list[str]:
    images = [shop.logo.url] if shop.logo else []
    images += [photo.image.url for photo in shop.photos.all() if photo.image]
    return [absolute_url(url) for url in images]


def shop_structured_data(shop: Shop, *, url: str, image_urls: list[str]) -> dict[str, Any]:
    """schema.org ``LocalBusiness`` data of ``shop`` (uses the prefetched hours, links and special days)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "@id": url,
        "name": shop.name,
        "url": url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": shop.street,
            "postalCode": shop.postal_code,
            "addressLocality": shop.locality,
            "addressCountry": "DE",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": shop.lat, "longitude": shop.lon},
    }
    if shop.district:
        data["address"]["addressRegion"] = shop.district
    if shop.description:
        data["description"] = Truncator(_WHITESPACE.sub(" ", shop.description).strip()).chars(500)
    if shop.phone:
        data["telephone"] = shop.phone.as_e164 if shop.phone.is_valid() else str(shop.phone)
    if shop.email:
        data["email"] = shop.email
    if image_urls:
        data["image"] = image_urls
    if shop.payment_methods:
        data["paymentAccepted"] = ", ".join(payment_method_label(code) for code in shop.payment_methods)
    same_as = ([shop.website] if shop.website else []) + [link.url for link in shop.links.all()]
    if same_as:
        data["sameAs"] = same_as
    hours: list[dict[str, Any]] = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{SCHEMA_WEEKDAYS[weekday]}",
            "opens": clock(opens),
            "closes": clock(closes),
        }
        for weekday, intervals in weekly_schedule(shop)
        for opens, closes in intervals
    ]
    for special in shop.special_days.all():
        closed = special.is_closed or special.opens is None or special.closes is None
        hours.append(
            {
                "@type": "OpeningHoursSpecification",
                "validFrom": special.date.isoformat(),
                "validThrough": special.date.isoformat(),
                # schema.org's way to say "closed all day": opens and closes at midnight.
                "opens": "00:00" if closed else clock(special.opens),
                "closes": "00:00" if closed else clock(special.closes),
            }
        )
    if hours:
        data["openingHoursSpecification"] = hours
    return data


def _count_the_view(request: HttpRequest, meta: Mapping[str, Any]) -> None:
    """Every view of the page counts, also when the cache answered (robots do not count)."""
    shop_id = meta.get("shop_id")
    if shop_id and request.method == "GET" and not is_probably_bot(request.headers.get("User-Agent", "")):
        shop_page_view_record(shop_id=shop_id)


def _seconds_until_change(status: OpeningStatus, now: dt.datetime) -> int:
    """How long the page stays true: until the shop opens or closes next, at most until midnight."""
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), tzinfo=now.tzinfo)
    change = min(moment for moment in (status.closes_at, status.opens_at, midnight) if moment is not None)
    return max(0, int((change - now).total_seconds()))


def shop_hours_context(shop: Shop, now: dt.datetime) -> dict[str, Any]:
    """
    What ``directory/_shop_hours.html`` and the status badge show (``status``, ``status_label``,
    ``has_hours``, ``shows_status``, ``hours_rows``, ``other_days``), from the shop's prefetched
    opening hours and coming special days. The product page's shop card uses it too.
    """
    today = now.date()
    status = opening_status(shop, now)
    hours_rows = _hours_rows(shop, today)
    has_hours = any(row.intervals for row in hours_rows)
    other_days = _other_days(shop, today, with_holidays=has_hours)
    return {
        "status": status,
        "status_label": opening_status_label(status, now=now),
        "has_hours": has_hours,
        # Without regular hours the status only means something if a special day opens the shop.
        "shows_status": has_hours or any(day.intervals for day in other_days),
        "hours_rows": hours_rows,
        "other_days": other_days,
    }


def seconds_until_change(status: OpeningStatus, now: dt.datetime) -> int:
    """How long a page showing ``status`` stays true (see ``_seconds_until_change``)."""
    return _seconds_until_change(status, now)


def _assortment(request: HttpRequest, shop: Shop) -> dict[str, Any]:
    """The shop's visible products, searchable and filtered by category, one page of them."""
    form = ShopAssortmentForm(request.GET or None, shop_id=shop.pk)
    if form.is_bound and not form.is_valid():
        return {"assortment_form": form, "assortment": None}
    params = form.params() if form.is_bound else ProductSearchParams(shop_id=shop.pk, sort="name")
    result = product_search(params=params, page=_page_number(request), per_page=ASSORTMENT_PER_PAGE)
    return {
        "assortment_form": form,
        "assortment": result,
        "assortment_pages": _page_window(result.page, result.num_pages),
        "assortment_filtered": bool(params.q or params.category),
    }


@require_safe
@visitor_cache(timeout=SHOP_PAGE_CACHE_SECONDS, after=_count_the_view)
def shop_detail(request: HttpRequest, slug: str) -> HttpResponse:
    now = local_now()
    today = now.date()
    shop = get_object_or_404(_shop_page_queryset(today), slug=slug)
    hours = shop_hours_context(shop, now)
    status = hours["status"]
    url = shop_public_url(shop)
    image_urls = _image_urls(shop)
    context = {
        "shop": shop,
        **hours,
        **_assortment(request, shop),
        "services": _services(shop),
        "delivery_postal_codes": [code.postal_code for code in shop.delivery_postal_codes.all()],
        "payment_methods": [payment_method_label(code) for code in shop.payment_methods],
        "initiative_memberships": shop.confirmed_initiative_memberships,  # type: ignore[attr-defined]
        "meta_description": _meta_description(shop),
        "canonical_url": url,
        "og_image": image_urls[0] if image_urls else None,
        "structured_data": shop_structured_data(shop, url=url, image_urls=image_urls),
        "ServiceKind": ServiceKind,
    }
    response = render(request, "directory/shop_detail.html", context)
    response.visitor_cache_meta = {"shop_id": shop.pk}  # type: ignore[attr-defined]
    response.visitor_cache_timeout = _seconds_until_change(status, now)  # type: ignore[attr-defined]
    return response


@require_safe
def shop_poster(request: HttpRequest, slug: str) -> HttpResponse:
    """The window poster as an A4 PDF: the shop's name, its services and a QR code to its page."""
    shop = get_object_or_404(Shop.objects.published().prefetch_related("services"), slug=slug)
    response = HttpResponse(shop_poster_pdf(shop), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plakat-{shop.slug}.pdf"'
    return response


urlpatterns = [
    path("geschaefte/<slug:slug>/", shop_detail, name="shop"),
    path("geschaefte/<slug:slug>/plakat.pdf", shop_poster, name="shop_poster"),
]
