"""
The columns of the product CSV (``docs/csv-format.md``) and how a cell is read and written.

A file has one row per variant; the product's columns are repeated in each row of its variants.
A header is recognised in German or English (and a few spellings till systems use) regardless of
case, spaces and punctuation, so "MwSt.", "mwst" and "MwSt-Satz" are the same column.

Readers raise ``CellError`` with a message for the user; the importer adds row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..models import ProductCategory, QuantityUnit, StockMode, VatRate


class CellError(ValueError):
    """A cell that cannot be read; ``message`` says why, in the user's language."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = str(message)


Level = Literal["product", "variant"]


@dataclass(frozen=True)
class Column:
    key: str
    german: str
    english: str
    level: Level
    description: Promise
    aliases: tuple[str, ...] = ()

    def header(self, language: str) -> str:
        return self.english if language.startswith("en") else self.german


# The order of the export. Aliases are other names seen in till exports and shop systems.
COLUMNS: tuple[Column, ...] = (
    Column(
        "product_id",
        "Produkt-ID",
        "Product ID",
        "product",
        _("Number of the product on Marktplatz (written by the export). Empty for new products."),
        ("Product-ID",),
    ),
    Column(
        "name",
        "Name",
        "Name",
        "product",
        _("Name of the product. Required for new products."),
        (
            "Produktname",
            "Bezeichnung",
            "Artikelbezeichnung",
            "Artikelname",
            "Artikel",
            "Product name",
            "Title",
        ),
    ),
    Column(
        "variant",
        "Variante",
        "Variant",
        "variant",
        _("Label of the variant, e.g. “Size M”. Empty for a product without variants."),
        ("Variantenname", "Variant label", "Option"),
    ),
    Column(
        "price",
        "Preis",
        "Price",
        "variant",
        _("Price including VAT in euros, e.g. 3,49 or 3.49. Required for new products."),
        (
            "Preis inkl. MwSt.",
            "Bruttopreis",
            "Verkaufspreis",
            "VK",
            "VK-Preis",
            "Price incl. VAT",
            "Gross price",
        ),
    ),
    Column(
        "compare_at_price",
        "Streichpreis",
        "Compare-at price",
        "variant",
        _("Former price, shown struck through; must be higher than the price. May be empty."),
        ("Alter Preis", "UVP", "Former price", "Compare at price"),
    ),
    Column(
        "vat_rate",
        "MwSt.",
        "VAT",
        "product",
        _("VAT rate: 19, 7 or 0 (also written as “19 %”)."),
        ("MwSt-Satz", "Mehrwertsteuer", "Steuersatz", "USt", "USt-Satz", "VAT rate", "Tax rate", "Tax"),
    ),
    Column(
        "sku",
        "Artikelnummer",
        "SKU",
        "variant",
        _("Your article number. Existing products are found by it first."),
        ("Art.-Nr.", "ArtNr", "Artikel-Nr.", "PLU", "Article number", "Item number"),
    ),
    Column(
        "gtin",
        "GTIN",
        "GTIN",
        "variant",
        _(
            "GTIN/EAN barcode (8, 12, 13 or 14 digits, check digit is verified). "
            "Used to find a product when there is no article number."
        ),
        ("EAN", "GTIN/EAN", "EAN-Code", "Barcode", "Strichcode", "UPC"),
    ),
    Column(
        "stock",
        "Bestand",
        "Stock",
        "variant",
        _("Units on hand, a whole number of at least 0."),
        ("Lagerbestand", "Menge auf Lager", "Anzahl", "Inventory", "Stock level", "On hand"),
    ),
    Column(
        "stock_mode",
        "Verfügbarkeit",
        "Availability",
        "product",
        _(
            "“gezählt” (counted stock), “immer” (always available) or “auf Anfrage” (on request); "
            "English: tracked, always, on request."
        ),
        ("Bestandsführung", "Stock mode"),
    ),
    Column(
        "category",
        "Kategorie",
        "Category",
        "product",
        _("Product category: its short name (slug, as in the export) or its German or English name."),
        ("Warengruppe", "Product category"),
    ),
    Column(
        "quantity",
        "Inhalt",
        "Quantity",
        "product",
        _("Contents of one unit sold, e.g. 500 for 500 g – for the unit price. May be empty."),
        ("Füllmenge", "Inhaltsmenge", "Content", "Contents"),
    ),
    Column(
        "unit",
        "Einheit",
        "Unit",
        "product",
        _("Unit of the quantity: g, kg, ml, l, m, m², m³ or Stück (piece)."),
        ("Mengeneinheit", "Grundeinheit", "Quantity unit"),
    ),
    Column(
        "allows_pickup",
        "Abholung",
        "Pickup",
        "product",
        _("Can be picked up in the shop: ja or nein (yes/no, 1/0)."),
        ("Abholung im Geschäft", "Click & Collect"),
    ),
    Column(
        "allows_delivery",
        "Lieferung",
        "Delivery",
        "product",
        _("Local delivery possible: ja or nein."),
        ("Lokale Lieferung", "Local delivery"),
    ),
    Column(
        "allows_shipping",
        "Versand",
        "Shipping",
        "product",
        _("Can be shipped: ja or nein."),
        (),
    ),
    Column(
        "is_active",
        "Aktiv",
        "Active",
        "product",
        _("Shown in the shop: ja or nein."),
        ("Sichtbar", "Online", "Visible", "Shown"),
    ),
    Column(
        "description",
        "Beschreibung",
        "Description",
        "product",
        _("Description (line breaks allowed inside quotes)."),
        ("Produktbeschreibung", "Text", "Langtext"),
    ),
    Column(
        "manufacturer",
        "Hersteller",
        "Manufacturer",
        "product",
        _("Product safety: name of the manufacturer."),
        ("Hersteller (Name)",),
    ),
    Column(
        "manufacturer_address",
        "Herstelleranschrift",
        "Manufacturer address",
        "product",
        _("Product safety: postal or e-mail address of the manufacturer."),
        ("Anschrift des Herstellers", "Herstelleradresse"),
    ),
    Column(
        "product_identifier",
        "Produktkennung",
        "Product identifier",
        "product",
        _("Product safety: type, batch or serial number."),
        ("Produktidentifikator",),
    ),
    Column(
        "safety_warnings",
        "Sicherheitshinweise",
        "Safety warnings",
        "product",
        _("Product safety: warnings and safety information."),
        ("Warnhinweise", "Warnings"),
    ),
    Column(
        "ingredients",
        "Zutaten und Allergene",
        "Ingredients and allergens",
        "product",
        _("Food: ingredients and allergens."),
        ("Zutaten", "Allergene", "Ingredients", "Allergens"),
    ),
)

COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}

# Text fields of the product and their maximum length (as in the model).
PRODUCT_TEXT_FIELDS = {
    "name": 200,
    "description": 10000,
    "manufacturer": 200,
    "manufacturer_address": 300,
    "product_identifier": 120,
    "safety_warnings": 4000,
    "ingredients": 4000,
}
BOOLEAN_FIELDS = ("allows_pickup", "allows_delivery", "allows_shipping", "is_active")


def normalise_header(text: str) -> str:
    """Lower case, letters and digits only: "MwSt.-Satz " → "mwstsatz"."""
    return re.sub(r"[\W_]+", "", text.replace("\ufeff", "").casefold())


HEADER_NAMES: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.german, _column.english, _column.key, *_column.aliases):
        HEADER_NAMES.setdefault(normalise_header(_name), _column.key)


def column_for_header(header: str) -> str | None:
    """The key of the column this header names, or ``None`` for a column the import ignores."""
    return HEADER_NAMES.get(normalise_header(header))


# --- Reading cells ------------------------------------------------------------------------------

_NUMBER_RE = re.compile(r"^[+-]?(\d+([.,]\d+)*([.,]\d*)?|[.,]\d+)$")


def parse_decimal(text: str) -> Decimal:
    """
    A number with decimal comma or point: "3,49", "3.49", "1.234,50", "1,234.50", "€ 2,00".
    With both separators the last one is the decimal separator; one kind appearing more than once
    separates thousands.
    """
    cleaned = re.sub(r"[\s\u00a0\u202f€]|EUR", "", text)
    if not _NUMBER_RE.match(cleaned):
        raise CellError(_("“%(value)s” is not a number.") % {"value": text})
    commas, points = cleaned.count(","), cleaned.count(".")
    if commas and points:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    elif commas > 1 or points > 1:
        cleaned = cleaned.replace(",", "").replace(".", "")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:  # pragma: no cover - the pattern above lets only numbers through
        raise CellError(_("“%(value)s” is not a number.") % {"value": text}) from error


