"""
Public product pages: the product page, the product search across all shops and the suggestions
for its "what" field. Every page works without JavaScript; htmx only fills the suggestions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_safe

from marktplatz.core.visitor_cache import visitor_cache
from marktplatz.directory.forms.place import RADIUS_CHOICES_KM
from marktplatz.directory.hours import local_now
from marktplatz.directory.models import ServiceKind
from marktplatz.directory.poster import absolute_url
from marktplatz.directory.selectors import Origin, origin_resolve
from marktplatz.directory.views.search import _page_number, _page_window, _query_string
from marktplatz.directory.views.shop import seconds_until_change, shop_hours_context
from marktplatz.stats.services import (
    is_probably_bot,
    product_page_view_record,
    search_without_results_record,
)

from ..forms.search import NARROWING_FIELDS, ProductSearchForm
from ..selectors.public import (
    FULFILMENT_LABELS,
    ProductPage,
    ProductSearchParams,
    product_get_visible,
    product_page,
    product_search,
    product_suggestions,
)
from ..stock import Availability

PER_PAGE = 20
# Anonymous visitors get a repeated search from the cache for a minute.
SEARCH_CACHE_SECONDS = 60
PRODUCT_PAGE_CACHE_SECONDS = 300
SUGGESTIONS = 8
META_DESCRIPTION_LENGTH = 160
SCHEMA_AVAILABILITY = {
    Availability.IN_STOCK: "https://schema.org/InStock",
    Availability.FEW_LEFT: "https://schema.org/LimitedAvailability",
    Availability.SOLD_OUT: "https://schema.org/OutOfStock",
    Availability.ON_REQUEST: "https://schema.org/BackOrder",
}


# --- Product page -----------------------------------------------------------------------------


def product_structured_data(page: ProductPage, *, url: str) -> dict[str, Any]:
    """schema.org ``Product`` with one ``Offer`` per variant, sold by the shop."""
    product = page.product
    shop = product.shop
    seller = {"@type": "LocalBusiness", "name": shop.name, "url": absolute_url(shop.get_absolute_url())}
    offers = []
    for offer in page.offers:
        variant = offer.variant
        data: dict[str, Any] = {
            "@type": "Offer",
            "price": f"{variant.price:.2f}",
            "priceCurrency": "EUR",
            "availability": SCHEMA_AVAILABILITY[offer.availability],
            "url": url,
            "seller": seller,
        }
        if variant.label:
            data["name"] = variant.label
        if variant.sku:
            data["sku"] = variant.sku
        if variant.gtin:
            data["gtin"] = variant.gtin
        offers.append(data)
    structured: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "@id": url,
        "name": product.name,
        "url": url,
        "offers": offers if len(offers) > 1 else offers[0],
    }
    if product.description:
        structured["description"] = Truncator(" ".join(product.description.split())).chars(500)
    if page.images:
        structured["image"] = [absolute_url(image.image.url) for image in page.images]
    if product.category is not None:
        structured["category"] = product.category.name
    if product.manufacturer:
        structured["brand"] = {"@type": "Brand", "name": product.manufacturer}
    return structured


def _count_the_view(request: HttpRequest, meta: Mapping[str, Any]) -> None:
    """Every view of the page counts, also when the cache answered (robots do not count)."""
    product_id = meta.get("product_id")
    if product_id and request.method == "GET" and not is_probably_bot(request.headers.get("User-Agent", "")):
        product_page_view_record(product_id=product_id)


def _origin(request: HttpRequest) -> Origin | None:
    near = " ".join(request.GET.get("near", "").split())[:100]
    return origin_resolve(where=near) if near else None


@require_safe
@visitor_cache(timeout=PRODUCT_PAGE_CACHE_SECONDS, after=_count_the_view)
def product_detail(request: HttpRequest, product_id: int, slug: str) -> HttpResponse:
    now = local_now()
    product = product_get_visible(product_id=product_id, today=now.date())
    if product is None:
        raise Http404
    if slug != product.slug:
        target = product.get_absolute_url()
        if request.GET:
            target += "?" + request.GET.urlencode()
        return redirect(target, permanent=True)
    origin = _origin(request)
    page = product_page(product=product, origin=origin)
    shop = product.shop
    url = absolute_url(product.get_absolute_url())
    hours = shop_hours_context(shop, now)
    services = {service.kind: service for service in shop.services.all()}
    description = " ".join(product.description.split()) or gettext(
        "%(product)s from %(shop)s in %(town)s."
    ) % {"product": product.name, "shop": shop.name, "town": shop.locality}
    context = {
        "page": page,
        "product": product,
        "shop": shop,
        "origin": origin,
        **hours,
        "fulfilment": [(kind, FULFILMENT_LABELS[kind], services.get(kind)) for kind in page.fulfilment],
        "delivery_postal_codes": [code.postal_code for code in shop.delivery_postal_codes.all()],
        "canonical_url": url,
        "meta_description": Truncator(description).chars(META_DESCRIPTION_LENGTH),
        "og_image": absolute_url(page.images[0].image.url) if page.images else None,
        "structured_data": product_structured_data(page, url=url),
        "ServiceKind": ServiceKind,
    }
    response = render(request, "catalog/public/product_detail.html", context)
    response.visitor_cache_meta = {"product_id": product.pk}  # type: ignore[attr-defined]
    response.visitor_cache_timeout = seconds_until_change(hours["status"], now)  # type: ignore[attr-defined]
    return response


# --- Product search ---------------------------------------------------------------------------


def _record_search_without_results(request: HttpRequest, meta: Mapping[str, Any]) -> None:
    """Count a miss for the operator's statistics, also when the cache answered (robots are not counted)."""
    missed = meta.get("missed")
    if missed is None or is_probably_bot(request.headers.get("user-agent", "")):
        return
    query, where = missed
    search_without_results_record(kind="product", query=query, where=where)


