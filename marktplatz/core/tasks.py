"""Background tasks of the core app (run by ``manage.py db_worker`` in production)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import override
from django_tasks import task


@task(queue_name="mail")
def send_templated_mail(
    *, to: list[str], subject: str, template: str, context: dict[str, Any], language: str
) -> None:
    """Render ``<template>.txt`` and ``<template>.html`` in ``language`` and send both as one e-mail."""
    full_context = {
        "site_url": settings.SITE_URL,
        "region_name": settings.REGION_NAME,
        "region_short_name": settings.REGION_SHORT_NAME,
        "subject": subject,
        "language": language,
        **context,
    }
    with override(language):
        text = render_to_string(f"{template}.txt", full_context)
        html = render_to_string(f"{template}.html", full_context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    message.attach_alternative(html, "text/html")
    message.send()
