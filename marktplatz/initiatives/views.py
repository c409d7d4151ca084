"""
Initiative pages: the public list and page (members as a list and on a map), the join request of a
shop's manager, and the management page where an initiative's managers decide on requests.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marktplatz.directory.access import access_shop

from .access import access_initiative
from .forms import DecisionForm, JoinForm
from .models import Initiative
from .selectors import (
    initiative_confirmed_memberships,
    initiative_get_published,
    initiative_is_managed_by,
    initiative_join_options,
    initiative_list,
    initiative_members,
    initiative_pending_requests,
)
from .services import MembershipError, initiative_membership_decide, initiative_membership_request


def initiatives_list(request: HttpRequest) -> HttpResponse:
    return render(request, "initiatives/list.html", {"initiatives": initiative_list()})


def _detail_context(
    request: HttpRequest, initiative: Initiative, join_form: JoinForm | None
) -> dict[str, Any]:
    members = list(initiative_members(initiative=initiative))
    options = initiative_join_options(initiative=initiative, user=request.user)
    if join_form is None and options.shops_that_may_ask:
        join_form = JoinForm(shops=options.shops_that_may_ask)
    return {
        "initiative": initiative,
        "members": members,
        "map_markers": [
            {
                "name": shop.name,
                "url": shop.get_absolute_url(),
                "address": f"{shop.street}, {shop.postal_code} {shop.locality}",
                "lat": shop.lat,
                "lon": shop.lon,
            }
            for shop in members
        ],
        "join": options,
        "join_form": join_form,
        "is_manager": initiative_is_managed_by(initiative=initiative, user=request.user),
    }


def initiative_detail(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_get_published(slug=slug)
    return render(request, "initiatives/detail.html", _detail_context(request, initiative, None))


@login_required
@require_POST
def initiative_join(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_get_published(slug=slug)
    options = initiative_join_options(initiative=initiative, user=request.user)
    form = JoinForm(request.POST, shops=options.shops_that_may_ask)
    if not form.is_valid():
        return render(
            request, "initiatives/detail.html", _detail_context(request, initiative, form), status=400
        )
    shop = access_shop(request.user, form.cleaned_data["shop"])
    assert request.user.is_authenticated
    try:
        initiative_membership_request(initiative=initiative, shop=shop, requested_by=request.user)
    except MembershipError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Thank you! %(initiative)s has received the request of %(shop)s and will decide soon.")
            % {"initiative": initiative.name, "shop": shop.name},
        )
    return redirect(initiative)


@login_required
def initiative_manage(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access_initiative(request.user, initiative_id)
    return render(
        request,
        "initiatives/manage.html",
        {
            "initiative": initiative,
            "pending": list(initiative_pending_requests(initiative=initiative)),
            "confirmed": list(initiative_confirmed_memberships(initiative=initiative)),
        },
    )


@login_required
@require_POST
def initiative_decide(request: HttpRequest, initiative_id: int, membership_id: int) -> HttpResponseRedirect:
    initiative = access_initiative(request.user, initiative_id)
    form = DecisionForm(request.POST)
    manage = redirect("initiatives:manage", initiative_id=initiative.pk)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for error in form.errors["decision"]))
        return manage
    assert request.user.is_authenticated
    try:
        membership = initiative_membership_decide(
            initiative=initiative, membership_id=membership_id, decided_by=request.user, confirm=form.confirm
        )
    except MembershipError as error:
        messages.error(request, error.message)
        return manage
    text = (
        _("%(shop)s is now a member of %(initiative)s.")
        if form.confirm
        else _("You have declined the request of %(shop)s.")
    )
    messages.success(request, text % {"shop": membership.shop.name, "initiative": initiative.name})
    return manage
