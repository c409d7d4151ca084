"""
Check and import the rows of a product CSV, in batches.

The same code runs the preview (``dry_run=True``: every row is checked against the shop's
products and gets its outcome – created, updated, unchanged or rejected with the reasons – but
nothing is written) and the import. Rows are read one by one from ``reader.open_csv`` and handled
``BATCH_SIZE`` at a time; each batch of the import is one transaction (``bulk_create`` /
``bulk_update``, then summary and search index of the products it touched), so memory stays flat
for any file size and progress is visible while it runs.

How a row finds its variant, within the shop only:
1. by article number (SKU), 2. by GTIN, 3. by product ID (from an export) and variant label.
Otherwise it becomes a new variant: of the product named by its product ID, of the product of the
row before (same product ID, or same name and a variant label), or of a new product.

A product that is rejected in one row does not stop the others. Rows of the same product should
follow each other (the export writes them so).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from marktplatz.accounts.models import User
from marktplatz.core.visitor_cache import content_changed
from marktplatz.directory.models import Shop

from ..indexing import reindex_products
from ..models import Product, ProductCategory, ProductVariant, QuantityUnit, StockMode, VatRate
from ..services.products import product_summary_refresh
from . import format as fmt
from .reader import CsvSource, FileError, RawRow, open_csv

BATCH_SIZE = 2500
SHOWN_ROWS = 100  # rows of each kind kept for the preview page

PRODUCT_KEYS = (
    "name",
    "description",
    "category",
    "vat_rate",
    "quantity",
    "unit",
    "stock_mode",
    *fmt.BOOLEAN_FIELDS,
    "manufacturer",
    "manufacturer_address",
    "product_identifier",
    "safety_warnings",
    "ingredients",
)
VARIANT_KEYS = ("variant", "price", "compare_at_price", "sku", "gtin", "stock")
VARIANT_FIELD = {"variant": "label"}  # column key → model field where they differ
PRODUCT_DEFAULTS: dict[str, Any] = {
    "description": "",
    "category": None,
    "vat_rate": VatRate.STANDARD.value,
    "quantity": None,
    "unit": QuantityUnit.PIECE.value,
    "stock_mode": StockMode.ALWAYS.value,
    "allows_pickup": True,
    "allows_delivery": True,
    "allows_shipping": True,
    "is_active": True,
    "manufacturer": "",
    "manufacturer_address": "",
    "product_identifier": "",
    "safety_warnings": "",
    "ingredients": "",
}


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


@dataclass
class RowResult:
    """What happens (or happened) to one row; ``notes`` are the reasons or the changed columns."""

    number: int
    outcome: Outcome
    name: str = ""
    variant: str = ""
    sku: str = ""
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "outcome": self.outcome.value,
            "name": self.name,
            "variant": self.variant,
            "sku": self.sku,
            "notes": self.notes,
        }


@dataclass
class ImportResult:
    """The counts of one pass over a file, the first rows of each kind and the file's properties."""

    dry_run: bool
    encoding: str = ""
    delimiter: str = ""
    ignored_columns: list[str] = field(default_factory=list)
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    first_rows: list[RowResult] = field(default_factory=list)
    first_rejected: list[RowResult] = field(default_factory=list)

    def add(self, row: RowResult) -> None:
        self.total += 1
        setattr(self, row.outcome.value, getattr(self, row.outcome.value) + 1)
        if len(self.first_rows) < SHOWN_ROWS:
            self.first_rows.append(row)
        if row.outcome is Outcome.REJECTED and len(self.first_rejected) < SHOWN_ROWS:
            self.first_rejected.append(row)


class ErrorReport:
    """The rejected rows as CSV (UTF-8 with BOM, ``;``): row number, reasons, then the row as it was."""

    def __init__(self, stream: IO[str], header: list[str]) -> None:
        self._writer = csv.writer(stream, delimiter=";")
        self._writer.writerow([_("Row"), _("Problems"), *header])

    def write(self, row: RowResult, cells: list[str]) -> None:
        self._writer.writerow([row.number, " ".join(row.notes), *cells])


# --- Parsing one row ----------------------------------------------------------------------------


@dataclass
class ParsedRow:
    number: int
    cells: list[str]
    key: str = ""  # the product ID cell
    product: dict[str, Any] = field(default_factory=dict)  # product fields present in the file
    variant: dict[str, Any] = field(default_factory=dict)  # variant fields present (model names)
    errors: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.variant.get("label", ""))

    @property
    def name(self) -> str:
        return str(self.product.get("name", ""))


