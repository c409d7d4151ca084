"""End to end in chromium on a phone: an owner logs in, sets the opening hours; axe-core finds nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from marktplatz.accounts.tests.factories import PASSWORD

from .factories import ShopMembershipFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("german"),
]


def test_owner_sets_the_opening_hours_on_a_phone(phone_page: Any, assert_accessible: Any) -> None:
    membership = ShopMembershipFactory(user__email="inhaberin@example.org", shop__name="Blumen Meyer")
    shop = membership.shop
    page = phone_page

    page.goto("/konto/anmelden/?next=/meine-geschaefte/")
    page.locator("#id_username").fill("inhaberin@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/meine-geschaefte/")
    page.get_by_role("link", name="Blumen Meyer", exact=True).click()
    page.wait_for_url(f"**/meine-geschaefte/{shop.pk}/")
    assert page.get_by_role("heading", name="Ihr nächster Schritt").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Öffnungszeiten: jetzt ergänzen").click()
    page.get_by_label("öffnet – Montag, Zeit 1").fill("09:00")
    page.get_by_label("schließt – Montag, Zeit 1").fill("18:00")
    page.get_by_role("button", name="Montag auf Dienstag–Freitag übertragen").click()
    assert page.get_by_label("öffnet – Freitag, Zeit 1").input_value() == "09:00"
    assert page.locator("#copy-status").inner_text().startswith("Die Zeiten vom Montag sind")
    page.get_by_label("öffnet – Samstag, Zeit 1").fill("10:00")
    page.get_by_label("schließt – Samstag, Zeit 1").fill("13:00")
    page.get_by_role("button", name="Öffnungszeiten speichern").click()

    page.wait_for_url(f"**/meine-geschaefte/{shop.pk}/")
    assert page.locator(".message").inner_text() == "Die Öffnungszeiten sind gespeichert."
    assert list(shop.opening_hours.values_list("weekday", "opens", "closes")) == [
        *[(day, dt.time(9), dt.time(18)) for day in range(5)],
        (5, dt.time(10), dt.time(13)),
    ]

    page.get_by_role("link", name="Grunddaten").click()
    page.wait_for_url(f"**/meine-geschaefte/{shop.pk}/angaben/")
    assert_accessible(page)


def test_the_hours_form_with_errors_is_accessible(phone_page: Any, assert_accessible: Any) -> None:
    membership = ShopMembershipFactory(user__email="inhaber@example.org")
    page = phone_page
    page.goto("/konto/anmelden/")
    page.locator("#id_username").fill("inhaber@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/meine-geschaefte/")

    page.goto(f"/meine-geschaefte/{membership.shop.pk}/oeffnungszeiten/")
    page.get_by_label("öffnet – Dienstag, Zeit 1").fill("18:00")
    page.get_by_label("schließt – Dienstag, Zeit 1").fill("08:00")
    page.get_by_role("button", name="Öffnungszeiten speichern").click()

    error = page.locator("#id_d1_0_closes_error")
    assert error.inner_text() == "Dienstag: Die Schließzeit muss nach der Öffnungszeit liegen."
    assert (
        page.get_by_label("schließt – Dienstag, Zeit 1").get_attribute("aria-describedby")
        == "id_d1_0_closes_error"
    )
    assert_accessible(page)
