"""
``GET /products`` and ``GET /products/{id}``: the product search of the site (``product_search``,
the same the HTML pages use) and one visible product. Query parameters are checked for their type by
ninja and for their meaning here; every problem names its parameter (HTTP 400).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view
from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticUseDefault

from marktplatz.catalog.models import Product, ProductCategory, ProductImage
from marktplatz.catalog.selectors.public import (
    COUNT_LIMIT,
    FULFILMENTS,
    Fulfilment,
    ProductSearchParams,
    product_availability,
    product_get_visible,
    product_page,
    product_search,
    product_unit_price,
    product_url,
)
from marktplatz.catalog.stock import Availability
from marktplatz.core.visitor_cache import visitor_cache
from marktplatz.directory.hours import local_now
from marktplatz.directory.models import Shop
from marktplatz.directory.selectors import Origin, origin_resolve

from .errors import BadRequestOut, ErrorOut, ParameterError, ParameterProblem
from .params import DEFAULT_PAGE_SIZE, DEFAULT_RADIUS_KM, MAX_PAGE_SIZE, MAX_RADIUS_KM, _absent_is_not_null

router = Router()

THROTTLED = {429: ErrorOut}
SEARCH_CACHE_SECONDS = 60
MAX_PRICE = Decimal("99999999.99")
ProductSortParam = Literal["relevance", "price_asc", "price_desc", "distance", "newest"]


# --- Parameters -------------------------------------------------------------------------------


class ProductListQuery(Schema):
    model_config = ConfigDict(json_schema_extra=_absent_is_not_null)

    q: str | None = Field(
        None,
        max_length=200,
        description="Search words, matched against product names, categories, shop names and descriptions "
        "(German stemming: `Äpfel` finds `Apfel`; words of 5+ letters forgive a typo). "
        "With `q` the results are ranked by relevance.",
    )
    near: str | None = Field(
        None,
        max_length=100,
        description="A postal code or town in the region (e.g. `18055` or `Güstrow`): only products of shops "
        "within `radius_km`, each with `distance_km`. An unknown place gives 400.",
    )
    radius_km: float | None = Field(
        None,
        gt=0,
        le=MAX_RADIUS_KM,
        description=f"Search radius in km around `near` (default {DEFAULT_RADIUS_KM}).",
    )
    category: str | None = Field(
        None,
        max_length=80,
        description="A product category slug; its sub-categories are included. An unknown slug gives 400.",
    )
    shop: str | None = Field(
        None, max_length=80, description="A shop slug (see `/shops`): only its products. Unknown gives 400."
    )
    price_min: Decimal | None = Field(
        None, ge=0, le=MAX_PRICE, description="Lowest price in EUR incl. VAT (e.g. `2.50`)."
    )
    price_max: Decimal | None = Field(
        None, ge=0, le=MAX_PRICE, description="Highest price in EUR incl. VAT; not below `price_min`."
    )
    fulfilment: list[str] = Field(
        default_factory=list,
        description="Only products you can get this way (the product allows it and its shop offers it); "
        "repeat or separate by commas to require several. With `near`, `delivery` means: the shop "
        "delivers there. Values: " + ", ".join(FULFILMENTS) + ".",
        json_schema_extra={"items": {"type": "string", "enum": list(FULFILMENTS)}},
    )
    in_stock: bool = Field(False, description="`true`/`1`: only products that can be bought now.")
    sort: ProductSortParam | None = Field(
        None,
        description="`relevance` (needs `q`; default with `q`), `price_asc`, `price_desc`, `distance` "
        "(needs `near`; default with `near` and without `q`) or `newest` (default otherwise).",
    )
    page: int = Field(1, ge=1, description="Page number, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Products per page (at most 100)."
    )

    @field_validator("*", mode="before")
    @classmethod
    def _empty_means_absent(cls, value: Any) -> Any:
        """``?price_min=`` (an empty form field) counts as not given, not as an invalid number."""
        if isinstance(value, list):
            return [item for item in value if not isinstance(item, str) or item.strip()]
        if isinstance(value, str) and not value.strip():
            raise PydanticUseDefault
        return value


def product_search_params(query: ProductListQuery) -> ProductSearchParams:
    """The search the query asks for; raise ``ParameterError`` naming each parameter we cannot use."""
    problems: list[ParameterProblem] = []
    origin = _origin(query.near, problems)
    radius_km: float | None = None
    if origin is not None:
        radius_km = query.radius_km if query.radius_km is not None else DEFAULT_RADIUS_KM
    elif query.radius_km is not None and not problems:
        problems.append(ParameterProblem("radius_km", _("A radius needs a place: give near.")))
    category = (query.category or "").strip() or None
    if category and not ProductCategory.objects.filter(slug=category, is_active=True).exists():
        problems.append(
            ParameterProblem("category", _("There is no category “%(slug)s”.") % {"slug": category})
        )
    shop = (query.shop or "").strip() or None
    if shop and not Shop.objects.published().filter(slug=shop).exists():
        problems.append(
            ParameterProblem("shop", _("There is no published shop “%(slug)s”.") % {"slug": shop})
        )
    if query.price_min is not None and query.price_max is not None and query.price_min > query.price_max:
        problems.append(ParameterProblem("price_max", _("Enter a price of at least price_min.")))
    if query.sort == "distance" and origin is None and not problems:
        problems.append(ParameterProblem("sort", _("Sorting by distance needs a place: give near.")))
    if query.sort == "relevance" and not (query.q or "").strip():
        problems.append(ParameterProblem("sort", _("Sorting by relevance needs search words: give q.")))
    fulfilment = _fulfilment(query.fulfilment, problems)
    if problems:
        raise ParameterError(problems)
    return ProductSearchParams(
        q=(query.q or "").strip(),
        origin=origin,
        radius_km=radius_km,
        category=category,
        shop=shop,
        price_min=query.price_min,
        price_max=query.price_max,
        fulfilment=fulfilment,
        in_stock=query.in_stock,
        sort=query.sort,
    )


def _origin(near: str | None, problems: list[ParameterProblem]) -> Origin | None:
    place = " ".join((near or "").split())
    if not place:
        return None
    origin = origin_resolve(where=place)
    if origin is None:
        problems.append(
            ParameterProblem("near", _("We do not know the place “%(place)s”.") % {"place": place})
        )
    return origin


def _fulfilment(values: list[str], problems: list[ParameterProblem]) -> tuple[Fulfilment, ...]:
    chosen: list[Fulfilment] = []
    for value in values:
        for part in (item.strip() for item in value.split(",")):
            if not part:
                continue
            kind = next((kind for kind in FULFILMENTS if kind == part), None)
            if kind is None:
                problems.append(
                    ParameterProblem(
                        "fulfilment",
                        _("“%(value)s” is not a way of fulfilment; choose from: %(choices)s.")
                        % {"value": part, "choices": ", ".join(FULFILMENTS)},
                    )
                )
            elif kind not in chosen:
                chosen.append(kind)
    return tuple(chosen)


# --- Answers ----------------------------------------------------------------------------------


class UnitPriceOut(Schema):
    amount: str = Field(description='EUR per basis unit, as a decimal string, e.g. `"13.96"`.')
    basis: str = Field(description="`kg`, `l`, `m`, `m2` or `m3` (German Price Indication Ordinance).")


class ImageOut(Schema):
    url: str = Field(description="Absolute URL of the picture (JPEG, full size).")
    thumbnail: str | None = Field(description="Absolute URL of a small version.")
    alt_text: str


class ProductOut(Schema):
    id: int
    name: str
    url: str = Field(description="Absolute URL of the product's public page.")
    price: str = Field(description="EUR incl. VAT as a decimal string; with variants the lowest price.")
    compare_at_price: str | None = Field(description="Former price of that variant (shown struck through).")
    unit_price: UnitPriceOut | None = Field(description="Price per kg/l/m/m²/m³; null where none applies.")
    vat_rate: int = Field(description="VAT rate in percent: 19, 7 or 0.")
    availability: Availability = Field(description="Best availability among the variants.")
    shop: str = Field(description="Slug of the shop (see `/shops/{slug}`).")
    category: str | None = Field(description="Slug of the product category.")
    distance_km: float | None = Field(
        description="Distance of the shop from `near`, rounded to 0.1 km; null without `near`."
    )
    images: list[ImageOut]


class VariantOut(Schema):
    id: int
    label: str = Field(description="E.g. `Größe M`; empty for a product without variants.")
    price: str
    compare_at_price: str | None
    unit_price: UnitPriceOut | None
    availability: Availability
    sku: str
    gtin: str


class ProductDetailOut(ProductOut):
    description: str
    variants: list[VariantOut]
    fulfilment: list[str] = Field(description="How you can get it: pickup, delivery, shipping (this shop).")
    manufacturer: str
    manufacturer_address: str
    product_identifier: str
    safety_warnings: str
    ingredients: str = Field(description="Ingredients and allergens (food).")


class ProductListOut(Schema):
    count: int = Field(
        description=f"Number of products found (all pages), counted up to {COUNT_LIMIT:,}; see `count_exact`."
    )
    count_exact: bool = Field(
        description=f"False when more than {COUNT_LIMIT:,} products match: then `count` is {COUNT_LIMIT:,} "
        "and the pages end there; narrow the search to see the others."
    )
    page: int
    num_pages: int
    next: str | None = Field(description="Absolute URL of the next page, null on the last.")
    previous: str | None = Field(description="Absolute URL of the previous page, null on the first.")
    results: list[ProductOut]


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


def _unit_price(product: Product, price: Decimal) -> dict[str, str] | None:
    unit = product_unit_price(product, price=price)
    return None if unit is None else {"amount": f"{unit.amount:.2f}", "basis": unit.basis}


def _image(image: ProductImage, request: HttpRequest, site: str) -> dict[str, Any]:
    return {
        "url": _absolute(image.image.url, request, site),
        "thumbnail": _absolute(image.thumbnail.url, request, site) if image.thumbnail else None,
        "alt_text": image.alt_text,
    }


def _site(request: HttpRequest) -> str:
    """``scheme://host`` of the request, for ``_absolute``."""
    return f"{request.scheme}://{request.get_host()}"


