"""
Reads of the shop owner's back office: the product list with its search, filters and sorting, and
the counts on the dashboard. Every function takes a shop obtained through ``access_shop``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum

from marktplatz.directory.models import Shop

from ..access import products_of_shop
from ..models import Product, ProductCategory, ProductImage, ProductVariant, StockMode


class StockState(StrEnum):
    IN_STOCK = "in_stock"
    SOLD_OUT = "sold_out"
    ON_REQUEST = "on_request"


class Visibility(StrEnum):
    SHOWN = "shown"
    HIDDEN = "hidden"  # by the owner or by the operator
    HIDDEN_BY_OPERATOR = "operator"


class ProductSort(StrEnum):
    NAME = "name"
    PRICE = "price"
    PRICE_DESC = "-price"
    NEWEST = "newest"
    STOCK = "stock"


_ORDERINGS: dict[ProductSort, tuple[str, ...]] = {
    ProductSort.NAME: ("name", "id"),
    ProductSort.PRICE: ("price", "name", "id"),
    ProductSort.PRICE_DESC: ("-price", "name", "id"),
    ProductSort.NEWEST: ("-created_at", "-id"),
    ProductSort.STOCK: ("total_stock", "name", "id"),
}


def backoffice_products(
    *,
    shop: Shop,
    query: str = "",
    category: ProductCategory | None = None,
    stock_state: StockState | None = None,
    visibility: Visibility | None = None,
    sort: ProductSort = ProductSort.NAME,
) -> QuerySet[Product]:
    """
    The products of ``shop`` for its list: search in name, SKU and GTIN, filters, sorting. Each
    product carries ``thumbnail_name`` (its first processed picture), ``variant_count`` and
    ``total_stock``, so a page of the list costs one query whatever its size.
    """
    products = products_of_shop(shop).select_related("category")
    query = query.strip()
    if query:
        codes = ProductVariant.objects.filter(product=OuterRef("pk")).filter(
            Q(sku__iexact=query) | Q(gtin=query) | Q(sku__icontains=query)
        )
        products = products.filter(Q(name__icontains=query) | Exists(codes))
    if category is not None:
        products = products.filter(Q(category=category) | Q(category__parent=category))
    if stock_state == StockState.IN_STOCK:
        products = products.filter(in_stock=True)
    elif stock_state == StockState.SOLD_OUT:
        products = products.filter(in_stock=False, stock_mode=StockMode.TRACKED)
    elif stock_state == StockState.ON_REQUEST:
        products = products.filter(stock_mode=StockMode.ON_REQUEST)
    if visibility == Visibility.SHOWN:
        products = products.filter(is_active=True, hidden_by_operator=False)
    elif visibility == Visibility.HIDDEN:
        products = products.filter(Q(is_active=False) | Q(hidden_by_operator=True))
    elif visibility == Visibility.HIDDEN_BY_OPERATOR:
        products = products.filter(hidden_by_operator=True)
    first_thumbnail = (
        ProductImage.objects.filter(product=OuterRef("pk"))
        .exclude(thumbnail="")
        .order_by("position", "pk")
        .values("thumbnail")[:1]
    )
    variants = ProductVariant.objects.filter(product=OuterRef("pk")).order_by().values("product")
    return products.annotate(
        thumbnail_name=Subquery(first_thumbnail),
        variant_count=Subquery(variants.annotate(n=Count("pk")).values("n")[:1]),
        total_stock=Subquery(variants.annotate(total=Sum("stock")).values("total")[:1]),
    ).order_by(*_ORDERINGS[sort])


def backoffice_categories() -> QuerySet[ProductCategory]:
    """The active categories for the list's filter and the product form, parents first."""
    return ProductCategory.objects.filter(is_active=True).select_related("parent")


@dataclass(frozen=True)
class ProductCounts:
    total: int
    online: int
    out_of_stock: int
    hidden: int


def shop_product_counts(*, shop: Shop) -> ProductCounts:
    """How many products ``shop`` has online, sold out and hidden – one query for the dashboard."""
    shown = Q(is_active=True, hidden_by_operator=False)
    counts = products_of_shop(shop).aggregate(
        total=Count("pk"),
        online=Count("pk", filter=shown),
        out_of_stock=Count("pk", filter=shown & Q(in_stock=False, stock_mode=StockMode.TRACKED)),
        hidden=Count("pk", filter=~shown),
    )
    return ProductCounts(**counts)


def shop_skus_taken(*, shop: Shop, skus: Iterable[str], exclude_product_id: int | None = None) -> set[str]:
    """Which of ``skus`` variants of other products of ``shop`` already use (SKUs are unique per shop)."""
    wanted = {sku for sku in skus if sku}
    if not wanted:
        return set()
    variants = ProductVariant.objects.filter(product__shop=shop, sku__in=wanted)
    if exclude_product_id is not None:
        variants = variants.exclude(product_id=exclude_product_id)
    return set(variants.values_list("sku", flat=True))