def _former_price_message() -> str:
    return _("The former price must be higher than the price.")


def _cell_error(source: CsvSource, number: int, key: str, message: str) -> str:
    return _("Row %(row)s, column “%(column)s”: %(message)s") % {
        "row": number,
        "column": source.header_of(key),
        "message": message,
    }


def parse_row(raw: RawRow, source: CsvSource, categories: fmt.CategoryLookup) -> ParsedRow:
    """Read the cells of ``raw`` into model values; problems go to ``errors`` (one per cell)."""
    row = ParsedRow(number=raw.number, cells=raw.cells)
    cells = raw.cells
    expected = len(source.header)
    if len(cells) > expected and not any(cell.strip() for cell in cells[expected:]):
        cells = cells[:expected]  # trailing delimiters only
    if len(cells) != expected:
        row.errors.append(
            _(
                "Row %(row)s has %(found)s values instead of %(expected)s – is there a delimiter inside "
                "a text without quotes?"
            )
            % {"row": raw.number, "found": len(cells), "expected": expected}
        )
        return row

    for key, index in source.columns.items():
        text = cells[index].strip()
        try:
            _parse_cell(row, key, text, categories)
        except fmt.CellError as error:
            row.errors.append(_cell_error(source, raw.number, key, error.message))
    price, compare = row.variant.get("price"), row.variant.get("compare_at_price")
    if price is not None and compare is not None and compare <= price:
        row.errors.append(_cell_error(source, raw.number, "compare_at_price", _former_price_message()))
    return row


def _parse_cell(row: ParsedRow, key: str, text: str, categories: fmt.CategoryLookup) -> None:
    if key == "product_id":
        row.key = text
    elif key in fmt.PRODUCT_TEXT_FIELDS:
        limit = fmt.PRODUCT_TEXT_FIELDS[key]
        if key == "name" and not text:
            raise fmt.CellError(_("The name is missing."))
        if len(text) > limit:
            raise fmt.CellError(_("The text is longer than %(limit)s characters.") % {"limit": limit})
        row.product[key] = text
    elif key == "variant":
        if len(text) > 120:
            raise fmt.CellError(_("The text is longer than %(limit)s characters.") % {"limit": 120})
        row.variant["label"] = text
    elif key == "price":
        if not text:
            raise fmt.CellError(_("The price is missing."))
        row.variant["price"] = fmt.parse_price(text)
    elif key == "compare_at_price":
        value = fmt.parse_price(text) if text else None
        if value is not None and value < Decimal("0.01"):
            raise fmt.CellError(_("The former price must be higher than the price."))
        row.variant["compare_at_price"] = value
    elif key == "sku":
        if len(text) > 64:
            raise fmt.CellError(_("The text is longer than %(limit)s characters.") % {"limit": 64})
        row.variant["sku"] = text
    elif key == "gtin":
        row.variant["gtin"] = fmt.parse_gtin(text) if text else ""
    elif key == "stock":
        if text:
            row.variant["stock"] = fmt.parse_stock(text)
    elif key == "category":
        row.product["category"] = categories.parse(text) if text else None
    elif key == "quantity":
        row.product["quantity"] = fmt.parse_quantity(text) if text else None
    elif not text:
        return  # choices and yes/no: an empty cell keeps the value (or the default for new products)
    elif key == "vat_rate":
        row.product["vat_rate"] = fmt.parse_vat_rate(text)
    elif key == "unit":
        row.product["unit"] = fmt.parse_unit(text)
    elif key == "stock_mode":
        row.product["stock_mode"] = fmt.parse_stock_mode(text)
    elif key in fmt.BOOLEAN_FIELDS:
        row.product[key] = fmt.parse_boolean(text)


# --- Planning and writing a batch -------------------------------------------------------------


@dataclass
class _Group:
    """The product of the row before, which the next row's new variant may belong to."""

    key: str
    name: str
    product: Product


@dataclass
class _Batch:
    new_products: list[Product] = field(default_factory=list)
    new_variants: list[ProductVariant] = field(default_factory=list)
    changed_products: dict[int, Product] = field(default_factory=dict)
    changed_product_fields: set[str] = field(default_factory=set)
    changed_variants: dict[int, ProductVariant] = field(default_factory=dict)
    changed_variant_fields: set[str] = field(default_factory=set)


