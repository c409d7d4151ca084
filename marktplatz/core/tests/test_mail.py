"""send_mail_later: rendered after commit, both parts, in the requested language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from marktplatz.core.mail import send_mail_later

pytestmark = pytest.mark.django_db


@pytest.fixture
def greeting_template(settings: Any, tmp_path: Path) -> str:
    """A test e-mail ``test_emails/greeting`` that extends the base layout."""
    folder = tmp_path / "templates" / "test_emails"
    folder.mkdir(parents=True)
    (folder / "greeting.txt").write_text(
        '{% extends "emails/base.txt" %}{% load i18n %}{% block content %}'
        "{% translate 'Log in' %}: {{ site_url }}/shop/{{ shop_id }}/ <{{ name }}>{% endblock %}"
    )
    (folder / "greeting.html").write_text(
        '{% extends "emails/base.html" %}{% load i18n %}{% block content %}'
        "<p>{% translate 'Log in' %}: {{ site_url }}/shop/{{ shop_id }}/ {{ name }}</p>{% endblock %}"
    )
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [str(tmp_path / "templates")]
    settings.TEMPLATES = templates
    return "test_emails/greeting"


def send(template: str, **kwargs: Any) -> None:
    send_mail_later(
        to=["kundin@example.org"],
        subject=kwargs.pop("subject", "Hallo"),
        template=template,
        context={"shop_id": 7, "name": "Müller & Söhne"},
        **kwargs,
    )


def test_mail_is_sent_after_commit_with_text_and_html(
    greeting_template: str, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        send(greeting_template)
        assert mail.outbox == []

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kundin@example.org"]
    assert message.subject == "Hallo"
    assert message.from_email == "Marktplatz MV <noreply@marktplatz.example>"
    assert "http://testserver/shop/7/ <Müller & Söhne>" in message.body
    assert "Marktplatz MV – http://testserver" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "http://testserver/shop/7/ Müller &amp; Söhne" in html
    assert '<html lang="de">' in html


def test_mail_uses_the_current_language_by_default(
    greeting_template: str, django_capture_on_commit_callbacks: Any
) -> None:
    with override("en"), django_capture_on_commit_callbacks(execute=True):
        send(greeting_template)

    assert mail.outbox[0].body.startswith("Log in: ")


def test_mail_is_rendered_in_the_given_language(
    greeting_template: str, django_capture_on_commit_callbacks: Any
) -> None:
    with override("en"), django_capture_on_commit_callbacks(execute=True):
        send(greeting_template, language="de", subject=_("Log in"))

    message = mail.outbox[0]
    assert message.body.startswith("Anmelden: ")
    assert message.subject == "Anmelden"
    assert '<html lang="de">' in message.alternatives[0][0]


@pytest.mark.django_db(transaction=True)
def test_no_mail_when_the_transaction_rolls_back(greeting_template: str) -> None:
    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        send(greeting_template)
        raise Abort

    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_mail_is_sent_when_a_real_transaction_commits(greeting_template: str) -> None:
    with transaction.atomic():
        send(greeting_template)
        assert mail.outbox == []

    assert len(mail.outbox) == 1


def test_context_must_be_json_serialisable(greeting_template: str) -> None:
    with pytest.raises(TypeError, match="must be JSON-serialisable"):
        send_mail_later(
            to=["a@example.org"], subject="x", template=greeting_template, context={"when": object()}
        )
