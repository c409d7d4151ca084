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

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Exists, Min, OuterRef, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marktplatz.core.visitor_cache import content_changed
from marktplatz.directory.models import ServiceKind, Shop

from ..indexing import reindex_products
from ..models import Product, ProductImage, ProductVariant, StockMode
from ..pricing import money


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


# What an owner edits on a product, in form order (the summary and the operator's fields are not).
PRODUCT_EDITABLE_FIELDS = (
    "name",
    "description",
    "category",
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
)
PRODUCT_FIELDS = frozenset({*PRODUCT_EDITABLE_FIELDS, "category_id"})


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


def _files_delete(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


@transaction.atomic
def products_delete(*, shop: Shop, product_ids: Iterable[int]) -> int:
    """Delete these products of ``shop`` (ids of other shops are ignored); the number deleted."""
    ids = list(Product.objects.filter(shop=shop, pk__in=list(product_ids)).values_list("pk", flat=True))
    files = [
        name
        for row in ProductImage.objects.filter(product_id__in=ids).values_list(
            "image", "image_webp", "thumbnail"
        )
        for name in row
        if name
    ]
    Product.objects.filter(pk__in=ids).delete()
    if files:
        transaction.on_commit(lambda: _files_delete(files))
    reindex_products(product_ids=ids)
    content_changed()
    return len(ids)


# --- Bulk actions of the back office -------------------------------------------------------------
# Each takes the shop obtained through ``access_shop`` and product ids from the request: ids of
# other shops' products are ignored, never changed.

PRICE_CHANGE_LIMIT = Decimal("1000")  # at most +1000 %
PRICE_MAX = Decimal("99999999.99")  # what ``max_digits=10, decimal_places=2`` can hold


def _own_ids(*, shop: Shop, product_ids: Iterable[int]) -> list[int]:
    return list(
        Product.objects.filter(shop=shop, pk__in=list(product_ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def products_set_active(*, shop: Shop, product_ids: Iterable[int], is_active: bool) -> int:
    """Show (``is_active``) or hide these products of ``shop`` in the shop; the number changed."""
    ids = _own_ids(shop=shop, product_ids=product_ids)
    changed = Product.objects.filter(pk__in=ids).exclude(is_active=is_active).update(is_active=is_active)
    reindex_products(product_ids=ids)
    content_changed()
    return changed


def price_changed(*, price: Decimal, percent: Decimal) -> Decimal:
    """``price`` changed by ``percent`` % (negative: lowered), rounded half up to cents."""
    return money(price * (Decimal(100) + percent) / Decimal(100))


@transaction.atomic
def products_change_price(*, shop: Shop, product_ids: Iterable[int], percent: Decimal) -> int:
    """
    Change the price of every variant of these products of ``shop`` by ``percent`` % (rounded to
    cents; a former price moves along). Raise ``ValidationError`` – and change nothing – when a
    price would fall below 0 or grow beyond what can be stored. Return the number of products.
    """
    if percent < Decimal(-100):
        raise ValidationError(
            _("A price cannot fall below 0 €. Please lower prices by at most 100 %."), code="negative_price"
        )
    if percent > PRICE_CHANGE_LIMIT:
        raise ValidationError(
            _("Please raise prices by at most %(limit)s %%."),
            code="too_large",
            params={"limit": PRICE_CHANGE_LIMIT},
        )
    ids = _own_ids(shop=shop, product_ids=product_ids)
    variants = list(ProductVariant.objects.filter(product_id__in=ids).order_by("pk").select_for_update())
    for variant in variants:
        variant.price = price_changed(price=variant.price, percent=percent)
        if variant.compare_at_price is not None:
            compare_at = price_changed(price=variant.compare_at_price, percent=percent)
            variant.compare_at_price = compare_at if compare_at > variant.price else None
        if variant.price > PRICE_MAX or (variant.compare_at_price or 0) > PRICE_MAX:
            raise ValidationError(_("The new prices would be too high."), code="too_large")
    ProductVariant.objects.bulk_update(variants, ["price", "compare_at_price"], batch_size=500)
    _changed(ids)
    return len(ids)


@transaction.atomic
def products_set_stock(*, shop: Shop, product_ids: Iterable[int], stock: int) -> int:
    """
    Set the stock of every variant of those of these products of ``shop`` whose stock is counted
    (the others have no count to set); return the number of products changed.
    """
    if stock < 0:
        raise ValidationError(_("The stock cannot be negative."), code="negative_stock")
    ids = list(
        Product.objects.filter(
            pk__in=_own_ids(shop=shop, product_ids=product_ids), stock_mode=StockMode.TRACKED
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    ProductVariant.objects.filter(product_id__in=ids).update(stock=stock)
    _changed(ids)
    return len(ids)


# --- Rules the forms (and the CSV import) share ---------------------------------------------------

GTIN_LENGTHS = frozenset({8, 12, 13, 14})


def gtin_is_valid(code: str) -> bool:
    """
    Whether ``code`` is a GTIN-8, -12 (UPC), -13 (EAN) or -14 with a correct check digit (GS1:
    digits weighted 3, 1, 3, … from the right, the check digit completes the sum to a multiple of 10).
    """
    if not code.isascii() or not code.isdigit() or len(code) not in GTIN_LENGTHS:
        return False
    digits = [int(char) for char in code]
    total = sum(digit * (3 if index % 2 == 0 else 1) for index, digit in enumerate(reversed(digits[:-1])))
    return (10 - total % 10) % 10 == digits[-1]


def shop_fulfilment_fields(*, shop: Shop) -> list[str]:
    """The product fields (``allows_pickup`` …) for the ways of handing over that ``shop`` offers."""
    kinds = set(shop.services.values_list("kind", flat=True))
    return [field for kind, field in FULFILMENT_FIELDS.items() if kind in kinds]


FULFILMENT_FIELDS = {
    ServiceKind.PICKUP: "allows_pickup",
    ServiceKind.DELIVERY: "allows_delivery",
    ServiceKind.SHIPPING: "allows_shipping",
}


@transaction.atomic
def product_quick_create(
    *, shop: Shop, name: str, price: Decimal, photo: File[bytes] | None = None
) -> Product:
    """
    The product made in a minute on a phone: name, price and maybe a photo; everything else has its
    default, and the product allows exactly the ways of handing over the shop offers. A bad photo
    raises ``ValidationError`` and nothing is saved.
    """
    offered = set(shop_fulfilment_fields(shop=shop))
    product = product_create(
        shop=shop,
        name=name,
        variants=[VariantData(price=price)],
        **{field: field in offered for field in FULFILMENT_FIELDS.values()},
    )
    if photo is not None:
        from .images import product_image_add

        product_image_add(product=product, file=photo, alt_text=name)
    return product