def _widen_links(query: QueryDict, params: ProductSearchParams) -> list[tuple[str, str]]:
    """Ready-made wider searches for an empty result, most specific first: (label, URL)."""
    base = reverse("catalog:product_search")
    links: list[tuple[str, str]] = []
    if params.origin is not None and params.radius_km is not None:
        wider = [km for km in RADIUS_CHOICES_KM if km > params.radius_km]
        if wider:
            links.append(
                (
                    gettext("Search within %(km)s km") % {"km": wider[0]},
                    base + _query_string(query, radius=wider[0], page=None),
                )
            )
    narrowed = (
        params.category
        or params.fulfilment
        or params.in_stock
        or params.price_min is not None
        or params.price_max is not None
    )
    if narrowed:
        links.append(
            (
                gettext("Search without the filters"),
                base + _query_string(query, page=None, **dict.fromkeys(NARROWING_FIELDS)),
            )
        )
    if params.origin is not None:
        links.append(
            (
                gettext("Search the whole region"),
                base + _query_string(query, near=None, radius=None, page=None),
            )
        )
    return links


def _facet_links(query: QueryDict, result: Any) -> dict[str, Any]:
    """Links that narrow the search by a facet (the same GET form, so they work without JavaScript)."""
    base = reverse("catalog:product_search")
    # One copy of the query for all links (``_query_string`` would copy it for each of them).
    params = query.copy()
    params.pop("page", None)

    def link(key: str, value: str | list[str]) -> str:
        if isinstance(value, list):
            params.setlist(key, value)
        else:
            params[key] = value
        encoded = params.urlencode()
        if key in query:
            params.setlist(key, query.getlist(key))
        else:
            params.pop(key)
        return f"{base}?{encoded}"

    categories = [
        (
            facet,
            link("category", facet.slug),
            [(child, link("category", child.slug)) for child in facet.children],
        )
        for facet in result.facets.categories
    ]
    chosen = set(result.params.fulfilment)
    fulfilment = [
        (
            FULFILMENT_LABELS[kind],
            count,
            link("fulfilment", sorted(chosen | {kind})),
            kind in chosen,
        )
        for kind, count in result.facets.fulfilment.items()
    ]
    return {
        "category_facets": categories,
        "fulfilment_facets": fulfilment,
        "in_stock_url": link("in_stock", "on"),
        "all_categories_url": base + _query_string(query, category=None, page=None),
    }


@require_safe
@visitor_cache(timeout=SEARCH_CACHE_SECONDS, after=_record_search_without_results)
def product_search_page(request: HttpRequest) -> HttpResponse:
    form = ProductSearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "result": None, "widen_links": []}
    if form.is_bound and not form.is_valid():
        return render(request, "catalog/public/search.html", context)
    params = form.params() if form.is_bound else ProductSearchParams()
    result = product_search(params=params, page=_page_number(request), per_page=PER_PAGE)
    context.update(
        result=result,
        count_text=(
            ngettext("%(count)s product found", "%(count)s products found", result.count)
            if result.count_exact
            else gettext("More than %(count)s products found")
        )
        % {"count": number_format(result.count, force_grouping=True)},
        page_numbers=_page_window(result.page, result.num_pages),
        first_rank=(result.page - 1) * PER_PAGE + 1,
        near_query=_query_string(QueryDict(mutable=True), near=form.cleaned_data.get("near"))
        if params.origin
        else "",
        **_facet_links(request.GET, result),
    )
    missed = None
    if result.count == 0:
        context["widen_links"] = _widen_links(request.GET, params)
        if result.page == 1 and params.q:
            missed = (params.q, form.cleaned_data.get("near", ""))
    response = render(request, "catalog/public/search.html", context)
    response.visitor_cache_meta = {"missed": missed}  # type: ignore[attr-defined]
    return response


@require_safe
def product_suggest(request: HttpRequest) -> HttpResponse:
    """``<option>`` elements for the "what" field's datalist (htmx, while typing): product names."""
    text = " ".join(request.GET.get("q", "").split())[:100]
    names = product_suggestions(text=text, limit=SUGGESTIONS) if len(text) >= 3 else []
    return render(request, "catalog/public/_suggestions.html", {"names": names})


urlpatterns = [
    path("produkte/", product_search_page, name="product_search"),
    path("produkte/vorschlaege/", product_suggest, name="product_suggest"),
    path("produkte/<int:product_id>-<slug:slug>/", product_detail, name="product"),
]
