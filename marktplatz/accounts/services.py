"""Writes for accounts: finding or creating users by e-mail, login links, confirming addresses."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marktplatz.core.mail import send_mail_later

from .models import User
from .tokens import login_link_tokens, uid_encode


def normalize_email(email: str) -> str:
    """The form in which e-mail addresses are stored and compared: trimmed, lower case."""
    return email.strip().lower()


def user_find_by_email(*, email: str) -> User | None:
    """The account with this e-mail address (any case), or ``None``."""
    return User.objects.filter(email__iexact=normalize_email(email)).first()


def user_get_or_create_by_email(*, email: str) -> tuple[User, bool]:
    """
    The account with this e-mail address, or a new one without a usable password (its owner
    logs in with a link by e-mail or sets a password later). Returns ``(user, created)``.
    """
    user = user_find_by_email(email=email)
    if user is not None:
        return user, False
    return User.objects.create_user(email=normalize_email(email)), True


def user_mark_email_confirmed(*, user: User) -> None:
    """Record that ``user`` proved to own their address (the first time only)."""
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])


def login_link_url(*, user: User, next_url: str = "") -> str:
    """An absolute one-time login link for ``user``; ``next_url`` must already be checked as safe."""
    path = reverse(
        "accounts:login_link_confirm",
        kwargs={"uidb64": uid_encode(user), "token": login_link_tokens.make_token(user)},
    )
    if next_url:
        path += "?" + urlencode({"next": next_url})
    return settings.SITE_URL + path


def user_request_login_link(*, email: str, next_url: str = "", language: str | None = None) -> None:
    """
    Send a one-time login link to ``email`` if an active account has that address; do nothing
    otherwise. The caller tells the visitor the same in both cases, so nobody can find out
    whether an address has an account.
    """
    user = user_find_by_email(email=email)
    if user is None or not user.is_active:
        return
    send_mail_later(
        to=[user.email],
        subject=_("Your login link"),
        template="emails/login_link",
        context={
            "login_url": login_link_url(user=user, next_url=next_url),
            "max_age_minutes": settings.LOGIN_LINK_MAX_AGE_SECONDS // 60,
        },
        language=language,
    )


def user_update_name(*, user: User, first_name: str, last_name: str) -> None:
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.save(update_fields=["first_name", "last_name"])
