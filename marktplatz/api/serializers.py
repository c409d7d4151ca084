"""
Models to JSON-ready dicts in the shapes of ``schemas.py``. They read only what the selectors in
``selectors.py`` prefetched, so building a page never queries the database again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol

from django.http import HttpRequest

from marktplatz.directory.hours import opening_status
from marktplatz.directory.models import Category, ServiceKind, Shop
from marktplatz.directory.selectors import Origin, ShopHit
from marktplatz.initiatives.models import Initiative

Json = dict[str, Any]


def shop_out(shop: Shop, *, request: HttpRequest, is_open: bool, distance_km: float | None = None) -> Json:
    """A shop with its prefetched relations (categories, services, delivery postal codes, hours)."""
    return _shop_out(
        shop,
        request=request,
        categories=shop.categories.all(),
        services=shop.services.all(),
        delivery_postal_codes=[code.postal_code for code in shop.delivery_postal_codes.all()],
        opening_hours=shop.opening_hours.all(),
        is_open=is_open,
        distance_km=distance_km,
    )


def shop_hit_out(hit: ShopHit, *, request: HttpRequest, delivery_postal_codes: Iterable[str]) -> Json:
    """A shop of a search result from the rows ``shop_search`` read (the same shape as ``shop_out``)."""
    return _shop_out(
        hit.shop,
        request=request,
        categories=hit.categories,
        services=hit.services,
        delivery_postal_codes=delivery_postal_codes,
        opening_hours=hit.opening_hours,
        is_open=hit.opening.is_open if hit.opening is not None else False,
        distance_km=hit.distance_km,
    )


def _shop_out(
    shop: Shop,
    *,
    request: HttpRequest,
    categories: Iterable[_CategoryRow],
    services: Iterable[_ServiceRow],
    delivery_postal_codes: Iterable[str],
    opening_hours: Iterable[_HoursRow],
    is_open: bool,
    distance_km: float | None,
) -> Json:
    return {
        "slug": shop.slug,
        "name": shop.name,
        "url": request.build_absolute_uri(shop.get_absolute_url()),
        "description": shop.description,
        "street": shop.street,
        "postal_code": shop.postal_code,
        "locality": shop.locality,
        "district": shop.district,
        "lat": shop.lat,
        "lon": shop.lon,
        "categories": [_category_ref(category) for category in categories if category.is_active],
        "services": [_service(service, delivery_postal_codes) for service in services],
        "opening_hours": [
            {"weekday": hours.weekday, "opens": _hhmm(hours.opens), "closes": _hhmm(hours.closes)}
            for hours in sorted(opening_hours, key=lambda h: (h.weekday, h.opens))
        ],
        "open_now": is_open,
        "phone": _phone(shop.phone),
        "email": shop.email or None,
        "website": shop.website or None,
        "logo": request.build_absolute_uri(shop.logo.url) if shop.logo else None,
        "is_demo": shop.is_demo,
        "distance_km": round(distance_km, 1) if distance_km is not None else None,
    }


def shop_detail_out(shop: Shop, *, request: HttpRequest, now: dt.datetime) -> Json:
    today = now.date()
    return {
        **shop_out(shop, request=request, is_open=opening_status(shop, now).is_open),
        "special_days": [
            {
                "date": day.date,
                "is_closed": day.is_closed,
                "opens": None if day.is_closed or day.opens is None else _hhmm(day.opens),
                "closes": None if day.is_closed or day.closes is None else _hhmm(day.closes),
                "note": day.note,
            }
            for day in shop.special_days.all()
            if day.date >= today
        ],
        "closed_on_public_holidays": shop.closed_on_public_holidays,
        "how_to_order": shop.how_to_order,
        "payment_methods": list(shop.payment_methods or []),
        "photos": [
            {"url": request.build_absolute_uri(photo.image.url), "alt_text": photo.alt_text}
            for photo in shop.photos.all()
        ],
        "links": [{"platform": link.platform, "url": link.url} for link in shop.links.all()],
        "initiatives": [
            initiative_ref_out(membership.initiative, request=request)
            for membership in getattr(shop, "confirmed_initiative_memberships", [])
        ],
    }


class _CategoryRow(Protocol):
    """A ``Category`` or a search hit's ``CategoryRef``."""

    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def name_en(self) -> str: ...
    @property
    def is_active(self) -> bool: ...


class _ServiceRow(Protocol):
    """A ``ShopService`` or a search hit's ``ServiceRow``."""

    @property
    def kind(self) -> str: ...
    @property
    def phone(self) -> Any: ...
    @property
    def hours(self) -> str: ...
    @property
    def delivery_radius_km(self) -> Decimal | None: ...
    @property
    def fee(self) -> Decimal | None: ...
    @property
    def minimum_order(self) -> Decimal | None: ...
    @property
    def url(self) -> str: ...
    @property
    def note(self) -> str: ...


class _HoursRow(Protocol):
    """An ``OpeningHours`` or a search hit's ``HoursRow``."""

    @property
    def weekday(self) -> int: ...
    @property
    def opens(self) -> dt.time: ...
    @property
    def closes(self) -> dt.time: ...


def origin_out(origin: Origin | None) -> Json | None:
    if origin is None:
        return None
    return {"label": origin.label, "postal_code": origin.postal_code, "lat": origin.lat, "lon": origin.lon}


def category_out(category: Category) -> Json:
    return {**_category_ref(category), "parent": category.parent.slug if category.parent else None}


def initiative_ref_out(initiative: Initiative, *, request: HttpRequest) -> Json:
    return {
        "slug": initiative.slug,
        "name": initiative.name,
        "url": request.build_absolute_uri(initiative.get_absolute_url()),
    }


def initiative_out(initiative: Initiative, *, member_count: int, request: HttpRequest) -> Json:
    return {
        **initiative_ref_out(initiative, request=request),
        "region": initiative.region,
        "website": initiative.website or None,
        "member_count": member_count,
    }


def _category_ref(category: _CategoryRow) -> Json:
    return {"slug": category.slug, "name": category.name, "name_en": category.name_en}


def _service(service: _ServiceRow, delivery_postal_codes: Iterable[str]) -> Json:
    is_delivery = service.kind == ServiceKind.DELIVERY
    return {
        "kind": service.kind,
        "phone": _phone(service.phone),
        "hours": service.hours or None,
        "delivery_radius_km": float(service.delivery_radius_km)
        if service.delivery_radius_km is not None
        else None,
        "delivery_postal_codes": sorted(delivery_postal_codes) if is_delivery else [],
        "fee": _euros(service.fee),
        "minimum_order": _euros(service.minimum_order),
        "url": service.url or None,
        "note": service.note or None,
    }


def _hhmm(moment: dt.time) -> str:
    return f"{moment:%H:%M}"


def _euros(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


def _phone(number: Any) -> str | None:
    """E.164 of a ``PhoneNumberField`` value; None when empty."""
    if not number:
        return None
    return str(getattr(number, "as_e164", number)) or None
