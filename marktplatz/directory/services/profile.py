"""
Writes to a shop's profile from its back office: basics, address and location, how it sells,
opening hours and special days; and the checklist of what the profile still lacks.

Each function takes the shop the caller got through ``access_shop`` and validates what it is given
(raising ``ValidationError`` with the field as key where there is one), so the forms and any later
API share the rules. After a change to something the search indexes (name, description,
categories, address, services) the shop is re-indexed once the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from phonenumber_field.phonenumber import PhoneNumber

from marktplatz.accounts.models import User
from marktplatz.core.visitor_cache import content_changed
from marktplatz.directory.access import shops_managed_by
from marktplatz.directory.hours import local_now
from marktplatz.directory.models import (
    Category,
    DeliveryPostalCode,
    OpeningHours,
    PaymentMethod,
    ServiceKind,
    Shop,
    ShopLink,
    ShopMembership,
    ShopPhoto,
    ShopService,
    SpecialDay,
)
from marktplatz.geo.gazetteer import lookup_postal_code
from marktplatz.search import index_shop

POSTAL_CODE_RE = re.compile(r"^\d{5}$")
Interval = tuple[dt.time, dt.time]
Week = Mapping[int, Sequence[Interval]]


def _lock(shop: Shop) -> None:
    """
    Lock the shop's row until the transaction ends, so two saves that replace the same set of rows
    (opening hours, services) run one after the other instead of adding up (PostgreSQL; SQLite
    serialises writers anyway).
    """
    Shop.objects.select_for_update().filter(pk=shop.pk).values_list("pk", flat=True).first()


def _reindex_on_commit(shop: Shop, *, products_too: bool = False) -> None:
    """
    Keep the search index in step with what the search reads (after commit, never before). With
    ``products_too`` (the name or the town changed, which the products' documents hold too) the
    shop's products are indexed again by a background task.
    """
    shop_id = shop.pk
    transaction.on_commit(lambda: index_shop(shop_id=shop_id))
    if products_too:
        # Imported here: the catalog builds on the directory, not the other way round.
        from marktplatz.catalog.tasks import reindex_shop_products

        transaction.on_commit(lambda: reindex_shop_products.enqueue(shop_id=shop_id))
    content_changed()


# --- Basics -----------------------------------------------------------------------------------


@transaction.atomic
def shop_update_basics(
    *,
    shop: Shop,
    name: str,
    description: str,
    categories: Iterable[Category],
    phone: PhoneNumber | str | None,
    email: str,
    website: str,
    links: Mapping[str, str],
    payment_methods: Sequence[str],
    how_to_order: str,
    closed_on_public_holidays: bool,
) -> Shop:
    """
    Save the shop's basic facts. ``links`` maps ``ShopLink.Platform`` values to URLs (an empty URL
    removes that link); ``payment_methods`` are ``PaymentMethod`` values.
    """
    categories = list(categories)
    if not name.strip():
        raise ValidationError({"name": _("Please enter the name of your shop.")})
    if not categories:
        raise ValidationError({"categories": _("Please choose at least one category.")})
    unknown = set(payment_methods) - set(PaymentMethod.values)
    if unknown:
        raise ValidationError({"payment_methods": _("Unknown payment method.")})
    unknown_platforms = set(links) - set(ShopLink.Platform.values)
    if unknown_platforms:
        raise ValueError(f"Unknown link platforms: {sorted(unknown_platforms)}")
    renamed = name.strip() != shop.name

    shop.name = name.strip()
    shop.description = description.strip()
    shop.phone = phone or ""
    shop.email = email.strip().lower()
    shop.website = website.strip()
    shop.payment_methods = [code for code in PaymentMethod.values if code in set(payment_methods)]
    shop.how_to_order = how_to_order.strip()
    shop.closed_on_public_holidays = closed_on_public_holidays
    try:
        shop.full_clean(exclude=["slug", "categories"], validate_unique=False)
    except ValidationError:
        shop.refresh_from_db()  # the caller's object shows the stored shop again
        raise
    shop.save(
        update_fields=[
            "name",
            "description",
            "phone",
            "email",
            "website",
            "payment_methods",
            "how_to_order",
            "closed_on_public_holidays",
            "updated_at",
        ]
    )
    shop.categories.set(categories)
    existing = {link.platform: link for link in shop.links.all()}
    for platform, url in links.items():
        url = url.strip()
        link = existing.get(platform)
        if not url:
            if link is not None:
                link.delete()
        elif link is None:
            ShopLink.objects.create(shop=shop, platform=platform, url=url)
        elif link.url != url:
            link.url = url
            link.save(update_fields=["url"])
    _reindex_on_commit(shop, products_too=renamed)
    return shop


# --- Address and location ---------------------------------------------------------------------


def postal_code_in_region(*, code: str) -> bool:
    """Whether ``code`` is a postal code of the region (known to the gazetteer)."""
    return bool(POSTAL_CODE_RE.match(code)) and lookup_postal_code(code) is not None


def location_in_region(*, lat: float, lon: float) -> bool:
    south, west, north, east = settings.REGION_BOUNDS
    return south <= lat <= north and west <= lon <= east


@transaction.atomic
def shop_update_address(
    *,
    shop: Shop,
    street: str,
    postal_code: str,
    locality: str = "",
    lat: float | None = None,
    lon: float | None = None,
) -> Shop:
    """
    Save the address. The district always follows the postal code (from the gazetteer). The map
    position: when ``lat``/``lon`` differ from the stored ones the owner moved the pin, which wins
    (``location_source`` "pin"); otherwise a changed postal code moves the shop to that postal
    code's place (``location_source`` "gazetteer"). An empty ``locality`` takes the gazetteer's.
    """
    if not street.strip():
        raise ValidationError({"street": _("Please enter the street and house number.")})
    postal_code = postal_code.strip()
    place = lookup_postal_code(postal_code) if POSTAL_CODE_RE.match(postal_code) else None
    if place is None:
        message = _("Please enter a five-digit postal code in %(region)s.")
        raise ValidationError(
            {"postal_code": ValidationError(message, params={"region": settings.REGION_NAME})}
        )
    # The form shows six decimals (about 10 cm); a smaller difference is the same spot.
    if lat is not None and lon is not None and (abs(lat - shop.lat) > 1e-6 or abs(lon - shop.lon) > 1e-6):
        if not location_in_region(lat=lat, lon=lon):
            message = _("The position must lie in %(region)s.")
            raise ValidationError({"lat": ValidationError(message, params={"region": settings.REGION_NAME})})
        shop.lat, shop.lon = lat, lon
        shop.location_source = Shop.LocationSource.PIN
    elif postal_code != shop.postal_code:
        shop.lat, shop.lon = place.lat, place.lon
        shop.location_source = Shop.LocationSource.GAZETTEER
    old_locality = shop.locality
    shop.street = street.strip()
    shop.postal_code = postal_code
    shop.locality = locality.strip() or place.locality
    shop.district = place.district
    shop.save(
        update_fields=[
            "street",
            "postal_code",
            "locality",
            "district",
            "lat",
            "lon",
            "location_source",
            "updated_at",
        ]
    )
    _reindex_on_commit(shop, products_too=shop.locality != old_locality)
    return shop


# --- Services (how the shop sells) ------------------------------------------------------------


@dataclass(frozen=True)
class ServiceDetails:
    """One way of selling with the details its kind uses (the others are ignored and stored empty)."""

    kind: str
    phone: PhoneNumber | str = ""
    hours: str = ""
    delivery_radius_km: Decimal | None = None
    fee: Decimal | None = None
    minimum_order: Decimal | None = None
    url: str = ""
    note: str = ""


# The fields each kind keeps; everything else is cleared.
SERVICE_FIELDS: dict[str, tuple[str, ...]] = {
    ServiceKind.PHONE_ORDER: ("phone", "hours"),
    ServiceKind.DELIVERY: ("delivery_radius_km", "fee", "minimum_order", "note"),
    ServiceKind.PICKUP: ("note",),
    ServiceKind.SHIPPING: ("fee", "note"),
    ServiceKind.ONLINE_SHOP: ("url", "note"),
    ServiceKind.VOUCHERS: ("note",),
}
_EMPTY: dict[str, object] = {
    "phone": "",
    "hours": "",
    "delivery_radius_km": None,
    "fee": None,
    "minimum_order": None,
    "url": "",
    "note": "",
}


def postal_codes_parse(text: str) -> list[str]:
    """Split a list of postal codes typed by a person (commas, spaces, semicolons, new lines)."""
    seen: dict[str, None] = {}
    for code in re.split(r"[\s,;]+", text.strip()):
        if code:
            seen[code] = None
    return list(seen)


def postal_codes_problem(codes: Sequence[str]) -> ValidationError | None:
    """A ``ValidationError`` naming the codes that are not postal codes of the region, else ``None``."""
    wrong = [code for code in codes if not postal_code_in_region(code=code)]
    if not wrong:
        return None
    return ValidationError(
        _("These are not postal codes in %(region)s: %(codes)s."),
        code="postal_codes",
        params={"region": settings.REGION_NAME, "codes": ", ".join(wrong)},
    )


@transaction.atomic
def shop_set_services(
    *, shop: Shop, services: Sequence[ServiceDetails], delivery_postal_codes: Sequence[str] = ()
) -> list[ShopService]:
    """
    Replace how ``shop`` sells by ``services`` (at least one). Delivery needs a radius or postal
    codes of the region; an own online shop needs its address. ``delivery_postal_codes`` are kept
    only while delivery is offered.
    """
    errors: dict[str, list[ValidationError | str | Promise]] = {}
    if not services:
        errors["__all__"] = [_("Please keep at least one way your customers can buy from you.")]
    kinds = [details.kind for details in services]
    if len(set(kinds)) != len(kinds) or not set(kinds) <= set(ServiceKind.values):
        raise ValueError(f"Each service kind at most once, and only known kinds: {kinds}")
    codes = [code.strip() for code in delivery_postal_codes if code.strip()]
    by_kind = {details.kind: details for details in services}
    delivery = by_kind.get(ServiceKind.DELIVERY)
    if delivery is not None:
        if delivery.delivery_radius_km is None and not codes:
            errors["delivery_radius_km"] = [
                _("Please enter a delivery radius or the postal codes you deliver to.")
            ]
        problem = postal_codes_problem(codes)
        if problem is not None:
            errors["delivery_postal_codes"] = [problem]
    online = by_kind.get(ServiceKind.ONLINE_SHOP)
    if online is not None and not online.url.strip():
        errors["url"] = [_("Please enter the address of your online shop.")]
    if errors:
        raise ValidationError(errors)

    _lock(shop)
    kept: list[ShopService] = []
    existing = {service.kind: service for service in shop.services.all()}
    for details in services:
        service = existing.pop(details.kind, None) or ShopService(shop=shop, kind=details.kind)
        for field_name, empty in _EMPTY.items():
            value = getattr(details, field_name) if field_name in SERVICE_FIELDS[details.kind] else empty
            setattr(service, field_name, value.strip() if isinstance(value, str) else value)
        service.full_clean(exclude=["shop"], validate_unique=False)
        service.save()
        kept.append(service)
    ShopService.objects.filter(pk__in=[service.pk for service in existing.values()]).delete()

    DeliveryPostalCode.objects.filter(shop=shop).delete()
    if delivery is not None and codes:
        DeliveryPostalCode.objects.bulk_create(
            [DeliveryPostalCode(shop=shop, postal_code=code) for code in sorted(set(codes))]
        )
    Shop.objects.filter(pk=shop.pk).update(updated_at=timezone.now())
    _reindex_on_commit(shop)
    return kept


# --- Opening hours ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HoursProblem:
    """What is wrong with one interval of one weekday (``index`` counts the day's intervals from 0)."""

    weekday: int
    index: int
    message: str


def _hhmm(moment: dt.time) -> str:
    return moment.strftime("%H:%M")


def opening_hours_problems(*, week: Week) -> list[HoursProblem]:
    """
    Check a week of opening hours: each interval closes after it opens, and a day's intervals do
    not overlap (one may start when the previous ends). The messages name the day.
    """
    problems: list[HoursProblem] = []
    for weekday in sorted(week):
        day = str(OpeningHours.Weekday(weekday).label)
        intervals = list(week[weekday])
        valid: list[tuple[int, Interval]] = []
        for index, (opens, closes) in enumerate(intervals):
            if closes <= opens:
                message = gettext("%(day)s: the closing time must be after the opening time.")
                if closes == dt.time(0, 0):
                    message = gettext(
                        "%(day)s: the closing time must be after the opening time. "
                        "For midnight please enter 23:59."
                    )
                problems.append(HoursProblem(weekday, index, message % {"day": day}))
            else:
                valid.append((index, (opens, closes)))
        valid.sort(key=lambda item: item[1])
        for (_index, (opens_a, closes_a)), (index_b, (opens_b, closes_b)) in itertools.pairwise(valid):
            if opens_b < closes_a:
                message = gettext("%(day)s: the times %(first)s and %(second)s overlap.") % {
                    "day": day,
                    "first": f"{_hhmm(opens_a)}–{_hhmm(closes_a)}",
                    "second": f"{_hhmm(opens_b)}–{_hhmm(closes_b)}",
                }
                problems.append(HoursProblem(weekday, index_b, message))
    return problems


@transaction.atomic
def shop_set_opening_hours(*, shop: Shop, week: Week) -> list[OpeningHours]:
    """
    Replace the regular weekly hours of ``shop``. ``week`` maps weekdays (0 = Monday) to their
    intervals; a missing or empty day is closed. Raise ``ValidationError`` listing every problem.
    """
    if not set(week) <= set(range(7)):
        raise ValueError(f"Weekdays are 0 (Monday) to 6 (Sunday), not {sorted(week)}")
    problems = opening_hours_problems(week=week)
    if problems:
        raise ValidationError([problem.message for problem in problems])
    _lock(shop)
    OpeningHours.objects.filter(shop=shop).delete()
    rows = OpeningHours.objects.bulk_create(
        [
            OpeningHours(shop=shop, weekday=weekday, opens=opens, closes=closes)
            for weekday in sorted(week)
            for opens, closes in sorted(week[weekday])
        ]
    )
    Shop.objects.filter(pk=shop.pk).update(updated_at=timezone.now())
    return rows


def shop_week(*, shop: Shop) -> dict[int, list[Interval]]:
    """The stored regular week of ``shop``: weekday → sorted intervals (closed days map to [])."""
    week: dict[int, list[Interval]] = {day: [] for day in range(7)}
    for hours in shop.opening_hours.all():
        week[hours.weekday].append((hours.opens, hours.closes))
    return {day: sorted(intervals) for day, intervals in week.items()}


# --- Special days -----------------------------------------------------------------------------


@transaction.atomic
def special_day_add(
    *,
    shop: Shop,
    date: dt.date,
    is_closed: bool,
    opens: dt.time | None = None,
    closes: dt.time | None = None,
    note: str = "",
    today: dt.date | None = None,
) -> SpecialDay:
    """
    Add a date with other hours than usual: closed all day, or open ``opens``–``closes``.
    Raise ``ValidationError`` for a past date, a date already entered or impossible times.
    """
    errors: dict[str, list[ValidationError | str | Promise]] = {}
    today = today or local_now().date()
    if date < today:
        errors["date"] = [_("This date is in the past.")]
    elif shop.special_days.filter(date=date).exists():
        errors["date"] = [_("There is already an entry for this date. Delete it first to change it.")]
    if not is_closed:
        if opens is None or closes is None:
            errors["closes"] = [_("Please enter the opening and the closing time, or choose “closed”.")]
        elif closes <= opens:
            errors["closes"] = [_("The closing time must be after the opening time.")]
    if errors:
        raise ValidationError(errors)
    return SpecialDay.objects.create(
        shop=shop,
        date=date,
        is_closed=is_closed,
        opens=None if is_closed else opens,
        closes=None if is_closed else closes,
        note=note.strip(),
    )


def special_day_delete(*, shop: Shop, special_day_id: int) -> None:
    """Delete one of ``shop``'s special days. Raise ``SpecialDay.DoesNotExist`` if not ``shop``'s."""
    deleted, _rows = shop.special_days.filter(pk=special_day_id).delete()
    if not deleted:
        raise SpecialDay.DoesNotExist


# --- Checklist --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    """One thing a good profile has; ``url_name`` is the back-office page where the owner adds it."""

    key: str
    label: str
    hint: str
    done: bool
    url_name: str


@dataclass(frozen=True)
class ShopProgress:
    """Which of the profile's parts exist; from annotations (lists) or queries (a single shop)."""

    has_categories: bool
    has_hours: bool
    has_photos: bool
    has_services: bool

    @classmethod
    def of(cls, shop: Shop) -> ShopProgress:
        def fact(name: str, compute: Iterable[object]) -> bool:
            annotated = getattr(shop, name, None)
            return bool(annotated) if annotated is not None else any(True for _ in compute)

        return cls(
            has_categories=fact("has_categories", shop.categories.all()[:1]),
            has_hours=fact("has_hours", shop.opening_hours.all()[:1]),
            has_photos=fact("has_photos", shop.photos.all()[:1]),
            has_services=fact("has_services", shop.services.all()[:1]),
        )


DESCRIPTION_MIN_LENGTH = 80


def shops_managed_with_progress(*, user: User) -> QuerySet[Shop]:
    """
    The shops ``user`` manages, by name, annotated with what ``shop_checklist`` needs (so a list
    of shops costs one query) and ``my_role``, the user's role in each.
    """
    return (
        shops_managed_by(user)
        .annotate(
            has_categories=Exists(Shop.categories.through.objects.filter(shop_id=OuterRef("pk"))),
            has_hours=Exists(OpeningHours.objects.filter(shop_id=OuterRef("pk"))),
            has_photos=Exists(ShopPhoto.objects.filter(shop_id=OuterRef("pk"))),
            has_services=Exists(ShopService.objects.filter(shop_id=OuterRef("pk"))),
            my_role=Subquery(
                ShopMembership.objects.filter(shop_id=OuterRef("pk"), user=user).values("role")[:1]
            ),
        )
        .order_by("name", "pk")
    )


def shop_checklist(*, shop: Shop) -> list[ChecklistItem]:
    """
    What the profile has and lacks, most useful first: customers look for opening hours and how to
    buy, then a way to call, a real description, photos, the exact spot on the map.
    """
    progress = ShopProgress.of(shop)
    return [
        ChecklistItem(
            "hours",
            str(_("Opening hours")),
            str(_("Customers want to know when you are open.")),
            progress.has_hours,
            "directory:shop_hours",
        ),
        ChecklistItem(
            "services",
            str(_("How customers can buy")),
            str(_("Phone orders, delivery, click & collect – say what you offer.")),
            progress.has_services,
            "directory:shop_services",
        ),
        ChecklistItem(
            "phone",
            str(_("Phone number")),
            str(_("Many customers would rather call.")),
            bool(shop.phone),
            "directory:shop_basics",
        ),
        ChecklistItem(
            "description",
            str(_("Description")),
            str(_("A few sentences about your shop and what makes it special.")),
            len(shop.description.strip()) >= DESCRIPTION_MIN_LENGTH,
            "directory:shop_basics",
        ),
        ChecklistItem(
            "photos",
            str(_("Photos")),
            str(_("A photo of your shop window or your goods invites people in.")),
            progress.has_photos,
            "directory:shop_photos",
        ),
        ChecklistItem(
            "location",
            str(_("Exact spot on the map")),
            str(_("Place the pin on your door so customers find you.")),
            shop.location_source != Shop.LocationSource.GAZETTEER,
            "directory:shop_address",
        ),
        ChecklistItem(
            "payment",
            str(_("Payment methods")),
            str(_("Cash, card, PayPal – what do you accept?")),
            bool(shop.payment_methods),
            "directory:shop_basics",
        ),
        ChecklistItem(
            "categories",
            str(_("Categories")),
            str(_("So customers find you when they search by category.")),
            progress.has_categories,
            "directory:shop_basics",
        ),
        ChecklistItem(
            "logo",
            str(_("Logo")),
            str(_("Your logo makes your entry recognisable.")),
            bool(shop.logo),
            "directory:shop_photos",
        ),
    ]
