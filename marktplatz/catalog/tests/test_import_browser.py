"""End to end in chromium on a phone: upload a till's CSV, see the preview, import, see the result."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from marktplatz.accounts.tests.factories import PASSWORD
from marktplatz.catalog.models import ImportJob, Product
from marktplatz.directory.models import Shop, ShopMembership
from marktplatz.directory.tests.factories import ShopMembershipFactory

from .factories import ProductFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("german"),
]


def new_membership(**kwargs: Any) -> ShopMembership:
    return ShopMembershipFactory(**kwargs)


def test_owner_imports_a_csv_on_a_phone(phone_page: Any, assert_accessible: Any, tmp_path: Path) -> None:
    membership = new_membership(user__email="kasse@example.org", shop__name="Hofladen Lindenhof")
    shop: Shop = membership.shop
    ProductFactory(shop=shop, name="Eier (10 Stück)", price=Decimal("3.20"), sku="EI-10")
    csv_file = tmp_path / "kasse.csv"
    csv_file.write_bytes(
        "Artikelbezeichnung;VK-Preis;Art.-Nr.;Bestand\nEier (10 Stück);3,50;EI-10;20\n"
        "Äpfel Boskop 1 kg;2,99;AP-1;40\nKürbis;drei;KU-1;5\n".encode("cp1252")
    )
    page = phone_page
    page.goto(f"/konto/anmelden/?next=/meine-geschaefte/{shop.pk}/produkte/import/")
    page.locator("#id_username").fill("kasse@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"**/meine-geschaefte/{shop.pk}/produkte/import/")
    assert_accessible(page)

    page.locator("#id_file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Datei prüfen").click()

    page.get_by_role("heading", name="Vorschau: Es ist noch nichts gespeichert").wait_for()
    assert page.locator(".import-errors").inner_text() == "Zeile 4, Spalte „VK-Preis“: „drei“ ist keine Zahl."
    assert Product.objects.get(shop=shop, name="Eier (10 Stück)").price == Decimal("3.20")
    assert_accessible(page)

    page.get_by_role("button", name="Jetzt importieren").click()

    page.get_by_role("heading", name="Der Import ist abgeschlossen").wait_for()
    assert [li.split() for li in page.locator(".import-counts li").all_inner_texts()] == [
        ["1", "hinzugefügt"],
        ["1", "geändert"],
        ["0", "unverändert"],
        ["1", "übersprungen", "(Fehler)"],
    ]
    assert page.get_by_role("link", name="Fehlerbericht herunterladen (CSV)").is_visible()
    assert sorted(Product.objects.filter(shop=shop).values_list("name", "price")) == [
        ("Eier (10 Stück)", Decimal("3.50")),
        ("Äpfel Boskop 1 kg", Decimal("2.99")),
    ]
    assert_accessible(page)


def test_progress_page_is_accessible(page: Any, assert_accessible: Any) -> None:
    membership = new_membership(user__email="inhaber@example.org")
    job = ImportJob.objects.create(shop=membership.shop, status=ImportJob.Status.RUNNING, progress=30)
    page.goto(f"/konto/anmelden/?next=/meine-geschaefte/{membership.shop.pk}/produkte/import/{job.pk}/")
    page.locator("#id_username").fill("inhaber@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"**/produkte/import/{job.pk}/")
    assert page.locator("progress").get_attribute("value") == "30"
    assert_accessible(page)

    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE, progress=100)
    # htmx polls every second and reloads the page once the job is done.
    page.get_by_role("heading", name="Der Import ist abgeschlossen").wait_for()
