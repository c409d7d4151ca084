"""Cart rules: quantities limited by stock, changes shown not applied, grouping by shop, merge on login."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

import pytest
from django.contrib.auth import login
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from marktplatz.accounts.models import User
from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.cart.models import Cart, CartLine
from marktplatz.cart.selectors import cart_view
from marktplatz.cart.services import (
    MAX_QUANTITY,
    CartError,
    CartErrorCode,
    cart_line_add,
    cart_line_set,
    cart_merge,
    cart_prices_confirm,
)
from marktplatz.cart.session import SESSION_CART, SESSION_COUNT
from marktplatz.catalog.models import StockMode
from marktplatz.catalog.services.products import VariantData, product_update
from marktplatz.catalog.tests.factories import ProductFactory
from marktplatz.orders.tests.helpers import counted_product, selling_shop

pytestmark = pytest.mark.django_db


def _variant_id(product) -> int:
    return product.variants.get().pk


def test_adding_more_than_in_stock_puts_what_is_there() -> None:
    product = counted_product(shop=selling_shop(), stock=3)

    change = cart_line_add(cart=Cart.objects.create(), variant_id=_variant_id(product), quantity=5)

    assert (change.quantity, change.limited) == (3, True)


def test_adding_twice_adds_up() -> None:
    cart = Cart.objects.create()
    product = counted_product(shop=selling_shop(), stock=10)

    cart_line_add(cart=cart, variant_id=_variant_id(product), quantity=2)
    change = cart_line_add(cart=cart, variant_id=_variant_id(product), quantity=3)

    assert (change.quantity, CartLine.objects.count()) == (5, 1)


def test_always_available_is_limited_by_the_maximum() -> None:
    product = ProductFactory(shop=selling_shop(), stock_mode=StockMode.ALWAYS)

    change = cart_line_add(cart=Cart.objects.create(), variant_id=_variant_id(product), quantity=500)

    assert change.quantity == MAX_QUANTITY


def test_sold_out_product_is_refused() -> None:
    product = counted_product(shop=selling_shop(), stock=0)

    with pytest.raises(CartError) as error:
        cart_line_add(cart=Cart.objects.create(), variant_id=_variant_id(product))

    assert error.value.code == CartErrorCode.SOLD_OUT


def test_on_request_product_cannot_go_into_the_cart() -> None:
    product = ProductFactory(shop=selling_shop(), stock_mode=StockMode.ON_REQUEST)

    with pytest.raises(CartError) as error:
        cart_line_add(cart=Cart.objects.create(), variant_id=_variant_id(product))

    assert error.value.code == CartErrorCode.ON_REQUEST


def test_hidden_product_cannot_go_into_the_cart() -> None:
    product = ProductFactory(shop=selling_shop(), is_active=False)

    with pytest.raises(CartError):
        cart_line_add(cart=Cart.objects.create(), variant_id=_variant_id(product))


def test_line_of_another_cart_cannot_be_changed() -> None:
    product = counted_product(shop=selling_shop(), stock=10)
    other = cart_line_add(cart=Cart.objects.create(), variant_id=_variant_id(product)).line
    assert other is not None

    with pytest.raises(CartError):
        cart_line_set(cart=Cart.objects.create(), line_id=other.pk, quantity=5)

    assert CartLine.objects.get(pk=other.pk).quantity == 1


def test_quantity_zero_removes_the_line() -> None:
    cart = Cart.objects.create()
    line = cart_line_add(
        cart=cart, variant_id=_variant_id(counted_product(shop=selling_shop(), stock=4))
    ).line
    assert line is not None

    cart_line_set(cart=cart, line_id=line.pk, quantity=0)

    assert not cart.lines.exists()


def test_cart_is_grouped_by_shop_with_subtotals() -> None:
    cart = Cart.objects.create()
    bakery, butcher = selling_shop(name="Bäckerei A"), selling_shop(name="Fleischerei B")
    cart_line_add(
        cart=cart, variant_id=_variant_id(counted_product(shop=bakery, stock=9, price="2.50")), quantity=2
    )
    cart_line_add(cart=cart, variant_id=_variant_id(counted_product(shop=butcher, stock=9, price="7.00")))

    view = cart_view(cart=cart)

    assert [(g.shop.name, g.subtotal) for g in view.groups] == [
        ("Bäckerei A", Decimal("5.00")),
        ("Fleischerei B", Decimal("7.00")),
    ]
    assert (view.total, view.units, view.can_check_out) == (Decimal("12.00"), 3, True)
    assert view.groups[0].fulfilments == ["pickup", "delivery", "shipping"]
    assert view.groups[0].below_delivery_minimum is True


def test_cart_view_costs_the_same_queries_for_many_lines(django_assert_num_queries) -> None:
    cart = Cart.objects.create()
    for _ in range(6):
        cart_line_add(cart=cart, variant_id=_variant_id(counted_product(shop=selling_shop(), stock=9)))

    with django_assert_num_queries(4):
        view = cart_view(cart=cart)
        [line.image for group in view.groups for line in group.lines]


def test_price_change_is_shown_not_applied() -> None:
    cart = Cart.objects.create()
    product = counted_product(shop=selling_shop(), stock=9, price="10.00")
    cart_line_add(cart=cart, variant_id=_variant_id(product))
    product_update(
        product=product, variants=[VariantData(id=_variant_id(product), price=Decimal("11.00"), stock=9)]
    )

    line = cart_view(cart=cart).groups[0].lines[0]

    assert (line.price_changed, line.line.price_seen, line.price) == (
        True,
        Decimal("10.00"),
        Decimal("11.00"),
    )
    assert cart_view(cart=cart).can_check_out is False


def test_confirming_prices_takes_the_new_price() -> None:
    cart = Cart.objects.create()
    product = counted_product(shop=selling_shop(), stock=9, price="10.00")
    cart_line_add(cart=cart, variant_id=_variant_id(product))
    product_update(
        product=product, variants=[VariantData(id=_variant_id(product), price=Decimal("11.00"), stock=9)]
    )

    cart_prices_confirm(cart=cart)

    assert cart_view(cart=cart).can_check_out is True


def test_stock_drop_below_cart_quantity_is_shown() -> None:
    cart = Cart.objects.create()
    product = counted_product(shop=selling_shop(), stock=5)
    cart_line_add(cart=cart, variant_id=_variant_id(product), quantity=4)
    product_update(
        product=product, variants=[VariantData(id=_variant_id(product), price=product.price, stock=2)]
    )

    line = cart_view(cart=cart).groups[0].lines[0]

    assert (line.quantity_too_high, line.max_quantity) == (True, 2)


def test_product_without_a_common_fulfilment_blocks_its_shop() -> None:
    cart = Cart.objects.create()
    shop = selling_shop()
    cart_line_add(cart=cart, variant_id=_variant_id(counted_product(shop=shop, stock=5, allows_pickup=False)))
    cart_line_add(
        cart=cart,
        variant_id=_variant_id(
            counted_product(shop=shop, stock=5, allows_delivery=False, allows_shipping=False)
        ),
    )

    view = cart_view(cart=cart)

    assert (view.groups[0].fulfilments, view.can_check_out) == ([], False)


def test_merge_adds_up_within_stock() -> None:
    product = counted_product(shop=selling_shop(), stock=5)
    user = cast(User, UserFactory())
    guest, account = Cart.objects.create(), Cart.objects.create(user=user)
    cart_line_add(cart=guest, variant_id=_variant_id(product), quantity=3)
    cart_line_add(cart=account, variant_id=_variant_id(product), quantity=4)

    cart_merge(source=guest, target=account)

    assert list(account.lines.values_list("quantity", flat=True)) == [5]
    assert not Cart.objects.filter(pk=guest.pk).exists()


def test_login_merges_the_guest_cart_into_the_account() -> None:
    user = cast(User, UserFactory())
    guest = Cart.objects.create()
    cart_line_add(
        cart=guest, variant_id=_variant_id(counted_product(shop=selling_shop(), stock=5)), quantity=2
    )
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request.session[SESSION_CART] = guest.pk

    login(request, user, backend="django.contrib.auth.backends.ModelBackend")

    assert Cart.objects.get(user=user).lines.get().quantity == 2
    assert (request.session.get(SESSION_CART), request.session[SESSION_COUNT]) == (None, 2)


def test_cart_line_is_unique_per_variant() -> None:
    cart = Cart.objects.create()
    product = counted_product(shop=selling_shop(), stock=5)
    cart_line_add(cart=cart, variant_id=_variant_id(product))
    cart_line_add(cart=cart, variant_id=_variant_id(product))

    assert CartLine.objects.filter(cart=cart).count() == 1
