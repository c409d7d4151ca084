"""End to end in chromium on a phone (390×844): a product with a photo in a minute; axe-core finds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from marktplatz.accounts.tests.factories import PASSWORD
from marktplatz.catalog.models import Product
from marktplatz.directory.models import ServiceKind
from marktplatz.directory.tests.factories import ShopMembershipFactory, ShopServiceFactory
from marktplatz.directory.tests.test_images import image_bytes

from .factories import ProductCategoryFactory, ProductFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("german"),
]


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[Any]:
    """A phone-sized page (390×844, touch), German."""
    context = browser.new_context(
        locale="de-DE",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    context.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def log_in(page: Any, email: str, next_url: str) -> None:
    page.goto(f"/konto/anmelden/?next={next_url}")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"**{next_url}")


def test_owner_creates_a_product_with_a_photo_on_a_phone(phone: Any, assert_accessible: Any) -> None:
    membership = ShopMembershipFactory(user__email="hof@example.org", shop__name="Hofladen Sonnenblume")
    ShopServiceFactory(shop=membership.shop, kind=ServiceKind.PICKUP)
    shop = membership.shop
    page = phone

    log_in(page, "hof@example.org", f"/meine-geschaefte/{shop.pk}/")
    page.get_by_role("link", name="Neues Produkt").first.click()
    page.wait_for_url(f"**/meine-geschaefte/{shop.pk}/produkte/neu/")
    photo = page.get_by_label("Foto")
    assert photo.get_attribute("capture") == "environment"
    photo.set_input_files(
        files=[{"name": "erdbeeren.jpg", "mimeType": "image/jpeg", "buffer": image_bytes((1200, 900))}]
    )
    page.get_by_label("Produktname").fill("Erdbeeren aus Neverin")
    page.get_by_label("Preis inkl. MwSt. in Euro").fill("3,99")
    page.get_by_role("button", name="Produkt speichern").click()

    product = Product.objects.get()
    page.wait_for_url(f"**/meine-geschaefte/{shop.pk}/produkte/{product.pk}/")
    assert "„Erdbeeren aus Neverin“ ist gespeichert" in page.locator(".message").inner_text()
    assert (product.name, product.price) == ("Erdbeeren aus Neverin", Decimal("3.99"))
    assert page.get_by_role("img", name="Erdbeeren aus Neverin").is_visible()
    assert_accessible(page)


def test_product_list_and_form_are_accessible_also_with_errors(phone: Any, assert_accessible: Any) -> None:
    membership = ShopMembershipFactory(user__email="laden@example.org")
    shop = membership.shop
    food = ProductCategoryFactory(name="Testlebensmittel", slug="t-lebensmittel", is_food=True)
    ProductFactory(shop=shop, name="Honig", category=food, sku="H-1")
    hidden = ProductFactory(shop=shop, name="Feuerzeug")
    Product.objects.filter(pk=hidden.pk).update(hidden_by_operator=True, operator_reason="Nicht erlaubt.")
    page = phone

    log_in(page, "laden@example.org", f"/meine-geschaefte/{shop.pk}/produkte/")
    assert page.get_by_role("link", name="Honig").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Honig").click()
    page.wait_for_url("**/produkte/*/")
    # JavaScript shows the food fields for a food category and hides the product-safety ones.
    assert page.get_by_label("Zutaten und Allergene").is_visible()
    assert not page.locator("fieldset[data-legal=safety]").is_visible()
    assert_accessible(page)

    page.locator("#id_variants-0-gtin").fill("4006381333932")
    page.get_by_role("button", name="Produkt speichern").click()
    page.wait_for_selector(".bo-errors")
    assert_accessible(page)
