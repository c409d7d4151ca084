"""Shared setup of the orders tests: shops that sell, and a cart line for a product."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from marktplatz.catalog.models import Product, StockMode
from marktplatz.catalog.tests.factories import ProductFactory
from marktplatz.directory.models import ServiceKind, Shop, ShopService
from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.orders.services.placing import CartLine, Contact, ShopChoice

CONTACT = Contact(name="Erika Mustermann", email="erika@example.org", phone="+49 381 123456")


def selling_shop(**kwargs: Any) -> Shop:
    """A published shop with click & collect, local delivery (fee 3.50, minimum 15) and shipping."""
    shop = cast(Shop, ShopFactory(**kwargs))
    ShopService.objects.create(shop=shop, kind=ServiceKind.PICKUP)
    ShopService.objects.create(
        shop=shop, kind=ServiceKind.DELIVERY, fee=Decimal("3.50"), minimum_order=Decimal("15.00")
    )
    ShopService.objects.create(shop=shop, kind=ServiceKind.SHIPPING, fee=Decimal("4.90"))
    return shop


def counted_product(*, shop: Shop, stock: int, price: str = "10.00", **kwargs: Any) -> Product:
    return ProductFactory(
        shop=shop, stock_mode=StockMode.TRACKED, stock=stock, price=Decimal(price), **kwargs
    )


def line(product: Product, quantity: int = 1) -> CartLine:
    variant = product.variants.get()
    return CartLine(variant_id=variant.pk, quantity=quantity, unit_price=variant.price)


def pickup(payment_method: str = "pay_at_pickup") -> ShopChoice:
    return ShopChoice(fulfilment="pickup", payment_method=payment_method)
