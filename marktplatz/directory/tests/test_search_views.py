"""The home page, the directory search page and its JSON/htmx helpers."""

import datetime as dt

import pytest
from django import forms
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from marktplatz.directory.tests.factories import (
    CategoryFactory,
    OpeningHoursFactory,
    ShopFactory,
    ShopServiceFactory,
)
from marktplatz.directory.views.search import OptionsSelect
from marktplatz.search.tests.factories import IndexedShopFactory
from marktplatz.stats.models import SearchMiss

pytestmark = pytest.mark.django_db

SEARCH = reverse("directory:search")
GUESTROW = {"lat": 53.7972, "lon": 12.1734, "locality": "Güstrow", "postal_code": "18273"}


def found_text(count: int) -> str:
    return ngettext("%(count)s shop found", "%(count)s shops found", count) % {"count": count}


def test_home_page_has_the_search_form_the_categories_and_the_newest_shops(client):
    CategoryFactory(slug="lebensmittel", name="Lebensmittel")
    ShopFactory(name="Neuer Laden", published_at=dt.datetime(2026, 11, 20, tzinfo=dt.UTC))

    response = client.get(reverse("directory:home"))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="q"' in page
    assert 'name="near"' in page
    assert f'href="{SEARCH}?category=lebensmittel"' in page
    assert "Neuer Laden" in page


def test_search_without_input_lists_all_published_shops(client):
    ShopFactory(name="Apotheke am Markt")
    ShopFactory(name="Zeitungskiosk")

    response = client.get(SEARCH)

    assert response.status_code == 200
    assert [hit.shop.name for hit in response.context["result"].hits] == [
        "Apotheke am Markt",
        "Zeitungskiosk",
    ]
    assert found_text(2) in response.content.decode()


def test_search_by_text_place_and_service(client):
    pickup = IndexedShopFactory(name="Bäckerei am Dom", **GUESTROW)
    ShopServiceFactory(shop=pickup, kind="pickup")
    IndexedShopFactory(name="Bäckerei ohne Abholung", **GUESTROW)
    far = IndexedShopFactory(name="Bäckerei Rostock")
    ShopServiceFactory(shop=far, kind="pickup")

    response = client.get(SEARCH, {"q": "Bäkerei", "near": "18273", "radius": "10", "services": "pickup"})

    result = response.context["result"]
    assert [hit.shop.name for hit in result.hits] == ["Bäckerei am Dom"]
    assert result.params.origin.label == "18273 Güstrow"
    assert result.params.radius_km == 10.0


def test_place_without_radius_searches_within_25_km(client):
    response = client.get(SEARCH, {"near": "Güstrow"})

    assert response.context["result"].params.radius_km == 25.0


def test_browser_coordinates_are_a_place(client):
    response = client.get(SEARCH, {"near": "53.79720,12.17340"})

    origin = response.context["result"].params.origin
    assert (origin.lat, origin.lon, origin.postal_code) == (53.7972, 12.1734, None)


def test_open_now_filter(client):
    always = ShopFactory(name="Immer offen", closed_on_public_holidays=False)
    for weekday in range(7):
        OpeningHoursFactory(
            shop=always, weekday=weekday, opens=dt.time(0), closes=dt.time(23, 59, 59, 999999)
        )
    ShopFactory(name="Nie offen")

    response = client.get(SEARCH, {"open_now": "on"})

    assert [hit.shop.name for hit in response.context["result"].hits] == ["Immer offen"]


def test_an_unknown_place_is_a_field_error_that_keeps_the_other_input(client):
    category = CategoryFactory(slug="baeckerei", name="Bäckerei")
    ShopFactory(categories=[category])

    response = client.get(SEARCH, {"q": "Brötchen", "near": "Atlantis", "category": "baeckerei"})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"near": [gettext("Place or postal code not found.")]}
    assert response.context["result"] is None
    page = response.content.decode()
    assert 'value="Brötchen"' in page
    assert 'value="Atlantis"' in page
    assert '<option value="baeckerei" selected>' in page
    assert 'aria-describedby="id_near_helptext id_near_error"' in page
    assert '<a href="#id_near">' in page


def test_no_results_offers_wider_searches(client):
    ShopFactory(name="Weit weg")

    response = client.get(
        SEARCH,
        {"q": "Fahrrad", "near": "18273", "radius": "10", "services": ["delivery", "pickup"], "page": "2"},
    )

    assert response.context["result"].count == 0
    assert response.context["widen_links"] == [
        (
            gettext("Search within %(km)s km") % {"km": 25},
            f"{SEARCH}?q=Fahrrad&near=18273&radius=25&services=delivery&services=pickup",
        ),
        (gettext("Search without the filters"), f"{SEARCH}?q=Fahrrad&near=18273&radius=10"),
        (
            gettext("Search without the search term"),
            f"{SEARCH}?near=18273&radius=10&services=delivery&services=pickup",
        ),
        (
            gettext("Search all of %(region)s") % {"region": "Mecklenburg-Vorpommern"},
            f"{SEARCH}?q=Fahrrad&services=delivery&services=pickup",
        ),
    ]
    page = response.content.decode()
    assert f'href="{SEARCH}?q=Fahrrad&amp;near=18273&amp;radius=10"' in page


