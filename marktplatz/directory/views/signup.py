"""
Sign-up of a new shop and the confirmation of its e-mail address.

``/mitmachen/`` (form) → ``/mitmachen/gesendet/`` ("check your inbox", resend) → the link in the
e-mail, ``/mitmachen/bestaetigen/<token>/``: GET shows one button, POST publishes the shop and logs
its owner in (a mail program that opens links to scan them cannot use up the login).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from marktplatz.accounts.services import user_find_by_email
from marktplatz.accounts.views import post_email_key, rate_with_email
from marktplatz.core.views import is_rate_limited, rate_limited

from ..forms.signup import SignupForm
from ..models import Shop
from ..services.signup import (
    SignupLinkExpired,
    SignupLinkInvalid,
    locality_match,
    shop_confirm_email,
    shop_register,
    shop_resend_confirmation,
    signup_login_user,
    signup_token_ids,
    signup_token_read,
)

SESSION_KEY = "directory_signup"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
INVALID_TEMPLATE = "directory/signup_link_invalid.html"


def _remember(request: HttpRequest, *, email: str, shop_id: int | None, user_id: int | None) -> None:
    """What the "check your inbox" page names and its resend button needs (server-side session)."""
    request.session[SESSION_KEY] = {"email": email, "shop_id": shop_id, "user_id": user_id}


@require_http_methods(["GET", "POST"])
# Generous per IP (owners may sign up together at an event on one network), strict per address
# (nobody can flood someone's inbox with confirmation e-mails).
@ratelimit(group="directory.signup.ip", key="ip", rate="30/h", method="POST", block=False)
@ratelimit(
    group="directory.signup.email",
    key=post_email_key("email"),
    rate=rate_with_email("email", "5/h"),
    method="POST",
    block=False,
)
def signup(request: HttpRequest) -> HttpResponse:
    if is_rate_limited(request):
        return rate_limited(request)
    if request.method == "POST":
        form = SignupForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            if form.is_bot:  # looks like success, creates nothing
                _remember(request, email=data["email"], shop_id=None, user_id=None)
                return redirect("directory:signup_sent")
            shop = shop_register(
                name=data["name"],
                email=data["email"],
                street=data["street"],
                postal_code=data["postal_code"],
                locality=data["locality"],
                category=data["category"],
                services=data["services"],
            )
            owner = user_find_by_email(email=data["email"])
            _remember(request, email=data["email"], shop_id=shop.pk, user_id=owner.pk if owner else None)
            return redirect("directory:signup_sent")
    else:
        initial = {"email": request.user.email} if request.user.is_authenticated else {}
        form = SignupForm(initial=initial)
    return render(request, "directory/signup.html", {"form": form})


@require_GET
def signup_localities(request: HttpRequest) -> HttpResponse:
    """The town field for the postal code typed so far (htmx swaps it in while typing)."""
    code = request.GET.get("postal_code", "").strip()
    typed = request.GET.get("locality", "").strip()
    form = SignupForm(initial={"postal_code": code})
    if len(form.localities) == 1:
        form.initial["locality"] = form.localities[0]
    elif form.localities:
        form.initial["locality"] = locality_match(postal_code=code, locality=typed) if typed else ""
    else:
        form.initial["locality"] = typed
    return render(request, "directory/signup_locality.html", {"form": form})


def signup_sent(request: HttpRequest) -> HttpResponse:
    remembered = request.session.get(SESSION_KEY)
    if not remembered:
        return redirect("directory:signup")
    context = {"email": remembered["email"], "max_age_minutes": settings.LOGIN_LINK_MAX_AGE_SECONDS // 60}
    return render(request, "directory/signup_sent.html", context)


@require_POST
@ratelimit(group="directory.signup_resend", key="ip", rate="10/h", method="POST", block=False)
def signup_resend(request: HttpRequest) -> HttpResponse:
    """Send the confirmation e-mail again: for an expired link, or for this session's sign-up."""
    if is_rate_limited(request):
        return rate_limited(request)
    remembered = request.session.get(SESSION_KEY) or {}
    if token := request.POST.get("token", ""):
        ids = signup_token_ids(token=token)
        if ids is None:
            return redirect("directory:signup")
        remembered = {"email": "", "shop_id": ids[0], "user_id": ids[1]}
    if not remembered.get("email") and not remembered.get("shop_id"):
        return redirect("directory:signup")
    if remembered.get("shop_id") and remembered.get("user_id"):
        user = shop_resend_confirmation(shop_id=remembered["shop_id"], user_id=remembered["user_id"])
        if user is None:
            messages.info(request, _("This entry is already confirmed. Please log in to manage it."))
            return redirect("accounts:login")
        _remember(request, email=user.email, shop_id=remembered["shop_id"], user_id=user.pk)
    messages.success(request, _("We have sent the e-mail again."))
    return redirect("directory:signup_sent")


@never_cache
@require_http_methods(["GET", "POST"])
def signup_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        data = signup_token_read(token=token)
        shop = Shop.objects.filter(pk=data.shop_id).first()
        if shop is None:
            raise SignupLinkInvalid("gone")
        if request.method == "POST":
            shop = shop_confirm_email(token=token)
    except SignupLinkExpired:
        return render(request, INVALID_TEMPLATE, {"token": token, "expired": True})
    except SignupLinkInvalid:
        return render(request, INVALID_TEMPLATE, {"token": "", "expired": False})
    if request.method == "GET":
        return render(request, "directory/signup_confirm.html", {"shop": shop})

    request.session.pop(SESSION_KEY, None)
    user = signup_login_user(token=token)
    if user is not None:
        login(request, user, backend=MODEL_BACKEND)
    elif not (request.user.is_authenticated and request.user.pk == data.user_id):
        messages.info(request, _("This entry is already confirmed. Please log in to manage it."))
        return redirect(reverse("accounts:login") + "?next=" + reverse("directory:my_shops"))
    if shop.is_published:
        messages.success(
            request,
            _(
                "Your shop is now listed. Next steps: add your opening hours and photos, "
                "and set a password for your account."
            ),
        )
    return redirect("directory:my_shops")


urlpatterns = [
    path("mitmachen/", signup, name="signup"),
    path("mitmachen/orte/", signup_localities, name="signup_localities"),
    path("mitmachen/gesendet/", signup_sent, name="signup_sent"),
    path("mitmachen/erneut-senden/", signup_resend, name="signup_resend"),
    path("mitmachen/bestaetigen/<str:token>/", signup_confirm, name="signup_confirm"),
]
