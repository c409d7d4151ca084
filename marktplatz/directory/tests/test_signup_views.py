"""The sign-up pages: the form and its German messages, "check your inbox", the confirmation link."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail, signing
from django.test import Client

from marktplatz.accounts.models import User
from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.directory.models import Category, Shop, ShopMembership
from marktplatz.directory.tests.factories import CategoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

SIGNUP_URL = "/mitmachen/"
CONFIRM_RE = re.compile(r"http://testserver(/mitmachen/bestaetigen/[^/\s]+/)")


@pytest.fixture
def category() -> Category:
    parent = CategoryFactory(name="Bäckerei & Konditorei", slug="baeckerei-konditorei")
    return CategoryFactory(name="Bäckerei", slug="baeckerei", parent=parent)


def form_data(category: Category, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Bäckerei Müller",
        "email": "inhaberin@example.org",
        "street": "Lange Straße 3",
        "postal_code": "18055",
        "locality": "",
        "category": category.pk,
        "services": ["pickup", "phone_order"],
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def sign_up(client: Client, capture: Any, data: dict[str, Any]) -> Any:
    with capture(execute=True):
        return client.post(SIGNUP_URL, data)


def confirm_path() -> str:
    match = CONFIRM_RE.search(mail.outbox[-1].body)
    assert match is not None
    return match[1]


# --- The form -----------------------------------------------------------------------------------


def test_form_is_short_and_phone_friendly(client: Client, category: Category) -> None:
    CategoryFactory(name="Alt", slug="alt", is_active=False)

    response = client.get(SIGNUP_URL)

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields) == [
        "name",
        "email",
        "street",
        "postal_code",
        "locality",
        "category",
        "services",
        "consent",
        "website",
    ]
    html = response.content.decode()
    assert html.count("<h1>") == 1
    for attribute in [
        'autocomplete="organization"',
        'autocomplete="email"',
        'autocomplete="street-address"',
        'autocomplete="postal-code"',
        'inputmode="numeric"',
        'autocomplete="address-level2"',
    ]:
        assert attribute in html
    assert '<optgroup label="Bäckerei &amp; Konditorei">' in html
    assert ">Alt<" not in html
    assert '<a href="/datenschutz/">Datenschutzerklärung</a>' in html
    assert "Kundinnen und Kunden bestellen vorab und holen im Geschäft ab." in html


def test_empty_form_shows_every_message_in_german(client: Client) -> None:
    response = client.post(SIGNUP_URL, {})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["Bitte geben Sie den Namen Ihres Geschäfts ein."],
        "email": ["Bitte geben Sie Ihre E-Mail-Adresse ein."],
        "street": ["Bitte geben Sie Straße und Hausnummer ein."],
        "postal_code": ["Bitte geben Sie die Postleitzahl ein."],
        "category": ["Bitte wählen Sie eine Branche."],
        "services": ["Bitte wählen Sie mindestens eine Möglichkeit, wie man bei Ihnen kaufen kann."],
        "consent": ["Bitte stimmen Sie der Veröffentlichung Ihrer Angaben zu."],
    }
    assert Shop.objects.count() == 0


def test_errors_are_summarised_and_linked_to_their_fields(client: Client, category: Category) -> None:
    response = client.post(SIGNUP_URL, form_data(category, services=[], postal_code="1805"))

    html = response.content.decode()
    assert '<a href="#id_services_0">Bitte wählen Sie mindestens eine Möglichkeit, wie man bei' in html
    assert '<a href="#id_postal_code">Eine Postleitzahl hat fünf Ziffern, z. B. 18055.</a>' in html
    assert 'aria-invalid="true" aria-describedby="id_postal_code_error"' in html
    assert 'aria-describedby="id_services_helptext id_services_error"' in html


def test_values_are_kept_when_the_form_comes_back(client: Client, category: Category) -> None:
    response = client.post(SIGNUP_URL, form_data(category, consent=""))

    html = response.content.decode()
    assert 'value="Bäckerei Müller"' in html
    assert 'value="Lange Straße 3"' in html
    assert f'<option value="{category.pk}" selected>' in html


def test_unknown_postal_code(client: Client, category: Category) -> None:
    response = client.post(SIGNUP_URL, form_data(category, postal_code="10115"))

    assert response.context["form"].errors == {
        "postal_code": ["Diese Postleitzahl gibt es in Mecklenburg-Vorpommern nicht. Bitte prüfen Sie sie."]
    }


def test_missing_service(client: Client, category: Category) -> None:
    response = client.post(SIGNUP_URL, form_data(category, services=[]))

    assert response.context["form"].errors == {
        "services": ["Bitte wählen Sie mindestens eine Möglichkeit, wie man bei Ihnen kaufen kann."]
    }


def test_invalid_email(client: Client, category: Category) -> None:
    response = client.post(SIGNUP_URL, form_data(category, email="inhaberin(at)example.org"))

    assert response.context["form"].errors == {
        "email": ["Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org."]
    }


def test_shared_postal_code_asks_for_the_town_with_a_select(client: Client, category: Category) -> None:
    response = client.post(SIGNUP_URL, form_data(category, postal_code="17039"))

    assert response.context["form"].errors == {
        "locality": ["Zu dieser Postleitzahl gehören mehrere Orte. Bitte wählen Sie Ihren Ort."]
    }
    html = response.content.decode()
    assert '<select name="locality"' in html
    assert '<option value="Neverin">Neverin</option>' in html


def test_town_that_does_not_fit_the_postal_code(client: Client, category: Category) -> None:
    response = client.post(SIGNUP_URL, form_data(category, postal_code="17039", locality="Rostock"))

    assert response.context["form"].errors == {
        "locality": ["Rostock gehört nicht zur Postleitzahl 17039. Bitte wählen Sie Ihren Ort."]
    }


def test_chosen_town_of_a_shared_postal_code(
    client: Client, category: Category, django_capture_on_commit_callbacks: Any
) -> None:
    sign_up(
        client,
        django_capture_on_commit_callbacks,
        form_data(category, postal_code="17039", locality="neverin"),
    )

    assert Shop.objects.get().locality == "Neverin"


def test_town_of_a_postal_code_with_one_town_comes_from_the_gazetteer(
    client: Client, category: Category, django_capture_on_commit_callbacks: Any
) -> None:
    sign_up(client, django_capture_on_commit_callbacks, form_data(category, locality="Rostock-Warnemünde"))

    assert Shop.objects.get().locality == "Rostock"


def test_locality_field_for_a_postal_code(client: Client) -> None:
    single = client.get(
        "/mitmachen/orte/", {"postal_code": "18055", "locality": "Warnemünde"}
    ).content.decode()
    several = client.get("/mitmachen/orte/", {"postal_code": "17039", "locality": "neverin"}).content.decode()
    unknown = client.get("/mitmachen/orte/", {"postal_code": "180", "locality": "Rostock"}).content.decode()

    assert 'value="Rostock"' in single
    assert '<select name="locality"' in several
    assert '<option value="Zirzow">Zirzow</option>' in several
    assert '<option value="Neverin" selected>Neverin</option>' in several
    assert '<input type="text" name="locality" value="Rostock"' in unknown


def test_honeypot_looks_like_success_but_creates_nothing(
    client: Client, category: Category, django_capture_on_commit_callbacks: Any
) -> None:
    response = sign_up(
        client, django_capture_on_commit_callbacks, form_data(category, website="http://spam.example")
    )

    assert response.status_code == 302
    assert response["Location"] == "/mitmachen/gesendet/"
    assert Shop.objects.count() == 0
    assert User.objects.count() == 0
    assert mail.outbox == []


def test_signups_from_one_ip_are_rate_limited(client: Client, category: Category, rate_limits: Any) -> None:
    for _number in range(30):
        assert client.post(SIGNUP_URL, {}).status_code == 200

    assert client.post(SIGNUP_URL, form_data(category)).status_code == 429
    assert Shop.objects.count() == 0


def test_signups_for_one_address_are_rate_limited(
    client: Client, category: Category, rate_limits: Any, django_capture_on_commit_callbacks: Any
) -> None:
    for number in range(5):
        response = sign_up(
            client, django_capture_on_commit_callbacks, form_data(category, name=f"Laden {number}")
        )
        assert response.status_code == 302

    response = client.post(
        SIGNUP_URL, form_data(category, email="INHABERIN@example.org"), REMOTE_ADDR="10.9.9.9"
    )

    assert response.status_code == 429
    assert Shop.objects.count() == 5
    assert len(mail.outbox) == 5


# --- After submitting ---------------------------------------------------------------------------


def test_success_shows_the_inbox_page_naming_the_address(
    client: Client, category: Category, django_capture_on_commit_callbacks: Any
) -> None:
    response = sign_up(client, django_capture_on_commit_callbacks, form_data(category))

    assert response.status_code == 302
    assert response["Location"] == "/mitmachen/gesendet/"
    page = client.get("/mitmachen/gesendet/").content.decode()
    assert "Wir haben eine E-Mail an <strong>inhaberin@example.org</strong> gesendet." in page
    assert 'action="/mitmachen/erneut-senden/"' in page
    assert len(mail.outbox) == 1
    assert "_auth_user_id" not in client.session


def test_inbox_page_resends_the_email(
    client: Client, category: Category, django_capture_on_commit_callbacks: Any
) -> None:
    sign_up(client, django_capture_on_commit_callbacks, form_data(category))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/mitmachen/erneut-senden/", follow=True)

    assert response.redirect_chain == [("/mitmachen/gesendet/", 302)]
    assert [str(m) for m in response.context["messages"]] == ["Wir haben die E-Mail noch einmal gesendet."]
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["inhaberin@example.org"]


def test_inbox_page_without_a_signup_goes_to_the_form(client: Client) -> None:
    assert client.get("/mitmachen/gesendet/")["Location"] == "/mitmachen/"


# --- The confirmation link ----------------------------------------------------------------------


def test_opening_the_link_shows_a_button_and_changes_nothing(
    client: Client, category: Category, django_capture_on_commit_callbacks: Any
) -> None:
    sign_up(client, django_capture_on_commit_callbacks, form_data(category))

    response = Client().get(confirm_path())

    assert response.status_code == 200
    assert "Bestätigen und veröffentlichen" in response.content.decode()
    assert Shop.objects.get().status == Shop.Status.PENDING


def test_confirming_publishes_logs_in_and_names_the_next_steps(
    client: Client, category: Category, django_capture_on_commit_callbacks: Any
) -> None:
    sign_up(client, django_capture_on_commit_callbacks, form_data(category))
    phone = Client()

    with django_capture_on_commit_callbacks(execute=True):
        response = phone.post(confirm_path(), follow=True)

    assert response.redirect_chain == [("/meine-geschaefte/", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Ihr Geschäft ist jetzt eingetragen. Nächste Schritte: Öffnungszeiten und Fotos ergänzen und ein "
        "Passwort für Ihr Konto festlegen."
    ]
    shop = Shop.objects.get()
    assert shop.status == Shop.Status.PUBLISHED
    assert phone.session["_auth_user_id"] == str(User.objects.get().pk)
    assert phone.get(f"/geschaefte/{shop.slug}/").status_code == 200


def test_confirming_twice_is_harmless(
    client: Client, category: Category, django_capture_on_commit_callbacks: Any
) -> None:
    sign_up(client, django_capture_on_commit_callbacks, form_data(category))
    path = confirm_path()
    owner = Client()
    owner.post(path)

    again = owner.post(path)
    assert again.status_code == 302
    assert again["Location"] == "/meine-geschaefte/"

    stranger = Client()
    response = stranger.post(path, follow=True)
    assert response.redirect_chain == [("/konto/anmelden/?next=/meine-geschaefte/", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Dieser Eintrag ist bereits bestätigt. Bitte melden Sie sich an, um ihn zu bearbeiten."
    ]
    assert "_auth_user_id" not in stranger.session
    assert Shop.objects.get().status == Shop.Status.PUBLISHED


def test_existing_account_gets_the_shop_only_by_confirming(
    client: Client, category: Category, django_capture_on_commit_callbacks: Any
) -> None:
    existing = UserFactory(email="inhaberin@example.org")
    sign_up(client, django_capture_on_commit_callbacks, form_data(category, email="Inhaberin@example.org"))

    assert "_auth_user_id" not in client.session
    assert not ShopMembership.objects.filter(user_id=existing.pk).exists()
    owner_view = Client()
    owner_view.force_login(existing)
    assert "Bäckerei Müller" not in owner_view.get("/meine-geschaefte/").content.decode()

    owner_view.post(confirm_path())

    assert ShopMembership.objects.filter(user_id=existing.pk, role=ShopMembership.Role.OWNER).count() == 1


def test_logged_in_user_signing_up_still_confirms_by_email(
    client: Client, category: Category, django_capture_on_commit_callbacks: Any
) -> None:
    user = UserFactory(email="inhaberin@example.org")
    client.force_login(user)
    assert client.get(SIGNUP_URL).context["form"].initial == {"email": "inhaberin@example.org"}

    sign_up(client, django_capture_on_commit_callbacks, form_data(category))

    assert Shop.objects.get().status == Shop.Status.PENDING
    assert not ShopMembership.objects.filter(user_id=user.pk).exists()


def expired_path(monkeypatch: Any, path: str) -> str:
    """The same link, signed 31 minutes ago."""
    token = path.rstrip("/").rsplit("/", 1)[1]
    payload = signing.loads(token, salt="marktplatz.directory.signup")
    real = signing.TimestampSigner.timestamp
    old = signing.b62_encode(signing.b62_decode(real(signing.TimestampSigner())) - 31 * 60)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: old)
    expired = signing.dumps(payload, salt="marktplatz.directory.signup")
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", real)
    return f"/mitmachen/bestaetigen/{expired}/"


def test_expired_link_offers_a_new_one(
    client: Client, category: Category, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    sign_up(client, django_capture_on_commit_callbacks, form_data(category))
    path = expired_path(monkeypatch, confirm_path())
    phone = Client()

    response = phone.post(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Dieser Link ist abgelaufen</h1>" in html
    assert 'action="/mitmachen/erneut-senden/"' in html
    assert Shop.objects.get().status == Shop.Status.PENDING
    assert "_auth_user_id" not in phone.session

    token = path.rstrip("/").rsplit("/", 1)[1]
    with django_capture_on_commit_callbacks(execute=True):
        resent = phone.post("/mitmachen/erneut-senden/", {"token": token})
    assert resent["Location"] == "/mitmachen/gesendet/"
    assert len(mail.outbox) == 2
    assert "inhaberin@example.org" in phone.get("/mitmachen/gesendet/").content.decode()

    phone.post(confirm_path())
    assert Shop.objects.get().status == Shop.Status.PUBLISHED


def test_broken_link_says_so(client: Client) -> None:
    response = client.get("/mitmachen/bestaetigen/kaputt/")

    assert response.status_code == 200
    assert "<h1>Dieser Link ist ungültig</h1>" in response.content.decode()


def test_forged_token_cannot_ask_for_a_new_link(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/mitmachen/erneut-senden/", {"token": "eyJzIjoxLCJ1IjoxfQ:1vJx3l:forged"})

    assert response["Location"] == "/mitmachen/"
    assert mail.outbox == []
