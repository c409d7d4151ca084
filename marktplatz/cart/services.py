"""
Changing a cart: add, change the quantity, remove, confirm changed prices, merge on login.

Quantities are limited by stock (counted stock) and by ``MAX_QUANTITY``; a request for more than
is there puts what is there into the cart and says so (``CartChange.limited``). The stock itself is
only taken when the checkout is placed (``orders.services.placing``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction

from marktplatz.catalog.models import Product, ProductVariant, StockMode

from .models import Cart, CartLine

MAX_QUANTITY = 99


class CartErrorCode(StrEnum):
    NOT_AVAILABLE = "not_available"
    SOLD_OUT = "sold_out"
    ON_REQUEST = "on_request"


class CartError(Exception):
    def __init__(self, code: CartErrorCode) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class CartChange:
    line: CartLine | None
    quantity: int  # in the cart now
    limited: bool  # fewer than asked for, because of stock or MAX_QUANTITY


def _buyable_variant(variant_id: int) -> ProductVariant:
    variant = (
        ProductVariant.objects.select_related("product")
        .filter(pk=variant_id, product__in=Product.objects.visible())
        .first()
    )
    if variant is None:
        raise CartError(CartErrorCode.NOT_AVAILABLE)
    if variant.product.stock_mode == StockMode.ON_REQUEST:
        raise CartError(CartErrorCode.ON_REQUEST)
    return variant


def quantity_limit(variant: ProductVariant) -> int:
    """The most a customer may put into the cart now."""
    if variant.product.stock_mode == StockMode.TRACKED:
        return min(variant.stock, MAX_QUANTITY)
    return MAX_QUANTITY


@transaction.atomic
def cart_line_add(*, cart: Cart, variant_id: int, quantity: int = 1) -> CartChange:
    """Add ``quantity`` units (on top of what is in the cart already)."""
    if quantity < 1:
        raise ValueError("quantity must be at least 1")
    variant = _buyable_variant(variant_id)
    limit = quantity_limit(variant)
    if limit < 1:
        raise CartError(CartErrorCode.SOLD_OUT)
    line = CartLine.objects.filter(cart=cart, variant=variant).first()
    wanted = quantity + (line.quantity if line else 0)
    if line is None:
        line = CartLine(cart=cart, variant=variant, price_seen=variant.price, quantity=0)
    line.quantity = min(wanted, limit)
    line.save()
    cart.save(update_fields=["updated_at"])
    return CartChange(line=line, quantity=line.quantity, limited=line.quantity < wanted)


@transaction.atomic
def cart_line_set(*, cart: Cart, line_id: int, quantity: int) -> CartChange:
    """Set the quantity of one line of ``cart`` (0 removes it). Lines of other carts are not found."""
    line = CartLine.objects.select_related("variant__product").filter(cart=cart, pk=line_id).first()
    if line is None:
        raise CartError(CartErrorCode.NOT_AVAILABLE)
    if quantity <= 0:
        line.delete()
        return CartChange(line=None, quantity=0, limited=False)
    limit = quantity_limit(line.variant)
    line.quantity = max(1, min(quantity, limit)) if limit else quantity
    line.save(update_fields=["quantity"])
    return CartChange(line=line, quantity=line.quantity, limited=line.quantity < quantity)


def cart_line_remove(*, cart: Cart, line_id: int) -> None:
    CartLine.objects.filter(cart=cart, pk=line_id).delete()


def cart_prices_confirm(*, cart: Cart) -> None:
    """The customer has seen the new prices: they become the prices of the cart."""
    with transaction.atomic():
        for line in CartLine.objects.filter(cart=cart).select_related("variant"):
            if line.price_seen != line.variant.price:
                line.price_seen = line.variant.price
                line.save(update_fields=["price_seen"])


def cart_lines_remove_variants(*, cart: Cart, variant_ids: Iterable[int]) -> None:
    """After a checkout: the ordered lines leave the cart."""
    CartLine.objects.filter(cart=cart, variant_id__in=list(variant_ids)).delete()


@transaction.atomic
def cart_merge(*, source: Cart, target: Cart) -> Cart:
    """Move the guest cart ``source`` into ``target`` (quantities add up, within limits), then delete it."""
    if source.pk == target.pk:
        return target
    existing = {line.variant_id: line for line in target.lines.select_related("variant__product")}
    for line in source.lines.select_related("variant__product"):
        kept = existing.get(line.variant_id)
        if kept is None:
            line.cart = target
            line.save(update_fields=["cart"])
            continue
        kept.quantity = max(
            1, min(kept.quantity + line.quantity, quantity_limit(kept.variant) or kept.quantity)
        )
        kept.save(update_fields=["quantity"])
    source.delete()
    return target