def _value_of(obj: Product | ProductVariant, name: str) -> Any:
    if name == "category":
        return getattr(obj, "category_id", None)
    return getattr(obj, name)


def _comparable(name: str, value: Any) -> Any:
    if name == "category":
        return value.pk if isinstance(value, ProductCategory) else value
    return value


class Importer:
    """One pass over a file for one shop; ``run`` returns the result."""

    def __init__(
        self,
        *,
        shop: Shop,
        source: CsvSource,
        dry_run: bool,
        report: ErrorReport | None = None,
        on_batch: Callable[[ImportResult], None] | None = None,
    ) -> None:
        self.shop = shop
        self.source = source
        self.dry_run = dry_run
        self.report = report
        self.on_batch = on_batch
        self.categories = fmt.CategoryLookup()
        self.result = ImportResult(
            dry_run=dry_run,
            encoding=source.encoding,
            delimiter=source.delimiter,
            ignored_columns=source.ignored,
        )
        self.group: _Group | None = None
        # New stock without a stock mode column: count it (a till's stock list means counted stock).
        self.default_stock_mode = (
            StockMode.TRACKED.value
            if source.has("stock") and not source.has("stock_mode")
            else StockMode.ALWAYS.value
        )
        self._next_position: tuple[Product, int] | None = None  # of the product last given a variant

    def run(self) -> ImportResult:
        rows = self.source.rows
        while batch := list(islice(rows, BATCH_SIZE)):
            self._batch(batch)
            if self.on_batch is not None:
                self.on_batch(self.result)
        if not self.dry_run:
            content_changed()
        return self.result

    # A batch: parse, look up what exists, plan every row, then write it all in one transaction.
    def _batch(self, raw_rows: list[RawRow]) -> None:
        parsed = [parse_row(raw, self.source, self.categories) for raw in raw_rows]
        good = [row for row in parsed if not row.errors]
        by_sku, by_gtin, by_id = self._lookup(good)
        batch = _Batch()
        seen_sku: dict[str, int] = {}
        seen_gtin: dict[str, int] = {}
        seen_variant: dict[int, int] = {}
        for row in parsed:
            if not row.errors:
                self._plan(row, batch, by_sku, by_gtin, by_id, seen_sku, seen_gtin, seen_variant)
            if row.errors:
                self._reject(row)
        if not self.dry_run:
            self._write(batch)

    def _reject(self, row: ParsedRow) -> None:
        result = RowResult(
            number=row.number,
            outcome=Outcome.REJECTED,
            name=row.name,
            variant=row.label,
            sku=str(row.variant.get("sku", "")),
            notes=row.errors,
        )
        self.result.add(result)
        if self.report is not None:
            self.report.write(result, row.cells)

    def _lookup(
        self, rows: list[ParsedRow]
    ) -> tuple[dict[str, list[ProductVariant]], dict[str, list[ProductVariant]], dict[int, Product]]:
        skus = {row.variant["sku"] for row in rows if row.variant.get("sku")}
        gtins = {row.variant["gtin"] for row in rows if row.variant.get("gtin")}
        ids = {int(row.key) for row in rows if row.key.isdigit() and len(row.key) < 19}
        products: dict[int, Product] = {}
        variants: dict[int, ProductVariant] = {}

        def canonical(variant: ProductVariant) -> ProductVariant:
            variant = variants.setdefault(variant.pk, variant)
            variant.product = products.setdefault(variant.product_id, variant.product)
            return variant

        if ids:
            for product in Product.objects.filter(shop=self.shop, pk__in=ids).prefetch_related("variants"):
                products[product.pk] = product
                for variant in product.variants.all():
                    canonical(variant)
        by_sku: dict[str, list[ProductVariant]] = {}
        by_gtin: dict[str, list[ProductVariant]] = {}
        mine = ProductVariant.objects.filter(product__shop=self.shop).select_related("product")
        if skus:
            for variant in mine.filter(sku__in=skus).order_by("pk"):
                by_sku.setdefault(variant.sku, []).append(canonical(variant))
        if gtins:
            for variant in mine.filter(gtin__in=gtins).order_by("pk"):
                by_gtin.setdefault(variant.gtin, []).append(canonical(variant))
        return by_sku, by_gtin, products

    def _plan(
        self,
        row: ParsedRow,
        batch: _Batch,
        by_sku: dict[str, list[ProductVariant]],
        by_gtin: dict[str, list[ProductVariant]],
        by_id: dict[int, Product],
        seen_sku: dict[str, int],
        seen_gtin: dict[str, int],
        seen_variant: dict[int, int],
    ) -> None:
        sku, gtin = str(row.variant.get("sku", "")), str(row.variant.get("gtin", ""))
        variant: ProductVariant | None = None
        for code, column, found, seen in (
            (sku, "sku", by_sku, seen_sku),
            (gtin, "gtin", by_gtin, seen_gtin),
        ):
            if not code:
                continue
            if code in seen:
                row.errors.append(
                    _cell_error(
                        self.source,
                        row.number,
                        column,
                        _("“%(code)s” already appears in row %(other)s.")
                        % {"code": code, "other": seen[code]},
                    )
                )
                return
            matches = found.get(code, [])
            if len(matches) > 1:
                row.errors.append(
                    _cell_error(
                        self.source,
                        row.number,
                        column,
                        _("“%(code)s” belongs to %(count)s variants of your shop; it must be unique.")
                        % {"code": code, "count": len(matches)},
                    )
                )
                return
            if matches and variant is None:
                variant = matches[0]
        id_product = by_id.get(int(row.key)) if row.key.isdigit() and len(row.key) < 19 else None
        if variant is None and id_product is not None:
            candidates = list(id_product.variants.all())
            if "label" in row.variant or len(candidates) != 1:
                # Without a variant column, a simple product's one variant is meant.
                candidates = [v for v in candidates if v.label == row.label]
            same_label = candidates
            if len(same_label) > 1:
                row.errors.append(
                    _(
                        "Row %(row)s: the product has several variants “%(label)s”; "
                        "give each an article number."
                    )
                    % {"row": row.number, "label": row.label}
                )
                return
            variant = same_label[0] if same_label else None
        if variant is not None and variant.pk in seen_variant:
            row.errors.append(
                _("Row %(row)s: this variant was already changed by row %(other)s.")
                % {"row": row.number, "other": seen_variant[variant.pk]}
            )
            return

        if variant is not None:
            outcome, changed = self._update(row, variant, batch)
            if outcome is Outcome.REJECTED:
                return
            seen_variant[variant.pk] = row.number
            product = variant.product
        else:
            new = self._create(row, batch, id_product)
            if new is None:
                return
            outcome, changed, product = Outcome.CREATED, [], new
        if sku:
            seen_sku[sku] = row.number
        if gtin:
            seen_gtin[gtin] = row.number
        self.group = _Group(key=row.key, name=row.name or product.name, product=product)
        notes = [_("Changes: %(columns)s") % {"columns": ", ".join(changed)}] if changed else []
        self.result.add(
            RowResult(
                number=row.number,
                outcome=outcome,
                name=product.name,
                variant=row.label if "label" in row.variant else (variant.label if variant else ""),
                sku=sku or (variant.sku if variant else ""),
                notes=notes,
            )
        )

    def _update(self, row: ParsedRow, variant: ProductVariant, batch: _Batch) -> tuple[Outcome, list[str]]:
        product = variant.product
        price = row.variant.get("price", variant.price)
        compare = row.variant.get("compare_at_price", variant.compare_at_price)
        if compare is not None and compare <= price:
            row.errors.append(
                _cell_error(
                    self.source,
                    row.number,
                    "compare_at_price" if self.source.has("compare_at_price") else "price",
                    _former_price_message(),
                )
            )
            return Outcome.REJECTED, []
        changed: list[str] = []
        for key, value in row.product.items():
            if _value_of(product, key) != _comparable(key, value):
                setattr(product, key, value)
                batch.changed_products[product.pk] = product
                batch.changed_product_fields.add(key)
                changed.append(self.source.header_of(key))
        for name, value in row.variant.items():
            if getattr(variant, name) != value:
                setattr(variant, name, value)
                batch.changed_variants[variant.pk] = variant
                batch.changed_variant_fields.add(name)
                changed.append(self.source.header_of("variant" if name == "label" else name))
        return (Outcome.UPDATED if changed else Outcome.UNCHANGED), changed

    def _create(self, row: ParsedRow, batch: _Batch, id_product: Product | None) -> Product | None:
        if "price" not in row.variant:
            row.errors.append(self._missing(row, "price", _("a new product needs a price.")))
            return None
        product = id_product or self._continued_group(row)
        if product is None:
            if not row.name:
                row.errors.append(self._missing(row, "name", _("a new product needs a name.")))
                return None
            fields = {**PRODUCT_DEFAULTS, "stock_mode": self.default_stock_mode, **row.product}
            product = Product(shop=self.shop, **fields)
            batch.new_products.append(product)
        else:
            for key, value in row.product.items():
                if _value_of(product, key) != _comparable(key, value):
                    setattr(product, key, value)
                    if product.pk is not None:
                        batch.changed_products[product.pk] = product
                        batch.changed_product_fields.add(key)
        variant = ProductVariant(product=product, position=self._position(product), **row.variant)
        batch.new_variants.append(variant)
        return product

    def _missing(self, row: ParsedRow, key: str, message: str) -> str:
        if self.source.has(key):
            return _cell_error(self.source, row.number, key, message)
        return _("Row %(row)s: no product with this article number or GTIN exists, and %(message)s") % {
            "row": row.number,
            "message": message,
        }

    def _continued_group(self, row: ParsedRow) -> Product | None:
        group = self.group
        if group is None:
            return None
        if row.key:
            return group.product if row.key == group.key else None
        if not group.key and row.label and row.name and row.name == group.name:
            return group.product
        return None

    def _position(self, product: Product) -> int:
        """The position of a new variant of ``product``: after its last one."""
        if self._next_position is not None and self._next_position[0] is product:
            position = self._next_position[1]
        elif product.pk is None:
            position = 0
        else:
            highest = ProductVariant.objects.filter(product=product).aggregate(highest=Max("position"))
            position = 0 if highest["highest"] is None else highest["highest"] + 1
        self._next_position = (product, position + 1)
        return position

    def _write(self, batch: _Batch) -> None:
        now = timezone.now()
        with transaction.atomic():
            if batch.new_products:
                for product in batch.new_products:
                    product.created_at = product.updated_at = now
                Product.objects.bulk_create(batch.new_products)
            if batch.changed_products:
                for product in batch.changed_products.values():
                    product.updated_at = now
                fields = [*sorted(batch.changed_product_fields), "updated_at"]
                Product.objects.bulk_update(list(batch.changed_products.values()), fields)
            if batch.new_variants:
                for variant in batch.new_variants:
                    variant.product_id = variant.product.pk  # new products have their key now
                ProductVariant.objects.bulk_create(batch.new_variants)
            if batch.changed_variants:
                ProductVariant.objects.bulk_update(
                    list(batch.changed_variants.values()), sorted(batch.changed_variant_fields)
                )
            touched = sorted(
                {product.pk for product in batch.new_products}
                | set(batch.changed_products)
                | {variant.product_id for variant in batch.new_variants}
                | {variant.product_id for variant in batch.changed_variants.values()}
            )
            product_summary_refresh(product_ids=touched)
            reindex_products(product_ids=touched)


