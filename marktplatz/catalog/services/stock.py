"""
Taking units out of stock and putting them back – the one place where stock changes for a sale.

No read-check-write: each variant is decremented by one conditional UPDATE
(``SET stock = stock - n WHERE id = … AND stock >= n``) whose row count says whether the units were
there. That is atomic on PostgreSQL and on SQLite alike (where ``select_for_update`` does nothing).
Variants are updated in primary-key order, so two checkouts that want the same variants lock them
in the same order and cannot deadlock. Call these inside the caller's transaction: when one line
is sold out, ``StockShortage`` is raised and the caller's rollback returns what was already taken.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from ..models import ProductVariant, StockMode
from .products import product_summary_refresh


@dataclass(frozen=True)
class Shortage:
    variant_id: int
    wanted: int
    available: int


class StockShortage(Exception):
    """Some variants do not have the units asked for; nothing was taken."""

    def __init__(self, shortages: list[Shortage]) -> None:
        super().__init__(f"Not enough stock for variants {[s.variant_id for s in shortages]}")
        self.shortages = shortages


def _merged(quantities: Iterable[tuple[int, int]]) -> dict[int, int]:
    merged: dict[int, int] = defaultdict(int)
    for variant_id, quantity in quantities:
        if quantity <= 0:
            raise ValueError("Quantities must be positive.")
        merged[variant_id] += quantity
    return dict(merged)


def stock_reserve(*, quantities: Iterable[tuple[int, int]]) -> None:
    """
    Take ``quantity`` units of each ``(variant_id, quantity)`` whose product counts its stock
    (products "always available" or "on request" are not counted). All or nothing: raise
    ``StockShortage`` naming every variant that falls short. Must run inside a transaction.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("stock_reserve must run inside transaction.atomic()")
    wanted = _merged(quantities)
    counted = dict(
        ProductVariant.objects.filter(pk__in=wanted, product__stock_mode=StockMode.TRACKED).values_list(
            "pk", "product_id"
        )
    )
    shortages: list[Shortage] = []
    for variant_id in sorted(counted):
        quantity = wanted[variant_id]
        taken = ProductVariant.objects.filter(pk=variant_id, stock__gte=quantity).update(
            stock=F("stock") - quantity
        )
        if not taken:
            available = ProductVariant.objects.filter(pk=variant_id).values_list("stock", flat=True).first()
            shortages.append(Shortage(variant_id=variant_id, wanted=quantity, available=available or 0))
    if shortages:
        raise StockShortage(shortages)
    product_summary_refresh(product_ids=set(counted.values()))


def stock_release(*, quantities: Mapping[int, int] | Iterable[tuple[int, int]]) -> None:
    """Put units back (a cancelled order); variants deleted meanwhile are skipped."""
    items = quantities.items() if isinstance(quantities, Mapping) else quantities
    wanted = _merged(items)
    counted = dict(
        ProductVariant.objects.filter(pk__in=wanted, product__stock_mode=StockMode.TRACKED).values_list(
            "pk", "product_id"
        )
    )
    with transaction.atomic():
        for variant_id in sorted(counted):
            ProductVariant.objects.filter(pk=variant_id).update(stock=F("stock") + wanted[variant_id])
        product_summary_refresh(product_ids=set(counted.values()))
