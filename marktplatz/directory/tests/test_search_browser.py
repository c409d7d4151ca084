"""The search pages in a real browser: a search by postal code with a filter, and accessibility."""

import pytest

from marktplatz.directory.tests.factories import CategoryFactory, ShopServiceFactory
from marktplatz.search.tests.factories import IndexedShopFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GUESTROW = {"lat": 53.7972, "lon": 12.1734, "locality": "Güstrow", "postal_code": "18273"}
SCHWERIN = {"lat": 53.6355, "lon": 11.4012, "locality": "Schwerin", "postal_code": "19053"}


def _shops() -> None:
    bakery = CategoryFactory(slug="baeckerei", name="Bäckerei", name_en="Bakery")
    collect = IndexedShopFactory(name="Bäckerei am Dom", categories=[bakery], **GUESTROW)
    ShopServiceFactory(shop=collect, kind="pickup")
    ShopServiceFactory(shop=collect, kind="phone_order")
    IndexedShopFactory(name="Blumen Bunt", categories=[], **GUESTROW)
    far = IndexedShopFactory(name="Bäckerei Schwerin", categories=[bakery], **SCHWERIN)
    ShopServiceFactory(shop=far, kind="pickup")


def test_search_by_postal_code_with_a_service_filter(page):
    _shops()
    page.goto("/geschaefte/")

    page.locator("#id_near").fill("18273")
    page.locator(".search-filters summary").click()
    page.locator("input[name=services][value=pickup]").check()
    page.locator(".search-form button[type=submit]").click()

    results = page.locator(".result-list h3")
    assert results.all_inner_texts() == ["Bäckerei am Dom"]
    assert "18273" in page.url
    assert "services=pickup" in page.url
    assert page.locator("#id_near").input_value() == "18273"


def test_home_page_is_accessible(page, assert_accessible):
    _shops()
    page.goto("/")

    assert_accessible(page)


def test_results_page_with_map_is_accessible(page, assert_accessible):
    _shops()
    page.goto("/geschaefte/?q=B%C3%A4ckerei&near=18273&radius=100")
    page.locator("#search-map .leaflet-marker-icon").first.wait_for()

    assert page.locator(".result-list h3").all_inner_texts() == ["Bäckerei am Dom", "Bäckerei Schwerin"]
    assert_accessible(page)