MAX_PRICE = Decimal("99999999.99")


def parse_price(text: str) -> Decimal:
    value = parse_decimal(text)
    if value < 0:
        raise CellError(_("The price must not be negative."))
    if value != value.quantize(Decimal("0.01")):
        raise CellError(_("“%(value)s” has more than two decimal places.") % {"value": text})
    if value > MAX_PRICE:
        raise CellError(_("“%(value)s” is too high.") % {"value": text})
    return value.quantize(Decimal("0.01"))


def parse_quantity(text: str) -> Decimal:
    value = parse_decimal(text)
    if value != value.quantize(Decimal("0.001")):
        raise CellError(_("“%(value)s” has more than three decimal places.") % {"value": text})
    if value < Decimal("0.001"):
        raise CellError(_("The quantity must be greater than 0."))
    if value >= Decimal("10000000"):
        raise CellError(_("“%(value)s” is too high.") % {"value": text})
    return value.quantize(Decimal("0.001"))


MAX_STOCK = 2_147_483_647


def parse_stock(text: str) -> int:
    value = parse_decimal(text)
    if value < 0:
        raise CellError(_("The stock must not be negative."))
    if value != value.to_integral_value():
        raise CellError(_("The stock must be a whole number."))
    if value > MAX_STOCK:
        raise CellError(_("“%(value)s” is too high.") % {"value": text})
    return int(value)


_VAT_RATES = {Decimal(rate.value): rate.value for rate in VatRate}


def parse_vat_rate(text: str) -> str:
    try:
        value = parse_decimal(text.replace("%", ""))
    except CellError:
        value = None
    if value is not None and 0 < value < 1:  # 0.19 and 0.07 as fractions
        value *= 100
    if value is None or value.normalize() not in _VAT_RATES:
        raise CellError(_("“%(value)s” is not a VAT rate; use 19, 7 or 0.") % {"value": text})
    return _VAT_RATES[value.normalize()]


_TRUE = {"ja", "j", "yes", "y", "1", "x", "wahr", "true"}
_FALSE = {"nein", "n", "no", "0", "falsch", "false", "-"}


def parse_boolean(text: str) -> bool:
    value = text.strip().casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise CellError(_("“%(value)s” is neither “ja” nor “nein”.") % {"value": text})


_UNITS = {
    "g": QuantityUnit.GRAM,
    "gr": QuantityUnit.GRAM,
    "gramm": QuantityUnit.GRAM,
    "gram": QuantityUnit.GRAM,
    "kg": QuantityUnit.KILOGRAM,
    "kilogramm": QuantityUnit.KILOGRAM,
    "kilogram": QuantityUnit.KILOGRAM,
    "ml": QuantityUnit.MILLILITRE,
    "milliliter": QuantityUnit.MILLILITRE,
    "millilitre": QuantityUnit.MILLILITRE,
    "l": QuantityUnit.LITRE,
    "ltr": QuantityUnit.LITRE,
    "liter": QuantityUnit.LITRE,
    "litre": QuantityUnit.LITRE,
    "m": QuantityUnit.METRE,
    "meter": QuantityUnit.METRE,
    "metre": QuantityUnit.METRE,
    "m2": QuantityUnit.SQUARE_METRE,
    "m²": QuantityUnit.SQUARE_METRE,
    "qm": QuantityUnit.SQUARE_METRE,
    "m3": QuantityUnit.CUBIC_METRE,
    "m³": QuantityUnit.CUBIC_METRE,
    "cbm": QuantityUnit.CUBIC_METRE,
    "piece": QuantityUnit.PIECE,
    "pieces": QuantityUnit.PIECE,
    "pcs": QuantityUnit.PIECE,
    "pc": QuantityUnit.PIECE,
    "stück": QuantityUnit.PIECE,
    "stk": QuantityUnit.PIECE,
    "st": QuantityUnit.PIECE,
}


