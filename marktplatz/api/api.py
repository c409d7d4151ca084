"""
The NinjaAPI instance of ``/api/v1/``: its OpenAPI description, the rate limit, and the handlers
that turn every refusal into the JSON shapes of ``errors.py`` in the request's language.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.throttling import BaseThrottle

from .errors import ParameterError, ParameterProblem, problems_from_validation_error
from .products import router as products_router
from .views import router

API_VERSION = "1.0.0"
# Requests per IP address; override with the setting API_RATE_LIMIT (django-ratelimit's syntax).
DEFAULT_RATE_LIMIT = "120/m"

DESCRIPTION = """
The public, read-only API of the Marktplatz: the local shops of the region, their categories,
services and opening hours, the retailer initiatives they belong to, and the products they sell.

* **No authentication.** Every endpoint answers `GET` with JSON, from any origin
  (`Access-Control-Allow-Origin: *`). Successful answers may be cached for 60 seconds.
* **Only published shops** appear; a shop that is hidden or not yet confirmed answers 404. Likewise
  only visible products (shown by their shop, not hidden by the operator, of a published shop).
* **Errors.** Unusable query parameters answer **400**, each problem naming its parameter:
  `{"detail": [{"parameter": "radius_km", "message": "…"}]}` (values of the wrong type are reported
  first, then values that mean nothing to us, such as an unknown place). A missing shop or
  initiative answers **404**, too many requests **429**, both as `{"detail": "…"}`.
* **Languages.** Data comes in German (categories also in English). Error messages are German by
  default; send `Accept-Language: en` for English.
* **Pages.** `/shops` and `/products` answer `count`, `page`, `num_pages`, `next` and `previous`
  (absolute URLs or null) and `results`; choose with `page` and `page_size`.
* **Money.** Prices are EUR including VAT, as decimal strings (`"7.49"`).
* **Rate limit.** Requests are limited per IP address (by default 120 a minute).
""".strip()


class IpRateThrottle(BaseThrottle):
    """django-ratelimit's fixed window per IP address (shared through the cache by all workers)."""

    def allow_request(self, request: HttpRequest) -> bool:
        usage = get_usage(request, group="api", key="ip", rate=_rate, increment=True)
        if usage is None or not usage["should_limit"]:
            return True
        request.api_retry_after = max(1, math.ceil(usage["time_left"]))  # type: ignore[attr-defined]
        return False


def _rate(group: str, request: HttpRequest) -> str:
    return str(getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE_LIMIT))


api = NinjaAPI(
    title="Marktplatz API",
    version=API_VERSION,
    description=DESCRIPTION,
    urls_namespace="api",
    throttle=IpRateThrottle(),
)
api.add_router("", router, tags=["directory"])
api.add_router("", products_router, tags=["products"])


@api.exception_handler(ValidationError)
def _invalid_type(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _bad_request(request, problems_from_validation_error(exc))


@api.exception_handler(ParameterError)
def _invalid_meaning(request: HttpRequest, exc: ParameterError) -> HttpResponse:
    return _bad_request(request, exc.problems)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or _("Not found.")}, status=404)


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = api.create_response(
        request, {"detail": _("Too many requests. Please wait a moment and try again.")}, status=429
    )
    retry_after = getattr(request, "api_retry_after", None)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


def _bad_request(request: HttpRequest, problems: list[ParameterProblem]) -> HttpResponse:
    detail = [{"parameter": problem.parameter, "message": problem.message} for problem in problems]
    return api.create_response(request, {"detail": detail}, status=400)
