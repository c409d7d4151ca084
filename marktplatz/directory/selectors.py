"""
Reads of the directory: the shop search used by the directory page, the home page and the API.

``shop_search`` is the one entry point; HTML views and the API build a ``ShopSearchParams`` from
their (validated) input and render the ``ShopSearchResult``. ``shop_map_points`` gives the same
shops as light points for the map, ``origin_resolve`` turns a "where" input into an ``Origin``.

The ranking rule (published on the ranking page): with a text query, text relevance first (a word
found in the name counts more than in a category, which counts more than in the description or
town), equally relevant shops by distance when a place is given, then by name. Without a text
query but with a place: by distance. Neither: by name. ``sort`` may ask for "distance" (needs a
place), "name" or "newest". There is no paid placement; filters only exclude.

Text search needs the shops to be in the search index (``marktplatz.search.index_shop``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, Literal, NamedTuple, cast

from django.db.models import (
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from phonenumber_field.phonenumber import PhoneNumber

from marktplatz.geo.distance import EARTH_RADIUS_KM, bounding_box
from marktplatz.geo.gazetteer import resolve_place
from marktplatz.initiatives.models import InitiativeMembership
from marktplatz.search.selectors import search_filter, search_query_parse

from .hours import BERLIN, OpeningStatus, open_at_q, opening_status
from .models import (
    DeliveryPostalCode,
    OpeningHours,
    ServiceKind,
    Shop,
    ShopService,
    SpecialDay,
    category_label,
)

SortOrder = Literal["relevance", "distance", "name", "newest"]
SEARCH_KIND: Final = "shop"
MAP_POINTS_LIMIT: Final = 2000
# Opening status looks at most a week ahead; special days beyond that are not loaded for the list.
_SPECIAL_DAYS_AHEAD: Final = 8


@dataclass(frozen=True)
class Origin:
    """Where the customer is: a resolved postal code, town or browser location."""

    lat: float
    lon: float
    label: str
    postal_code: str | None = None


@dataclass(frozen=True)
class ShopSearchParams:
    q: str = ""
    origin: Origin | None = None
    radius_km: float | None = None
    category: str | None = None  # category slug; includes its sub-categories
    services: tuple[str, ...] = ()  # ServiceKind values, all required
    open_now: bool = False
    initiative: str | None = None  # initiative slug: only its confirmed members
    sort: SortOrder | None = None  # None: relevance with q, distance with origin, else name


@dataclass(frozen=True)
class CategoryRef:
    """A category of a shop in a result list (inactive ones included; the API leaves them out)."""

    slug: str
    name: str
    name_en: str
    is_active: bool

    @property
    def label(self) -> str:
        return category_label(self.name, self.name_en)


class HoursRow(NamedTuple):
    """One opening interval of the regular week (the fields ``hours.opening_status`` reads)."""

    weekday: int
    opens: dt.time
    closes: dt.time


class ServiceRow(NamedTuple):
    """One way a shop sells, with its details (the fields of ``ShopService`` the API shows)."""

    kind: str
    phone: PhoneNumber | str
    hours: str
    delivery_radius_km: Decimal | None
    fee: Decimal | None
    minimum_order: Decimal | None
    url: str
    note: str


class SpecialDayRow(NamedTuple):
    """A special day within the week ahead (the fields ``hours.opening_status`` reads)."""

    date: dt.date
    is_closed: bool
    opens: dt.time | None
    closes: dt.time | None


@dataclass
class ShopHit:
    shop: Shop
    distance_km: float | None = None
    # How well the text query matched (higher is better); None without a text query.
    relevance: int | None = None
    # Open or closed at the moment of the search (for the open-now / opens-at badge).
    opening: OpeningStatus | None = None
    # What a result card shows besides the shop's own fields, read as plain rows (no related
    # objects are loaded on ``shop``): categories and ways of selling in their usual order, the
    # regular week by weekday and opening time.
    categories: tuple[CategoryRef, ...] = ()
    services: tuple[ServiceRow, ...] = ()
    opening_hours: tuple[HoursRow, ...] = ()

    @property
    def service_labels(self) -> list[str]:
        """The ways of selling as the card shows them, in the active language."""
        labels = dict(ServiceKind.choices)
        return [capfirst(str(labels.get(service.kind, service.kind))) for service in self.services]


@dataclass
class ShopSearchResult:
    hits: list[ShopHit]
    count: int
    page: int
    num_pages: int
    params: ShopSearchParams = field(default_factory=ShopSearchParams)
    # The order actually applied ("relevance" needs q, "distance" an origin).
    sort: SortOrder = "name"


@dataclass(frozen=True)
class MapPoint:
    id: int
    slug: str
    name: str
    lat: float
    lon: float


def published_shops() -> QuerySet[Shop]:
    return Shop.objects.published()


def shop_search(
    *, params: ShopSearchParams, page: int = 1, per_page: int = 20, now: dt.datetime | None = None
) -> ShopSearchResult:
    """
    Search published shops by ``params`` and return page ``page`` (clamped to the existing pages).
    ``now`` is the moment for "open now" and the opening badges (default: the current time).
    A page costs a fixed number of queries: the count, the page, and one each for the page's
    categories, ways of selling, opening hours and special days of the coming week (plain rows,
    see ``ShopHit``).
    """
    now = now or timezone.now()
    queryset, sort = _shop_queryset(params=params, now=now)
    count = queryset.count()
    num_pages = max(1, math.ceil(count / per_page))
    page = min(max(1, page), num_pages)
    shops: list[Shop] = list(queryset[(page - 1) * per_page : page * per_page]) if count else []
    cards = _cards_load(shop_ids=[shop.pk for shop in shops], today=now.astimezone(BERLIN).date())
    hits = []
    for shop in shops:
        card = cards.get(shop.pk, _EMPTY_CARD)
        hits.append(
            ShopHit(
                shop=shop,
                distance_km=_rounded(getattr(shop, "distance_km", None)),
                relevance=getattr(shop, "relevance", None),
                opening=opening_status(cast(Shop, _OpeningRows(shop.closed_on_public_holidays, card)), now),
                categories=tuple(card.categories),
                services=tuple(card.services),
                opening_hours=tuple(card.opening_hours),
            )
        )
    return ShopSearchResult(hits, count, page, num_pages, params, sort)


@dataclass
class _Card:
    categories: list[CategoryRef] = field(default_factory=list)
    services: list[ServiceRow] = field(default_factory=list)
    opening_hours: list[HoursRow] = field(default_factory=list)
    special_days: list[SpecialDayRow] = field(default_factory=list)


_EMPTY_CARD: Final = _Card()


def _cards_load(*, shop_ids: list[int], today: dt.date) -> dict[int, _Card]:
    """The card rows of ``shop_ids``: four light queries, in the orders the models define."""
    if not shop_ids:
        return {}
    cards: dict[int, _Card] = {shop_id: _Card() for shop_id in shop_ids}
    # Category's ordering (position, name), as the related manager would list them.
    category_rows = (
        Shop.categories.through.objects.filter(shop_id__in=shop_ids)
        .order_by("category__position", "category__name")
        .values_list(
            "shop_id", "category__slug", "category__name", "category__name_en", "category__is_active"
        )
    )
    for shop_id, slug, name, name_en, is_active in category_rows:
        cards[shop_id].categories.append(CategoryRef(slug, name, name_en, is_active))
    services = (
        ShopService.objects.filter(shop_id__in=shop_ids)
        .order_by("kind")
        .values_list("shop_id", *ServiceRow._fields)
    )
    for shop_id, *service in services:
        cards[shop_id].services.append(ServiceRow(*service))
    hours = (
        OpeningHours.objects.filter(shop_id__in=shop_ids)
        .order_by("weekday", "opens")
        .values_list("shop_id", "weekday", "opens", "closes")
    )
    for shop_id, weekday, opens, closes in hours:
        cards[shop_id].opening_hours.append(HoursRow(weekday, opens, closes))
    # Opening status looks at most a week ahead; special days beyond that are not needed.
    special_days = (
        SpecialDay.objects.filter(
            shop_id__in=shop_ids,
            date__gte=today,
            date__lte=today + dt.timedelta(days=_SPECIAL_DAYS_AHEAD),
        )
        .order_by("date")
        .values_list("shop_id", "date", "is_closed", "opens", "closes")
    )
    for shop_id, day, is_closed, day_opens, day_closes in special_days:
        cards[shop_id].special_days.append(SpecialDayRow(day, is_closed, day_opens, day_closes))
    return cards


class _Rows:
    def __init__(self, rows: list[Any]) -> None:
        self._rows = rows

    def all(self) -> list[Any]:
        return self._rows


class _OpeningRows:
    """
    What ``hours.opening_status`` reads of a shop (``opening_hours.all()``, ``special_days.all()``,
    ``closed_on_public_holidays``), served from card rows instead of model instances.
    """

    def __init__(self, closed_on_public_holidays: bool, card: _Card) -> None:
        self.closed_on_public_holidays = closed_on_public_holidays
        self.opening_hours = _Rows(card.opening_hours)
        self.special_days = _Rows(card.special_days)


def shop_map_points(
    *, params: ShopSearchParams, limit: int = MAP_POINTS_LIMIT, now: dt.datetime | None = None
) -> list[MapPoint]:
    """The shops of the same search as light points for the map, best first, at most ``limit``."""
    queryset, _sort = _shop_queryset(params=params, now=now or timezone.now())
    rows = queryset.values_list("pk", "slug", "name", "lat", "lon")[:limit]
    return [MapPoint(id=pk, slug=slug, name=name, lat=lat, lon=lon) for pk, slug, name, lat, lon in rows]


_COORDINATES_RE: Final = re.compile(r"(-?\d{1,2}(?:\.\d+)?)\s*[,;]\s*(-?\d{1,3}(?:\.\d+)?)")


def origin_resolve(*, where: str) -> Origin | None:
    """
    The ``Origin`` meant by a "where" input: a postal code ("18055"), a town ("Güstrow"), both
    ("18055 Rostock") or coordinates "lat,lon" (the browser's location). ``None`` if unknown.
    """
    text = " ".join(where.split())
    if not text:
        return None
    match = _COORDINATES_RE.fullmatch(text)
    if match:
        lat, lon = float(match[1]), float(match[2])
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return Origin(lat=lat, lon=lon, label=gettext("your location"))
        return None
    place = resolve_place(text)
    if place is None:
        return None
    return Origin(lat=place.lat, lon=place.lon, label=place.label, postal_code=place.postal_code)


def distance_km_expression(origin: Origin, *, lat: Any = None, lon: Any = None) -> Any:
    """
    The great-circle distance in km from ``origin`` to the row's ``lat``/``lon`` (haversine, as
    ``marktplatz.geo.distance.haversine_km``), in SQL: PostgreSQL has the functions, Django adds
    them to SQLite connections that lack them.
    """
    row_lat = Radians(lat if lat is not None else F("lat"))
    row_lon = Radians(lon if lon is not None else F("lon"))
    origin_lat, origin_lon = math.radians(origin.lat), math.radians(origin.lon)
    half_chord = Power(Sin((row_lat - Value(origin_lat)) / Value(2.0)), 2) + Value(
        math.cos(origin_lat)
    ) * Cos(row_lat) * Power(Sin((row_lon - Value(origin_lon)) / Value(2.0)), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(Least(Value(1.0), half_chord, output_field=FloatField())))


def _shop_queryset(*, params: ShopSearchParams, now: dt.datetime) -> tuple[QuerySet[Shop], SortOrder]:
    """The filtered and ordered published shops, with ``relevance`` and ``distance_km`` annotated as used."""
    queryset = published_shops()
    has_text = False
    query = search_query_parse(kind=SEARCH_KIND, text=params.q) if params.q.strip() else None
    if query is not None and query.has_words:
        queryset = search_filter(queryset=queryset, query=query, relevance="relevance")
        has_text = True
    origin = params.origin
    if origin is not None:
        queryset = queryset.annotate(distance_km=distance_km_expression(origin))
        if params.radius_km is not None:
            min_lat, max_lat, min_lon, max_lon = bounding_box(origin.lat, origin.lon, params.radius_km)
            queryset = queryset.filter(
                lat__range=(min_lat, max_lat),
                lon__range=(min_lon, max_lon),
                distance_km__lte=params.radius_km,
            )
    if params.category:
        queryset = queryset.filter(
            Exists(
                Shop.categories.through.objects.filter(shop=OuterRef("pk")).filter(
                    Q(category__slug=params.category) | Q(category__parent__slug=params.category)
                )
            )
        )
    for kind in dict.fromkeys(params.services):
        queryset = queryset.filter(Exists(ShopService.objects.filter(shop=OuterRef("pk"), kind=kind)))
        if kind == "delivery" and origin is not None:
            queryset = queryset.filter(_delivers_to(origin))
    if params.open_now:
        queryset = queryset.filter(open_at_q(now))
    if params.initiative:
        queryset = queryset.filter(
            Exists(
                InitiativeMembership.objects.filter(
                    shop=OuterRef("pk"),
                    initiative__slug=params.initiative,
                    status=InitiativeMembership.Status.CONFIRMED,
                )
            )
        )
    sort = _sort(params.sort, has_text=has_text, has_origin=origin is not None)
    return queryset.order_by(*_ordering(sort, has_origin=origin is not None)), sort


def _delivers_to(origin: Origin) -> Q:
    """Shops that deliver to ``origin``: its postal code is on their list, or it lies within their radius."""
    within_radius = ShopService.objects.filter(
        shop=OuterRef("pk"), kind="delivery", delivery_radius_km__gte=OuterRef("distance_km")
    )
    area = Q(Exists(within_radius))
    if origin.postal_code:
        area |= Q(
            Exists(DeliveryPostalCode.objects.filter(shop=OuterRef("pk"), postal_code=origin.postal_code))
        )
    return area


def _sort(requested: SortOrder | None, *, has_text: bool, has_origin: bool) -> SortOrder:
    if requested == "distance" and has_origin:
        return "distance"
    if requested in ("name", "newest"):
        return requested
    if has_text:
        return "relevance"
    return "distance" if has_origin else "name"


def _ordering(sort: SortOrder, *, has_origin: bool) -> list[Any]:
    if sort == "relevance":
        # Equally relevant shops by distance when there is an origin, then by name.
        return [F("relevance").desc(), *(["distance_km"] if has_origin else []), "name", "pk"]
    if sort == "distance":
        return ["distance_km", "name", "pk"]
    if sort == "newest":
        return [F("published_at").desc(nulls_last=True), "name", "pk"]
    return ["name", "pk"]


def _rounded(distance: float | None) -> float | None:
    return None if distance is None else round(distance, 1)
