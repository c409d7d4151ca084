"""
Log in (password or one-time link by e-mail), log out, passwords and the account page.

Views are thin: forms check the input, ``services`` and ``tokens`` do the work. Every ``next``
parameter passes ``safe_next_url`` before it is used or put into a link.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from marktplatz.core.views import is_rate_limited, rate_limited

from .forms import AccountPasswordResetForm, EmailAuthenticationForm, LoginLinkForm, NameForm
from .models import User
from .services import normalize_email, user_mark_email_confirmed, user_request_login_link, user_update_name
from .tokens import login_link_user

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
LOGIN_LINK_EMAIL_SESSION_KEY = "accounts_login_link_email"


def safe_next_url(request: HttpRequest, url: str | None) -> str:
    """``url`` if it stays on this site (and on HTTPS when the request is), else an empty string."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def post_email_key(field: str) -> Callable[[str, HttpRequest], str]:
    """A django-ratelimit key: the normalised e-mail address posted in ``field``."""

    def key(group: str, request: HttpRequest) -> str:
        return normalize_email(request.POST.get(field, ""))

    return key


def rate_with_email(field: str, rate: str) -> Callable[[str, HttpRequest], str | None]:
    """A django-ratelimit rate: ``rate`` when an address was posted in ``field``; no limit without one."""

    def limit(group: str, request: HttpRequest) -> str | None:
        return rate if normalize_email(request.POST.get(field, "")) else None

    return limit


class PasswordLoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("link_form", LoginLinkForm())
        return context


@ratelimit(group="accounts.login.ip", key="ip", rate="10/h", method="POST", block=False)
@ratelimit(
    group="accounts.login.email",
    key=post_email_key("username"),
    rate=rate_with_email("username", "10/h"),
    method="POST",
    block=False,
)
def login(request: HttpRequest) -> HttpResponseBase:
    """The login page: e-mail and password, and the form to ask for a login link."""
    if is_rate_limited(request):
        return rate_limited(request)
    return PasswordLoginView.as_view()(request)


@require_http_methods(["GET", "POST"])
@ratelimit(group="accounts.login_link.ip", key="ip", rate="10/h", method="POST", block=False)
@ratelimit(
    group="accounts.login_link.email",
    key=post_email_key("email"),
    rate=rate_with_email("email", "10/h"),
    method="POST",
    block=False,
)
def login_link_request(request: HttpRequest) -> HttpResponse:
    """Send a one-time login link; the answer is the same whether the address has an account or not."""
    if request.method != "POST":
        return redirect("accounts:login")
    if is_rate_limited(request):
        return rate_limited(request)
    next_url = safe_next_url(request, request.POST.get("next"))
    form = LoginLinkForm(request.POST)
    if not form.is_valid():
        context = {"form": EmailAuthenticationForm(request), "link_form": form, "next": next_url}
        return render(request, "accounts/login.html", context)
    email = form.cleaned_data["email"]
    user_request_login_link(email=email, next_url=next_url)
    request.session[LOGIN_LINK_EMAIL_SESSION_KEY] = email
    return redirect("accounts:login_link_sent")


def login_link_sent(request: HttpRequest) -> HttpResponse:
    email = request.session.get(LOGIN_LINK_EMAIL_SESSION_KEY)
    if not email:
        return redirect("accounts:login")
    context = {"email": email, "max_age_minutes": settings.LOGIN_LINK_MAX_AGE_SECONDS // 60}
    return render(request, "accounts/login_link_sent.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def login_link_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """
    GET shows a button, POST logs in. Mail programs that open links to check them for danger
    therefore cannot use up the link before its owner clicks it.
    """
    next_url = safe_next_url(request, request.GET.get("next"))
    user = login_link_user(uidb64=uidb64, token=token)
    if user is None:
        context = {
            "link_form": LoginLinkForm(),
            "next": next_url,
            "max_age_minutes": settings.LOGIN_LINK_MAX_AGE_SECONDS // 60,
        }
        return render(request, "accounts/login_link_invalid.html", context)
    if request.method == "POST":
        auth_login(request, user, backend=MODEL_BACKEND)
        user_mark_email_confirmed(user=user)
        messages.success(request, _("You are logged in."))
        return HttpResponseRedirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
    return render(request, "accounts/login_link_confirm.html", {"link_user": user, "next": next_url})


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are logged out."))
        return response


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """The account page: name, e-mail address and where to go next."""
    user: User = request.user  # type: ignore[assignment]
    form = NameForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        user_update_name(
            user=user, first_name=form.cleaned_data["first_name"], last_name=form.cleaned_data["last_name"]
        )
        messages.success(request, _("Your name has been saved."))
        return redirect("accounts:account")
    return render(request, "accounts/account.html", {"form": form})


@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """Change the password, or set the first one (accounts created by a sign-up have none)."""
    user: User = request.user  # type: ignore[assignment]
    has_password = user.has_usable_password()
    form_class = PasswordChangeForm if has_password else SetPasswordForm
    form = form_class(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password has been saved."))
        return redirect("accounts:account")
    return render(request, "accounts/password_change.html", {"form": form, "has_password": has_password})


class PasswordResetView(auth_views.PasswordResetView):
    form_class = AccountPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")


@ratelimit(group="accounts.password_reset.ip", key="ip", rate="10/h", method="POST", block=False)
@ratelimit(
    group="accounts.password_reset.email",
    key=post_email_key("email"),
    rate=rate_with_email("email", "5/h"),
    method="POST",
    block=False,
)
def password_reset(request: HttpRequest) -> HttpResponseBase:
    if is_rate_limited(request):
        return rate_limited(request)
    return PasswordResetView.as_view()(request)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    post_reset_login = True
    post_reset_login_backend = MODEL_BACKEND

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user_mark_email_confirmed(user=form.user)
        return response
