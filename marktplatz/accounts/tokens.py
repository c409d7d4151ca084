"""
One-time login links: ``/konto/anmeldelink/<uidb64>/<token>/``.

The token is Django's password-reset token with its own salt and lifetime: its hash covers the
user's id, password hash, e-mail and ``last_login``, so logging in (with this link or any other
way) or setting a password invalidates every link sent before. It expires after
``settings.LOGIN_LINK_MAX_AGE_SECONDS``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

from .models import User


class LoginLinkTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "marktplatz.accounts.tokens.LoginLinkTokenGenerator"

    def check_token(self, user: Any, token: str | None) -> bool:
        """Like Django's check, but with ``LOGIN_LINK_MAX_AGE_SECONDS`` as the lifetime."""
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token):
                break
        else:
            return False
        age = self._num_seconds(self._now()) - timestamp
        return 0 <= age <= settings.LOGIN_LINK_MAX_AGE_SECONDS


login_link_tokens = LoginLinkTokenGenerator()


def uid_encode(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def user_from_uid(uidb64: str) -> User | None:
    """The active user ``uidb64`` names, or ``None`` for garbage and unknown or inactive users."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def login_link_user(*, uidb64: str, token: str) -> User | None:
    """The user a login link belongs to while it is valid (unused and not expired), else ``None``."""
    user = user_from_uid(uidb64)
    if user is None or not login_link_tokens.check_token(user, token):
        return None
    return user
