"""
Which cart belongs to a request: the account's for a logged-in customer, the session's for a guest.
The session also keeps the number of units in the cart for the header (no query on every page).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Sum
from django.http import HttpRequest

from marktplatz.accounts.models import User

from .models import Cart
from .services import cart_merge

SESSION_CART = "cart_id"
SESSION_COUNT = "cart_count"


def cart_get(request: HttpRequest, *, create: bool = False) -> Cart | None:
    """The cart of this visitor; with ``create`` a new one if there is none yet."""
    user = request.user
    if user.is_authenticated:
        assert isinstance(user, User)
        cart = Cart.objects.filter(user=user).first()
        if cart is None and create:
            cart, _ = Cart.objects.get_or_create(user=user)
        return cart
    cart_id = request.session.get(SESSION_CART)
    cart = Cart.objects.filter(pk=cart_id, user__isnull=True).first() if cart_id else None
    if cart is None and create:
        cart = Cart.objects.create()
        request.session[SESSION_CART] = cart.pk
    return cart


def cart_count_store(request: HttpRequest, cart: Cart | None) -> int:
    """Count the units in ``cart`` and remember the number in the session for the header."""
    count = 0
    if cart is not None:
        count = cart.lines.aggregate(units=Sum("quantity"))["units"] or 0
    if count:
        request.session[SESSION_COUNT] = count
    else:
        request.session.pop(SESSION_COUNT, None)
    return count


def merge_on_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """After login the guest's cart (if any) joins the account's cart."""
    if request is None or not hasattr(request, "session"):
        return
    cart_id = request.session.pop(SESSION_CART, None)
    guest = Cart.objects.filter(pk=cart_id, user__isnull=True).first() if cart_id else None
    if guest is None:
        cart_count_store(request, Cart.objects.filter(user=user).first())
        return
    account_cart = Cart.objects.filter(user=user).first()
    if account_cart is None:
        guest.user = user
        guest.save(update_fields=["user"])
        account_cart = guest
    else:
        account_cart = cart_merge(source=guest, target=account_cart)
    cart_count_store(request, account_cart)
