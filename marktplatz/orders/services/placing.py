"""
Placing a checkout: one order per shop, stock taken, all in one transaction.

``checkout_place`` is all or nothing. It checks that every product can still be bought at the
price the customer saw, takes the units from counted stock with conditional updates
(``catalog.services.stock.stock_reserve``: no unit is ever sold twice, on PostgreSQL and SQLite),
and creates the checkout, the orders, their lines and first events. If anything fails, the
transaction rolls back: no partial order, no reserved stock. A second submit with the same
idempotency key returns the first checkout instead of ordering again – also when both submits
run at the same time (the unique key makes the slower one fail and then find the first).
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction

from marktplatz.accounts.models import User
from marktplatz.catalog.models import Product, ProductVariant, StockMode
from marktplatz.catalog.pricing import money
from marktplatz.catalog.services.stock import StockShortage, stock_reserve
from marktplatz.catalog.stock import Availability, availability
from marktplatz.directory.models import ServiceKind, ShopService

from ..errors import CheckoutError, CheckoutErrorCode
from ..models import Checkout, Fulfilment, Order, OrderEvent, OrderLine, OrderStatus

# Which way of selling a shop must offer for a fulfilment, and the product flag that allows it.
_SERVICE_FOR = {
    Fulfilment.PICKUP: ServiceKind.PICKUP,
    Fulfilment.DELIVERY: ServiceKind.DELIVERY,
    Fulfilment.SHIPPING: ServiceKind.SHIPPING,
}
_PRODUCT_FLAG = {
    Fulfilment.PICKUP: "allows_pickup",
    Fulfilment.DELIVERY: "allows_delivery",
    Fulfilment.SHIPPING: "allows_shipping",
}
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out on the phone


@dataclass(frozen=True)
class CartLine:
    variant_id: int
    quantity: int
    # The price the customer saw; a different current price stops the checkout (never applied silently).
    unit_price: Decimal


@dataclass(frozen=True)
class ShopChoice:
    fulfilment: str
    payment_method: str
    note: str = ""


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str = ""
    language: str = "de"


@dataclass(frozen=True)
class Address:
    street: str
    postal_code: str
    locality: str


def new_reference() -> str:
    return "MP-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))


def checkout_place(
    *,
    idempotency_key: str,
    contact: Contact,
    lines: Sequence[CartLine],
    choices: Mapping[int, ShopChoice],
    address: Address | None = None,
    customer: User | None = None,
) -> Checkout:
    """Place the checkout (see the module docstring); raise ``CheckoutError`` when it cannot be."""
    existing = Checkout.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    try:
        return _place(
            idempotency_key=idempotency_key,
            contact=contact,
            lines=lines,
            choices=choices,
            address=address,
            customer=customer,
        )
    except IntegrityError:
        # The same key was placed by a concurrent request a moment ago: that one counts.
        existing = Checkout.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing


@transaction.atomic
def _place(
    *,
    idempotency_key: str,
    contact: Contact,
    lines: Sequence[CartLine],
    choices: Mapping[int, ShopChoice],
    address: Address | None,
    customer: User | None,
) -> Checkout:
    if not lines:
        raise CheckoutError(CheckoutErrorCode.EMPTY)
    variants = {
        variant.pk: variant
        for variant in ProductVariant.objects.select_related("product__shop").filter(
            pk__in=[line.variant_id for line in lines],
            product__in=Product.objects.visible(),
        )
    }
    _check_lines(lines, variants)
    by_shop: dict[int, list[CartLine]] = defaultdict(list)
    for line in lines:
        by_shop[variants[line.variant_id].product.shop_id].append(line)
    services = _services(by_shop)
    _check_fulfilment(by_shop, choices, variants, services)
    try:
        stock_reserve(quantities=[(line.variant_id, line.quantity) for line in lines])
    except StockShortage as shortage:
        raise CheckoutError(
            CheckoutErrorCode.SOLD_OUT, variant_ids=[s.variant_id for s in shortage.shortages]
        ) from None

    checkout = Checkout.objects.create(
        reference=new_reference(),
        idempotency_key=idempotency_key,
        customer=customer,
        name=contact.name,
        email=contact.email,
        phone=contact.phone,
        language=contact.language,
    )
    for position, shop_id in enumerate(sorted(by_shop), start=1):
        _order_create(
            checkout=checkout,
            number=f"{checkout.reference}-{position}",
            shop_id=shop_id,
            lines=by_shop[shop_id],
            choice=choices[shop_id],
            variants=variants,
            service=services.get((shop_id, _SERVICE_FOR[Fulfilment(choices[shop_id].fulfilment)])),
            address=address,
        )
    return checkout


def _check_lines(lines: Sequence[CartLine], variants: Mapping[int, ProductVariant]) -> None:
    missing = [line.variant_id for line in lines if line.variant_id not in variants]
    if missing:
        raise CheckoutError(CheckoutErrorCode.NOT_AVAILABLE, variant_ids=missing)
    changed = [line.variant_id for line in lines if variants[line.variant_id].price != line.unit_price]
    if changed:
        raise CheckoutError(CheckoutErrorCode.PRICE_CHANGED, variant_ids=changed)
    not_buyable = [
        line.variant_id
        for line in lines
        if availability(
            stock_mode=variants[line.variant_id].product.stock_mode, stock=variants[line.variant_id].stock
        )
        == Availability.ON_REQUEST
    ]
    if not_buyable:
        raise CheckoutError(CheckoutErrorCode.NOT_AVAILABLE, variant_ids=not_buyable)


def _services(by_shop: Mapping[int, list[CartLine]]) -> dict[tuple[int, str], ShopService]:
    return {
        (service.shop_id, service.kind): service
        for service in ShopService.objects.filter(shop_id__in=list(by_shop))
    }


def _check_fulfilment(
    by_shop: Mapping[int, list[CartLine]],
    choices: Mapping[int, ShopChoice],
    variants: Mapping[int, ProductVariant],
    services: Mapping[tuple[int, str], ShopService],
) -> None:
    for shop_id, shop_lines in by_shop.items():
        choice = choices.get(shop_id)
        if choice is None or choice.fulfilment not in Fulfilment.values:
            raise CheckoutError(CheckoutErrorCode.FULFILMENT_NOT_OFFERED, shop_ids=[shop_id])
        fulfilment = Fulfilment(choice.fulfilment)
        service = services.get((shop_id, _SERVICE_FOR[fulfilment]))
        refused = [
            line.variant_id
            for line in shop_lines
            if not getattr(variants[line.variant_id].product, _PRODUCT_FLAG[fulfilment])
        ]
        if service is None or refused:
            raise CheckoutError(
                CheckoutErrorCode.FULFILMENT_NOT_OFFERED, shop_ids=[shop_id], variant_ids=refused
            )
        subtotal = sum((line.unit_price * line.quantity for line in shop_lines), Decimal("0"))
        if service.minimum_order and subtotal < service.minimum_order:
            raise CheckoutError(CheckoutErrorCode.BELOW_MINIMUM_ORDER, shop_ids=[shop_id])


def _order_create(
    *,
    checkout: Checkout,
    number: str,
    shop_id: int,
    lines: Sequence[CartLine],
    choice: ShopChoice,
    variants: Mapping[int, ProductVariant],
    service: ShopService | None,
    address: Address | None,
) -> Order:
    subtotal = money(sum((line.unit_price * line.quantity for line in lines), Decimal("0")))
    fee = money(service.fee) if service is not None and service.fee else Decimal("0.00")
    if choice.fulfilment == Fulfilment.PICKUP:
        fee = Decimal("0.00")
    ships = choice.fulfilment in (Fulfilment.DELIVERY, Fulfilment.SHIPPING)
    order = Order.objects.create(
        checkout=checkout,
        shop_id=shop_id,
        number=number,
        fulfilment=choice.fulfilment,
        payment_method=choice.payment_method,
        delivery_street=address.street if address and ships else "",
        delivery_postal_code=address.postal_code if address and ships else "",
        delivery_locality=address.locality if address and ships else "",
        subtotal=subtotal,
        delivery_fee=fee,
        total=subtotal + fee,
        customer_note=choice.note,
    )
    OrderLine.objects.bulk_create(
        [
            OrderLine(
                order=order,
                variant_id=line.variant_id,
                product_name=variants[line.variant_id].product.name,
                variant_label=variants[line.variant_id].label,
                sku=variants[line.variant_id].sku,
                unit_price=line.unit_price,
                vat_rate=variants[line.variant_id].product.vat_rate,
                quantity=line.quantity,
                line_total=money(line.unit_price * line.quantity),
                stock_reserved=variants[line.variant_id].product.stock_mode == StockMode.TRACKED,
            )
            for line in lines
        ]
    )
    OrderEvent.objects.create(order=order, to_status=OrderStatus.NEW, by_customer=True)
    return order
