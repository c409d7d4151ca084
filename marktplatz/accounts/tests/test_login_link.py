"""One-time login links: asking for one (no account enumeration), using it once, expiry, ``next``."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from marktplatz.accounts.models import User
from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.accounts.tokens import login_link_tokens

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

REQUEST_URL = "/konto/anmeldelink/"
LINK_RE = re.compile(r"http://testserver(/konto/anmeldelink/[^/\s]+/[^/\s]+/(?:\?next=\S+)?)")


def ask_for_link(client: Client, capture: Any, email: str, **extra: str) -> Any:
    with capture(execute=True):
        return client.post(REQUEST_URL, {"email": email, **extra}, follow=True)


def link_from_outbox() -> str:
    assert len(mail.outbox) == 1
    match = LINK_RE.search(mail.outbox[0].body)
    assert match is not None, mail.outbox[0].body
    return match[1]


def test_existing_account_gets_a_link_by_email(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    UserFactory(email="inhaberin@example.org")

    response = ask_for_link(client, django_capture_on_commit_callbacks, "Inhaberin@example.org")

    assert response.redirect_chain == [("/konto/anmeldelink/gesendet/", 302)]
    message = mail.outbox[0]
    assert message.to == ["inhaberin@example.org"]
    assert message.subject == "Ihr Anmeldelink"
    assert "Der Link ist 30 Minuten gültig und funktioniert nur einmal." in message.body
    assert link_from_outbox() in message.alternatives[0][0]


def test_unknown_address_gets_the_same_answer_and_no_mail(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    UserFactory(email="inhaberin@example.org")
    known = ask_for_link(client, django_capture_on_commit_callbacks, "inhaberin@example.org")
    mail.outbox.clear()

    unknown = ask_for_link(Client(), django_capture_on_commit_callbacks, "niemand@example.org")

    assert mail.outbox == []
    assert unknown.status_code == known.status_code == 200
    assert unknown.redirect_chain == known.redirect_chain
    expected = (
        "Falls es ein Konto für <strong>{}</strong> gibt, haben wir soeben einen Anmeldelink an diese "
        "Adresse gesendet."
    )
    assert expected.format("niemand@example.org") in unknown.content.decode()
    assert expected.format("inhaberin@example.org") in known.content.decode()


def test_deactivated_account_gets_no_link(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    UserFactory(email="gesperrt@example.org", is_active=False)

    ask_for_link(client, django_capture_on_commit_callbacks, "gesperrt@example.org")

    assert mail.outbox == []


def test_invalid_address_is_reported_on_the_login_page(client: Client) -> None:
    response = client.post(REQUEST_URL, {"email": "kein-at-zeichen"})

    assert response.status_code == 200
    assert response.context["link_form"].errors == {
        "email": ["Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org."]
    }


def test_opening_the_link_asks_before_logging_in(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    UserFactory(email="inhaberin@example.org")
    ask_for_link(client, django_capture_on_commit_callbacks, "inhaberin@example.org")

    response = client.get(link_from_outbox())

    assert response.status_code == 200
    assert "Als <strong>inhaberin@example.org</strong> anmelden?" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_link_logs_in_once(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    user = UserFactory(email="inhaberin@example.org")
    ask_for_link(client, django_capture_on_commit_callbacks, "inhaberin@example.org")
    link = link_from_outbox()

    response = client.post(link)

    assert response.status_code == 302
    assert response["Location"] == "/meine-geschaefte/"
    assert client.session["_auth_user_id"] == str(user.pk)
    user.refresh_from_db()
    assert user.email_confirmed_at is not None

    other = Client()
    second = other.post(link)
    assert second.status_code == 200
    assert "Dieser Anmeldelink ist nicht mehr gültig" in second.content.decode()
    assert "_auth_user_id" not in other.session


def test_link_expires(
    client: Client, django_capture_on_commit_callbacks: Any, monkeypatch: Any, settings: Any
) -> None:
    settings.LOGIN_LINK_MAX_AGE_SECONDS = 600
    UserFactory(email="inhaberin@example.org")
    ask_for_link(client, django_capture_on_commit_callbacks, "inhaberin@example.org")
    link = link_from_outbox()

    monkeypatch.setattr(login_link_tokens, "_now", lambda: datetime.now() + timedelta(seconds=599))
    assert client.get(link).context["link_user"].email == "inhaberin@example.org"
    monkeypatch.setattr(login_link_tokens, "_now", lambda: datetime.now() + timedelta(seconds=602))
    response = client.post(link)

    assert response.status_code == 200
    assert "Dieser Anmeldelink ist nicht mehr gültig" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logging_in_otherwise_invalidates_earlier_links(client: Client) -> None:
    user = UserFactory()
    token = login_link_tokens.make_token(user)
    assert login_link_tokens.check_token(user, token)

    User.objects.filter(pk=user.pk).update(last_login=timezone.now() - timedelta(minutes=1))
    user.refresh_from_db()

    assert not login_link_tokens.check_token(user, token)


def test_password_reset_tokens_are_no_login_links() -> None:
    from django.contrib.auth.tokens import default_token_generator

    user = UserFactory.build(pk=1)

    assert not login_link_tokens.check_token(user, default_token_generator.make_token(user))


def test_forged_link_is_refused(client: Client) -> None:
    user = UserFactory()
    from marktplatz.accounts.tokens import uid_encode

    response = client.post(f"/konto/anmeldelink/{uid_encode(user)}/abc-123/")

    assert "Dieser Anmeldelink ist nicht mehr gültig" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_safe_next_travels_through_the_link(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    UserFactory(email="inhaberin@example.org")
    ask_for_link(client, django_capture_on_commit_callbacks, "inhaberin@example.org", next="/konto/passwort/")
    link = link_from_outbox()
    assert link.endswith("?next=%2Fkonto%2Fpasswort%2F")

    response = client.post(link)

    assert response["Location"] == "/konto/passwort/"


def test_foreign_next_is_dropped_from_the_link(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    UserFactory(email="inhaberin@example.org")
    ask_for_link(
        client, django_capture_on_commit_callbacks, "inhaberin@example.org", next="https://evil.example/"
    )
    link = link_from_outbox()
    assert "next" not in link

    response = client.post(link + "?next=https://evil.example/")

    assert response["Location"] == "/meine-geschaefte/"


def test_links_for_one_address_are_rate_limited(
    client: Client, django_capture_on_commit_callbacks: Any, rate_limits: Any
) -> None:
    UserFactory(email="inhaberin@example.org")
    for number in range(10):
        # A new "IP address" each time: only the per-address limit can strike.
        response = client.post(
            REQUEST_URL, {"email": "inhaberin@example.org"}, REMOTE_ADDR=f"10.0.0.{number}"
        )
        assert response.status_code == 302

    response = client.post(REQUEST_URL, {"email": "INHABERIN@example.org"}, REMOTE_ADDR="10.0.1.1")

    assert response.status_code == 429


def test_links_from_one_ip_are_rate_limited(client: Client, rate_limits: Any) -> None:
    for number in range(10):
        assert client.post(REQUEST_URL, {"email": f"person{number}@example.org"}).status_code == 302

    assert client.post(REQUEST_URL, {"email": "noch-jemand@example.org"}).status_code == 429


def test_sent_page_without_a_request_goes_back_to_login(client: Client) -> None:
    response = client.get("/konto/anmeldelink/gesendet/")

    assert response.status_code == 302
    assert response["Location"] == "/konto/anmelden/"
