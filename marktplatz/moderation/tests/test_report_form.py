"""The public "report this entry" form: validation in German, storage, e-mail, spam protection."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from marktplatz.directory.models import Shop
from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.moderation.models import Report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]


def _url(shop: Shop) -> str:
    return reverse("moderation:report_shop", kwargs={"slug": shop.slug})


def test_report_page_names_the_shop(client: Any) -> None:
    shop = ShopFactory(name="Bäckerei Sonnenschein")

    response = client.get(_url(shop))

    assert response.status_code == 200
    assert "<h1>Eintrag „Bäckerei Sonnenschein“ melden</h1>" in response.content.decode()


def test_report_url_is_german() -> None:
    assert reverse("moderation:report_shop", kwargs={"slug": "laden"}) == "/melden/geschaeft/laden/"


def test_hidden_shop_cannot_be_reported(client: Any) -> None:
    shop = ShopFactory(status=Shop.Status.HIDDEN)

    assert client.get(_url(shop)).status_code == 404


def test_valid_report_is_stored_and_thanks(client: Any, django_capture_on_commit_callbacks: Any) -> None:
    shop = ShopFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(shop),
            {"reason": "closed", "message": "  Seit März geschlossen. ", "contact_email": "eva@example.org"},
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("moderation:report_shop_thanks", kwargs={"slug": shop.slug})
    report = Report.objects.get()
    assert (report.shop, report.reason, report.message, report.contact_email, report.status) == (
        shop,
        Report.Reason.CLOSED,
        "Seit März geschlossen.",
        "eva@example.org",
        Report.Status.OPEN,
    )


def test_operator_gets_an_email(
    client: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any], settings: Any
) -> None:
    settings.OPERATOR_EMAIL = "betrieb@land.example"
    shop = ShopFactory(name="Hofladen Lindenhof")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(shop), {"reason": "wrong_information", "message": "Telefonnummer falsch"})

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["betrieb@land.example"]
    assert mail.subject == "Neue Meldung zu „Hofladen Lindenhof“"
    assert "Grund: Die Angaben sind falsch" in mail.body
    assert "Telefonnummer falsch" in mail.body
    assert f"/admin/moderation/report/{Report.objects.get().pk}/change/" in mail.body


def test_operator_email_is_german_when_the_reporter_uses_english(
    client: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    shop = ShopFactory(name="Hofladen Lindenhof")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(shop), {"reason": "closed"}, HTTP_ACCEPT_LANGUAGE="en")

    assert mailoutbox[0].subject == "Neue Meldung zu „Hofladen Lindenhof“"


def test_thanks_page(client: Any) -> None:
    shop = ShopFactory()

    response = client.get(reverse("moderation:report_shop_thanks", kwargs={"slug": shop.slug}))

    assert response.status_code == 200
    assert "<h1>Danke für Ihre Meldung</h1>" in response.content.decode()


def test_reason_is_required(client: Any) -> None:
    shop = ShopFactory()

    response = client.post(_url(shop), {"message": "Etwas stimmt nicht"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Bitte wählen Sie einen Grund aus."]}
    assert Report.objects.count() == 0


def test_message_is_required_for_other(client: Any) -> None:
    shop = ShopFactory()

    response = client.post(_url(shop), {"reason": "other", "message": "   "})

    assert response.context["form"].errors == {"message": ["Bitte beschreiben Sie kurz, was nicht stimmt."]}
    assert Report.objects.count() == 0


def test_invalid_email_is_explained_and_input_kept(client: Any) -> None:
    shop = ShopFactory()

    response = client.post(
        _url(shop), {"reason": "inappropriate", "message": "Werbung", "contact_email": "eva@"}
    )

    assert response.context["form"].errors == {
        "contact_email": ["Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org."]
    }
    html = response.content.decode()
    assert 'value="eva@"' in html
    assert ">\nWerbung</textarea>" in html
    assert 'aria-describedby="id_contact_email_helptext id_contact_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert Report.objects.count() == 0


def test_message_over_2000_characters_is_refused(client: Any) -> None:
    shop = ShopFactory()

    response = client.post(_url(shop), {"reason": "other", "message": "x" * 2001})

    assert response.context["form"].errors == {
        "message": ["Bitte fassen Sie sich kürzer: höchstens 2000 Zeichen (jetzt 2001)."]
    }


def test_filled_honeypot_pretends_success_but_stores_nothing(
    client: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    shop = ShopFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(shop), {"reason": "closed", "website": "https://spam.example"})

    assert response.status_code == 302
    assert Report.objects.count() == 0
    assert mailoutbox == []


def test_reports_are_rate_limited_per_ip(client: Any, settings: Any) -> None:
    settings.RATELIMIT_ENABLE = True
    cache.clear()
    shop = ShopFactory()

    statuses = [
        client.post(_url(shop), {"reason": "closed"}, REMOTE_ADDR="203.0.113.7").status_code for _ in range(6)
    ]
    other_ip = client.post(_url(shop), {"reason": "closed"}, REMOTE_ADDR="203.0.113.8").status_code

    assert statuses == [302, 302, 302, 302, 302, 429]
    assert other_ip == 302
    assert Report.objects.count() == 6
    cache.clear()
