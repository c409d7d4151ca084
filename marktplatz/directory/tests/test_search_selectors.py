"""``shop_search``, ``shop_map_points`` and ``origin_resolve`` (run on SQLite and on PostgreSQL)."""

import datetime as dt
from decimal import Decimal

import pytest

from marktplatz.directory.hours import BERLIN
from marktplatz.directory.models import DeliveryPostalCode, Shop
from marktplatz.directory.selectors import (
    MapPoint,
    Origin,
    ShopSearchParams,
    distance_km_expression,
    origin_resolve,
    shop_map_points,
    shop_search,
)
from marktplatz.directory.tests.factories import (
    CategoryFactory,
    OpeningHoursFactory,
    ShopFactory,
    ShopServiceFactory,
)
from marktplatz.geo.distance import haversine_km
from marktplatz.initiatives.models import InitiativeMembership
from marktplatz.initiatives.tests.factories import InitiativeFactory, InitiativeMembershipFactory
from marktplatz.search.tests.factories import IndexedShopFactory

pytestmark = pytest.mark.django_db

# Places and their distance from Rostock's centre.
ROSTOCK = Origin(lat=54.0887, lon=12.1403, label="18055 Rostock", postal_code="18055")
WARNEMUENDE = {"lat": 54.1764, "lon": 12.0853, "locality": "Warnemünde", "postal_code": "18119"}  # 10.5 km
GUESTROW = {"lat": 53.7972, "lon": 12.1734, "locality": "Güstrow", "postal_code": "18273"}  # 32.5 km
SCHWERIN = {"lat": 53.6355, "lon": 11.4012, "locality": "Schwerin", "postal_code": "19053"}  # 70.6 km
MONDAY_10 = dt.datetime(2026, 11, 23, 10, tzinfo=BERLIN)


def names(result) -> list[str]:
    return [hit.shop.name for hit in result.hits]


def search(**params) -> list[str]:
    return names(shop_search(params=ShopSearchParams(**params), now=MONDAY_10))


def test_without_anything_all_published_shops_by_name():
    ShopFactory(name="Zeitungsladen")
    ShopFactory(name="Apotheke")
    ShopFactory(name="Versteckt", status=Shop.Status.HIDDEN)
    ShopFactory(name="Unbestätigt", status=Shop.Status.PENDING)

    result = shop_search(params=ShopSearchParams())

    assert names(result) == ["Apotheke", "Zeitungsladen"]
    assert result.sort == "name"
    assert [hit.distance_km for hit in result.hits] == [None, None]


def test_text_query_filters_and_ranks_by_relevance():
    IndexedShopFactory(name="Anker Laden", description="Auch frische Brötchen vom Bäcker.", categories=[])
    IndexedShopFactory(name="Zum Bäckermeister", categories=[])
    IndexedShopFactory(name="Schuhhaus", categories=[])

    result = shop_search(params=ShopSearchParams(q="Bäcker"))

    assert names(result) == ["Zum Bäckermeister", "Anker Laden"]
    assert [hit.relevance for hit in result.hits] == [4, 1]
    assert result.sort == "relevance"


def test_equally_relevant_shops_are_ordered_by_distance_then_name():
    IndexedShopFactory(name="Bäckerei Am Markt", categories=[], **SCHWERIN)
    IndexedShopFactory(name="Bäckerei Strand", categories=[], **WARNEMUENDE)
    IndexedShopFactory(name="Bäckerei Zentrum", categories=[])
    IndexedShopFactory(name="Café Zentrum", description="Kuchen aus der eigenen Bäckerei.", categories=[])
    IndexedShopFactory(name="Backstube Zentrum", description="Bäckerei", categories=[])

    result = shop_search(params=ShopSearchParams(q="Bäckerei", origin=ROSTOCK))

    assert names(result) == [
        "Bäckerei Zentrum",
        "Bäckerei Strand",
        "Bäckerei Am Markt",
        "Backstube Zentrum",
        "Café Zentrum",
    ]


