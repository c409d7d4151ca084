"""The account page and the services behind accounts."""

from __future__ import annotations

import pytest
from django.test import Client

from marktplatz.accounts.models import User
from marktplatz.accounts.services import user_get_or_create_by_email, user_mark_email_confirmed
from marktplatz.accounts.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]


def test_account_page_needs_login(client: Client) -> None:
    response = client.get("/konto/")

    assert response.status_code == 302
    assert response["Location"] == "/konto/anmelden/?next=/konto/"


def test_account_page_shows_address_and_links(client: Client) -> None:
    user = User.objects.create_user(email="neu@example.org")
    client.force_login(user)

    html = client.get("/konto/").content.decode()

    assert "<dd>neu@example.org</dd>" in html
    assert "noch nicht festgelegt – Sie melden sich mit einem Link per E-Mail an" in html
    assert '<a href="/konto/passwort/">Passwort festlegen</a>' in html
    assert '<a href="/meine-geschaefte/">Meine Geschäfte</a>' in html


def test_name_is_saved(client: Client) -> None:
    user = UserFactory(first_name="", last_name="")
    client.force_login(user)

    response = client.post("/konto/", {"first_name": " Erika ", "last_name": "Mustermann"}, follow=True)

    assert response.redirect_chain == [("/konto/", 302)]
    assert [str(m) for m in response.context["messages"]] == ["Ihr Name wurde gespeichert."]
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Erika", "Mustermann")


def test_get_or_create_finds_an_address_in_any_case() -> None:
    existing = UserFactory(email="inhaberin@example.org")

    user, created = user_get_or_create_by_email(email=" Inhaberin@EXAMPLE.org")

    assert (user, created) == (existing, False)


def test_get_or_create_makes_an_account_without_password() -> None:
    user, created = user_get_or_create_by_email(email="Neu@Example.org")

    assert created is True
    assert user.email == "neu@example.org"
    assert not user.has_usable_password()
    assert user.email_confirmed_at is None


def test_email_confirmation_keeps_the_first_date() -> None:
    user = UserFactory()
    user_mark_email_confirmed(user=user)
    first = user.email_confirmed_at

    user_mark_email_confirmed(user=user)

    user.refresh_from_db()
    assert first is not None
    assert user.email_confirmed_at == first
