"""Reporting a product: the public form, the service, and the product reports in the operator's queue."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.catalog.models import Product
from marktplatz.catalog.tests.factories import ProductFactory
from marktplatz.directory.models import Shop
from marktplatz.directory.tests.factories import ShopFactory, ShopMembershipFactory
from marktplatz.moderation.models import Report
from marktplatz.moderation.selectors import moderation_queue
from marktplatz.moderation.services import report_product_create, report_product_hide
from marktplatz.moderation.tests.factories import ReportFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

QUEUE_URL = "/admin/moderation/report/queue/"


def _url(product: Product) -> str:
    return reverse("moderation:report_product", kwargs={"product_id": product.pk})


def _product_report(**kwargs: Any) -> Report:
    product = kwargs.pop("product", None) or ProductFactory()
    return ReportFactory(shop=None, product=product, **kwargs)


# --- The public form --------------------------------------------------------------------------


def test_report_url_is_german() -> None:
    assert reverse("moderation:report_product", kwargs={"product_id": 7}) == "/melden/produkt/7/"
    assert reverse("moderation:report_product_thanks", kwargs={"product_id": 7}) == "/melden/produkt/7/danke/"


def test_report_page_names_the_product(client: Any) -> None:
    product = ProductFactory(name="Sanddornlikör")

    response = client.get(_url(product))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Produkt „Sanddornlikör“ melden</h1>" in html
    assert "<legend>Was stimmt mit diesem Produkt nicht?</legend>" in html
    assert f'href="{product.get_absolute_url()}"' in html


def test_the_form_offers_the_reasons_that_fit_a_product(client: Any) -> None:
    response = client.get(_url(ProductFactory()))

    choices = [value for value, _label in response.context["form"].fields["reason"].choices]
    assert choices == ["wrong_information", "unsafe", "inappropriate", "other"]


def test_a_shop_reason_is_refused_for_a_product(client: Any) -> None:
    response = client.post(_url(ProductFactory()), {"reason": "closed"})

    assert response.context["form"].errors == {"reason": ["Bitte wählen Sie einen Grund aus."]}
    assert Report.objects.count() == 0


def test_the_shop_form_does_not_offer_the_product_reason(client: Any) -> None:
    shop = ShopFactory()

    response = client.get(reverse("moderation:report_shop", kwargs={"slug": shop.slug}))

    choices = [value for value, _label in response.context["form"].fields["reason"].choices]
    assert "unsafe" not in choices


@pytest.mark.parametrize(
    "hide",
    [
        lambda product: Product.objects.filter(pk=product.pk).update(is_active=False),
        lambda product: Product.objects.filter(pk=product.pk).update(hidden_by_operator=True),
        lambda product: Shop.objects.filter(pk=product.shop_id).update(status=Shop.Status.HIDDEN),
    ],
    ids=["hidden by the owner", "hidden by the operator", "shop hidden"],
)
def test_an_invisible_product_cannot_be_reported(client: Any, hide: Any) -> None:
    product = ProductFactory()
    hide(product)

    assert client.get(_url(product)).status_code == 404
    assert client.post(_url(product), {"reason": "unsafe"}).status_code == 404


def test_a_missing_product_is_404(client: Any) -> None:
    assert client.get("/melden/produkt/999999/").status_code == 404


def test_valid_report_is_stored_and_thanks(client: Any) -> None:
    product = ProductFactory()

    response = client.post(
        _url(product),
        {"reason": "unsafe", "message": "  Keine Warnhinweise. ", "contact_email": "eva@example.org"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "moderation:report_product_thanks", kwargs={"product_id": product.pk}
    )
    report = Report.objects.get()
    assert (
        report.product,
        report.shop,
        report.reason,
        report.message,
        report.contact_email,
        report.status,
    ) == (
        product,
        None,
        Report.Reason.UNSAFE,
        "Keine Warnhinweise.",
        "eva@example.org",
        Report.Status.OPEN,
    )


def test_thanks_page(client: Any) -> None:
    product = ProductFactory(name="Sanddornlikör")

    response = client.get(reverse("moderation:report_product_thanks", kwargs={"product_id": product.pk}))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Danke für Ihre Meldung</h1>" in html
    assert "Zurück zu „Sanddornlikör“" in html


def test_message_is_required_for_other(client: Any) -> None:
    response = client.post(_url(ProductFactory()), {"reason": "other", "message": " "})

    assert response.context["form"].errors == {"message": ["Bitte beschreiben Sie kurz, was nicht stimmt."]}
    assert Report.objects.count() == 0


def test_invalid_email_is_explained_and_input_kept(client: Any) -> None:
    response = client.post(
        _url(ProductFactory()), {"reason": "inappropriate", "message": "Werbung", "contact_email": "eva@"}
    )

    assert response.context["form"].errors == {
        "contact_email": ["Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org."]
    }
    html = response.content.decode()
    assert 'value="eva@"' in html
    assert 'aria-describedby="id_contact_email_helptext id_contact_email_error"' in html


def test_filled_honeypot_pretends_success_but_stores_nothing(
    client: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    product = ProductFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(product), {"reason": "unsafe", "website": "https://spam.example"})

    assert response.status_code == 302
    assert Report.objects.count() == 0
    assert mailoutbox == []


def test_operator_gets_an_email_in_german(
    client: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any], settings: Any
) -> None:
    settings.OPERATOR_EMAIL = "betrieb@land.example"
    product = ProductFactory(name="Sanddornlikör", shop=ShopFactory(name="Hofladen Lindenhof"))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(product), {"reason": "unsafe"}, HTTP_ACCEPT_LANGUAGE="en")

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["betrieb@land.example"]
    assert mail.subject == "Neue Meldung zu „Sanddornlikör (Hofladen Lindenhof)“"
    assert "Grund: Das Produkt ist unsicher oder verboten" in mail.body
    assert f"http://testserver{product.get_absolute_url()}" in mail.body
    assert f"/admin/moderation/report/{Report.objects.get().pk}/change/" in mail.body


def test_product_and_shop_reports_share_the_rate_limit(client: Any, rate_limits: None) -> None:
    product, shop = ProductFactory(), ShopFactory()
    shop_url = reverse("moderation:report_shop", kwargs={"slug": shop.slug})

    statuses = [
        client.post(shop_url, {"reason": "closed"}, REMOTE_ADDR="203.0.113.7").status_code for _ in range(3)
    ]
    statuses += [
        client.post(_url(product), {"reason": "unsafe"}, REMOTE_ADDR="203.0.113.7").status_code
        for _ in range(3)
    ]
    other_ip = client.post(_url(product), {"reason": "unsafe"}, REMOTE_ADDR="203.0.113.8").status_code

    assert statuses == [302, 302, 302, 302, 302, 429]
    assert other_ip == 302
    assert Report.objects.count() == 6
    cache.clear()


def test_viewing_the_form_is_not_rate_limited(client: Any, rate_limits: None) -> None:
    product = ProductFactory()

    statuses = {client.get(_url(product), REMOTE_ADDR="203.0.113.9").status_code for _ in range(8)}

    assert statuses == {200}


# --- The service ------------------------------------------------------------------------------


def test_report_product_create_refuses_a_shop_reason() -> None:
    with pytest.raises(ValidationError) as error:
        report_product_create(product=ProductFactory(), reason="not_local")

    assert error.value.message_dict == {"reason": ["Bitte wählen Sie einen Grund aus."]}


def test_report_product_hide_hides_the_product_and_resolves_the_report() -> None:
    operator = UserFactory(is_staff=True)
    report = _product_report()

    report_product_hide(report=report, reason="Gemeldet: unsicher", by=operator)

    report.refresh_from_db()
    product = Product.objects.get(reports=report)
    assert (report.status, report.handled_by, report.resolution_note) == (
        Report.Status.RESOLVED,
        operator,
        "Gemeldet: unsicher",
    )
    assert (product.hidden_by_operator, product.operator_reason) == (True, "Gemeldet: unsicher")


def test_report_product_hide_needs_a_product_report() -> None:
    report = ReportFactory()

    with pytest.raises(ValidationError) as error:
        report_product_hide(report=report, reason="x", by=UserFactory(is_staff=True))

    assert error.value.messages == ["Diese Meldung betrifft kein Produkt."]


def test_report_product_hide_needs_a_reason_and_changes_nothing_without() -> None:
    report = _product_report()

    with pytest.raises(ValidationError):
        report_product_hide(report=report, reason=" ", by=UserFactory(is_staff=True))

    report.refresh_from_db()
    assert report.status == Report.Status.OPEN
    assert Product.objects.get(reports=report).hidden_by_operator is False


# --- The queue --------------------------------------------------------------------------------


@pytest.fixture
def operator(client: Any) -> Any:
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_queue_lists_product_reports_with_their_product_and_shop() -> None:
    report = _product_report()

    queue = moderation_queue()

    assert [r.pk for r in queue.reports] == [report.pk]


def test_queue_page_shows_a_product_report(client: Any, operator: Any) -> None:
    product = ProductFactory(name="Sanddornlikör", shop=ShopFactory(name="Hofladen Lindenhof"))
    report = _product_report(product=product, reason=Report.Reason.UNSAFE)

    html = client.get(QUEUE_URL).content.decode()

    assert f'<a href="/admin/catalog/product/{product.pk}/change/">Sanddornlikör</a>' in html
    assert "von „Hofladen Lindenhof“" in html
    assert f'<a href="{product.get_absolute_url()}">Öffentliche Seite</a>' in html
    assert 'value="Gemeldet: Das Produkt ist unsicher oder verboten"' in html
    assert 'name="action" value="hide_report_product"' in html
    assert 'name="action" value="hide_report_shop"' not in html
    assert f'id="report-{report.pk}"' in html


def test_queue_page_query_count_does_not_grow_with_product_reports(
    client: Any, operator: Any, django_assert_num_queries: Any
) -> None:
    _product_report()
    ReportFactory()
    # the user (the session is cached), the new shops, the open reports with their shops and products
    with django_assert_num_queries(3):
        client.get(QUEUE_URL)
    for _ in range(4):
        _product_report()
        ReportFactory()
    with django_assert_num_queries(3):
        client.get(QUEUE_URL)


def test_hide_the_reported_product_in_one_click(
    client: Any, operator: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    product = ProductFactory(name="Sanddornlikör")
    ShopMembershipFactory(shop=product.shop, user=UserFactory(email="inhaberin@example.org"))
    report = _product_report(product=product)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            QUEUE_URL,
            {"action": "hide_report_product", "report": report.pk, "reason": "Jugendschutz fehlt"},
            follow=True,
        )

    report.refresh_from_db()
    product.refresh_from_db()
    assert report.status == Report.Status.RESOLVED
    assert (product.hidden_by_operator, product.operator_reason) == (True, "Jugendschutz fehlt")
    assert [str(m) for m in response.context["messages"]] == [
        "„Sanddornlikör“ ausgeblendet und die Meldung erledigt."
    ]
    assert [mail.to for mail in mailoutbox] == [["inhaberin@example.org"]]


def test_hiding_a_reported_product_needs_a_reason(client: Any, operator: Any) -> None:
    report = _product_report()

    response = client.post(
        QUEUE_URL, {"action": "hide_report_product", "report": report.pk, "reason": ""}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Bitte geben Sie einen Grund an – das Geschäft bekommt ihn zu sehen."
    ]
    report.refresh_from_db()
    assert report.status == Report.Status.OPEN


def test_resolve_a_product_report_names_the_product(client: Any, operator: Any) -> None:
    report = _product_report(product=ProductFactory(name="Sanddornlikör"))

    response = client.post(QUEUE_URL, {"action": "resolve", "report": report.pk}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Meldung zu „Sanddornlikör“ erledigt."]


def test_hiding_a_product_needs_the_product_permission(client: Any) -> None:
    moderator = UserFactory(is_staff=True)
    moderator.user_permissions.add(*Permission.objects.filter(codename__in=["view_report", "change_report"]))
    client.force_login(moderator)
    report = _product_report()

    html = client.get(QUEUE_URL).content.decode()
    response = client.post(QUEUE_URL, {"action": "hide_report_product", "report": report.pk, "reason": "x"})

    assert 'value="hide_report_product"' not in html
    assert response.status_code == 403
    assert Product.objects.get(reports=report).hidden_by_operator is False


def test_report_list_shows_the_product(client: Any, operator: Any) -> None:
    product = ProductFactory(name="Sanddornlikör")
    _product_report(product=product)

    response = client.get("/admin/moderation/report/", {"q": "Sanddorn"})

    assert len(response.context["cl"].result_list) == 1
    assert (
        f'<a href="/admin/catalog/product/{product.pk}/change/">Sanddornlikör</a>'
        in response.content.decode()
    )