def test_a_text_query_of_stop_words_finds_nothing():
    IndexedShopFactory(name="Laden und mehr")

    assert search(q="und") == []


def test_punctuation_alone_is_no_text_query():
    ShopFactory(name="Laden")

    assert search(q=" - ") == ["Laden"]


def test_with_an_origin_by_distance_with_rounded_distances():
    ShopFactory(name="Schwerin", **SCHWERIN)
    ShopFactory(name="Güstrow", **GUESTROW)
    ShopFactory(name="Rostock")

    result = shop_search(params=ShopSearchParams(origin=ROSTOCK))

    assert names(result) == ["Rostock", "Güstrow", "Schwerin"]
    assert [hit.distance_km for hit in result.hits] == [
        0.0,
        round(haversine_km(ROSTOCK.lat, ROSTOCK.lon, GUESTROW["lat"], GUESTROW["lon"]), 1),
        round(haversine_km(ROSTOCK.lat, ROSTOCK.lon, SCHWERIN["lat"], SCHWERIN["lon"]), 1),
    ]
    assert result.hits[1].distance_km == 32.5
    assert result.sort == "distance"


def test_the_sql_distance_equals_the_python_haversine():
    shop = ShopFactory(**SCHWERIN)

    distance = (
        Shop.objects.filter(pk=shop.pk)
        .annotate(d=distance_km_expression(ROSTOCK))
        .values_list("d", flat=True)
        .get()
    )

    assert distance == pytest.approx(haversine_km(ROSTOCK.lat, ROSTOCK.lon, shop.lat, shop.lon), abs=1e-6)


def test_radius_keeps_the_shops_within_it():
    ShopFactory(name="Warnemünde", **WARNEMUENDE)
    ShopFactory(name="Güstrow", **GUESTROW)
    ShopFactory(name="Rostock")
    # Inside the bounding box of 33 km (its north-east corner) but 45 km away.
    ShopFactory(name="Ecke", lat=54.0887 + 0.28, lon=12.1403 + 0.48)

    assert search(origin=ROSTOCK, radius_km=10) == ["Rostock"]
    assert search(origin=ROSTOCK, radius_km=33) == ["Rostock", "Warnemünde", "Güstrow"]


def test_a_radius_without_an_origin_is_ignored():
    ShopFactory(name="Schwerin", **SCHWERIN)

    assert search(radius_km=5) == ["Schwerin"]


def test_category_includes_its_sub_categories():
    food = CategoryFactory(slug="lebensmittel", name="Lebensmittel")
    cheese = CategoryFactory(slug="kaese", name="Käse", parent=food)
    ShopFactory(name="Käserei", categories=[cheese])
    ShopFactory(name="Supermarkt", categories=[food])
    ShopFactory(name="Buchladen", categories=[CategoryFactory(slug="buecher")])

    assert search(category="lebensmittel") == ["Käserei", "Supermarkt"]
    assert search(category="kaese") == ["Käserei"]
    assert search(category="gibt-es-nicht") == []


def test_a_shop_in_two_matching_categories_appears_once():
    food = CategoryFactory(slug="lebensmittel", name="Lebensmittel")
    ShopFactory(name="Hofladen", categories=[food, CategoryFactory(slug="kaese", parent=food)])

    result = shop_search(params=ShopSearchParams(category="lebensmittel"))

    assert names(result) == ["Hofladen"]
    assert result.count == 1


def test_every_service_asked_for_is_required():
    both = ShopFactory(name="Beides")
    ShopServiceFactory(shop=both, kind="pickup")
    ShopServiceFactory(shop=both, kind="shipping")
    ShopServiceFactory(shop=ShopFactory(name="Nur Abholung"), kind="pickup")
    ShopFactory(name="Nichts")

    assert search(services=("pickup",)) == ["Beides", "Nur Abholung"]
    assert search(services=("pickup", "shipping")) == ["Beides"]


