"""Tests of the great-circle distance helpers."""

import math

import pytest

from marktplatz.geo.distance import (
    EARTH_RADIUS_KM,
    MV_BOUNDS,
    RegionBounds,
    bounding_box,
    destination_point,
    haversine_km,
)

ROSTOCK = (54.0887, 12.14049)
SCHWERIN = (53.62937, 11.41316)


def test_haversine_rostock_schwerin_is_about_70_km():
    assert haversine_km(*ROSTOCK, *SCHWERIN) == pytest.approx(70, abs=5)


def test_haversine_is_zero_for_the_same_point_and_symmetric():
    assert haversine_km(*ROSTOCK, *ROSTOCK) == 0
    assert haversine_km(*ROSTOCK, *SCHWERIN) == haversine_km(*SCHWERIN, *ROSTOCK)


def test_haversine_of_one_degree_of_latitude_and_of_antipodes():
    assert haversine_km(54.0, 12.0, 55.0, 12.0) == pytest.approx(math.pi * EARTH_RADIUS_KM / 180)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * EARTH_RADIUS_KM)


def test_destination_point_lies_at_the_given_distance():
    for bearing in range(0, 360, 15):
        lat, lon = destination_point(*ROSTOCK, bearing, 25.0)
        assert haversine_km(*ROSTOCK, lat, lon) == pytest.approx(25.0, rel=1e-9)


@pytest.mark.parametrize("centre", [ROSTOCK, SCHWERIN, (0.0, 0.0), (-33.9, 18.4), (70.0, 25.0)])
@pytest.mark.parametrize("radius_km", [0.5, 10.0, 50.0, 300.0])
def test_bounding_box_contains_every_point_at_the_radius(centre: tuple[float, float], radius_km: float):
    min_lat, max_lat, min_lon, max_lon = bounding_box(*centre, radius_km)
    for tenth_degree in range(3600):
        lat, lon = destination_point(*centre, tenth_degree / 10, radius_km)
        assert min_lat <= lat <= max_lat
        assert min_lon <= lon <= max_lon


def test_bounding_box_is_tight():
    min_lat, max_lat, min_lon, max_lon = bounding_box(*ROSTOCK, 10.0)
    lats, lons = zip(*(destination_point(*ROSTOCK, b / 10, 10.0) for b in range(3600)), strict=True)
    assert max_lat - max(lats) < 1e-6
    assert min(lats) - min_lat < 1e-6
    assert max_lon - max(lons) < 1e-4
    assert min(lons) - min_lon < 1e-4


def test_bounding_box_of_zero_radius_is_the_point():
    assert bounding_box(*ROSTOCK, 0) == pytest.approx((ROSTOCK[0], ROSTOCK[0], ROSTOCK[1], ROSTOCK[1]))


def test_bounding_box_spans_all_longitudes_near_a_pole_or_across_the_antimeridian():
    assert bounding_box(89.9, 0.0, 50.0)[2:] == (-180.0, 180.0)
    assert bounding_box(0.0, 179.9, 50.0)[2:] == (-180.0, 180.0)
    assert bounding_box(89.9, 0.0, 50.0)[1] == 90.0


def test_bounding_box_rejects_a_negative_radius():
    with pytest.raises(ValueError, match="negative"):
        bounding_box(*ROSTOCK, -1)


def test_region_bounds():
    assert MV_BOUNDS.contains(*ROSTOCK)
    assert MV_BOUNDS.contains(*SCHWERIN)
    assert not MV_BOUNDS.contains(52.52, 13.405)  # Berlin
    assert not MV_BOUNDS.contains(53.55, 9.99)  # Hamburg
    assert MV_BOUNDS.contains(*MV_BOUNDS.center)
    assert RegionBounds(1, 2, 3, 4).contains(2, 4)  # edges included
    with pytest.raises(ValueError, match="empty"):
        RegionBounds(2, 1, 3, 4)
