"""
All products of a shop as CSV, in the format the importer reads (``docs/csv-format.md``): one row
per variant, the product's columns repeated, headers and values in the active language (German:
decimal comma). Written as UTF-8 with BOM and ``;`` so that Excel opens it directly.

Rows are produced one by one from the database in chunks, so the export streams for any size.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch

from marktplatz.directory.models import Shop

from ..models import Product, ProductVariant
from . import format as fmt

CHUNK = 500


class _Echo:
    """A file-like object whose ``write`` hands the line back, so ``csv.writer`` yields strings."""

    def write(self, value: str) -> str:
        return value


def line_writer() -> Any:
    """A ``csv.writer`` whose ``writerow`` returns the line (``;``-separated, CRLF)."""
    return csv.writer(_Echo(), delimiter=";")


def header_row(*, language: str) -> list[str]:
    return [column.header(language) for column in fmt.COLUMNS]


def variant_row(product: Product, variant: ProductVariant, *, language: str) -> list[str]:
    """The cells of one variant, in the order of ``format.COLUMNS``."""
    values = {
        "product_id": str(product.pk),
        "name": product.name,
        "variant": variant.label,
        "price": fmt.format_decimal(variant.price, language=language),
        "compare_at_price": fmt.format_decimal(variant.compare_at_price, language=language),
        "vat_rate": product.vat_rate,
        "sku": variant.sku,
        "gtin": variant.gtin,
        "stock": str(variant.stock),
        "stock_mode": fmt.format_stock_mode(product.stock_mode, language=language),
        "category": product.category.slug if product.category else "",
        "quantity": fmt.format_decimal(product.quantity, language=language, places=3),
        "unit": fmt.format_unit(product.unit, language=language),
        "description": product.description,
        "manufacturer": product.manufacturer,
        "manufacturer_address": product.manufacturer_address,
        "product_identifier": product.product_identifier,
        "safety_warnings": product.safety_warnings,
        "ingredients": product.ingredients,
    }
    for key in fmt.BOOLEAN_FIELDS:
        values[key] = fmt.format_boolean(getattr(product, key), language=language)
    return [values[column.key] for column in fmt.COLUMNS]


def export_lines(*, shop: Shop, language: str) -> Iterator[str]:
    """The CSV file of all products of ``shop``, line by line (the first one starts with the BOM)."""
    writer = line_writer()
    yield codecs.BOM_UTF8.decode("utf-8") + writer.writerow(header_row(language=language))
    products = (
        Product.objects.filter(shop=shop)
        .select_related("category")
        .prefetch_related(Prefetch("variants", queryset=ProductVariant.objects.order_by("position", "pk")))
        .order_by("pk")
    )
    for product in products.iterator(chunk_size=CHUNK):
        for variant in product.variants.all():
            yield writer.writerow(variant_row(product, variant, language=language))