def test_delivery_to_a_postal_code_by_list_or_by_radius():
    listed = ShopFactory(name="Liste", **SCHWERIN)
    ShopServiceFactory(shop=listed, kind="delivery")
    DeliveryPostalCode.objects.create(shop_id=listed.pk, postal_code="18055")
    ShopServiceFactory(
        shop=ShopFactory(name="Weit genug", **GUESTROW), kind="delivery", delivery_radius_km=Decimal("33")
    )
    ShopServiceFactory(
        shop=ShopFactory(name="Zu kurz", **GUESTROW), kind="delivery", delivery_radius_km=Decimal("30")
    )
    unlisted = ShopFactory(name="Andere Liste")
    ShopServiceFactory(shop=unlisted, kind="delivery")
    DeliveryPostalCode.objects.create(shop_id=unlisted.pk, postal_code="18119")
    no_service = ShopFactory(name="Ohne Lieferdienst")
    DeliveryPostalCode.objects.create(shop_id=no_service.pk, postal_code="18055")

    assert search(services=("delivery",), origin=ROSTOCK) == ["Weit genug", "Liste"]


def test_delivery_to_coordinates_uses_the_radius_only():
    listed = ShopFactory(name="Liste")
    ShopServiceFactory(shop=listed, kind="delivery")
    DeliveryPostalCode.objects.create(shop_id=listed.pk, postal_code="18055")
    ShopServiceFactory(shop=ShopFactory(name="Radius"), kind="delivery", delivery_radius_km=Decimal("5"))
    here = Origin(lat=ROSTOCK.lat, lon=ROSTOCK.lon, label="Ihr Standort")

    assert search(services=("delivery",), origin=here) == ["Radius"]


def test_delivery_without_an_origin_needs_only_the_service():
    ShopServiceFactory(shop=ShopFactory(name="Liefert"), kind="delivery")
    ShopFactory(name="Liefert nicht")

    assert search(services=("delivery",)) == ["Liefert"]


def test_open_now():
    open_shop = ShopFactory(name="Offen")
    OpeningHoursFactory(shop=open_shop, weekday=0, opens=dt.time(9), closes=dt.time(18))
    closed = ShopFactory(name="Geschlossen")
    OpeningHoursFactory(shop=closed, weekday=0, opens=dt.time(14), closes=dt.time(18))

    result = shop_search(params=ShopSearchParams(open_now=True), now=MONDAY_10)

    assert names(result) == ["Offen"]
    assert result.hits[0].opening is not None
    assert result.hits[0].opening.is_open
    assert result.hits[0].opening.closes_at == dt.datetime(2026, 11, 23, 18, tzinfo=BERLIN)


def test_opening_status_of_each_hit():
    shop = ShopFactory(name="Nachmittags")
    OpeningHoursFactory(shop=shop, weekday=0, opens=dt.time(14), closes=dt.time(18))

    (hit,) = shop_search(params=ShopSearchParams(), now=MONDAY_10).hits

    assert hit.opening is not None
    assert not hit.opening.is_open
    assert hit.opening.opens_at == dt.datetime(2026, 11, 23, 14, tzinfo=BERLIN)


def test_initiative_means_its_confirmed_members():
    initiative = InitiativeFactory(slug="altstadt")
    InitiativeMembershipFactory(initiative=initiative, shop=ShopFactory(name="Mitglied"))
    InitiativeMembershipFactory(
        initiative=initiative,
        shop=ShopFactory(name="Angefragt"),
        status=InitiativeMembership.Status.REQUESTED,
    )
    InitiativeMembershipFactory(shop=ShopFactory(name="Andere Initiative"))

    assert search(initiative="altstadt") == ["Mitglied"]


def test_sort_by_name_newest_and_distance():
    now = dt.datetime(2026, 11, 1, tzinfo=BERLIN)
    ShopFactory(name="Alt", published_at=now - dt.timedelta(days=30), **SCHWERIN)
    ShopFactory(name="Neu", published_at=now)
    ShopFactory(name="Mittel", published_at=now - dt.timedelta(days=3), **GUESTROW)

    assert search(origin=ROSTOCK, sort="name") == ["Alt", "Mittel", "Neu"]
    assert search(origin=ROSTOCK, sort="newest") == ["Neu", "Mittel", "Alt"]
    assert search(sort="distance", origin=ROSTOCK) == ["Neu", "Mittel", "Alt"]


