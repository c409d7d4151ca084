"""Reads of the initiatives: the public list and page, the manager's requests, a shop's memberships."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from marktplatz.accounts.models import User
from marktplatz.directory.access import shops_managed_by
from marktplatz.directory.models import Shop

from .models import Initiative, InitiativeManager, InitiativeMembership

CONFIRMED = InitiativeMembership.Status.CONFIRMED
REQUESTED = InitiativeMembership.Status.REQUESTED

# A membership shows on public pages when it is confirmed and the shop is published.
_PUBLIC_MEMBER = Q(memberships__status=CONFIRMED, memberships__shop__status=Shop.Status.PUBLISHED)


def initiative_list() -> QuerySet[Initiative]:
    """Published initiatives by name, each with ``member_count`` (published shops, confirmed)."""
    return (
        Initiative.objects.published()
        .annotate(member_count=Count("memberships", filter=_PUBLIC_MEMBER))
        .order_by("name")
    )


def initiative_get_published(*, slug: str) -> Initiative:
    """The published initiative ``slug``; ``Http404`` when missing or hidden."""
    return get_object_or_404(Initiative.objects.published(), slug=slug)


def initiative_members(*, initiative: Initiative) -> QuerySet[Shop]:
    """The published shops with a confirmed membership in ``initiative``, by name."""
    return (
        Shop.objects.published()
        .filter(initiative_memberships__initiative=initiative, initiative_memberships__status=CONFIRMED)
        .order_by("name")
    )


def shop_initiatives_prefetch(*, to_attr: str = "confirmed_initiative_memberships") -> Prefetch[str]:
    """
    A prefetch for ``Shop`` querysets: the shop's confirmed memberships in published initiatives
    (with the initiative), as the list ``shop.<to_attr>``.
    """
    memberships = (
        InitiativeMembership.objects.filter(status=CONFIRMED, initiative__status=Initiative.Status.PUBLISHED)
        .select_related("initiative")
        .order_by("initiative__name")
    )
    return Prefetch("initiative_memberships", queryset=memberships, to_attr=to_attr)


def initiative_is_managed_by(*, initiative: Initiative, user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    return InitiativeManager.objects.filter(initiative=initiative, user=user).exists()


def initiative_manager_emails(*, initiative: Initiative) -> list[str]:
    """The e-mail addresses of the active managers of ``initiative``."""
    return list(
        InitiativeManager.objects.filter(initiative=initiative, user__is_active=True)
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )


@dataclass(frozen=True)
class JoinOptions:
    """What a visitor can do about joining: which of their shops may ask, which are in or waiting."""

    shops_that_may_ask: list[Shop]
    requested: list[Shop]
    confirmed: list[Shop]
    manages_shops: bool


def initiative_join_options(*, initiative: Initiative, user: User | AnonymousUser) -> JoinOptions:
    """The shops ``user`` manages, split by their membership in ``initiative`` (two queries)."""
    if not user.is_authenticated:
        return JoinOptions([], [], [], manages_shops=False)
    shops = list(shops_managed_by(user).order_by("name"))
    status_by_shop = dict(
        InitiativeMembership.objects.filter(
            initiative=initiative, shop__in=[s.pk for s in shops]
        ).values_list("shop_id", "status")
    )
    return JoinOptions(
        shops_that_may_ask=[s for s in shops if status_by_shop.get(s.pk) in (None, "declined")],
        requested=[s for s in shops if status_by_shop.get(s.pk) == REQUESTED],
        confirmed=[s for s in shops if status_by_shop.get(s.pk) == CONFIRMED],
        manages_shops=bool(shops),
    )


def initiative_pending_requests(*, initiative: Initiative) -> QuerySet[InitiativeMembership]:
    """Requests waiting for a manager's decision, oldest first, with the shop."""
    return (
        InitiativeMembership.objects.filter(initiative=initiative, status=REQUESTED)
        .select_related("shop")
        .order_by("requested_at", "pk")
    )


def initiative_confirmed_memberships(*, initiative: Initiative) -> QuerySet[InitiativeMembership]:
    """Confirmed memberships (whatever the shop's status), by shop name, with the shop."""
    return (
        InitiativeMembership.objects.filter(initiative=initiative, status=CONFIRMED)
        .select_related("shop")
        .order_by("shop__name")
    )


def initiative_membership_get(*, initiative: Initiative, membership_id: int) -> InitiativeMembership:
    """A membership of ``initiative`` (with shop); ``Http404`` for one of another initiative."""
    return get_object_or_404(
        InitiativeMembership.objects.select_related("shop", "initiative"),
        pk=membership_id,
        initiative=initiative,
    )


def initiatives_managed_by(*, user: User | AnonymousUser) -> QuerySet[Initiative]:
    """The initiatives ``user`` manages (whatever their status), by name."""
    if not user.is_authenticated:
        return Initiative.objects.none()
    return Initiative.objects.filter(managers__user=user).order_by("name")
