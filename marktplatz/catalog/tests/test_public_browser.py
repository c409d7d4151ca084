"""The product pages in a real browser: finding a product by a misspelt word, and accessibility."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from marktplatz.catalog.models import ProductImage, StockMode
from marktplatz.catalog.services.products import VariantData
from marktplatz.catalog.tests.factories import ProductCategoryFactory, ProductFactory
from marktplatz.directory.models import ServiceKind
from marktplatz.directory.tests.factories import OpeningHoursFactory, ShopFactory, ShopServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def jpeg() -> ContentFile[bytes]:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#8a5a2b").save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name="kaffee.jpg")


def _catalogue() -> Any:
    shop = ShopFactory(name="Rösterei Kranich", slug="roesterei-kranich")
    OpeningHoursFactory(shop=shop, weekday=0, opens=dt.time(9), closes=dt.time(18))
    ShopServiceFactory(shop=shop, kind=ServiceKind.PICKUP)
    ShopServiceFactory(shop=shop, kind=ServiceKind.SHIPPING, fee=Decimal("4.90"))
    drinks = ProductCategoryFactory(name="Getränke B", slug="getraenke-b")
    coffee = ProductFactory(
        shop=shop,
        name="Kaffee Hausmischung",
        description="Kräftig und mild.",
        category=drinks,
        quantity=Decimal("250"),
        unit="g",
        stock_mode=StockMode.TRACKED,
        manufacturer="Rösterei Kranich",
        variants=[
            VariantData(
                label="Ganze Bohne", price=Decimal("7.49"), compare_at_price=Decimal("8.99"), stock=5
            ),
            VariantData(label="Gemahlen", price=Decimal("7.99"), stock=0),
        ],
    )
    ProductImage.objects.create(
        product_id=coffee.pk, image=jpeg(), width=40, height=30, alt_text="Die Packung"
    )
    ProductFactory(shop=shop, name="Schokolade Zartbitter", category=drinks)
    return coffee


def test_find_a_product_by_a_misspelt_word(page: Any) -> None:
    coffee = _catalogue()
    page.goto("/produkte/")

    page.locator("#id_q").fill("Schokolde")
    page.locator(".search-form button[type=submit]").click()

    assert page.locator(".result-list .product-card-name").all_inner_texts() == ["Schokolade Zartbitter"]
    page.locator(".result-list .product-card-name a").click()
    page.locator("h1").wait_for()
    assert page.locator("h1").inner_text() == "Schokolade Zartbitter"
    assert coffee.shop.name in page.locator(".product-shop h2").inner_text()


def test_product_page_is_accessible(page: Any, assert_accessible: Any) -> None:
    coffee = _catalogue()
    page.goto(coffee.get_absolute_url() + "?near=18055")

    assert page.locator("h1").inner_text() == "Kaffee Hausmischung"
    assert_accessible(page)


def test_product_search_page_is_accessible(page: Any, assert_accessible: Any) -> None:
    _catalogue()
    page.goto("/produkte/?q=Kaffee&near=18055&radius=25")
    page.locator(".search-filters summary").click()

    assert page.locator(".result-list .product-card-name").all_inner_texts() == ["Kaffee Hausmischung"]
    assert_accessible(page)


def test_shop_page_with_its_products_is_accessible(page: Any, assert_accessible: Any) -> None:
    coffee = _catalogue()
    page.goto(coffee.shop.get_absolute_url() + "?q=Kaffee")

    assert page.locator(".assortment .product-card-name").all_inner_texts() == ["Kaffee Hausmischung"]
    assert_accessible(page)
