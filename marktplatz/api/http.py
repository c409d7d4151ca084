"""
What every answer under ``/api/v1/`` shares, whichever view made it: CORS for any origin, a short
public cache for successful answers, JSON for "method not allowed" and for unknown paths, and an index.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

View = Callable[..., HttpResponseBase]

CACHE_SECONDS = 60
ALLOWED_METHODS = "GET, OPTIONS"


def with_api_headers(view: View) -> View:
    """Answer CORS preflights, add the CORS and cache headers, turn a 405 into JSON."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "OPTIONS":
            response: HttpResponseBase = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Language"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = view(request, *args, **kwargs)
        if response.status_code == 405:
            response = _method_not_allowed()
        response["Access-Control-Allow-Origin"] = "*"
        if 200 <= response.status_code < 300:
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response

    return wrapper


def _method_not_allowed() -> JsonResponse:
    response = JsonResponse({"detail": _("The API only answers GET requests.")}, status=405)
    response["Allow"] = ALLOWED_METHODS
    return response


def api_index(request: HttpRequest, **kwargs: Any) -> JsonResponse:
    """``/api/v1/``: where to find the endpoints and their description."""

    def url(name: str) -> str:
        return request.build_absolute_uri(reverse(f"api:{name}"))

    return JsonResponse(
        {
            "openapi": url("openapi-json"),
            "docs": url("openapi-view"),
            "shops": url("shop_list"),
            "categories": url("category_list"),
            "initiatives": url("initiative_list"),
            "products": url("product_list"),
        }
    )


def not_found(request: HttpRequest, **kwargs: Any) -> JsonResponse:
    """Any other path under ``/api/v1/``: JSON, not the site's HTML error page."""
    message = _("There is no such endpoint. The API is described at %(url)s.") % {
        "url": request.build_absolute_uri(reverse("api:openapi-json"))
    }
    return JsonResponse({"detail": message}, status=404)
