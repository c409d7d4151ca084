"""
Reads of the catalog for customers and the API: the product search across all shops (also the
assortment on a shop's page) and the product page.

``product_search`` is the one entry point for lists; HTML views and the API build a
``ProductSearchParams`` from their validated input and render the ``ProductSearchResult``.

The ranking rule (published on the ranking page): with a text query, text relevance first (a word
found in the product's name counts more than in its category or the shop's name, which counts more
than in the description or the shop's town), equally relevant products by distance when a place is
given, then by name. Without words but with a place: by distance; neither: newest first. ``sort``
may ask for the price (ascending or descending), "distance" (needs a place), "newest" or "name". There is
no paid placement; filters only exclude.

Cost of a page, whatever the data: the category tree (1 query), count and facets together
(1 query, grouped by category), the page (1 query, with the shop joined) and its variants and
images (1 query each); a query word of 5+ letters adds the vocabulary look-ups of the search
module. Without facets (the API) the count is a plain count and the category tree is only read
for a category filter. Counting stops at ``COUNT_LIMIT`` results, so that a common word or a
wide radius costs no more to count than 10,000 results; the pages end there too.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, Literal

from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils.translation import gettext_lazy as _

from marktplatz.directory.models import DeliveryPostalCode, OpeningHours, ServiceKind, Shop, SpecialDay
from marktplatz.directory.selectors import Origin, distance_km_expression
from marktplatz.geo.distance import bounding_box, haversine_km
from marktplatz.search.selectors import search_filter, search_query_parse

from ..indexing import PRODUCT
from ..models import Product, ProductCategory, ProductImage, ProductVariant, StockMode
from ..pricing import UnitPrice, unit_price
from ..stock import Availability, availability

ProductSort = Literal["relevance", "price_asc", "price_desc", "distance", "newest", "name"]
Fulfilment = Literal["pickup", "delivery", "shipping"]
FULFILMENTS: Final[tuple[Fulfilment, ...]] = ("pickup", "delivery", "shipping")
FULFILMENT_LABELS: Final = {
    "pickup": _("Pickup in the shop"),
    "delivery": _("Local delivery"),
    "shipping": _("Shipping"),
}
# Results are counted (and faceted) up to this many; beyond, the pages end here ("more than …").
COUNT_LIMIT: Final = 10_000
SORTS: Final[tuple[ProductSort, ...]] = ("relevance", "price_asc", "price_desc", "distance", "newest", "name")
# The product flag that allows a way of fulfilment, and the shop's service it needs.
_FLAG: Final = {"pickup": "allows_pickup", "delivery": "allows_delivery", "shipping": "allows_shipping"}
_SERVICE: Final = {
    "pickup": ServiceKind.PICKUP,
    "delivery": ServiceKind.DELIVERY,
    "shipping": ServiceKind.SHIPPING,
}


@dataclass(frozen=True)
class ProductSearchParams:
    q: str = ""
    origin: Origin | None = None
    radius_km: float | None = None  # only with an origin
    category: str | None = None  # category slug; includes its sub-categories
    shop: str | None = None  # shop slug
    shop_id: int | None = None  # the shop page's own assortment
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    # All required. "delivery" with an origin: the shop delivers there (radius or postal code list).
    fulfilment: tuple[Fulfilment, ...] = ()
    in_stock: bool = False
    sort: ProductSort | None = None  # None: relevance with q, distance with origin, else newest


@dataclass
class ProductHit:
    product: Product
    distance_km: float | None = None
    # How well the text query matched (higher is better); None without a text query.
    relevance: int | None = None

    @property
    def unit_price(self) -> UnitPrice | None:
        return product_unit_price(self.product, price=self.product.price)

    @property
    def availability(self) -> Availability:
        return product_availability(self.product)

    @property
    def has_price_range(self) -> bool:
        """Variants with different prices: the list shows "from" the lowest."""
        return len({variant.price for variant in self.product.variants.all()}) > 1

    @property
    def image(self) -> ProductImage | None:
        return next((image for image in self.product.images.all() if image.is_ready), None)


@dataclass(frozen=True)
class CategoryFacet:
    slug: str
    label: str
    count: int
    children: tuple[CategoryFacet, ...] = ()


@dataclass(frozen=True)
class ProductFacets:
    categories: tuple[CategoryFacet, ...] = ()
    # "pickup", "delivery", "shipping" → how many of the results allow it
    fulfilment: dict[str, int] = field(default_factory=dict)
    in_stock: int = 0
    exact: bool = True


@dataclass
class ProductSearchResult:
    hits: list[ProductHit]
    count: int
    page: int
    num_pages: int
    params: ProductSearchParams = field(default_factory=ProductSearchParams)
    # The order actually applied ("relevance" needs q, "distance" an origin).
    sort: ProductSort = "newest"
    facets: ProductFacets = field(default_factory=ProductFacets)
    # False when there are more than COUNT_LIMIT results: then ``count`` is COUNT_LIMIT, the pages
    # end there and the facets describe those first results only (``facets.exact`` is False).
    count_exact: bool = True


def product_unit_price(product: Product, *, price: Decimal) -> UnitPrice | None:
    return unit_price(price=price, quantity=product.quantity, unit=product.unit)


def product_availability(product: Product) -> Availability:
    """The product's availability as a whole: the best of its (prefetched) variants."""
    if product.stock_mode != StockMode.TRACKED:
        return availability(stock_mode=product.stock_mode, stock=0)
    stock = max((variant.stock for variant in product.variants.all()), default=0)
    return availability(stock_mode=product.stock_mode, stock=stock)


