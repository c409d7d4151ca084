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

With more than ``MANY_RESULTS`` results the page is collected without sorting them all where the
order allows it (``_page_of_many``; the same page, a few more small queries): "nearest first" in a
radius shop by shop, and relevance from the products with every word in their name first.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Any, Final, Literal

from django.conf import settings
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
from django.template.defaultfilters import floatformat
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marktplatz.directory.models import DeliveryPostalCode, OpeningHours, ServiceKind, Shop, SpecialDay
from marktplatz.directory.selectors import Origin, distance_km_expression
from marktplatz.directory.templatetags.shop_display import euro
from marktplatz.geo.distance import bounding_box, haversine_km
from marktplatz.search.selectors import TextQuery, relevance_levels, search_filter, search_query_parse

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

    @cached_property
    def card(self) -> ProductCard:
        """The texts of the product's card in a result list, formatted once (cheap to render)."""
        return product_card(self)


@dataclass(frozen=True)
class ProductCard:
    url: str
    image_url: str  # the thumbnail, else the image; "" without a ready image
    price: str  # "12,50 €"
    from_price: bool  # variants with different prices: "from" the lowest
    unit_price: str  # "(13,96 € per kg)" or ""
    availability: Availability
    distance: str  # "2,3 km away" or ""


def product_card(hit: ProductHit) -> ProductCard:
    product = hit.product
    image = hit.image
    image_url = ""
    if image is not None:
        image_url = image.thumbnail.url if image.thumbnail else image.image.url
    unit = hit.unit_price
    unit_text = ""
    if unit is not None:
        per = gettext("%(amount)s per %(basis)s") % {"amount": euro(unit.amount), "basis": unit.basis_label}
        unit_text = f"({per})"
    distance = ""
    if hit.distance_km is not None:
        distance = gettext("%(distance)s km away") % {"distance": floatformat(hit.distance_km, 1)}
    return ProductCard(
        url=product_url(product),
        image_url=image_url,
        price=euro(product.price),
        from_price=hit.has_price_range,
        unit_price=unit_text,
        availability=hit.availability,
        distance=distance,
    )


