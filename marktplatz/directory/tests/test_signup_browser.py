"""End to end in chromium: a shop owner signs up on a phone, and the pages pass axe-core."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from marktplatz.directory.models import Shop
from marktplatz.directory.tests.factories import CategoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("german")]

LINK_RE = re.compile(r"http://testserver(/mitmachen/bestaetigen/[^/\s]+/)")


def test_signup_on_a_phone_to_a_published_entry(phone_page: Any, live_server: Any) -> None:
    parent = CategoryFactory(name="Lebensmittel", slug="lebensmittel")
    CategoryFactory(name="Hofladen", slug="hofladen", parent=parent)
    page = phone_page

    page.goto("/mitmachen/")
    page.get_by_label("Name Ihres Geschäfts").fill("Hofladen Sonnenblume")
    page.get_by_label("Branche").select_option(label="Hofladen")
    page.get_by_label("Straße und Hausnummer").fill("Dorfstraße 7")
    page.get_by_label("Postleitzahl").fill("17039")
    # htmx swaps in the towns of this postal code.
    page.locator("select#id_locality").wait_for()
    page.get_by_role("combobox", name="Ort").select_option("Neverin")
    page.get_by_label("Click & Collect", exact=False).check()
    page.get_by_label("Ihre E-Mail-Adresse").fill("hof@example.org")
    page.get_by_label("Ich bin einverstanden", exact=False).check()
    page.get_by_role("button", name="Geschäft eintragen").click()

    page.wait_for_url("**/mitmachen/gesendet/")
    assert "hof@example.org" in page.locator("main").inner_text()
    match = LINK_RE.search(mail.outbox[-1].body)
    assert match is not None

    page.goto(match[1])
    page.get_by_role("button", name="Bestätigen und veröffentlichen").click()
    page.wait_for_url("**/meine-geschaefte/")
    assert "Ihr Geschäft ist jetzt eingetragen." in page.locator(".message").inner_text()

    shop = Shop.objects.get()
    assert (shop.status, shop.locality) == (Shop.Status.PUBLISHED, "Neverin")
    page.goto(f"/geschaefte/{shop.slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hofladen Sonnenblume"


def test_signup_page_is_accessible_also_with_errors(page: Any, assert_accessible: Any) -> None:
    CategoryFactory(name="Lebensmittel", slug="lebensmittel")

    page.goto("/mitmachen/")
    assert_accessible(page)

    page.get_by_role("button", name="Geschäft eintragen").click()
    page.wait_for_selector(".error-summary")
    assert_accessible(page)


def test_login_page_is_accessible(page: Any, assert_accessible: Any) -> None:
    page.goto("/konto/anmelden/")

    assert_accessible(page)