def visible_products() -> QuerySet[Product]:
    return Product.objects.visible()


def product_search(
    *, params: ProductSearchParams, page: int = 1, per_page: int = 20, with_facets: bool = True
) -> ProductSearchResult:
    """
    Search visible products by ``params`` and return page ``page`` (clamped to the existing pages)
    with the facet counts of all results (each count within the current filters).
    """
    categories: list[ProductCategory] = []
    if with_facets or params.category:
        categories = list(
            ProductCategory.objects.filter(is_active=True).only(
                "pk", "slug", "name", "name_en", "parent_id", "position"
            )
        )
    queryset, sort = _product_queryset(params=params, categories=categories)
    if with_facets:
        facets, found = _facets(queryset, params=params, categories=categories)
    else:
        facets, found = ProductFacets(), queryset.order_by()[: COUNT_LIMIT + 1].count()
    count = min(found, COUNT_LIMIT)
    page = _clamp(page, count, per_page)
    products = _page(queryset, page, per_page) if count else []
    num_pages = max(1, math.ceil(count / per_page))
    page = min(max(1, page), num_pages)
    hits = [
        ProductHit(
            product=product,
            distance_km=_rounded(getattr(product, "distance_km", None)),
            relevance=getattr(product, "relevance", None),
        )
        for product in products
    ]
    return ProductSearchResult(
        hits, count, page, num_pages, params, sort, facets, count_exact=found <= COUNT_LIMIT
    )


def _clamp(page: int, count: int, per_page: int) -> int:
    return min(max(1, page), max(1, math.ceil(count / per_page)))


def _page(queryset: QuerySet[Product], page: int, per_page: int) -> list[Product]:
    """One page of results with their shop and category, variants and images (three queries)."""
    return list(
        queryset.select_related("shop", "category")
        .defer(*_LIST_DEFERRED)
        .prefetch_related(
            Prefetch("variants", queryset=ProductVariant.objects.order_by("position", "pk")),
            Prefetch("images", queryset=ProductImage.objects.order_by("position", "pk")),
        )[(page - 1) * per_page : page * per_page]
    )


# Long texts a result list does not show.
_LIST_DEFERRED: Final = (
    "description",
    "operator_reason",
    "safety_warnings",
    "ingredients",
    "manufacturer_address",
    "shop__description",
    "shop__how_to_order",
)


def product_suggestions(*, text: str, limit: int = 8) -> list[str]:
    """Names of the best matching visible products for "search as you type" (one query plus typo look-ups)."""
    query = search_query_parse(kind=PRODUCT, text=text)
    if not query.has_words:
        return []
    names = (
        search_filter(queryset=visible_products(), query=query)
        .order_by(F("relevance").desc(), "name", "pk")
        .values_list("name", flat=True)[: limit * 2]
    )
    return list(dict.fromkeys(names))[:limit]


def _category_ids(slug: str, categories: list[ProductCategory]) -> list[int]:
    """The category ``slug`` and its sub-categories (an unknown slug: none)."""
    chosen = next((category for category in categories if category.slug == slug), None)
    if chosen is None:
        return []
    return [chosen.pk, *(category.pk for category in categories if category.parent_id == chosen.pk)]


