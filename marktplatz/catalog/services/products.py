"""
Creating, changing, copying and deleting products. Every function runs in one transaction, keeps
the product's summary (``price``, ``in_stock``) and the search index in step, and drops the cached
public pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Exists, Min, OuterRef, Q
from django.utils.translation import gettext

from marktplatz.core.visitor_cache import content_changed
from marktplatz.directory.models import Shop

from ..indexing import reindex_products
from ..models import Product, ProductVariant, StockMode


@dataclass(frozen=True)
class VariantData:
    """The sellable part of a product: one of these per variant (one without label for a simple product)."""

    price: Decimal
    label: str = ""
    compare_at_price: Decimal | None = None
    sku: str = ""
    gtin: str = ""
    stock: int = 0
    id: int | None = None  # an existing variant of the product to update


PRODUCT_FIELDS = frozenset(
    {
        "name",
        "description",
        "category",
        "category_id",
        "vat_rate",
        "quantity",
        "unit",
        "stock_mode",
        "allows_pickup",
        "allows_delivery",
        "allows_shipping",
        "is_active",
        "manufacturer",
        "manufacturer_address",
        "product_identifier",
        "safety_warnings",
        "ingredients",
    }
)


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - PRODUCT_FIELDS
    if unknown:
        raise TypeError(f"Not product fields: {sorted(unknown)}")


@transaction.atomic
def product_create(*, shop: Shop, name: str, variants: Sequence[VariantData], **fields: Any) -> Product:
    """A new product of ``shop`` with its variants (at least one)."""
    if not variants:
        raise ValueError("A product needs at least one variant.")
    _check_fields(fields)
    product = Product(shop=shop, name=name, **fields)
    product.full_clean(exclude=["price", "in_stock"])
    product.save()
    _variants_save(product=product, variants=variants)
    _changed([product.pk])
    return Product.objects.get(pk=product.pk)


@transaction.atomic
def product_update(
    *, product: Product, variants: Sequence[VariantData] | None = None, **fields: Any
) -> Product:
    """Change fields of ``product``; with ``variants`` its variants become exactly these."""
    _check_fields(fields)
    for name, value in fields.items():
        setattr(product, name, value)
    product.full_clean(exclude=["price", "in_stock"])
    product.save()
    if variants is not None:
        if not variants:
            raise ValueError("A product needs at least one variant.")
        _variants_save(product=product, variants=variants)
    _changed([product.pk])
    product.refresh_from_db()
    return product


def _variants_save(*, product: Product, variants: Sequence[VariantData]) -> None:
    existing = {variant.pk: variant for variant in product.variants.all()}
    kept: set[int] = set()
    for position, data in enumerate(variants):
        variant = existing.get(data.id) if data.id is not None else None
        if variant is None:
            variant = ProductVariant(product=product)
        variant.label = data.label
        variant.price = data.price
        variant.compare_at_price = data.compare_at_price
        variant.sku = data.sku
        variant.gtin = data.gtin
        variant.stock = data.stock
        variant.position = position
        variant.full_clean(exclude=["product"])
        variant.save()
        kept.add(variant.pk)
    product.variants.exclude(pk__in=kept).delete()


def product_summary_refresh(*, product_ids: Iterable[int]) -> None:
    """
    Recompute ``price`` (lowest variant price) and ``in_stock`` of these products from their
    variants, in one UPDATE. Call it after any change of variants, prices, stock or stock mode.
    """
    ids = list(product_ids)
    if not ids:
        return
    lowest = ProductVariant.objects.filter(product=OuterRef("pk")).order_by().values("product")
    has_stock = ProductVariant.objects.filter(product=OuterRef("pk"), stock__gt=0)
    Product.objects.filter(pk__in=ids).update(
        price=lowest.annotate(lowest=Min("price")).values("lowest")[:1],
        in_stock=Q(stock_mode=StockMode.ALWAYS) | (Q(stock_mode=StockMode.TRACKED) & Exists(has_stock)),
    )


def _changed(product_ids: list[int]) -> None:
    product_summary_refresh(product_ids=product_ids)
    reindex_products(product_ids=product_ids)
    content_changed()


@transaction.atomic
def product_duplicate(*, product: Product) -> Product:
    """A hidden copy of ``product`` ("… (Kopie)" in German) with its variants; SKU and GTIN are left empty."""
    copy = Product.objects.get(pk=product.pk)
    copy.pk = None
    copy.name = (gettext("%(name)s (copy)") % {"name": product.name})[:200]
    copy.is_active = False
    copy.hidden_by_operator = False
    copy.operator_reason = ""
    copy.save()
    ProductVariant.objects.bulk_create(
        [
            ProductVariant(
                product=copy,
                label=variant.label,
                price=variant.price,
                compare_at_price=variant.compare_at_price,
                stock=variant.stock,
                position=variant.position,
            )
            for variant in product.variants.all()
        ]
    )
    _changed([copy.pk])
    return Product.objects.get(pk=copy.pk)


@transaction.atomic
def products_delete(*, shop: Shop, product_ids: Iterable[int]) -> int:
    """Delete these products of ``shop`` (ids of other shops are ignored); the number deleted."""
    ids = list(Product.objects.filter(shop=shop, pk__in=list(product_ids)).values_list("pk", flat=True))
    Product.objects.filter(pk__in=ids).delete()
    reindex_products(product_ids=ids)
    content_changed()
    return len(ids)
