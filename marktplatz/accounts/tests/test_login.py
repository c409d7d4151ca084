"""Password login: the page, wrong input, ``next`` handling, rate limits, logout."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from marktplatz.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

LOGIN_URL = "/konto/anmelden/"


def test_login_page_offers_password_and_link_with_autocomplete(client: Client) -> None:
    response = client.get(LOGIN_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert 'action="/konto/anmelden/"' in html
    assert 'action="/konto/anmeldelink/"' in html
    assert "Anmeldelink per E-Mail" in html
    assert 'type="email" name="username" autocomplete="email"' in html
    assert 'autocomplete="current-password"' in html


def test_login_with_password_redirects_to_my_shops(client: Client) -> None:
    user = UserFactory(email="inhaberin@example.org")

    response = client.post(LOGIN_URL, {"username": "Inhaberin@Example.org ", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/meine-geschaefte/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_shows_the_german_message(client: Client) -> None:
    UserFactory(email="inhaberin@example.org")

    response = client.post(LOGIN_URL, {"username": "inhaberin@example.org", "password": "falsch"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "E-Mail-Adresse oder Passwort stimmen nicht. Noch kein Passwort? "
        "Fordern Sie stattdessen einen Anmeldelink per E-Mail an."
    ]
    assert "_auth_user_id" not in client.session


def test_empty_fields_show_german_messages_linked_to_the_inputs(client: Client) -> None:
    response = client.post(LOGIN_URL, {"username": "", "password": ""})

    form = response.context["form"]
    assert form.errors == {
        "username": ["Bitte geben Sie Ihre E-Mail-Adresse ein."],
        "password": ["Bitte geben Sie Ihr Passwort ein."],
    }
    html = response.content.decode()
    assert 'aria-describedby="id_username_error"' in html
    assert '<ul class="errorlist" id="id_username_error">' in html


def test_user_without_password_cannot_log_in_with_an_empty_one(client: Client) -> None:
    user = UserFactory(email="ohne@example.org")
    user.set_unusable_password()
    user.save()

    response = client.post(LOGIN_URL, {"username": "ohne@example.org", "password": "irgendwas-1234"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_safe_next_url_is_followed(client: Client) -> None:
    UserFactory(email="inhaberin@example.org")

    response = client.post(
        LOGIN_URL + "?next=/konto/", {"username": "inhaberin@example.org", "password": PASSWORD}
    )

    assert response["Location"] == "/konto/"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "http://testserver.evil.example/"]
)
def test_foreign_next_url_is_ignored(client: Client, next_url: str) -> None:
    UserFactory(email="inhaberin@example.org")

    response = client.post(
        LOGIN_URL, {"username": "inhaberin@example.org", "password": PASSWORD, "next": next_url}
    )

    assert response["Location"] == "/meine-geschaefte/"


def test_next_is_kept_in_both_forms(client: Client) -> None:
    html = client.get(LOGIN_URL + "?next=/konto/passwort/").content.decode()

    assert html.count('<input type="hidden" name="next" value="/konto/passwort/">') == 2


def test_logged_in_user_is_sent_on(client: Client) -> None:
    client.force_login(UserFactory())

    response = client.get(LOGIN_URL)

    assert response.status_code == 302
    assert response["Location"] == "/meine-geschaefte/"


def test_eleventh_login_attempt_from_one_ip_within_an_hour_is_refused(
    client: Client, rate_limits: Any
) -> None:
    for number in range(10):
        response = client.post(LOGIN_URL, {"username": f"person{number}@example.org", "password": "x"})
        assert response.status_code == 200

    response = client.post(LOGIN_URL, {"username": "noch@example.org", "password": "x"})

    assert response.status_code == 429


def test_logout_needs_post_and_ends_the_session(client: Client) -> None:
    client.force_login(UserFactory())

    assert client.get("/konto/abmelden/").status_code == 405
    response = client.post("/konto/abmelden/")

    assert response.status_code == 302
    assert response["Location"] == reverse("directory:home")
    assert "_auth_user_id" not in client.session
    assert [str(m) for m in response.wsgi_request._messages] == ["Sie sind abgemeldet."]
