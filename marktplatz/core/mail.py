"""
Sending e-mails: the one entry point is :func:`send_mail_later`.

An e-mail is a pair of templates, ``<template>.txt`` and ``<template>.html``, that extend the base
layout ``emails/base.txt`` / ``emails/base.html``. The mail is rendered and sent by a background
task (queue ``mail``) after the current transaction commits, so it never describes data that was
rolled back, and a slow mail server never slows down a request.

The context travels through the task backend, which stores it as JSON (the database backend in
production): pass only JSON-serialisable values – strings, numbers, booleans, ``None``, lists and
dicts of those. Pass ids and ready-made absolute URLs, never model instances or lazy strings.
Every template gets ``site_url`` (``settings.SITE_URL``, without a trailing slash) for absolute links.

In tests with the ``db`` fixture the transaction never commits; wrap the call in
``django_capture_on_commit_callbacks(execute=True)`` to have the mail sent to ``mail.outbox``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import get_language, override


def send_mail_later(
    *,
    to: Sequence[str],
    subject: str | Promise,
    template: str,
    context: dict[str, Any],
    language: str | None = None,
) -> None:
    """
    Send the e-mail ``template`` (``.txt`` and ``.html``) to ``to`` once the transaction commits.

    ``language`` defaults to the active language. ``subject`` may be a lazy translation: it is
    translated here, in ``language``. Raise ``TypeError`` at once if ``context`` cannot be stored
    as JSON (so the mistake shows where it is made, not later in a worker).
    """
    from .tasks import send_templated_mail

    language = language or get_language() or settings.LANGUAGE_CODE
    with override(language):
        subject_text = str(subject)
    recipients = [str(address) for address in to]
    if not recipients:
        raise ValueError("An e-mail needs at least one recipient.")
    try:
        json.dumps(context)
    except (TypeError, ValueError) as error:
        raise TypeError(f"The context of e-mail {template!r} must be JSON-serialisable: {error}") from error

    def enqueue() -> None:
        send_templated_mail.enqueue(
            to=recipients,
            subject=subject_text,
            template=template,
            context=context,
            language=language,
        )

    transaction.on_commit(enqueue)
