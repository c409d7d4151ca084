"""
Distances on the Earth's surface, in plain ``float`` arithmetic.

Coordinates are WGS 84 degrees (latitude north, longitude east) and distances are kilometres. The
Earth is treated as a sphere of mean radius :data:`EARTH_RADIUS_KM`; within Mecklenburg-Vorpommern
this is off from the ellipsoidal distance by well under 0.5 %, far less than the uncertainty of a
town's coordinates.

A radius search is done in two steps: :func:`bounding_box` gives a latitude/longitude rectangle for
a cheap, index-friendly SQL prefilter (``lat BETWEEN ... AND lon BETWEEN ...``), and
:func:`haversine_km` then gives the exact distance of each remaining candidate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

__all__ = [
    "EARTH_RADIUS_KM",
    "MV_BOUNDS",
    "RegionBounds",
    "bounding_box",
    "destination_point",
    "haversine_km",
]

#: Mean Earth radius (IUGG), in kilometres.
EARTH_RADIUS_KM: Final = 6371.0088

_MAX_LAT: Final = 90.0
_MAX_LON: Final = 180.0
# Padding of the bounding box (about 0.1 mm), so that float rounding never drops a point lying at
# exactly the radius.
_PAD_DEG: Final = 1e-9


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def destination_point(lat: float, lon: float, bearing_deg: float, distance_km: float) -> tuple[float, float]:
    """
    Return the point reached from (``lat``, ``lon``) after ``distance_km`` along a great circle
    that starts at ``bearing_deg`` (0 = north, 90 = east).

    The longitude is normalised to [-180, 180).
    """
    phi1, lambda1 = math.radians(lat), math.radians(lon)
    theta = math.radians(bearing_deg)
    delta = distance_km / EARTH_RADIUS_KM
    sin_phi2 = math.sin(phi1) * math.cos(delta) + math.cos(phi1) * math.sin(delta) * math.cos(theta)
    phi2 = math.asin(max(-1.0, min(1.0, sin_phi2)))
    lambda2 = lambda1 + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi1),
        math.cos(delta) - math.sin(phi1) * sin_phi2,
    )
    lon2 = (math.degrees(lambda2) + 540.0) % 360.0 - 180.0
    return math.degrees(phi2), lon2


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """
    Return ``(min_lat, max_lat, min_lon, max_lon)`` of a rectangle that contains every point within
    ``radius_km`` of (``lat``, ``lon``).

    The rectangle is tight: its longitude span is that of the circle's widest point, which lies
    slightly poleward of the centre's latitude (the usual ``radius / cos(lat)`` shortcut is a little
    too narrow). Near a pole, or when the circle would cross the antimeridian, the full longitude
    range (-180, 180) is returned rather than a wrapped rectangle, so that a simple
    ``min_lon <= lon <= max_lon`` filter stays correct. The rectangle is padded by 1e-9 degrees
    against rounding. Raise ``ValueError`` for a negative radius.
    """
    if radius_km < 0:
        raise ValueError(f"radius_km must not be negative, got {radius_km!r}")
    delta = radius_km / EARTH_RADIUS_KM
    d_lat = math.degrees(delta) + _PAD_DEG
    min_lat, max_lat = lat - d_lat, lat + d_lat
    if min_lat <= -_MAX_LAT or max_lat >= _MAX_LAT or delta >= math.pi / 2:
        return max(min_lat, -_MAX_LAT), min(max_lat, _MAX_LAT), -_MAX_LON, _MAX_LON
    d_lon = math.degrees(math.asin(min(1.0, math.sin(delta) / math.cos(math.radians(lat))))) + _PAD_DEG
    min_lon, max_lon = lon - d_lon, lon + d_lon
    if min_lon < -_MAX_LON or max_lon > _MAX_LON:
        return min_lat, max_lat, -_MAX_LON, _MAX_LON
    return min_lat, max_lat, min_lon, max_lon


@dataclass(frozen=True, slots=True)
class RegionBounds:
    """A latitude/longitude rectangle, e.g. to reject coordinates outside the marketplace's region."""

    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float

    def __post_init__(self) -> None:
        if self.min_lat > self.max_lat or self.min_lon > self.max_lon:
            raise ValueError(f"empty bounds: {self!r}")

    def contains(self, lat: float, lon: float) -> bool:
        """Return whether (``lat``, ``lon``) lies within the bounds, edges included."""
        return self.min_lat <= lat <= self.max_lat and self.min_lon <= lon <= self.max_lon

    @property
    def center(self) -> tuple[float, float]:
        """Return the midpoint ``(lat, lon)`` of the rectangle."""
        return (self.min_lat + self.max_lat) / 2, (self.min_lon + self.max_lon) / 2


#: Mecklenburg-Vorpommern with a small margin (Dömitz ~53.14 N to Kap Arkona ~54.68 N,
#: Lassahn ~10.6 E to Penkun/Usedom ~14.4 E).
MV_BOUNDS: Final = RegionBounds(min_lat=53.1, max_lat=54.7, min_lon=10.5, max_lon=14.5)