def product_url(product: Product) -> str:
    """``product.get_absolute_url()`` without resolving the URL pattern for every product of a list."""
    prefix = _product_url_prefix(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    return f"{prefix}{product.pk}-{product.slug}/"


@lru_cache(maxsize=8)
def _product_url_prefix(script_prefix: str, urlconf: str) -> str:
    """The product pages' path up to the product's number (reverse depends on both arguments)."""
    return reverse("catalog:product", kwargs={"product_id": 1, "slug": "p"}, urlconf=urlconf).removesuffix(
        "1-p/"
    )


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
    query = search_query_parse(kind=PRODUCT, text=params.q) if params.q.strip() else None
    if query is not None and not query.has_words:
        query = None
    queryset, sort = _product_queryset(params=params, categories=categories, query=query)
    if with_facets:
        facets, found = _facets(queryset, params=params, categories=categories)
    else:
        facets, found = ProductFacets(), queryset.order_by().values("pk")[: COUNT_LIMIT + 1].count()
    count = min(found, COUNT_LIMIT)
    page = _clamp(page, count, per_page)
    products: list[Product] | None = None
    if count > MANY_RESULTS:
        products = _page_of_many(
            queryset,
            params=params,
            categories=categories,
            query=query,
            sort=sort,
            page=page,
            per_page=per_page,
        )
    if products is None:
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


# From this many results on, a page is collected without sorting all results where the order
# allows it (``_page_of_many``); below, sorting them all is cheaper than the extra queries.
MANY_RESULTS: Final = 2_000


def _page_of_many(
    queryset: QuerySet[Product],
    *,
    params: ProductSearchParams,
    categories: list[ProductCategory],
    query: TextQuery | None,
    sort: ProductSort,
    page: int,
    per_page: int,
) -> list[Product] | None:
    """
    The page of ``queryset`` for many results, where a shortcut gives exactly the same page; None
    where none applies (then ``_page`` sorts all results).

    - "nearest first" within a radius: shop by shop, nearest shops first (``_nearest_first``).
    - relevance: the products with every word in their name rank above all others (see
      ``search_filter(title_only=True)``) and among themselves in the same order (distance, name),
      so when they fill the page, the page comes from them alone (found through the titles' own
      index). With a radius, each level of relevance in turn, best first, shop by shop.
    """
    origin, radius_km = params.origin, params.radius_km
    wanted = page * per_page
    if sort == "distance" and origin is not None and radius_km is not None:
        found, _complete = _nearest_first(queryset, _shops_nearest_first(origin, radius_km), wanted)
        return _products_in_order(queryset, found[wanted - per_page : wanted])
    if sort != "relevance" or query is None:
        return None
    next_keys = _ordering(sort, has_origin=origin is not None)[1:]
    best, _sort = _product_queryset(params=params, categories=categories, query=query, title_only=True)
    # Their relevance is the same constant: the order is that of the next keys.
    best = best.order_by(*next_keys)
    if origin is None or radius_km is None:
        products = _page(best, page, per_page)
        return products if len(products) == per_page else None
    shops = _shops_nearest_first(origin, radius_km)
    found, _complete = _nearest_first(best, shops, wanted)
    for level in relevance_levels(query)[1:]:
        if len(found) >= wanted:
            break
        more, complete = _nearest_first(
            queryset.filter(Q(relevance=level)).order_by(*next_keys),
            shops,
            wanted - len(found),
            max_shops=NEAREST_SHOPS_PER_LEVEL,
        )
        if not complete:
            return None  # a rare level in a wide radius: sorting all results is cheaper
        found += more
    return _products_in_order(queryset, found[wanted - per_page : wanted])


# Shops asked for their products at once while the nearest results are collected (the first batch).
NEAREST_SHOPS_BATCH: Final = 8
# Relevance near a place: a level of relevance that needs more shops than this to fill the page
# is left to sorting all results.
NEAREST_SHOPS_PER_LEVEL: Final = 300


def _shops_nearest_first(origin: Origin, radius_km: float) -> list[tuple[int, float]]:
    """The published shops within the radius as (id, distance), nearest first."""
    min_lat, max_lat, min_lon, max_lon = bounding_box(origin.lat, origin.lon, radius_km)
    return list(
        Shop.objects.published()
        .filter(lat__range=(min_lat, max_lat), lon__range=(min_lon, max_lon))
        .annotate(distance_km=distance_km_expression(origin))
        .filter(distance_km__lte=radius_km)
        .order_by("distance_km", "pk")
        .values_list("pk", "distance_km")
    )


def _nearest_first(
    queryset: QuerySet[Product], shops: list[tuple[int, float]], wanted: int, *, max_shops: int | None = None
) -> tuple[list[int], bool]:
    """
    The ids of the first ``wanted`` products of ``queryset`` (ordered by distance, name, id) without
    sorting every product in the radius: the products of the nearest ``shops`` (from
    ``_shops_nearest_first``), batch by batch (a growing number of shops), until there are enough.
    A batch ends only where the distance changes, so every product of a later batch sorts after
    the earlier ones. Returns the ids and whether they are complete: False when ``max_shops``
    shops did not give ``wanted`` products and more shops were left.
    """
    found: list[int] = []
    start, size = 0, NEAREST_SHOPS_BATCH
    while start < len(shops) and len(found) < wanted:
        if max_shops is not None and start >= max_shops:
            return found, False
        end = min(start + size, len(shops))
        while end < len(shops) and shops[end][1] == shops[end - 1][1]:
            end += 1
        batch = [pk for pk, _distance in shops[start:end]]
        found += queryset.filter(shop_id__in=batch).values_list("pk", flat=True)[: wanted - len(found)]
        # Enough shops next time for the products still missing, at the yield seen so far.
        per_shop = max(len(found), 1) / end
        size = max(2 * (end - start), math.ceil((wanted - len(found)) / per_shop * 1.5))
        if max_shops is not None:
            size = min(size, max(max_shops - end, 1))
        start = end
    return found, True


def _products_in_order(queryset: QuerySet[Product], ids: list[int]) -> list[Product]:
    """``_page`` of the products ``ids`` of ``queryset``, in the order of ``ids``."""
    if not ids:
        return []
    position = {pk: index for index, pk in enumerate(ids)}
    products = _page(queryset.filter(pk__in=ids), 1, len(ids))
    return sorted(products, key=lambda product: position[product.pk])


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
    *,
    params: ProductSearchParams,
    categories: list[ProductCategory],
    query: TextQuery | None,
    title_only: bool = False,
) -> tuple[QuerySet[Product], ProductSort]:
    """
    The filtered, ordered visible products with ``relevance`` and ``distance_km`` annotated as
    used; ``query`` is ``params.q`` parsed (None without words). ``title_only``: only the products
    with every word of the query in their name.
    """
    queryset = _with_services(visible_products())
    has_text = False
    if query is not None:
        queryset = search_filter(queryset=queryset, query=query, relevance="relevance", title_only=title_only)
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