def _product_queryset(
    *, params: ProductSearchParams, categories: list[ProductCategory]
) -> tuple[QuerySet[Product], ProductSort]:
    """The filtered, ordered visible products with ``relevance`` and ``distance_km`` annotated as used."""
    queryset = _with_services(visible_products())
    has_text = False
    query = search_query_parse(kind=PRODUCT, text=params.q) if params.q.strip() else None
    if query is not None and query.has_words:
        queryset = search_filter(queryset=queryset, query=query, relevance="relevance")
        has_text = True
    origin = params.origin
    if origin is not None:
        queryset = queryset.annotate(
            distance_km=distance_km_expression(origin, lat=F("shop__lat"), lon=F("shop__lon"))
        )
        if params.radius_km is not None:
            min_lat, max_lat, min_lon, max_lon = bounding_box(origin.lat, origin.lon, params.radius_km)
            queryset = queryset.filter(
                shop__lat__range=(min_lat, max_lat),
                shop__lon__range=(min_lon, max_lon),
                distance_km__lte=params.radius_km,
            )
    if params.category:
        queryset = queryset.filter(category_id__in=_category_ids(params.category, categories))
    if params.shop:
        queryset = queryset.filter(shop__slug=params.shop)
    if params.shop_id is not None:
        queryset = queryset.filter(shop_id=params.shop_id)
    if params.price_min is not None:
        queryset = queryset.filter(price__gte=params.price_min)
    if params.price_max is not None:
        queryset = queryset.filter(price__lte=params.price_max)
    if params.in_stock:
        queryset = queryset.filter(in_stock=True)
    for kind in dict.fromkeys(params.fulfilment):
        queryset = queryset.filter(_fulfilment_q(kind, origin))
    sort = _sort(params.sort, has_text=has_text, has_origin=origin is not None)
    return queryset.order_by(*_ordering(sort, has_origin=origin is not None)), sort


def _service_alias(kind: Fulfilment) -> str:
    return f"{kind}_service"


def _with_services(queryset: QuerySet[Product]) -> QuerySet[Product]:
    """
    Name the shop's service of each kind (at most one per shop, so no row is repeated); a service
    is only joined where a filter or a count uses it.
    """
    return queryset.alias(
        **{
            _service_alias(kind): FilteredRelation(
                "shop__services", condition=Q(shop__services__kind=_SERVICE[kind])
            )
            for kind in FULFILMENTS
        }
    )


def _fulfilment_q(kind: Fulfilment, origin: Origin | None) -> Q:
    """The product allows ``kind`` and its shop offers it (delivery: to ``origin``, if given)."""
    alias = _service_alias(kind)
    condition = Q(**{_FLAG[kind]: True, f"{alias}__isnull": False})
    if kind == "delivery" and origin is not None:
        area = Q(**{f"{alias}__delivery_radius_km__gte": F("distance_km")})
        if origin.postal_code:
            area |= Q(
                Exists(
                    DeliveryPostalCode.objects.filter(
                        shop=OuterRef("shop_id"), postal_code=origin.postal_code
                    )
                )
            )
        condition &= area
    return condition


def _facets(
    queryset: QuerySet[Product], *, params: ProductSearchParams, categories: list[ProductCategory]
) -> tuple[ProductFacets, int]:
    """
    Count and facets in one query over at most ``COUNT_LIMIT + 1`` results (so its cost has a
    ceiling however common the words are): the results' category, stock and ways of fulfilment,
    grouped by category. Returns the facets and the number of results counted.
    """
    flags = {
        f"facet_{kind}": ExpressionWrapper(_fulfilment_q(kind, params.origin), output_field=BooleanField())
        for kind in FULFILMENTS
    }
    capped = (
        queryset.order_by()
        .annotate(facet_category=F("category_id"), facet_stock=F("in_stock"), **flags)
        .values("facet_category", "facet_stock", *flags)[: COUNT_LIMIT + 1]
    )
    sql, sql_params = capped.query.sql_with_params()
    sums = ", ".join(f"SUM(CASE WHEN {name} THEN 1 ELSE 0 END)" for name in ("facet_stock", *flags))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT facet_category, COUNT(*), {sums} FROM ({sql}) capped GROUP BY facet_category",  # noqa: S608
            sql_params,
        )
        rows = cursor.fetchall()
    count = sum(row[1] for row in rows)
    by_category = {row[0]: row[1] for row in rows}
    facets = ProductFacets(
        categories=_category_facets(by_category, categories),
        fulfilment={kind: sum(row[3 + index] or 0 for row in rows) for index, kind in enumerate(FULFILMENTS)},
        in_stock=sum(row[2] or 0 for row in rows),
        exact=count <= COUNT_LIMIT,
    )
    return facets, count