def _absolute(location: str, request: HttpRequest, site: str) -> str:
    """``request.build_absolute_uri(location)``, without its parsing for a plain path (the usual case)."""
    if location.startswith("/") and not location.startswith("//"):
        return site + location
    return request.build_absolute_uri(location)


def product_out(
    product: Product, *, request: HttpRequest, distance_km: float | None = None
) -> dict[str, Any]:
    """A product in the shape of ``ProductOut``, from its prefetched variants and images."""
    site = _site(request)
    variants = list(product.variants.all())
    cheapest = min(variants, key=lambda variant: (variant.price, variant.position), default=None)
    price = cheapest.price if cheapest is not None else product.price
    return {
        "id": product.pk,
        "name": product.name,
        "url": _absolute(product_url(product), request, site),
        "price": _money(price),
        "compare_at_price": _money(cheapest.compare_at_price) if cheapest is not None else None,
        "unit_price": _unit_price(product, price),
        "vat_rate": int(product.vat_rate),
        "availability": product_availability(product),
        "shop": product.shop.slug,
        "category": product.category.slug if product.category_id and product.category else None,
        "distance_km": distance_km,
        "images": [_image(image, request, site) for image in product.images.all() if image.is_ready],
    }


# --- Endpoints --------------------------------------------------------------------------------


