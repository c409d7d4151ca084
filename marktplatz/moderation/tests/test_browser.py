"""The report form in a real browser: accessible (axe-core), usable without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest

from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.moderation.models import Report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("german"),
]


def test_report_form_is_accessible_also_with_errors(page: Any, assert_accessible: Any) -> None:
    shop = ShopFactory(name="Blumen Meyer")

    page.goto(f"/melden/geschaeft/{shop.slug}/")
    assert page.locator("h1").inner_text() == "Eintrag „Blumen Meyer“ melden"
    assert_accessible(page)

    page.get_by_label("Etwas anderes").check()
    page.get_by_role("button", name="Meldung senden").click()
    assert page.get_by_role("alert").get_by_role("link").all_inner_texts() == [
        "Bitte beschreiben Sie kurz, was nicht stimmt."
    ]
    assert_accessible(page)


def test_report_can_be_sent_on_a_phone(phone_page: Any) -> None:
    shop = ShopFactory(name="Blumen Meyer")

    phone_page.goto(f"/melden/geschaeft/{shop.slug}/")
    phone_page.get_by_label("Das Geschäft ist dauerhaft geschlossen").check()
    phone_page.get_by_label("Details").fill("Seit Januar zu.")
    phone_page.get_by_role("button", name="Meldung senden").click()

    assert phone_page.locator("h1").inner_text() == "Danke für Ihre Meldung"
    assert Report.objects.get().message == "Seit Januar zu."


def test_product_report_form_is_accessible_and_works_without_javascript(
    page: Any, assert_accessible: Any
) -> None:
    from marktplatz.catalog.tests.factories import ProductFactory

    product = ProductFactory(name="Sanddornlikör", shop=ShopFactory(name="Hofladen Lindenhof"))
    page.goto(f"/melden/produkt/{product.pk}/")
    assert page.locator("h1").inner_text() == "Produkt „Sanddornlikör“ melden"
    assert_accessible(page)

    page.get_by_role("button", name="Meldung senden").click()
    assert page.get_by_role("alert").get_by_role("link").all_inner_texts() == [
        "Bitte wählen Sie einen Grund aus."
    ]
    assert_accessible(page)

    page.get_by_label("Das Produkt ist unsicher oder verboten").check()
    page.get_by_role("button", name="Meldung senden").click()
    assert page.locator("h1").inner_text() == "Danke für Ihre Meldung"
    assert Report.objects.get().product_id == product.pk