def _category_facets(
    counts: dict[int | None, int], categories: list[ProductCategory]
) -> tuple[CategoryFacet, ...]:
    """Main categories with the results in them or their sub-categories, each with its sub-categories."""
    facets = []
    for parent in (category for category in categories if category.parent_id is None):
        children = tuple(
            CategoryFacet(child.slug, child.label, counts[child.pk])
            for child in categories
            if child.parent_id == parent.pk and counts.get(child.pk)
        )
        total = counts.get(parent.pk, 0) + sum(child.count for child in children)
        if total:
            facets.append(CategoryFacet(parent.slug, parent.label, total, children))
    return tuple(facets)


def _sort(requested: ProductSort | None, *, has_text: bool, has_origin: bool) -> ProductSort:
    if requested == "distance" and has_origin:
        return "distance"
    if requested in ("price_asc", "price_desc", "newest", "name"):
        return requested
    if has_text:
        return "relevance"
    return "distance" if has_origin else "newest"


def _ordering(sort: ProductSort, *, has_origin: bool) -> list[Any]:
    if sort == "relevance":
        return [F("relevance").desc(), *(["distance_km"] if has_origin else []), "name", "pk"]
    if sort == "price_asc":
        return ["price", "pk"]
    if sort == "price_desc":
        return [F("price").desc(), "pk"]
    if sort == "distance":
        return ["distance_km", "name", "pk"]
    if sort == "name":
        return ["name", "pk"]
    return [F("created_at").desc(), "pk"]


def _rounded(distance: float | None) -> float | None:
    return None if distance is None else round(distance, 1)


# --- The product page -------------------------------------------------------------------------


@dataclass(frozen=True)
class VariantOffer:
    variant: ProductVariant
    availability: Availability
    unit_price: UnitPrice | None


@dataclass
class ProductPage:
    product: Product
    offers: list[VariantOffer]
    # The ways of getting it: the product's flags that the shop offers as a service.
    fulfilment: list[Fulfilment]
    images: list[ProductImage]
    distance_km: float | None = None

    @property
    def cheapest(self) -> VariantOffer:
        return min(self.offers, key=lambda offer: (offer.variant.price, offer.variant.position))

    @property
    def has_variants(self) -> bool:
        return len(self.offers) > 1

    @property
    def ships(self) -> bool:
        return "shipping" in self.fulfilment

    @property
    def availability(self) -> Availability:
        return product_availability(self.product)


def product_get_visible(*, product_id: int, today: dt.date) -> Product | None:
    """
    The visible product ``product_id`` with its category, variants and images, and its shop with
    what the shop card shows (services, delivery postal codes, hours, coming special days); or None.
    """
    return (
        visible_products()
        .filter(pk=product_id)
        .select_related("shop", "category__parent")
        .prefetch_related(
            Prefetch("variants", queryset=ProductVariant.objects.order_by("position", "pk")),
            Prefetch("images", queryset=ProductImage.objects.order_by("position", "pk")),
            "shop__services",
            "shop__delivery_postal_codes",
            Prefetch("shop__opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")),
            Prefetch(
                "shop__special_days", queryset=SpecialDay.objects.filter(date__gte=today).order_by("date")
            ),
        )
        .first()
    )


def product_fulfilment(product: Product, services: list[Any]) -> list[Fulfilment]:
    """The ways of fulfilment the product allows and its shop offers (``services``: the shop's)."""
    offered = {service.kind for service in services}
    return [kind for kind in FULFILMENTS if getattr(product, _FLAG[kind]) and _SERVICE[kind] in offered]


def product_page(*, product: Product, origin: Origin | None = None) -> ProductPage:
    """What the product page shows, from a product loaded by ``product_get_visible`` (with services)."""
    offers = [
        VariantOffer(
            variant=variant,
            availability=availability(stock_mode=product.stock_mode, stock=variant.stock),
            unit_price=product_unit_price(product, price=variant.price),
        )
        for variant in product.variants.all()
    ]
    shop: Shop = product.shop
    distance = None
    if origin is not None:
        distance = round(haversine_km(origin.lat, origin.lon, shop.lat, shop.lon), 1)
    return ProductPage(
        product=product,
        offers=offers,
        fulfilment=product_fulfilment(product, list(shop.services.all())),
        images=[image for image in product.images.all() if image.is_ready],
        distance_km=distance,
    )
