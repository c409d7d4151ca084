"""GET /api/v1/shops: the answer's shape, every parameter (valid and refused), paging, query counts."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marktplatz.api.schemas import ShopListOut
from marktplatz.directory.models import ServiceKind, Shop
from marktplatz.directory.tests.factories import (
    CategoryFactory,
    OpeningHoursFactory,
    ShopFactory,
    ShopServiceFactory,
    SpecialDayFactory,
)
from marktplatz.initiatives.models import Initiative, InitiativeMembership
from marktplatz.initiatives.tests.factories import InitiativeFactory, InitiativeMembershipFactory
from marktplatz.search import index_shop

from .helpers import WEDNESDAY_10AM, freeze_time, get, problem

pytestmark = pytest.mark.django_db

# Shop locations (the gazetteer's coordinates of these towns).
ROSTOCK = {"postal_code": "18055", "locality": "Rostock", "lat": 54.0887, "lon": 12.14049}
BAD_DOBERAN = {"postal_code": "18209", "locality": "Bad Doberan", "lat": 54.10712, "lon": 11.90051}
GUESTROW = {"postal_code": "18273", "locality": "Güstrow", "lat": 53.7972, "lon": 12.17337}
SCHWERIN = {"postal_code": "19053", "locality": "Schwerin", "lat": 53.62937, "lon": 11.41316}


def slugs(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [shop["slug"] for shop in response.json()["results"]]


# --- Shape --------------------------------------------------------------------------------------


def test_list_answers_count_results_and_paging(client: Any) -> None:
    ShopFactory(slug="anker", name="Anker")

    response = get(client, "shops")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert set(body) == {"count", "page", "num_pages", "next", "previous", "origin", "results"}
    assert (body["count"], body["page"], body["num_pages"]) == (1, 1, 1)
    assert (body["next"], body["previous"], body["origin"]) == (None, None, None)
    assert [shop["slug"] for shop in body["results"]] == ["anker"]


def test_a_shop_in_the_list_carries_every_public_field(client: Any, monkeypatch: Any) -> None:
    freeze_time(monkeypatch)
    food = CategoryFactory(slug="test-hofwaren", name="Hofwaren", name_en="Farm goods")
    shop = ShopFactory(
        slug="hofladen-meyer",
        name="Hofladen Meyer",
        description="Gemüse vom Hof.",
        street="Lange Straße 3",
        district="Rostock",
        phone="0381 1234567",
        email="hof@example.org",
        website="https://hof.example.org",
        is_demo=True,
        categories=[food],
        **ROSTOCK,
    )
    ShopServiceFactory(
        shop=shop, kind=ServiceKind.DELIVERY, delivery_radius_km=Decimal("12.5"), fee=Decimal("3.5")
    )
    shop.delivery_postal_codes.create(postal_code="18057")
    ShopServiceFactory(shop=shop, kind=ServiceKind.PHONE_ORDER, phone="0381 7654321", hours="Mo–Fr 8–12")
    OpeningHoursFactory(shop=shop, weekday=2, opens=dt.time(14, 0), closes=dt.time(18, 0))
    OpeningHoursFactory(shop=shop, weekday=2, opens=dt.time(8, 30), closes=dt.time(12, 0))

    [result] = get(client, "shops").json()["results"]

    assert result == {
        "slug": "hofladen-meyer",
        "name": "Hofladen Meyer",
        "url": "http://testserver/geschaefte/hofladen-meyer/",
        "description": "Gemüse vom Hof.",
        "street": "Lange Straße 3",
        "postal_code": "18055",
        "locality": "Rostock",
        "district": "Rostock",
        "lat": 54.0887,
        "lon": 12.14049,
        "categories": [{"slug": "test-hofwaren", "name": "Hofwaren", "name_en": "Farm goods"}],
        "services": [
            {
                "kind": "delivery",
                "phone": None,
                "hours": None,
                "delivery_radius_km": 12.5,
                "delivery_postal_codes": ["18057"],
                "fee": "3.50",
                "minimum_order": None,
                "url": None,
                "note": None,
            },
            {
                "kind": "phone_order",
                "phone": "+493817654321",
                "hours": "Mo–Fr 8–12",
                "delivery_radius_km": None,
                "delivery_postal_codes": [],
                "fee": None,
                "minimum_order": None,
                "url": None,
                "note": None,
            },
        ],
        "opening_hours": [
            {"weekday": 2, "opens": "08:30", "closes": "12:00"},
            {"weekday": 2, "opens": "14:00", "closes": "18:00"},
        ],
        "open_now": True,
        "phone": "+493811234567",
        "email": "hof@example.org",
        "website": "https://hof.example.org",
        "logo": None,
        "is_demo": True,
        "distance_km": None,
    }


def test_the_answer_is_what_the_response_schema_makes_of_it(client: Any, monkeypatch: Any) -> None:
    """The list is written without validating it against ``ShopListOut`` again (for speed): the
    schema's own dump of the answer must be the answer, key order included."""
    freeze_time(monkeypatch)
    shop = ShopFactory(
        slug="eck", name="Eck", phone="0381 1234567", categories=[CategoryFactory()], **ROSTOCK
    )
    ShopServiceFactory(shop=shop, kind=ServiceKind.DELIVERY, delivery_radius_km=Decimal("5"))
    ShopServiceFactory(shop=shop, kind=ServiceKind.SHIPPING, fee=Decimal("0"), minimum_order=Decimal("20"))
    OpeningHoursFactory(shop=shop, weekday=2)
    ShopFactory(slug="leer", name="Leer", **GUESTROW)

    response = get(client, "shops", near="18055", radius_km="100")

    body = json.loads(response.content)
    validated = ShopListOut.model_validate(body).model_dump(mode="json")
    assert json.dumps(validated) == json.dumps(body)
    assert [shop["slug"] for shop in body["results"]] == ["eck", "leer"]


