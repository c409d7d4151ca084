"""
An order's way through the shop: new → accepted → ready for pickup / out for delivery / shipped →
completed, or cancelled. Every change is recorded as an ``OrderEvent`` (who, when, why). Cancelling
puts the reserved units back into stock in the same transaction. The customer may cancel only
until the shop has accepted the order.
"""

from __future__ import annotations

from django.db import transaction

from marktplatz.accounts.models import User
from marktplatz.catalog.services.stock import stock_release

from ..errors import TransitionNotAllowed
from ..models import Fulfilment, Order, OrderEvent, OrderStatus

_NEXT: dict[str, set[str]] = {
    OrderStatus.NEW: {OrderStatus.ACCEPTED, OrderStatus.CANCELLED},
    OrderStatus.ACCEPTED: {
        OrderStatus.READY_FOR_PICKUP,
        OrderStatus.OUT_FOR_DELIVERY,
        OrderStatus.SHIPPED,
        OrderStatus.CANCELLED,
    },
    OrderStatus.READY_FOR_PICKUP: {OrderStatus.COMPLETED, OrderStatus.CANCELLED},
    OrderStatus.OUT_FOR_DELIVERY: {OrderStatus.COMPLETED, OrderStatus.CANCELLED},
    OrderStatus.SHIPPED: {OrderStatus.COMPLETED},
    OrderStatus.COMPLETED: set(),
    OrderStatus.CANCELLED: set(),
}
# The middle step that fits the order's fulfilment.
_HANDOVER = {
    Fulfilment.PICKUP: OrderStatus.READY_FOR_PICKUP,
    Fulfilment.DELIVERY: OrderStatus.OUT_FOR_DELIVERY,
    Fulfilment.SHIPPING: OrderStatus.SHIPPED,
}


def order_next_statuses(order: Order) -> list[str]:
    """The statuses the shop may move ``order`` to now (without cancelling), in workflow order."""
    allowed = _NEXT[order.status] - {OrderStatus.CANCELLED}
    if order.status == OrderStatus.ACCEPTED:
        allowed = {_HANDOVER[Fulfilment(order.fulfilment)]}
    return [status for status in OrderStatus.values if status in allowed]


@transaction.atomic
def order_transition(*, order: Order, to_status: str, by: User | None, note: str = "") -> Order:
    """Move ``order`` on in its workflow; raise ``TransitionNotAllowed`` for a step that does not fit."""
    if to_status == OrderStatus.CANCELLED:
        raise TransitionNotAllowed("Use order_cancel to cancel an order.")
    return _move(order=order, to_status=to_status, by=by, note=note, allowed=order_next_statuses(order))


@transaction.atomic
def order_cancel(*, order: Order, reason: str, by: User | None, by_customer: bool = False) -> Order:
    """
    Cancel ``order`` and put its reserved units back. The shop gives a reason; the customer may
    cancel only a new order.
    """
    allowed = [OrderStatus.CANCELLED] if order.status == OrderStatus.NEW or not by_customer else []
    if not by_customer and not reason.strip():
        raise TransitionNotAllowed("The shop must give a reason.")
    order = _move(
        order=order,
        to_status=OrderStatus.CANCELLED,
        by=by,
        note=reason,
        allowed=[s for s in allowed if s in _NEXT[order.status]],
        by_customer=by_customer,
    )
    order.cancel_reason = reason
    order.save(update_fields=["cancel_reason", "updated_at"])
    quantities = [
        (line.variant_id, line.quantity)
        for line in order.lines.filter(stock_reserved=True, variant__isnull=False)
        if line.variant_id is not None
    ]
    if quantities:
        stock_release(quantities=quantities)
    return order


def _move(
    *,
    order: Order,
    to_status: str,
    by: User | None,
    note: str,
    allowed: list[str],
    by_customer: bool = False,
) -> Order:
    from_status = order.status
    if to_status not in allowed:
        raise TransitionNotAllowed(f"{from_status} → {to_status}")
    # Conditional update: two clicks at once move the order once.
    moved = Order.objects.filter(pk=order.pk, status=from_status).update(status=to_status)
    if not moved:
        raise TransitionNotAllowed(f"{order.number} changed meanwhile")
    OrderEvent.objects.create(
        order=order, from_status=from_status, to_status=to_status, by=by, by_customer=by_customer, note=note
    )
    order.refresh_from_db()
    return order