def parse_unit(text: str) -> str:
    unit = _UNITS.get(text.strip().casefold().rstrip("."))
    if unit is None:
        raise CellError(
            _("“%(value)s” is not a unit; use g, kg, ml, l, m, m², m³ or Stück.") % {"value": text}
        )
    return unit.value


_STOCK_MODES = {
    "gezählt": StockMode.TRACKED,
    "gezaehlt": StockMode.TRACKED,
    "bestand": StockMode.TRACKED,
    "tracked": StockMode.TRACKED,
    "counted": StockMode.TRACKED,
    "immer": StockMode.ALWAYS,
    "immer verfügbar": StockMode.ALWAYS,
    "always": StockMode.ALWAYS,
    "always available": StockMode.ALWAYS,
    "auf anfrage": StockMode.ON_REQUEST,
    "anfrage": StockMode.ON_REQUEST,
    "on request": StockMode.ON_REQUEST,
    "on_request": StockMode.ON_REQUEST,
}


def parse_stock_mode(text: str) -> str:
    mode = _STOCK_MODES.get(" ".join(text.casefold().split()))
    if mode is None:
        raise CellError(
            _("“%(value)s” is not an availability; use “gezählt”, “immer” or “auf Anfrage”.")
            % {"value": text}
        )
    return mode.value


GTIN_LENGTHS = frozenset({8, 12, 13, 14})


def gtin_check_digit_ok(digits: str) -> bool:
    """The GS1 check digit (weights 3 and 1 from the right, without the check digit itself)."""
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def parse_gtin(text: str) -> str:
    digits = re.sub(r"[\s-]", "", text)
    if not digits.isdigit() or len(digits) not in GTIN_LENGTHS:
        raise CellError(_("“%(value)s” is not a GTIN: it needs 8, 12, 13 or 14 digits.") % {"value": text})
    if not gtin_check_digit_ok(digits):
        raise CellError(_("The check digit of the GTIN “%(value)s” is wrong.") % {"value": text})
    return digits


class CategoryLookup:
    """Categories by slug and by German or English name (case-insensitive), loaded once per file."""

    def __init__(self) -> None:
        self._by_key: dict[str, ProductCategory] = {}
        categories = list(ProductCategory.objects.order_by("is_active", "pk"))
        # Names first, slugs last, so a slug always wins over a name that happens to look like one.
        for category in categories:
            for name in (category.name_en, category.name):
                if name:
                    self._by_key[name.casefold()] = category
        for category in categories:
            self._by_key[category.slug.casefold()] = category

    def parse(self, text: str) -> ProductCategory:
        category = self._by_key.get(" ".join(text.split()).casefold())
        if category is None:
            raise CellError(_("There is no category “%(value)s”.") % {"value": text})
        return category


# --- Writing cells ------------------------------------------------------------------------------


def format_decimal(value: Decimal | None, *, language: str, places: int = 2) -> str:
    """3.5 → "3,50" (German) or "3.50" (English); ``None`` → empty; quantities without trailing zeros."""
    if value is None:
        return ""
    text = f"{value:.2f}" if places == 2 else format(value.normalize(), "f")
    return text if language.startswith("en") else text.replace(".", ",")


def format_boolean(value: bool, *, language: str) -> str:
    if language.startswith("en"):
        return "yes" if value else "no"
    return "ja" if value else "nein"


_STOCK_MODE_NAMES = {
    "de": {StockMode.TRACKED: "gezählt", StockMode.ALWAYS: "immer", StockMode.ON_REQUEST: "auf Anfrage"},
    "en": {StockMode.TRACKED: "tracked", StockMode.ALWAYS: "always", StockMode.ON_REQUEST: "on request"},
}
_UNIT_NAMES = {QuantityUnit.SQUARE_METRE: "m²", QuantityUnit.CUBIC_METRE: "m³"}


def format_stock_mode(value: str, *, language: str) -> str:
    return _STOCK_MODE_NAMES["en" if language.startswith("en") else "de"][StockMode(value)]


def format_unit(value: str, *, language: str) -> str:
    if value == QuantityUnit.PIECE:
        return "piece" if language.startswith("en") else "Stück"
    return _UNIT_NAMES.get(QuantityUnit(value), value)