def test_open_now_follows_the_opening_hours_and_special_days(client: Any, monkeypatch: Any) -> None:
    now = freeze_time(monkeypatch)
    open_shop = ShopFactory(slug="offen")
    closed_today = ShopFactory(slug="heute-zu")
    for shop in (open_shop, closed_today):
        OpeningHoursFactory(shop=shop, weekday=now.weekday(), opens=dt.time(9), closes=dt.time(18))
    SpecialDayFactory(shop=closed_today, date=now.date(), is_closed=True)

    results = get(client, "shops").json()["results"]

    assert {shop["slug"]: shop["open_now"] for shop in results} == {"offen": True, "heute-zu": False}


# --- Who appears ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [{}, {"near": "Rostock"}, {"q": "Fischladen"}, {"category": "test-fisch"}, {"service": "pickup"}],
)
def test_hidden_and_pending_shops_never_appear(client: Any, params: dict[str, str]) -> None:
    fish = CategoryFactory(slug="test-fisch")
    for slug, status in [("sichtbar", "published"), ("versteckt", "hidden"), ("unbestaetigt", "pending")]:
        shop = ShopFactory(slug=slug, name=f"Fischladen {slug}", status=status, categories=[fish])
        ShopServiceFactory(shop=shop, kind=ServiceKind.PICKUP)
        index_shop(shop_id=shop.pk)

    assert slugs(get(client, "shops", **params)) == ["sichtbar"]


def test_without_q_and_near_shops_come_by_name(client: Any) -> None:
    for name in ("Zeitungskiosk", "Apotheke", "Muehle"):
        ShopFactory(name=name, slug=name.lower())

    assert slugs(get(client, "shops")) == ["apotheke", "muehle", "zeitungskiosk"]


# --- q ----------------------------------------------------------------------------------------------


def test_q_finds_shops_by_name(client: Any) -> None:
    for shop in (
        ShopFactory(slug="fahrrad-koch", name="Fahrradladen Koch"),
        ShopFactory(name="Blumen Ahrens"),
    ):
        index_shop(shop_id=shop.pk)

    assert slugs(get(client, "shops", q="Fahrrad")) == ["fahrrad-koch"]


def test_q_longer_than_200_characters_is_refused(client: Any) -> None:
    response = get(client, "shops", q="x" * 201)

    assert response.status_code == 400
    assert problem(response) == [("q", "Enter at most 200 characters.")]


# --- near, lat/lon, radius_km ----------------------------------------------------------------------


