"""
A shop's team: only owners see and change it (``access_shop(..., owner_only=True)``), staff get a
404 like anyone else. The invitation link is the one page reached without a membership: the
signed token in its address is the permission.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from marktplatz.accounts.models import User

from ..forms.backoffice import InvitationForm, InvitationSignupForm, add_service_errors
from ..models import Shop, ShopMembership, StaffInvitation
from ..services import team as team_services
from .backoffice import backoffice_context, request_user, shop_view


def _team_page(request: HttpRequest, shop: Shop, form: InvitationForm) -> HttpResponse:
    memberships = list(shop.memberships.select_related("user").order_by("role", "user__email"))
    owners = sum(1 for membership in memberships if membership.role == ShopMembership.Role.OWNER)
    context = backoffice_context(
        request,
        shop,
        "team",
        form=form,
        memberships=memberships,
        removable_owner=owners > 1,
        invitations=shop.invitations.filter(accepted_at=None).order_by("email"),
    )
    return render(request, "directory/backoffice/team.html", context)


@shop_view(owner_only=True)
def shop_team(request: HttpRequest, shop: Shop) -> HttpResponse:
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = team_services.invitation_create(
                shop=shop,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request_user(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The invitation is on its way to %(email)s.") % {"email": invitation.email}
            )
            return redirect("directory:shop_team", shop_id=shop.pk)
    return _team_page(request, shop, form)


@shop_view(owner_only=True, post_only=True)
def shop_invitation_withdraw(request: HttpRequest, shop: Shop, invitation_id: int) -> HttpResponse:
    try:
        team_services.invitation_withdraw(shop=shop, invitation_id=invitation_id)
    except StaffInvitation.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("The invitation is withdrawn; its link no longer works."))
    return redirect("directory:shop_team", shop_id=shop.pk)


@shop_view(owner_only=True, post_only=True)
def shop_member_remove(request: HttpRequest, shop: Shop, membership_id: int) -> HttpResponse:
    try:
        team_services.membership_remove(shop=shop, membership_id=membership_id)
    except ShopMembership.DoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("directory:shop_team", shop_id=shop.pk)
    if not shop.memberships.filter(user=request_user(request)).exists():
        messages.success(request, _("You no longer manage %(shop)s.") % {"shop": shop.name})
        return redirect("directory:my_shops")
    messages.success(request, _("The person no longer manages this shop."))
    return redirect("directory:shop_team", shop_id=shop.pk)


def _invalid(request: HttpRequest, problem: team_services.InvitationInvalid) -> HttpResponse:
    context = {"reason": problem.reason}
    return render(request, "directory/backoffice/invitation_invalid.html", context, status=410)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """
    The link of the invitation e-mail. Logged in with the invited address: a button to accept
    (a GET never changes anything, so link checkers in mail programs cannot accept for anyone).
    Not logged in: log in first, or create the account for that address right here.
    """
    try:
        invitation = team_services.invitation_from_token(token=token)
    except team_services.InvitationInvalid as problem:
        return _invalid(request, problem)
    context: dict[str, object] = {"invitation": invitation, "shop": invitation.shop}
    user = request.user
    if user.is_authenticated:
        assert isinstance(user, User)
        if not team_services.invitation_matches(invitation=invitation, user=user):
            return render(request, "directory/backoffice/invitation_other_user.html", context, status=403)
        if request.method == "POST":
            try:
                team_services.invitation_accept(invitation=invitation, user=user)
            except team_services.InvitationInvalid as problem:
                return _invalid(request, problem)
            messages.success(request, _("Welcome! You now manage %(shop)s.") % {"shop": invitation.shop.name})
            return redirect("directory:shop_dashboard", shop_id=invitation.shop_id)
        return render(request, "directory/backoffice/invitation_accept.html", context)

    if User.objects.filter(email__iexact=invitation.email).exists():
        login_url = reverse("accounts:login") + "?" + urlencode({"next": request.path})
        return render(
            request, "directory/backoffice/invitation_login.html", {**context, "login_url": login_url}
        )

    form = InvitationSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new_user, _membership = team_services.invitation_accept_with_new_account(
                invitation=invitation,
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except team_services.InvitationInvalid as problem:
            return _invalid(request, problem)
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            login(request, new_user, backend=settings.AUTHENTICATION_BACKENDS[0])
            messages.success(request, _("Welcome! You now manage %(shop)s.") % {"shop": invitation.shop.name})
            return redirect("directory:shop_dashboard", shop_id=invitation.shop_id)
    return render(request, "directory/backoffice/invitation_signup.html", {**context, "form": form})


urlpatterns: list[URLPattern] = [
    path("meine-geschaefte/<int:shop_id>/team/", shop_team, name="shop_team"),
    path(
        "meine-geschaefte/<int:shop_id>/team/einladungen/<int:invitation_id>/zurueckziehen/",
        shop_invitation_withdraw,
        name="shop_invitation_withdraw",
    ),
    path(
        "meine-geschaefte/<int:shop_id>/team/<int:membership_id>/entfernen/",
        shop_member_remove,
        name="shop_member_remove",
    ),
    path("meine-geschaefte/einladung/<str:token>/", invitation_accept, name="invitation_accept"),
]
