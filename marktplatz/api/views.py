"""
The endpoints of ``/api/v1/``: thin views that validate the query, call a selector and shape the answer.
The shop search is the directory's ``shop_search``, the same the HTML pages use.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.decorators import decorate_view
from ninja.renderers import JSONRenderer

from marktplatz.core.visitor_cache import visitor_cache
from marktplatz.directory.hours import local_now
from marktplatz.directory.selectors import shop_search
from marktplatz.initiatives import selectors as initiatives_selectors

from . import selectors, serializers
from .errors import BadRequestOut, ErrorOut, ParameterError, ParameterProblem
from .params import ShopListQuery, shop_search_params
from .schemas import (
    CategoryListOut,
    InitiativeDetailOut,
    InitiativeListOut,
    ShopDetailOut,
    ShopListOut,
)

router = Router()

THROTTLED = {429: ErrorOut}
# Anonymous clients get a repeated search from the cache within the same minute.
SEARCH_CACHE_SECONDS = 60
_RENDERER = JSONRenderer()


@router.get(
    "/shops",
    response={200: ShopListOut, 400: BadRequestOut, **THROTTLED},
    url_name="shop_list",
    summary="Search published shops",
    description="Published shops matching all given filters. Without `q` and `near` they come by name; "
    "with `near` (or `lat`/`lon`) nearest first; with `q` by relevance.",
)
@decorate_view(visitor_cache(timeout=SEARCH_CACHE_SECONDS, per_minute=True))
def shop_list(request: HttpRequest, query: Query[ShopListQuery]) -> HttpResponse:
    params = shop_search_params(query)
    now = local_now()
    result = shop_search(params=params, page=query.page, per_page=query.page_size, now=now)
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
    postal_codes = selectors.delivery_postal_codes(
        shop_ids=[hit.shop.pk for hit in result.hits if any(s.kind == "delivery" for s in hit.services)]
    )
    return _json_response(
        {
            "count": result.count,
            "page": result.page,
            "num_pages": result.num_pages,
            "next": _page_url(request, result.page + 1) if result.page < result.num_pages else None,
            "previous": _page_url(request, result.page - 1) if result.page > 1 else None,
            "origin": serializers.origin_out(params.origin),
            "results": [
                serializers.shop_hit_out(
                    hit, request=request, delivery_postal_codes=postal_codes.get(hit.shop.pk, ())
                )
                for hit in result.hits
            ],
        }
    )


@router.get(
    "/shops/{slug}",
    response={200: ShopDetailOut, 404: ErrorOut, **THROTTLED},
    url_name="shop_detail",
    summary="One published shop",
    description="Everything the shop's public page shows, with its coming special days and the "
    "initiatives it belongs to. A shop that is not published answers 404.",
)
def shop_detail(request: HttpRequest, slug: str) -> dict[str, object]:
    now = local_now()
    shop = selectors.shop_get_published_for_detail(slug=slug, today=now.date())
    if shop is None:
        raise Http404(_("There is no published shop with this address."))
    return serializers.shop_detail_out(shop, request=request, now=now)


@router.get(
    "/categories",
    response={200: CategoryListOut, **THROTTLED},
    url_name="category_list",
    summary="Shop categories",
    description="The active categories (two levels); a shop search by a category includes its children.",
)
def category_list(request: HttpRequest) -> dict[str, object]:
    categories = [serializers.category_out(category) for category in selectors.category_list()]
    return {"count": len(categories), "results": categories}


@router.get(
    "/initiatives",
    response={200: InitiativeListOut, **THROTTLED},
    url_name="initiative_list",
    summary="Retailer initiatives",
    description="Published initiatives by name, each with the number of its published member shops.",
)
def initiative_list(request: HttpRequest) -> dict[str, object]:
    initiatives = [
        # initiative_list() annotates member_count.
        serializers.initiative_out(
            initiative,
            member_count=initiative.member_count,  # type: ignore[attr-defined]
            request=request,
        )
        for initiative in initiatives_selectors.initiative_list()
    ]
    return {"count": len(initiatives), "results": initiatives}


@router.get(
    "/initiatives/{slug}",
    response={200: InitiativeDetailOut, 404: ErrorOut, **THROTTLED},
    url_name="initiative_detail",
    summary="One published initiative",
    description="The initiative with the slugs of its published member shops (by name). "
    "A hidden one answers 404.",
)
def initiative_detail(request: HttpRequest, slug: str) -> dict[str, object]:
    try:
        initiative = initiatives_selectors.initiative_get_published(slug=slug)
    except Http404:
        raise Http404(_("There is no published initiative with this address.")) from None
    members = list(
        initiatives_selectors.initiative_members(initiative=initiative).values_list("slug", flat=True)
    )
    return {
        **serializers.initiative_out(initiative, member_count=len(members), request=request),
        "description": initiative.description,
        "members": members,
    }


def _json_response(data: dict[str, object]) -> HttpResponse:
    """
    ``data`` as django-ninja would answer it, without validating it against the response schema
    again: the serializers already build exactly the schema's shape (``test_shop_list`` compares
    the two), and validating a page of 100 shops costs more than the search. The schema still
    describes the answer in the OpenAPI document.
    """
    content = _RENDERER.render(None, data, response_status=200)  # type: ignore[arg-type]
    return HttpResponse(content, content_type=f"{_RENDERER.media_type}; charset={_RENDERER.charset}")


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