# --- Entry points -------------------------------------------------------------------------------


def import_stream(
    *,
    shop: Shop,
    binary: IO[bytes],
    dry_run: bool,
    report: IO[str] | None = None,
    on_batch: Callable[[ImportResult], None] | None = None,
) -> ImportResult:
    """
    Check (``dry_run``) or import the CSV in ``binary`` for ``shop``; rejected rows are written to
    ``report`` if given. Raises ``FileError`` when the file as a whole cannot be read.
    """
    source = open_csv(binary)
    try:
        error_report = ErrorReport(report, source.header) if report is not None else None
        importer = Importer(shop=shop, source=source, dry_run=dry_run, report=error_report, on_batch=on_batch)
        return importer.run()
    finally:
        source.release()


def import_file(*, shop: Shop, path: str | Path, user: User | None = None) -> ImportResult:
    """
    Import the CSV file at ``path`` into ``shop`` now (no preview, no job): the code path of the
    background import, for the benchmark and the shell. ``user`` is who is responsible (unused so
    far, kept for the audit trail). Raises ``FileError`` for an unreadable file.
    """
    with open(path, "rb") as binary:
        return import_stream(shop=shop, binary=binary, dry_run=False)


__all__ = ["FileError", "ImportResult", "Outcome", "RowResult", "import_file", "import_stream"]