def test_no_wider_radius_than_100_km_is_offered(client):
    response = client.get(SEARCH, {"near": "18273", "radius": "100", "q": "Fahrrad"})

    labels = [label for label, _url in response.context["widen_links"]]
    assert labels == [
        gettext("Search without the search term"),
        gettext("Search all of %(region)s") % {"region": "Mecklenburg-Vorpommern"},
    ]


def test_a_search_without_results_is_counted_for_the_statistics(client):
    client.get(SEARCH, {"q": "Fahrradladen", "near": "Güstrow"})

    miss = SearchMiss.objects.get()
    assert (miss.kind, miss.query, miss.where, miss.count) == ("shop", "fahrradladen", "güstrow", 1)


def test_a_robot_search_without_results_is_not_counted(client):
    client.get(SEARCH, {"q": "Fahrradladen"}, HTTP_USER_AGENT="Googlebot/2.1")

    assert not SearchMiss.objects.exists()


def test_a_search_with_results_is_not_counted(client):
    IndexedShopFactory(name="Fahrradladen Speiche")

    client.get(SEARCH, {"q": "Fahrradladen"})

    assert not SearchMiss.objects.exists()


def test_pagination_links_keep_the_filters(client):
    category = CategoryFactory(slug="buecher", name="Bücher")
    for number in range(25):
        shop = ShopFactory(name=f"Buchladen {number:02}", categories=[category])
        ShopServiceFactory(shop=shop, kind="shipping")

    response = client.get(SEARCH, {"category": "buecher", "services": "shipping", "page": "2"})

    result = response.context["result"]
    assert (result.page, result.num_pages, result.count) == (2, 2, 25)
    assert [hit.shop.name for hit in result.hits] == [f"Buchladen {n}" for n in range(20, 25)]
    page = response.content.decode()
    assert 'href="?category=buecher&amp;services=shipping&amp;page=1" rel="prev"' in page
    assert 'aria-current="page" href="?category=buecher&amp;services=shipping&amp;page=2"' in page
    assert '<ol class="plain-list result-list" start="21">' in page


def _shops_with_cards(count: int) -> None:
    category = CategoryFactory(slug="baeckerei", name="Bäckerei")
    for number in range(count):
        shop = IndexedShopFactory(name=f"Bäckerei {number:02}", categories=[category])
        ShopServiceFactory(shop=shop, kind="pickup")
        OpeningHoursFactory(shop=shop)


@pytest.mark.parametrize("count", [5, 20])
def test_the_result_page_costs_the_same_queries_for_5_and_20_shops(client, django_assert_num_queries, count):
    _shops_with_cards(count)

    # categories for the form's select, has_prefix for "bäckerei", count, page, 4 prefetches
    with django_assert_num_queries(8):
        response = client.get(SEARCH, {"q": "Bäckerei", "near": "18055", "services": "pickup"})

    assert len(response.context["result"].hits) == count


def test_map_points_of_the_search_as_json(client):
    shop = ShopFactory(name="Laden „Eck“", slug="laden-eck")
    ShopServiceFactory(shop=shop, kind="shipping")
    ShopFactory(name="Ohne Versand")

    response = client.get(reverse("directory:search_map"), {"services": "shipping"})

    assert response.status_code == 200
    assert response.json() == {
        "points": [[shop.lat, shop.lon, "Laden „Eck“", "laden-eck"]],
        "truncated": False,
        "url_template": "/geschaefte/__slug__/",
    }


def test_map_points_of_an_unknown_place_are_a_bad_request(client):
    response = client.get(reverse("directory:search_map"), {"near": "Atlantis"})

    assert response.status_code == 400
    assert response.json()["errors"]["near"][0]["code"] == "unknown_place"


def test_place_suggestions_while_typing(client):
    response = client.get(reverse("directory:place_suggestions"), {"near": "Güstr"})

    assert response.status_code == 200
    assert '<option value="18273 Güstrow">Landkreis Rostock</option>' in response.content.decode()


def test_no_place_suggestions_for_one_letter(client):
    response = client.get(reverse("directory:place_suggestions"), {"near": "G"})

    assert response.content.decode().strip() == ""


@pytest.mark.parametrize("value", ["", "brot", "<b>"])
def test_the_category_select_writes_the_html_of_djangos_select(value):
    choices = [
        ("", "Alle"),
        ("Lebensmittel & Co", [("lebensmittel", "Alle: Lebensmittel"), ("brot", "Brot <frisch>")]),
        ("<b>", [("<b>", "„Fett“")]),
    ]
    attrs = {"id": "id_category", "required": True, "disabled": False, "data-x": 'a"b'}

    ours = OptionsSelect(choices=choices).render("category", value, attrs)

    assert ours == forms.Select(choices=choices).render("category", value, attrs)
