"""Forms of the login, login-link, password and account pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marktplatz.core.mail import send_mail_later

from .models import User
from .services import normalize_email


def email_field(**kwargs: Any) -> forms.EmailField:
    return forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address, e.g. name@example.org."),
        },
        **kwargs,
    )


class EmailAuthenticationForm(AuthenticationForm):
    """Log in with e-mail address and password."""

    username = email_field()
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Please enter your password.")},
    )

    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is not correct. No password yet? "
            "Ask for a login link by e-mail instead."
        ),
        "inactive": _("This account is deactivated."),
    }

    def clean_username(self) -> str:
        return normalize_email(self.cleaned_data["username"])


class LoginLinkForm(forms.Form):
    """Ask for a one-time login link by e-mail."""

    email = email_field()

    def clean_email(self) -> str:
        return normalize_email(self.cleaned_data["email"])


class AccountPasswordResetForm(PasswordResetForm):
    """
    Django's reset form with two changes: accounts without a password (created by a shop's
    sign-up) may set one this way too, and the e-mail goes through ``send_mail_later``.
    """

    email = email_field()

    def get_users(self, email: str) -> Any:
        return User.objects.filter(email__iexact=normalize_email(email), is_active=True)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        path = reverse(
            "accounts:password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        send_mail_later(
            to=[to_email],
            subject=_("Set a new password"),
            template="emails/password_reset",
            context={
                "reset_url": settings.SITE_URL + path,
                "email": to_email,
                "max_age_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
            },
        )


class NameForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ["first_name", "last_name"]
        labels = {"first_name": _("First name"), "last_name": _("Last name")}
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }
