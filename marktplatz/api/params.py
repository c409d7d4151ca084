"""
The query parameters of ``GET /shops``: their types and limits (checked by ninja, documented in the
OpenAPI document) and their meaning (checked here), turned into the directory's ``ShopSearchParams``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator
from pydantic_core import PydanticUseDefault

from marktplatz.directory.models import Category, ServiceKind
from marktplatz.directory.selectors import Origin, ShopSearchParams, origin_resolve
from marktplatz.initiatives.models import Initiative

from .errors import ParameterError, ParameterProblem

DEFAULT_RADIUS_KM = 25
MAX_RADIUS_KM = 200
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
SERVICE_KINDS: tuple[str, ...] = tuple(ServiceKind.values)


def _absent_is_not_null(schema: dict[str, Any]) -> None:
    """In the OpenAPI document an optional parameter is one that may be left out, not one that may be null."""
    for prop in schema.get("properties", {}).values():
        options = prop.get("anyOf", [])
        if len(options) == 2 and {"type": "null"} in options:
            del prop["anyOf"]
            prop.update(next(option for option in options if option != {"type": "null"}))


class ShopListQuery(Schema):
    model_config = ConfigDict(json_schema_extra=_absent_is_not_null)

    q: str | None = Field(
        None,
        max_length=200,
        description="Search words, matched against names, descriptions and categories (German stemming). "
        "With `q` the results are ranked by relevance.",
    )
    near: str | None = Field(
        None,
        max_length=100,
        description="A postal code or town in the region (e.g. `18055` or `Güstrow`); only shops within "
        "`radius_km` are found, nearest first, each with `distance_km`. An unknown place gives 400.",
    )
    lat: float | None = Field(
        None, ge=-90, le=90, description="Latitude (WGS 84) instead of `near`; needs `lon`."
    )
    lon: float | None = Field(
        None, ge=-180, le=180, description="Longitude (WGS 84) instead of `near`; needs `lat`."
    )
    radius_km: float | None = Field(
        None,
        gt=0,
        le=MAX_RADIUS_KM,
        description=f"Search radius in km around `near` or `lat`/`lon` (default {DEFAULT_RADIUS_KM}).",
    )
    category: str | None = Field(
        None,
        max_length=80,
        description="A category slug (see `/categories`); its sub-categories are included. "
        "An unknown slug gives 400.",
    )
    service: list[str] = Field(
        default_factory=list,
        description="Only shops offering this service; repeat the parameter or separate values by commas "
        "to require several (all must be offered). With a place, `delivery` means: delivers there. "
        "Values: " + ", ".join(SERVICE_KINDS) + ".",
        json_schema_extra={"items": {"type": "string", "enum": list(SERVICE_KINDS)}},
    )
    open_now: bool = Field(
        False, description="`true`/`1`: only shops open at the time of the request (Europe/Berlin)."
    )
    initiative: str | None = Field(
        None,
        max_length=140,
        description="An initiative slug (see `/initiatives`): only its member shops. Unknown gives 400.",
    )
    page: int = Field(1, ge=1, description="Page number, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Shops per page (at most 100)."
    )

    @field_validator("*", mode="before")
    @classmethod
    def _empty_means_absent(cls, value: Any) -> Any:
        """``?radius_km=`` (an empty form field) counts as not given, not as an invalid number."""
        if isinstance(value, list):
            return [item for item in value if not isinstance(item, str) or item.strip()]
        if isinstance(value, str) and not value.strip():
            raise PydanticUseDefault
        return value


def shop_search_params(query: ShopListQuery) -> ShopSearchParams:
    """The search the query asks for; raise ``ParameterError`` naming each parameter we cannot use."""
    problems: list[ParameterProblem] = []
    origin = _origin(query, problems)
    radius_km: float | None = None
    if origin is not None:
        radius_km = query.radius_km if query.radius_km is not None else DEFAULT_RADIUS_KM
    elif query.radius_km is not None and not problems:
        problems.append(
            ParameterProblem("radius_km", _("A radius needs a place: give near, or lat and lon."))
        )
    category = (query.category or "").strip() or None
    if category and not Category.objects.filter(slug=category, is_active=True).exists():
        problems.append(
            ParameterProblem("category", _("There is no category “%(slug)s”.") % {"slug": category})
        )
    initiative = (query.initiative or "").strip() or None
    if initiative and not Initiative.objects.published().filter(slug=initiative).exists():
        problems.append(
            ParameterProblem("initiative", _("There is no initiative “%(slug)s”.") % {"slug": initiative})
        )
    services = _services(query.service, problems)
    if problems:
        raise ParameterError(problems)
    return ShopSearchParams(
        q=(query.q or "").strip(),
        origin=origin,
        radius_km=radius_km,
        category=category,
        services=services,
        open_now=query.open_now,
        initiative=initiative,
    )


def _origin(query: ShopListQuery, problems: list[ParameterProblem]) -> Origin | None:
    near = (query.near or "").strip()
    has_coordinates = query.lat is not None or query.lon is not None
    if near and has_coordinates:
        problems.append(ParameterProblem("near", _("Give either near, or lat and lon, not both.")))
        return None
    if near:
        origin = origin_resolve(where=near)
        if origin is None:
            problems.append(
                ParameterProblem("near", _("We do not know the place “%(place)s”.") % {"place": near})
            )
        return origin
    if query.lat is None and query.lon is not None:
        problems.append(ParameterProblem("lat", _("Give lat together with lon.")))
        return None
    if query.lon is None and query.lat is not None:
        problems.append(ParameterProblem("lon", _("Give lon together with lat.")))
        return None
    if query.lat is not None and query.lon is not None:
        return Origin(lat=query.lat, lon=query.lon, label=f"{query.lat:.5f}, {query.lon:.5f}")
    return None


def _services(values: list[str], problems: list[ParameterProblem]) -> tuple[str, ...]:
    services: list[str] = []
    for value in values:
        for kind in (part.strip() for part in value.split(",")):
            if not kind or kind in services:
                continue
            if kind not in SERVICE_KINDS:
                problems.append(
                    ParameterProblem(
                        "service",
                        _("“%(value)s” is not a service; choose from: %(choices)s.")
                        % {"value": kind, "choices": ", ".join(SERVICE_KINDS)},
                    )
                )
                continue
            services.append(kind)
    return tuple(services)