@router.get(
    "/products",
    response={200: ProductListOut, 400: BadRequestOut, **THROTTLED},
    url_name="product_list",
    summary="Search products of all shops",
    description="Visible products (shown by their shop, not hidden, of a published shop) matching all "
    "given filters. Ranked by relevance with `q`; otherwise nearest first with `near`, else newest first.",
)
@decorate_view(visitor_cache(timeout=SEARCH_CACHE_SECONDS))
def product_list(request: HttpRequest, query: Query[ProductListQuery]) -> dict[str, object]:
    params = product_search_params(query)
    result = product_search(params=params, page=query.page, per_page=query.page_size, with_facets=False)
    if query.page > result.num_pages:
        raise ParameterError(
            [
                ParameterProblem(
                    "page",
                    _("There is no page %(page)s; the last page is %(last)s.")
                    % {"page": query.page, "last": result.num_pages},
                )
            ]
        )
    return {
        "count": result.count,
        "count_exact": result.count_exact,
        "page": result.page,
        "num_pages": result.num_pages,
        "next": _page_url(request, result.page + 1) if result.page < result.num_pages else None,
        "previous": _page_url(request, result.page - 1) if result.page > 1 else None,
        "results": [
            product_out(hit.product, request=request, distance_km=hit.distance_km) for hit in result.hits
        ],
    }


class ProductDetailQuery(Schema):
    model_config = ConfigDict(json_schema_extra=_absent_is_not_null)

    near: str | None = Field(
        None, max_length=100, description="A postal code or town: the answer carries `distance_km`."
    )


@router.get(
    "/products/{product_id}",
    response={200: ProductDetailOut, 400: BadRequestOut, 404: ErrorOut, **THROTTLED},
    url_name="product_detail",
    summary="One visible product",
    description="Everything the product page shows: variants with price and availability, how you "
    "can get it from its shop, product-safety information and ingredients. A product that is not "
    "visible answers 404.",
)
def product_detail(
    request: HttpRequest, product_id: int, query: Query[ProductDetailQuery]
) -> dict[str, object]:
    problems: list[ParameterProblem] = []
    origin = _origin(query.near, problems)
    if problems:
        raise ParameterError(problems)
    product = product_get_visible(product_id=product_id, today=local_now().date())
    if product is None:
        raise Http404(_("There is no visible product with this number."))
    page = product_page(product=product, origin=origin)
    return {
        **product_out(product, request=request, distance_km=page.distance_km),
        "description": product.description,
        "variants": [
            {
                "id": offer.variant.pk,
                "label": offer.variant.label,
                "price": _money(offer.variant.price),
                "compare_at_price": _money(offer.variant.compare_at_price),
                "unit_price": _unit_price(product, offer.variant.price),
                "availability": offer.availability,
                "sku": offer.variant.sku,
                "gtin": offer.variant.gtin,
            }
            for offer in page.offers
        ],
        "fulfilment": list(page.fulfilment),
        "manufacturer": product.manufacturer,
        "manufacturer_address": product.manufacturer_address,
        "product_identifier": product.product_identifier,
        "safety_warnings": product.safety_warnings,
        "ingredients": product.ingredients,
    }


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
