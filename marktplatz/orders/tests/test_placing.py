"""Placing a checkout: one order per shop, stock taken, all or nothing, once per idempotency key."""

from __future__ import annotations

from decimal import Decimal
from unittest import mock

import pytest

from marktplatz.catalog.models import ProductVariant, StockMode
from marktplatz.catalog.services.products import VariantData, product_update
from marktplatz.orders.errors import CheckoutError, CheckoutErrorCode
from marktplatz.orders.models import Checkout, Order, OrderLine
from marktplatz.orders.services.placing import Address, ShopChoice, checkout_place

from .helpers import CONTACT, counted_product, line, pickup, selling_shop

pytestmark = pytest.mark.django_db

ADDRESS = Address(street="Lange Straße 3", postal_code="18055", locality="Rostock")


def test_one_order_per_shop_under_one_reference() -> None:
    shops = [selling_shop(), selling_shop(), selling_shop()]
    products = [counted_product(shop=shop, stock=5) for shop in shops]

    checkout = checkout_place(
        idempotency_key="k1",
        contact=CONTACT,
        lines=[line(product, 2) for product in products],
        choices={shop.pk: pickup() for shop in shops},
    )

    orders = list(checkout.orders.order_by("number"))
    assert [order.shop_id for order in orders] == sorted(shop.pk for shop in shops)
    assert [order.number for order in orders] == [f"{checkout.reference}-{n}" for n in (1, 2, 3)]
    assert [order.total for order in orders] == [Decimal("20.00")] * 3


def test_stock_is_taken() -> None:
    shop = selling_shop()
    product = counted_product(shop=shop, stock=5)

    checkout_place(
        idempotency_key="k", contact=CONTACT, lines=[line(product, 3)], choices={shop.pk: pickup()}
    )

    assert product.variants.get().stock == 2


def test_last_unit_sold_marks_product_out_of_stock() -> None:
    shop = selling_shop()
    product = counted_product(shop=shop, stock=1)

    checkout_place(idempotency_key="k", contact=CONTACT, lines=[line(product)], choices={shop.pk: pickup()})

    product.refresh_from_db()
    assert product.in_stock is False


def test_same_idempotency_key_places_once() -> None:
    shop = selling_shop()
    product = counted_product(shop=shop, stock=5)
    args = {"contact": CONTACT, "lines": [line(product)], "choices": {shop.pk: pickup()}}

    first = checkout_place(idempotency_key="same", **args)
    second = checkout_place(idempotency_key="same", **args)

    assert first.pk == second.pk
    assert (Order.objects.count(), product.variants.get().stock) == (1, 4)


def test_sold_out_line_stops_the_whole_checkout() -> None:
    shop = selling_shop()
    plenty = counted_product(shop=shop, stock=5)
    scarce = counted_product(shop=shop, stock=1)

    with pytest.raises(CheckoutError) as error:
        checkout_place(
            idempotency_key="k",
            contact=CONTACT,
            lines=[line(plenty, 2), line(scarce, 2)],
            choices={shop.pk: pickup()},
        )

    assert error.value.code == CheckoutErrorCode.SOLD_OUT
    assert error.value.variant_ids == [scarce.variants.get().pk]
    assert (Checkout.objects.count(), plenty.variants.get().stock, scarce.variants.get().stock) == (0, 5, 1)


def test_failure_after_stock_was_taken_leaves_nothing() -> None:
    shop = selling_shop()
    product = counted_product(shop=shop, stock=5)

    with (
        mock.patch.object(OrderLine.objects, "bulk_create", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        checkout_place(
            idempotency_key="k", contact=CONTACT, lines=[line(product, 2)], choices={shop.pk: pickup()}
        )

    assert (Checkout.objects.count(), Order.objects.count(), product.variants.get().stock) == (0, 0, 5)


def test_changed_price_is_not_applied_silently() -> None:
    shop = selling_shop()
    product = counted_product(shop=shop, stock=5, price="10.00")
    seen = line(product)
    variant = product.variants.get()
    product_update(product=product, variants=[VariantData(id=variant.pk, price=Decimal("12.00"), stock=5)])

    with pytest.raises(CheckoutError) as error:
        checkout_place(idempotency_key="k", contact=CONTACT, lines=[seen], choices={shop.pk: pickup()})

    assert (error.value.code, error.value.variant_ids) == (CheckoutErrorCode.PRICE_CHANGED, [variant.pk])


def test_hidden_product_cannot_be_bought() -> None:
    shop = selling_shop()
    product = counted_product(shop=shop, stock=5)
    seen = line(product)
    product_update(product=product, is_active=False)

    with pytest.raises(CheckoutError) as error:
        checkout_place(idempotency_key="k", contact=CONTACT, lines=[seen], choices={shop.pk: pickup()})

    assert error.value.code == CheckoutErrorCode.NOT_AVAILABLE


def test_fulfilment_the_shop_does_not_offer_is_refused() -> None:
    shop = selling_shop()
    shop.services.filter(kind="shipping").delete()
    product = counted_product(shop=shop, stock=5)

    with pytest.raises(CheckoutError) as error:
        checkout_place(
            idempotency_key="k",
            contact=CONTACT,
            lines=[line(product)],
            choices={shop.pk: ShopChoice(fulfilment="shipping", payment_method="invoice")},
            address=ADDRESS,
        )

    assert (error.value.code, error.value.shop_ids) == (CheckoutErrorCode.FULFILMENT_NOT_OFFERED, [shop.pk])


def test_delivery_below_minimum_order_is_refused() -> None:
    shop = selling_shop()
    product = counted_product(shop=shop, stock=5, price="10.00")

    with pytest.raises(CheckoutError) as error:
        checkout_place(
            idempotency_key="k",
            contact=CONTACT,
            lines=[line(product)],
            choices={shop.pk: ShopChoice(fulfilment="delivery", payment_method="cash_on_delivery")},
            address=ADDRESS,
        )

    assert error.value.code == CheckoutErrorCode.BELOW_MINIMUM_ORDER


def test_delivery_adds_the_shops_fee() -> None:
    shop = selling_shop()
    product = counted_product(shop=shop, stock=5, price="10.00")

    checkout = checkout_place(
        idempotency_key="k",
        contact=CONTACT,
        lines=[line(product, 2)],
        choices={shop.pk: ShopChoice(fulfilment="delivery", payment_method="cash_on_delivery")},
        address=ADDRESS,
    )

    order = checkout.orders.get()
    assert (order.subtotal, order.delivery_fee, order.total) == (
        Decimal("20.00"),
        Decimal("3.50"),
        Decimal("23.50"),
    )
    assert order.delivery_postal_code == "18055"


def test_always_available_product_keeps_its_count() -> None:
    shop = selling_shop()
    product = counted_product(shop=shop, stock=0)
    product_update(product=product, stock_mode=StockMode.ALWAYS)

    checkout = checkout_place(
        idempotency_key="k", contact=CONTACT, lines=[line(product, 4)], choices={shop.pk: pickup()}
    )

    assert checkout.orders.get().lines.get().stock_reserved is False
    assert ProductVariant.objects.get(product=product).stock == 0
