"""
50 buyers at once for a product with 10 units: exactly 10 are sold, 40 hear "sold out", the stock
ends at 0 and never goes below. Real threads and real transactions, on PostgreSQL (row locks of
the conditional UPDATE) and on SQLite (one writer at a time, ``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from marktplatz.catalog.models import Product, ProductVariant
from marktplatz.orders.errors import CheckoutError, CheckoutErrorCode
from marktplatz.orders.models import Order, OrderLine
from marktplatz.orders.services.placing import checkout_place

from .helpers import CONTACT, counted_product, line, pickup, selling_shop

BUYERS = 50
STOCK = 10


def _buy_concurrently(*, keys: list[str]) -> list[str]:
    shop = selling_shop()
    product = counted_product(shop=shop, stock=STOCK)
    cart_line = line(product)
    barrier = threading.Barrier(len(keys))

    def buy(key: str) -> str:
        try:
            barrier.wait(timeout=30)
            checkout_place(
                idempotency_key=key, contact=CONTACT, lines=[cart_line], choices={shop.pk: pickup()}
            )
            return "ordered"
        except CheckoutError as error:
            return str(error.code)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(keys)) as pool:
        return list(pool.map(buy, keys))


@pytest.mark.django_db(transaction=True)
def test_fifty_buyers_ten_units() -> None:
    outcomes = _buy_concurrently(keys=[f"buyer-{n}" for n in range(BUYERS)])

    assert outcomes.count("ordered") == STOCK
    assert outcomes.count(CheckoutErrorCode.SOLD_OUT) == BUYERS - STOCK
    assert ProductVariant.objects.get().stock == 0
    assert sum(OrderLine.objects.values_list("quantity", flat=True)) == STOCK
    assert Order.objects.count() == STOCK
    assert Product.objects.get().in_stock is False


@pytest.mark.django_db(transaction=True)
def test_double_submit_at_the_same_moment_orders_once() -> None:
    outcomes = _buy_concurrently(keys=["same-key"] * 8)

    assert outcomes == ["ordered"] * 8
    assert Order.objects.count() == 1
    assert ProductVariant.objects.get().stock == STOCK - 1