def test_near_finds_shops_within_25_km_nearest_first_with_distances(client: Any) -> None:
    ShopFactory(slug="doberan", **BAD_DOBERAN)  # ~16 km from Rostock
    ShopFactory(slug="rostock", **ROSTOCK)  # 0 km
    ShopFactory(slug="guestrow", **GUESTROW)  # ~33 km: outside the default radius

    body = get(client, "shops", near="Rostock").json()

    assert [shop["slug"] for shop in body["results"]] == ["rostock", "doberan"]
    assert [shop["distance_km"] for shop in body["results"]] == [0.0, pytest.approx(15.8, abs=0.3)]
    assert body["origin"] == {
        "label": "18055 Rostock",
        "postal_code": "18055",
        "lat": 54.0887,
        "lon": 12.14049,
    }


def test_q_with_near_finds_matching_shops_within_the_radius_with_distances(client: Any) -> None:
    for slug, place in [
        ("fisch-rostock", ROSTOCK),
        ("fisch-doberan", BAD_DOBERAN),
        ("fisch-schwerin", SCHWERIN),
    ]:
        index_shop(shop_id=ShopFactory(slug=slug, name="Fischräucherei", **place).pk)
    index_shop(shop_id=ShopFactory(slug="buecher-rostock", name="Bücherstube", **ROSTOCK).pk)

    results = get(client, "shops", q="Fischräucherei", near="Rostock").json()["results"]

    assert sorted((shop["slug"], shop["distance_km"] is not None) for shop in results) == [
        ("fisch-doberan", True),
        ("fisch-rostock", True),
    ]


def test_near_accepts_a_postal_code(client: Any) -> None:
    ShopFactory(slug="rostock", **ROSTOCK)
    ShopFactory(slug="schwerin", **SCHWERIN)

    assert slugs(get(client, "shops", near="18055")) == ["rostock"]


def test_radius_km_widens_the_search(client: Any) -> None:
    ShopFactory(slug="guestrow", **GUESTROW)
    ShopFactory(slug="rostock", **ROSTOCK)
    ShopFactory(slug="schwerin", **SCHWERIN)  # ~70 km from Rostock

    assert slugs(get(client, "shops", near="Rostock", radius_km="40")) == ["rostock", "guestrow"]
    assert slugs(get(client, "shops", near="Rostock", radius_km="200")) == ["rostock", "guestrow", "schwerin"]


def test_lat_and_lon_instead_of_near(client: Any) -> None:
    ShopFactory(slug="rostock", **ROSTOCK)
    ShopFactory(slug="doberan", **BAD_DOBERAN)

    body = get(client, "shops", lat="54.107", lon="11.9", radius_km="5").json()

    assert [shop["slug"] for shop in body["results"]] == ["doberan"]
    assert body["origin"]["lat"] == 54.107
    assert body["origin"]["lon"] == 11.9


def test_an_unknown_place_is_refused_naming_near(client: Any) -> None:
    response = get(client, "shops", near="Atlantis")

    assert response.status_code == 400
    assert problem(response) == [("near", "We do not know the place “Atlantis”.")]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"near": "Rostock", "radius_km": "0"}, ("radius_km", "Enter a number greater than 0.")),
        ({"near": "Rostock", "radius_km": "201"}, ("radius_km", "Enter a number of at most 200.")),
        ({"near": "Rostock", "radius_km": "weit"}, ("radius_km", "Enter a number.")),
        ({"lat": "91", "lon": "12"}, ("lat", "Enter a number of at most 90.")),
        ({"lat": "54", "lon": "-181"}, ("lon", "Enter a number of at least -180.")),
        ({"lat": "nord", "lon": "12"}, ("lat", "Enter a number.")),
    ],
)
def test_bad_numbers_are_refused_naming_the_parameter(
    client: Any, params: dict[str, str], expected: tuple[str, str]
) -> None:
    response = get(client, "shops", **params)

    assert response.status_code == 400
    assert problem(response) == [expected]


def test_lat_without_lon_is_refused(client: Any) -> None:
    response = get(client, "shops", lat="54.1")

    assert response.status_code == 400
    assert problem(response) == [("lon", "Give lon together with lat.")]


def test_lon_without_lat_is_refused(client: Any) -> None:
    response = get(client, "shops", lon="12.1")

    assert response.status_code == 400
    assert problem(response) == [("lat", "Give lat together with lon.")]


def test_near_and_coordinates_together_are_refused(client: Any) -> None:
    response = get(client, "shops", near="Rostock", lat="54.1", lon="12.1")

    assert response.status_code == 400
    assert problem(response) == [("near", "Give either near, or lat and lon, not both.")]


