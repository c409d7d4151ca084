"""An order's status changes: the workflow, the record of who did what, and stock on cancelling."""

from __future__ import annotations

import pytest

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.orders.errors import TransitionNotAllowed
from marktplatz.orders.models import Order, OrderStatus
from marktplatz.orders.services.placing import checkout_place
from marktplatz.orders.services.workflow import order_cancel, order_next_statuses, order_transition

from .helpers import CONTACT, counted_product, line, pickup, selling_shop

pytestmark = pytest.mark.django_db


def _order(stock: int = 5, quantity: int = 2) -> Order:
    shop = selling_shop()
    product = counted_product(shop=shop, stock=stock)
    checkout = checkout_place(
        idempotency_key="k", contact=CONTACT, lines=[line(product, quantity)], choices={shop.pk: pickup()}
    )
    return checkout.orders.get()


def test_pickup_order_goes_through_ready_for_pickup() -> None:
    order = _order()
    owner = UserFactory()

    order = order_transition(order=order, to_status=OrderStatus.ACCEPTED, by=owner)
    assert order_next_statuses(order) == [OrderStatus.READY_FOR_PICKUP]
    order = order_transition(order=order, to_status=OrderStatus.READY_FOR_PICKUP, by=owner)
    order = order_transition(order=order, to_status=OrderStatus.COMPLETED, by=owner)

    assert [(e.from_status, e.to_status, e.by_id) for e in order.events.all()] == [
        ("", "new", None),
        ("new", "accepted", owner.pk),
        ("accepted", "ready", owner.pk),
        ("ready", "completed", owner.pk),
    ]


def test_skipping_a_step_is_refused() -> None:
    order = _order()

    with pytest.raises(TransitionNotAllowed):
        order_transition(order=order, to_status=OrderStatus.COMPLETED, by=None)

    assert Order.objects.get(pk=order.pk).status == OrderStatus.NEW


def test_cancelling_returns_the_stock() -> None:
    order = _order(stock=5, quantity=2)
    variant = order.lines.get().variant
    assert variant is not None

    order_cancel(order=order, reason="Ware beschädigt", by=UserFactory())

    variant.refresh_from_db()
    assert variant.stock == 5
    assert Order.objects.get(pk=order.pk).cancel_reason == "Ware beschädigt"


def test_shop_must_give_a_reason_to_cancel() -> None:
    with pytest.raises(TransitionNotAllowed):
        order_cancel(order=_order(), reason=" ", by=UserFactory())


def test_customer_may_cancel_a_new_order() -> None:
    order = order_cancel(order=_order(), reason="", by=None, by_customer=True)

    assert order.status == OrderStatus.CANCELLED


def test_customer_may_not_cancel_an_accepted_order() -> None:
    order = order_transition(order=_order(), to_status=OrderStatus.ACCEPTED, by=None)

    with pytest.raises(TransitionNotAllowed):
        order_cancel(order=order, reason="", by=None, by_customer=True)

    assert Order.objects.get(pk=order.pk).status == OrderStatus.ACCEPTED


def test_stale_order_object_cannot_move_twice() -> None:
    order = _order()
    stale = Order.objects.get(pk=order.pk)
    order_transition(order=order, to_status=OrderStatus.ACCEPTED, by=None)

    with pytest.raises(TransitionNotAllowed):
        order_transition(order=stale, to_status=OrderStatus.ACCEPTED, by=None)

    assert order.events.count() == 2