def test_sort_by_distance_without_origin_falls_back_to_name():
    ShopFactory(name="B")
    ShopFactory(name="A")

    result = shop_search(params=ShopSearchParams(sort="distance"))

    assert names(result) == ["A", "B"]
    assert result.sort == "name"


def test_pagination():
    for number in range(5):
        ShopFactory(name=f"Laden {number}")

    second = shop_search(params=ShopSearchParams(), page=2, per_page=2)
    beyond = shop_search(params=ShopSearchParams(), page=9, per_page=2)

    assert (second.count, second.num_pages, second.page, names(second)) == (5, 3, 2, ["Laden 2", "Laden 3"])
    assert (beyond.page, names(beyond)) == (3, ["Laden 4"])


def test_no_results_is_one_empty_page():
    result = shop_search(params=ShopSearchParams(q="nichts"))

    assert (result.count, result.num_pages, result.page, result.hits) == (0, 1, 1, [])


def _many_full_shops(count: int) -> None:
    category = CategoryFactory(slug="baeckerei", name="Bäckerei")
    for number in range(count):
        shop = IndexedShopFactory(name=f"Bäckerei {number:02}", categories=[category])
        ShopServiceFactory(shop=shop, kind="pickup")
        OpeningHoursFactory(shop=shop, weekday=0)


@pytest.mark.parametrize("count", [5, 25])
def test_a_page_costs_the_same_queries_for_5_and_25_shops(django_assert_num_queries, count):
    _many_full_shops(count)
    params = ShopSearchParams(
        q="Bäckerei", origin=ROSTOCK, radius_km=25, category="baeckerei", services=("pickup",), open_now=True
    )

    # has_prefix("backerei"), count, page, categories, services, opening hours, special days
    with django_assert_num_queries(7):
        result = shop_search(params=params, per_page=25, now=MONDAY_10)
        labels = [[category.label for category in hit.categories] for hit in result.hits]
        services = [hit.service_labels for hit in result.hits]

    assert len(result.hits) == count
    assert labels == [["Bäckerei"]] * count
    assert services == [["Click & Collect"]] * count  # the German label (tests run in German)


def test_map_points_are_light_and_capped():
    ShopFactory(name="Weit", slug="weit", **SCHWERIN)
    near = ShopFactory(name="Nah", slug="nah")
    ShopFactory(name="Versteckt", status=Shop.Status.HIDDEN)

    points = shop_map_points(params=ShopSearchParams(origin=ROSTOCK), limit=1)

    assert points == [MapPoint(id=near.pk, slug="nah", name="Nah", lat=near.lat, lon=near.lon)]


def test_map_points_follow_the_filters():
    ShopServiceFactory(shop=ShopFactory(name="Versand", slug="versand"), kind="shipping")
    ShopFactory(name="Ohne", slug="ohne")

    points = shop_map_points(params=ShopSearchParams(services=("shipping",)))

    assert [point.slug for point in points] == ["versand"]


@pytest.mark.parametrize(
    ("where", "label", "postal_code"),
    [
        ("18055", "18055 Rostock", "18055"),
        ("  Güstrow ", "18273 Güstrow", "18273"),
        ("18055 Rostock", "18055 Rostock", "18055"),
    ],
)
def test_origin_from_a_postal_code_or_town(where, label, postal_code):
    origin = origin_resolve(where=where)

    assert origin is not None
    assert (origin.label, origin.postal_code) == (label, postal_code)


def test_origin_from_browser_coordinates(german):
    assert origin_resolve(where="54.0887, 12.1403") == Origin(lat=54.0887, lon=12.1403, label="Ihr Standort")


@pytest.mark.parametrize("where", ["", "   ", "Atlantis", "99999", "91.0,12.0"])
def test_unknown_places_give_no_origin(where):
    assert origin_resolve(where=where) is None
