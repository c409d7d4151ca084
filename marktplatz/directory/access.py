"""
The one door to a shop's back office. Every view and endpoint that changes a shop gets it here,
so that a forgotten permission check cannot be written: a shop that does not exist and a shop the
user does not manage raise the same ``Http404``.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from marktplatz.accounts.models import User

from .models import Shop, ShopMembership


def shops_managed_by(user: User | AnonymousUser) -> QuerySet[Shop]:
    """The shops ``user`` may manage (owner or staff), whatever their status."""
    if not user.is_authenticated:
        return Shop.objects.none()
    return Shop.objects.filter(memberships__user=user).distinct()


def access_shop(user: User | AnonymousUser, shop_id: int, *, owner_only: bool = False) -> Shop:
    """
    Return the shop ``shop_id`` if ``user`` manages it; with ``owner_only`` only owners pass
    (staff may edit the shop, but only owners manage its team). Raise ``Http404`` otherwise.
    """
    if not user.is_authenticated:
        raise Http404
    memberships = ShopMembership.objects.filter(user=user, shop_id=shop_id)
    if owner_only:
        memberships = memberships.filter(role=ShopMembership.Role.OWNER)
    membership = memberships.select_related("shop").first()
    if membership is None:
        raise Http404
    return membership.shop
