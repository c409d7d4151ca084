"""The import and export pages as a shop owner uses them, and who may not see them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.catalog.models import ImportJob, Product
from marktplatz.directory.models import Shop, ShopMembership
from marktplatz.directory.tests.factories import ShopMembershipFactory

from .factories import ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

GOOD_AND_BAD = "Name;Preis;Artikelnummer\nRoggenbrot;3,40;R-1\nDinkelbrot;3,90;D-1\nKäsekuchen;teuer;K-1\n"


@pytest.fixture
def owner() -> ShopMembership:
    return ShopMembershipFactory(shop__name="Bäckerei Korn")


@pytest.fixture
def shop(owner: ShopMembership) -> Shop:
    return owner.shop


@pytest.fixture
def client_of(client: Client, owner: ShopMembership) -> Client:
    client.force_login(owner.user)
    return client


def url(name: str, shop: Shop, **kwargs: Any) -> str:
    return reverse(f"catalog:{name}", kwargs={"shop_id": shop.pk, **kwargs})


def upload(client: Client, shop: Shop, text: str, *, encoding: str = "cp1252", **extra: Any) -> Any:
    file = SimpleUploadedFile("kasse.csv", text.encode(encoding), content_type="text/csv")
    with extra.pop("capture")(execute=True):
        return client.post(url("products_import", shop), {"file": file})


def new_membership(**kwargs: Any) -> ShopMembership:
    return ShopMembershipFactory(**kwargs)


def test_upload_page_lists_the_columns(client_of: Client, shop: Shop) -> None:
    response = client_of.get(url("products_import", shop))

    assert response.status_code == 200
    assert response.context["columns"][0].german == "Produkt-ID"


def test_upload_checks_and_shows_the_preview_without_saving(
    client_of: Client, shop: Shop, owner: ShopMembership, django_capture_on_commit_callbacks: Any
) -> None:
    ProductFactory(shop=shop, name="Roggenbrot", price=Decimal("3.20"), sku="R-1")

    response = upload(client_of, shop, GOOD_AND_BAD, capture=django_capture_on_commit_callbacks)

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("products_import_job", shop, job_id=job.pk)
    assert (job.status, job.created_by, job.original_name, job.encoding, job.delimiter) == (
        ImportJob.Status.PREVIEWED,
        owner.user,
        "kasse.csv",
        "cp1252",
        ";",
    )
    assert (job.total_rows, job.created_count, job.updated_count, job.rejected_count) == (3, 1, 1, 1)
    assert Product.objects.get(shop=shop).price == Decimal("3.20")

    page = client_of.get(response["Location"])
    assert [row["outcome"] for row in page.context["rows"]] == ["updated", "created", "rejected"]
    assert page.context["rejected_rows"][0]["notes"] == ["Zeile 4, Spalte „Preis“: „teuer“ ist keine Zahl."]
    assert "Jetzt importieren" in page.content.decode()


def test_start_imports_the_good_rows_and_offers_the_error_report(
    client_of: Client, shop: Shop, django_capture_on_commit_callbacks: Any
) -> None:
    ProductFactory(shop=shop, name="Roggenbrot", price=Decimal("3.20"), sku="R-1")
    upload(client_of, shop, GOOD_AND_BAD, capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of.post(url("products_import_start", shop, job_id=job.pk))

    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.progress, job.created_count, job.updated_count, job.rejected_count) == (
        ImportJob.Status.DONE,
        100,
        1,
        1,
        1,
    )
    assert not job.file  # the uploaded price list is deleted after the import
    assert sorted(Product.objects.filter(shop=shop).values_list("name", "price")) == [
        ("Dinkelbrot", Decimal("3.90")),
        ("Roggenbrot", Decimal("3.40")),
    ]
    report = client_of.get(url("products_import_report", shop, job_id=job.pk))
    assert report.status_code == 200
    assert report["Content-Disposition"].startswith("attachment;")
    lines = b"".join(report.streaming_content).decode("utf-8-sig").splitlines()
    assert lines == [
        "Zeile;Probleme;Name;Preis;Artikelnummer",
        "4;Zeile 4, Spalte „Preis“: „teuer“ ist keine Zahl.;Käsekuchen;teuer;K-1",
    ]


def test_a_job_can_be_started_only_once(
    client_of: Client, shop: Shop, django_capture_on_commit_callbacks: Any
) -> None:
    upload(client_of, shop, "Name;Preis\nBrot;1\n", capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client_of.post(url("products_import_start", shop, job_id=job.pk))

    response = client_of.post(url("products_import_start", shop, job_id=job.pk), follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Dieser Import wurde bereits gestartet."]
    assert Product.objects.count() == 1


def test_unreadable_upload_is_refused_on_the_form(client_of: Client, shop: Shop) -> None:
    file = SimpleUploadedFile("liste.xlsx", b"PK\x03\x04 workbook", content_type="application/zip")

    response = client_of.post(url("products_import", shop), {"file": file})

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Das ist eine Excel-Arbeitsmappe, keine CSV-Datei. Wählen Sie in Excel „Speichern unter“ → "
        "„CSV (Trennzeichen-getrennt)“."
    ]
    assert ImportJob.objects.count() == 0


def test_progress_fragment_polls_while_working_and_reloads_when_done(client_of: Client, shop: Shop) -> None:
    job = ImportJob.objects.create(
        shop=shop, status=ImportJob.Status.RUNNING, progress=40, processed_rows=400
    )

    working = client_of.get(url("products_import_progress", shop, job_id=job.pk))
    job.status = ImportJob.Status.DONE
    job.save()
    done = client_of.get(url("products_import_progress", shop, job_id=job.pk))

    assert 'hx-trigger="every 1s"' in working.content.decode()
    assert '<progress max="100" value="40"' in working.content.decode()
    assert "HX-Refresh" not in working
    assert done["HX-Refresh"] == "true"


def test_job_page_while_running_shows_the_progress_bar_and_a_refresh_link(
    client_of: Client, shop: Shop
) -> None:
    job = ImportJob.objects.create(
        shop=shop, status=ImportJob.Status.RUNNING, progress=40, processed_rows=400
    )

    content = client_of.get(url("products_import_job", shop, job_id=job.pk)).content.decode()

    assert '<progress max="100" value="40"' in content
    assert f'href="{url("products_import_job", shop, job_id=job.pk)}">Aktualisieren</a>' in content


def test_failed_job_shows_why(client_of: Client, shop: Shop) -> None:
    job = ImportJob.objects.create(shop=shop, status=ImportJob.Status.FAILED, message="Die Datei ist leer.")

    response = client_of.get(url("products_import_job", shop, job_id=job.pk))

    assert "Die Datei ist leer." in response.content.decode()


def test_export_streams_all_products_as_csv(client_of: Client, shop: Shop) -> None:
    ProductFactory(shop=shop, name="Brot", price=Decimal("3.20"))
    ProductFactory(name="Fremdes Brot")

    response = client_of.get(url("products_export", shop))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="produkte-{shop.slug}.csv"'
    lines = b"".join(response.streaming_content).decode("utf-8").splitlines()
    assert len(lines) == 2
    assert lines[1].split(";")[1:4] == ["Brot", "", "3,20"]


def test_template_has_every_column(client_of: Client, shop: Shop) -> None:
    response = client_of.get(url("products_import_template", shop))

    header = response.content.decode("utf-8").splitlines()[0]
    assert header.startswith("\ufeffProdukt-ID;Name;Variante;Preis;Streichpreis;MwSt.;Artikelnummer;GTIN;")


# --- Permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["products_import_job", "products_import_progress", "products_import_report", "products_import_start"],
)
def test_another_shops_job_is_not_found(client_of: Client, shop: Shop, name: str) -> None:
    other = new_membership()
    other_job = ImportJob.objects.create(shop=other.shop, status=ImportJob.Status.PREVIEWED)

    response = client_of.post(url(name, shop, job_id=other_job.pk))
    get_response = client_of.get(url(name, shop, job_id=other_job.pk))

    assert (response.status_code, get_response.status_code) in {(404, 404), (404, 405)}
    other_job.refresh_from_db()
    assert other_job.status == ImportJob.Status.PREVIEWED


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("products_import", {}),
        ("products_export", {}),
        ("products_import_template", {}),
        ("products_import_job", {"job_id": 1}),
    ],
)
def test_pages_of_a_shop_one_does_not_manage_are_not_found(
    client: Client, shop: Shop, name: str, kwargs: Any
) -> None:
    client.force_login(UserFactory())

    response = client.get(url(name, shop, **kwargs))

    assert response.status_code == 404


def test_anonymous_visitors_go_to_the_login(client: Client, shop: Shop) -> None:
    response = client.get(url("products_export", shop))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_uploaded_files_are_not_under_the_public_media_folder(
    client_of: Client, shop: Shop, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    upload(client_of, shop, "Name;Preis\nBrot;x\n", capture=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()

    path = job.file.path
    report_path = job.error_report.path

    assert not path.startswith(str(settings.MEDIA_ROOT) + "/")
    assert not report_path.startswith(str(settings.MEDIA_ROOT) + "/")
    assert len(job.file.name.rsplit("/", 1)[-1]) == len("0123456789abcdef0123456789abcdef.csv")
