"""
The cart as the customer sees it: grouped by shop, with each shop's subtotal, the ways it can
hand over these products, its minimum order for delivery, and every change since adding (price,
stock, no longer offered). A fixed number of queries, however many lines and shops.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from marktplatz.catalog.models import Product, ProductImage, StockMode
from marktplatz.catalog.pricing import money
from marktplatz.catalog.stock import Availability, availability
from marktplatz.directory.models import ServiceKind, Shop, ShopService

from .models import Cart, CartLine
from .services import quantity_limit

_FULFILMENTS = [
    ("pickup", ServiceKind.PICKUP, "allows_pickup"),
    ("delivery", ServiceKind.DELIVERY, "allows_delivery"),
    ("shipping", ServiceKind.SHIPPING, "allows_shipping"),
]


@dataclass
class CartLineView:
    line: CartLine
    product: Product
    price: Decimal  # now
    line_total: Decimal
    availability: Availability
    max_quantity: int
    price_changed: bool
    quantity_too_high: bool  # less stock now than in the cart
    offered: bool  # still visible and buyable

    @property
    def image(self) -> ProductImage | None:
        images = list(self.product.images.all())
        return images[0] if images else None


@dataclass
class ShopGroup:
    shop: Shop
    lines: list[CartLineView]
    subtotal: Decimal
    fulfilments: list[str]  # pickup / delivery / shipping: offered by the shop and allowed by every line
    services: dict[str, ShopService]

    @property
    def delivery_minimum(self) -> Decimal | None:
        service = self.services.get("delivery")
        return service.minimum_order if service and service.minimum_order else None

    @property
    def below_delivery_minimum(self) -> bool:
        minimum = self.delivery_minimum
        return minimum is not None and self.subtotal < minimum


@dataclass
class CartView:
    groups: list[ShopGroup] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((group.subtotal for group in self.groups), Decimal("0.00"))

    @property
    def units(self) -> int:
        return sum(view.line.quantity for group in self.groups for view in group.lines)

    @property
    def has_changes(self) -> bool:
        """Something changed since adding that the customer must see before paying."""
        return any(
            view.price_changed or view.quantity_too_high or not view.offered
            for group in self.groups
            for view in group.lines
        )

    @property
    def can_check_out(self) -> bool:
        return bool(self.groups) and not self.has_changes and all(group.fulfilments for group in self.groups)


def cart_view(*, cart: Cart | None) -> CartView:
    if cart is None:
        return CartView()
    lines = list(
        CartLine.objects.filter(cart=cart)
        .select_related("variant__product__shop")
        .prefetch_related(
            Prefetch("variant__product__images", queryset=ProductImage.objects.exclude(image=""))
        )
    )
    if not lines:
        return CartView()
    visible = set(
        Product.objects.visible()
        .filter(pk__in={line.variant.product_id for line in lines})
        .values_list("pk", flat=True)
    )
    shop_ids = {line.variant.product.shop_id for line in lines}
    services: dict[int, dict[str, ShopService]] = defaultdict(dict)
    for service in ShopService.objects.filter(shop_id__in=shop_ids):
        services[service.shop_id][service.kind] = service

    by_shop: dict[int, list[CartLineView]] = defaultdict(list)
    for line in lines:
        variant = line.variant
        product = variant.product
        state = availability(stock_mode=product.stock_mode, stock=variant.stock)
        offered = product.pk in visible and product.stock_mode != StockMode.ON_REQUEST
        by_shop[product.shop_id].append(
            CartLineView(
                line=line,
                product=product,
                price=variant.price,
                line_total=money(variant.price * line.quantity),
                availability=state,
                max_quantity=quantity_limit(variant),
                price_changed=variant.price != line.price_seen,
                quantity_too_high=product.stock_mode == StockMode.TRACKED and line.quantity > variant.stock,
                offered=offered and state.can_be_bought,
            )
        )
    groups = []
    for shop_id, views in by_shop.items():
        shop = views[0].product.shop
        shop_services = services.get(shop_id, {})
        fulfilments = [
            name
            for name, kind, flag in _FULFILMENTS
            if kind in shop_services and all(getattr(view.product, flag) for view in views)
        ]
        groups.append(
            ShopGroup(
                shop=shop,
                lines=views,
                subtotal=sum((view.line_total for view in views), Decimal("0.00")),
                fulfilments=fulfilments,
                services={
                    name: shop_services[kind] for name, kind, _flag in _FULFILMENTS if kind in shop_services
                },
            )
        )
    groups.sort(key=lambda group: group.shop.name)
    return CartView(groups=groups)
