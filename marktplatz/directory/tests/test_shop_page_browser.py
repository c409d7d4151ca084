"""The shop page in a real browser: the map starts, the hours table is there, axe-core finds nothing."""

from __future__ import annotations

from typing import Any

import pytest

from .test_shop_page import full_shop


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_fully_filled_shop_page_shows_map_and_hours_and_is_accessible(
    page: Any, assert_accessible: Any
) -> None:
    shop = full_shop()

    page.goto(shop.get_absolute_url())

    page.locator("#shop-map.leaflet-container").wait_for(state="visible")
    assert page.locator("#shop-map").get_attribute("role") == "region"
    assert page.locator(".hours-table tbody tr").count() == 7
    assert page.locator(".hours-table tr[aria-current='date'] .today-label").count() == 1
    assert page.locator("h1").inner_text() == "Bäckerei Möller"
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_page_fits_the_screen(phone_page: Any) -> None:
    shop = full_shop()

    phone_page.goto(shop.get_absolute_url())

    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