def test_radius_without_a_place_is_refused(client: Any) -> None:
    response = get(client, "shops", radius_km="10")

    assert response.status_code == 400
    assert problem(response) == [("radius_km", "A radius needs a place: give near, or lat and lon.")]


# --- category -----------------------------------------------------------------------------------------


def test_category_includes_its_sub_categories(client: Any) -> None:
    food = CategoryFactory(slug="test-essen")
    bakery = CategoryFactory(slug="test-brot", parent=food)
    ShopFactory(slug="baecker", categories=[bakery])
    ShopFactory(slug="markt", categories=[food])
    ShopFactory(slug="buchladen", categories=[CategoryFactory(slug="test-buecher")])

    assert slugs(get(client, "shops", category="test-essen")) == ["baecker", "markt"]
    assert slugs(get(client, "shops", category="test-brot")) == ["baecker"]


def test_an_unknown_category_is_refused(client: Any) -> None:
    response = get(client, "shops", category="raumschiffe")

    assert response.status_code == 400
    assert problem(response) == [("category", "There is no category “raumschiffe”.")]


# --- service ----------------------------------------------------------------------------------------------


def shops_with_services() -> None:
    both = ShopFactory(slug="beides", name="Beides")
    ShopServiceFactory(shop=both, kind=ServiceKind.DELIVERY)
    ShopServiceFactory(shop=both, kind=ServiceKind.PICKUP)
    ShopServiceFactory(shop=ShopFactory(slug="liefert", name="Liefert"), kind=ServiceKind.DELIVERY)
    ShopFactory(slug="nichts", name="Nichts")


def test_service_filters_by_one_service(client: Any) -> None:
    shops_with_services()

    assert slugs(get(client, "shops", service="delivery")) == ["beides", "liefert"]


def test_repeated_service_requires_all(client: Any) -> None:
    shops_with_services()

    response = client.get("/api/v1/shops?service=delivery&service=pickup")

    assert slugs(response) == ["beides"]


def test_comma_separated_services_require_all(client: Any) -> None:
    shops_with_services()

    assert slugs(get(client, "shops", service="delivery,pickup")) == ["beides"]


def test_an_unknown_service_is_refused(client: Any) -> None:
    response = get(client, "shops", service="delivery,teleport")

    assert response.status_code == 400
    assert problem(response) == [
        (
            "service",
            "“teleport” is not a service; choose from: "
            "phone_order, delivery, pickup, shipping, online_shop, vouchers.",
        )
    ]


# --- open_now ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"), [("true", ["offen"]), ("1", ["offen"]), ("false", ["offen", "zu"])]
)
def test_open_now(client: Any, monkeypatch: Any, value: str, expected: list[str]) -> None:
    now = freeze_time(monkeypatch)
    OpeningHoursFactory(shop=ShopFactory(slug="offen", name="A"), weekday=now.weekday())
    OpeningHoursFactory(shop=ShopFactory(slug="zu", name="B"), weekday=(now.weekday() + 1) % 7)

    assert slugs(get(client, "shops", open_now=value)) == expected


def test_open_now_must_be_true_or_false(client: Any) -> None:
    response = get(client, "shops", open_now="vielleicht")

    assert response.status_code == 400
    assert problem(response) == [("open_now", "Enter true or false (or 1 or 0).")]


# --- initiative -------------------------------------------------------------------------------------------


def test_initiative_finds_its_confirmed_members(client: Any) -> None:
    altstadt = InitiativeFactory(slug="altstadt")
    InitiativeMembershipFactory(initiative=altstadt, shop=ShopFactory(slug="mitglied"))
    InitiativeMembershipFactory(
        initiative=altstadt, shop=ShopFactory(slug="fragt-an"), status=InitiativeMembership.Status.REQUESTED
    )
    ShopFactory(slug="draussen")

    assert slugs(get(client, "shops", initiative="altstadt")) == ["mitglied"]


def test_an_unknown_or_hidden_initiative_is_refused(client: Any) -> None:
    InitiativeFactory(slug="geheim", status=Initiative.Status.HIDDEN)

    response = get(client, "shops", initiative="geheim")

    assert response.status_code == 400
    assert problem(response) == [("initiative", "There is no initiative “geheim”.")]


# --- page, page_size ------------------------------------------------------------------------------------


