"""Setting, changing and resetting the password."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from marktplatz.accounts.models import User
from marktplatz.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

NEW_PASSWORD = "Hafenkran-am-Strom-2024"
RESET_LINK_RE = re.compile(r"http://testserver(/konto/passwort-neu/[^/\s]+/[^/\s]+/)")


def user_without_password(email: str = "neu@example.org") -> User:
    user = User.objects.create_user(email=email)
    assert not user.has_usable_password()
    return user


def test_password_page_needs_login(client: Client) -> None:
    response = client.get("/konto/passwort/")

    assert response.status_code == 302
    assert response["Location"] == "/konto/anmelden/?next=/konto/passwort/"


def test_owner_without_password_sets_one_without_an_old_password(client: Client) -> None:
    user = user_without_password()
    client.force_login(user)

    page = client.get("/konto/passwort/")
    assert "<h1>Passwort festlegen</h1>" in page.content.decode()
    assert "old_password" not in page.context["form"].fields

    response = client.post("/konto/passwort/", {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/konto/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)  # still logged in


def test_changing_needs_the_old_password(client: Client) -> None:
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/konto/passwort/",
        {"old_password": "falsch", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["old_password"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_new_password_fields_ask_for_a_new_password(client: Client) -> None:
    client.force_login(UserFactory())

    html = client.get("/konto/passwort/").content.decode()

    assert html.count('autocomplete="new-password"') == 2
    assert 'autocomplete="current-password"' in html


def test_reset_sends_a_link_also_to_an_account_without_password(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    user = user_without_password()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/konto/passwort-vergessen/", {"email": "NEU@example.org"})

    assert response.status_code == 302
    assert response["Location"] == "/konto/passwort-vergessen/gesendet/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@example.org"]
    assert mail.outbox[0].subject == "Neues Passwort festlegen"
    match = RESET_LINK_RE.search(mail.outbox[0].body)
    assert match is not None

    confirm = client.get(match[1], follow=True)
    assert confirm.context["validlink"] is True
    response = client.post(
        confirm.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response["Location"] == "/konto/passwort-neu/fertig/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert user.email_confirmed_at is not None
    assert client.session["_auth_user_id"] == str(user.pk)


def test_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/konto/passwort-vergessen/", {"email": "niemand@example.org"})

    assert response.status_code == 302
    assert response["Location"] == "/konto/passwort-vergessen/gesendet/"
    assert mail.outbox == []


def test_reset_link_works_once(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    UserFactory(email="inhaberin@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/konto/passwort-vergessen/", {"email": "inhaberin@example.org"})
    match = RESET_LINK_RE.search(mail.outbox[0].body)
    assert match is not None
    confirm = client.get(match[1], follow=True)
    client.post(confirm.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = Client().get(match[1], follow=True)

    assert again.context["validlink"] is False
    assert "Dieser Link ist nicht mehr gültig" in again.content.decode()


def test_reset_is_rate_limited_per_address(client: Client, rate_limits: Any) -> None:
    for number in range(5):
        response = client.post(
            "/konto/passwort-vergessen/", {"email": "jemand@example.org"}, REMOTE_ADDR=f"10.0.0.{number}"
        )
        assert response.status_code == 302

    response = client.post(
        "/konto/passwort-vergessen/", {"email": "jemand@example.org"}, REMOTE_ADDR="10.0.0.9"
    )

    assert response.status_code == 429
