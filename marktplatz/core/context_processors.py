"""Values every template may use: the region, the map settings, the operator's contact."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "REGION_NAME": settings.REGION_NAME,
        "REGION_SHORT_NAME": settings.REGION_SHORT_NAME,
        "OPERATOR_EMAIL": settings.OPERATOR_EMAIL,
        "TILE_URL": settings.TILE_URL,
        "TILE_ATTRIBUTION": settings.TILE_ATTRIBUTION,
        "SITE_URL": settings.SITE_URL,
    }