def test_pages_link_to_each_other(client: Any) -> None:
    for letter in "ABCDE":
        ShopFactory(name=letter, slug=letter.lower())

    first = get(client, "shops", page_size="2").json()
    second = get(client, "shops", page_size="2", page="2").json()
    last = get(client, "shops", page_size="2", page="3").json()

    assert (first["count"], first["num_pages"]) == (5, 3)
    assert [shop["slug"] for shop in first["results"]] == ["a", "b"]
    assert [shop["slug"] for shop in second["results"]] == ["c", "d"]
    assert [shop["slug"] for shop in last["results"]] == ["e"]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/shops?page_size=2&page=2"
    assert second["previous"] == "http://testserver/api/v1/shops?page_size=2&page=1"
    assert last["next"] is None


def test_next_keeps_the_other_parameters(client: Any) -> None:
    for letter in "AB":
        ShopFactory(name=letter, slug=letter.lower())

    body = client.get("/api/v1/shops?service=&page_size=1&open_now=0").json()

    assert body["next"] == "http://testserver/api/v1/shops?service=&page_size=1&open_now=0&page=2"


def test_page_size_defaults_to_20(client: Any) -> None:
    ShopFactory.create_batch(21)

    body = get(client, "shops").json()

    assert (len(body["results"]), body["num_pages"]) == (20, 2)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"page": "0"}, ("page", "Enter a number of at least 1.")),
        ({"page": "zwei"}, ("page", "Enter a whole number.")),
        ({"page": "1.5"}, ("page", "Enter a whole number.")),
        ({"page_size": "0"}, ("page_size", "Enter a number of at least 1.")),
        ({"page_size": "101"}, ("page_size", "Enter a number of at most 100.")),
    ],
)
def test_bad_paging_is_refused(client: Any, params: dict[str, str], expected: tuple[str, str]) -> None:
    response = get(client, "shops", **params)

    assert response.status_code == 400
    assert problem(response) == [expected]


def test_a_page_after_the_last_is_refused(client: Any) -> None:
    ShopFactory()

    response = get(client, "shops", page="2")

    assert response.status_code == 400
    assert problem(response) == [("page", "There is no page 2; the last page is 1.")]


def test_every_bad_parameter_is_named_at_once(client: Any) -> None:
    response = get(client, "shops", category="nix", service="teleport", near="Atlantis")

    assert response.status_code == 400
    assert [parameter for parameter, _message in problem(response)] == ["near", "category", "service"]


def test_empty_parameters_count_as_not_given(client: Any) -> None:
    ShopFactory(slug="laden")

    response = client.get("/api/v1/shops?q=&near=&radius_km=&category=&service=&open_now=&page=&lat=")

    assert slugs(response) == ["laden"]


# --- Queries ----------------------------------------------------------------------------------------------


def full_shop(category: Any) -> Shop:
    """A shop with every kind of related row a list entry shows."""
    shop = ShopFactory(categories=[category, CategoryFactory()])
    ShopServiceFactory(shop=shop, kind=ServiceKind.DELIVERY, delivery_radius_km=Decimal(10))
    ShopServiceFactory(shop=shop, kind=ServiceKind.PICKUP)
    shop.delivery_postal_codes.create(postal_code="18057")
    OpeningHoursFactory(shop=shop, weekday=WEDNESDAY_10AM.weekday())
    OpeningHoursFactory(shop=shop, weekday=3)
    SpecialDayFactory(shop=shop, date=WEDNESDAY_10AM.date() + dt.timedelta(days=1))
    return shop


def queries_for(client: Any, path: str) -> tuple[int, int]:
    """(queries, results) of one request."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(queries), len(response.json()["results"])


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/shops?page_size=100",
        "/api/v1/shops?page_size=100&near=Rostock&service=delivery&open_now=1",
        "/api/v1/shops?page_size=100&category=haupt",
    ],
)
def test_the_number_of_queries_does_not_grow_with_the_results(
    client: Any, monkeypatch: Any, path: str
) -> None:
    freeze_time(monkeypatch)
    main = CategoryFactory(slug="haupt")
    for _ in range(3):
        full_shop(main)
    client.get(path)  # warm up caches that have nothing to do with the number of shops
    queries_with_three, results = queries_for(client, path)
    assert results == 3
    for _ in range(17):
        full_shop(main)

    queries_with_twenty, results = queries_for(client, path)

    assert results == 20
    assert queries_with_twenty == queries_with_three
