"""
The CSV import through its service entry points (``import_stream`` / ``import_file``): encodings,
delimiters, header names, broken rows, matching by SKU / GTIN / product ID, variants, the round
trip with the export. Messages are asserted in English (one test in German) so that the rules are
tested independently of the catalogue.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from marktplatz.catalog.csv.exporter import export_lines
from marktplatz.catalog.csv.importer import ImportResult, Outcome, import_file, import_stream
from marktplatz.catalog.csv.reader import FileError
from marktplatz.catalog.models import Product, ProductVariant, StockMode
from marktplatz.catalog.services.products import VariantData
from marktplatz.directory.models import Shop
from marktplatz.directory.tests.factories import ShopFactory

from .factories import ProductCategoryFactory, ProductFactory

pytestmark = [pytest.mark.django_db]

GERMAN_HEADER = "Name;Preis;Artikelnummer;GTIN;Bestand;MwSt.\n"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def shop() -> Shop:
    return ShopFactory()


def run(shop: Shop, data: str | bytes, *, dry_run: bool = False, encoding: str = "utf-8") -> ImportResult:
    raw = data if isinstance(data, bytes) else data.encode(encoding)
    return import_stream(shop=shop, binary=io.BytesIO(raw), dry_run=dry_run)


def counts(result: ImportResult) -> tuple[int, int, int, int]:
    return (result.created, result.updated, result.unchanged, result.rejected)


def reasons(result: ImportResult) -> list[str]:
    return [note for row in result.first_rejected for note in row.notes]


def variants(shop: Shop) -> list[tuple[str, str, Decimal, str, str, int]]:
    return list(
        ProductVariant.objects.filter(product__shop=shop)
        .order_by("product_id", "position")
        .values_list("product__name", "label", "price", "sku", "gtin", "stock")
    )


# --- Encodings and delimiters -------------------------------------------------------------------

UMLAUT_CSV = "Name;Preis;Artikelnummer\nÄpfel aus Mönchgut;2,49;Ä-1\nSüße Brötchen;0,45;B-2\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")],
)
def test_umlauts_survive_every_encoding(shop: Shop, encoding: str, expected: str) -> None:
    result = run(shop, UMLAUT_CSV, encoding=encoding)

    assert (result.encoding, counts(result)) == (expected, (2, 0, 0, 0))
    assert variants(shop) == [
        ("Äpfel aus Mönchgut", "", Decimal("2.49"), "Ä-1", "", 0),
        ("Süße Brötchen", "", Decimal("0.45"), "B-2", "", 0),
    ]


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Name;Preis\nBrot;3,20\n", ";"),
        ("Name,Preis\nBrot,3.20\n", ","),
        ('Name,Preis\n"Brot, hell","3,20"\n', ","),
        ("Name\tPreis\nBrot\t3,20\n", "\t"),
        ("sep=,\nName,Preis\nBrot,3.20\n", ","),
    ],
)
def test_delimiter_is_sniffed(shop: Shop, text: str, delimiter: str) -> None:
    result = run(shop, text)

    assert (result.delimiter, counts(result)) == (delimiter, (1, 0, 0, 0))
    assert Product.objects.get().price == Decimal("3.20")


def test_windows_line_endings_and_quoted_line_breaks(shop: Shop) -> None:
    result = run(
        shop,
        'Name;Preis;Beschreibung\r\nHonig;6,50;"Aus der Heide.\r\nCremig gerührt."\r\n',
        encoding="cp1252",
    )

    assert counts(result) == (1, 0, 0, 0)
    assert Product.objects.get().description == "Aus der Heide.\r\nCremig gerührt."


# --- Header names --------------------------------------------------------------------------------


def test_english_headers_and_values(shop: Shop) -> None:
    category = ProductCategoryFactory(name="Honig", name_en="Honey", slug="honig")
    text = (
        "Name,Price,SKU,Stock,Availability,VAT,Category,Quantity,Unit,Pickup,Delivery,Shipping,Active\n"
        "Heather honey,6.50,H-1,12,tracked,7 %,Honey,500,g,yes,no,no,no\n"
    )

    result = run(shop, text)

    assert counts(result) == (1, 0, 0, 0)
    product = Product.objects.get()
    assert (
        product.category,
        product.vat_rate,
        product.stock_mode,
        product.quantity,
        product.unit,
        product.allows_pickup,
        product.allows_delivery,
        product.allows_shipping,
        product.is_active,
    ) == (category, "7", StockMode.TRACKED, Decimal("500.000"), "g", True, False, False, False)


def test_till_system_header_spellings_are_recognised(shop: Shop) -> None:
    text = (
        "Artikelbezeichnung;VK-Preis;Art.-Nr.;EAN;Lagerbestand;MwSt-Satz\nKerze;4,95;K-1;4006381333931;3;19\n"
    )

    result = run(shop, text)

    assert (counts(result), result.ignored_columns) == ((1, 0, 0, 0), [])
    assert variants(shop) == [("Kerze", "", Decimal("4.95"), "K-1", "4006381333931", 3)]


def test_unknown_columns_are_ignored_and_named(shop: Shop) -> None:
    result = run(shop, "Name;Preis;Lieferant\nBrot;3,20;Bäckerei Schulz\n")

    assert (counts(result), result.ignored_columns) == ((1, 0, 0, 0), ["Lieferant"])


def test_stock_without_availability_column_makes_counted_stock(shop: Shop) -> None:
    run(shop, "Name;Preis;Bestand\nKerze;4,95;0\n")

    product = Product.objects.get()
    assert (product.stock_mode, product.in_stock) == (StockMode.TRACKED, False)


def test_category_by_slug_or_name_in_either_language(shop: Shop) -> None:
    category = ProductCategoryFactory(name="Backwaren", name_en="Bakery", slug="backwaren")
    result = run(shop, "Name;Preis;Kategorie\nA;1;backwaren\nB;1;Backwaren\nC;1;bakery\n")

    assert counts(result) == (3, 0, 0, 0)
    assert set(Product.objects.values_list("category", flat=True)) == {category.pk}


# --- Whole-file problems -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"PK\x03\x04rest-of-a-zip", "This is an Excel workbook, not a CSV file."),
        (b"Lieferant;Farbe\nX;rot\n", "No usable columns found."),
        (
            b"Name;Preis;VK\nBrot;1;2\n",
            "The columns “Preis” and “VK” mean the same; please keep only one.",
        ),
    ],
)
def test_unreadable_files_are_refused_as_a_whole(shop: Shop, data: bytes, message: str) -> None:
    with pytest.raises(FileError) as error:
        run(shop, data)

    assert str(error.value).startswith(message)
    assert Product.objects.count() == 0


# --- Broken rows ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (";3,20;A-1;;;19", "Row 2, column “Name”: The name is missing."),
        ("Brot;;A-1;;;19", "Row 2, column “Preis”: The price is missing."),
        ("Brot;drei;A-1;;;19", "Row 2, column “Preis”: “drei” is not a number."),
        ("Brot;3,205;A-1;;;19", "Row 2, column “Preis”: “3,205” has more than two decimal places."),
        ("Brot;-1;A-1;;;19", "Row 2, column “Preis”: The price must not be negative."),
        ("Brot;3,20;A-1;;;16", "Row 2, column “MwSt.”: “16” is not a VAT rate; use 19, 7 or 0."),
        (
            "Brot;3,20;A-1;4006381333932;;19",
            "Row 2, column “GTIN”: The check digit of the GTIN “4006381333932” is wrong.",
        ),
        (
            "Brot;3,20;A-1;40063813;;19",
            "Row 2, column “GTIN”: The check digit of the GTIN “40063813” is wrong.",
        ),
        (
            "Brot;3,20;A-1;12345;;19",
            "Row 2, column “GTIN”: “12345” is not a GTIN: it needs 8, 12, 13 or 14 digits.",
        ),
        ("Brot;3,20;A-1;;-2;19", "Row 2, column “Bestand”: The stock must not be negative."),
        ("Brot;3,20;A-1;;2,5;19", "Row 2, column “Bestand”: The stock must be a whole number."),
        (
            "Brot;3,20;A-1;;;19;extra",
            "Row 2 has 7 values instead of 6 – is there a delimiter inside a text without quotes?",
        ),
        (
            "Brot;3,20;A-1",
            "Row 2 has 3 values instead of 6 – is there a delimiter inside a text without quotes?",
        ),
    ],
)
def test_broken_row_is_rejected_with_row_and_column(shop: Shop, row: str, reason: str) -> None:
    result = run(shop, f"{GERMAN_HEADER}{row}\nGuter Kuchen;2,00;K-1;;;7\n")

    assert counts(result) == (1, 0, 0, 1)
    assert reasons(result) == [reason]
    assert [name for name, *_ in variants(shop)] == ["Guter Kuchen"]


def test_every_problem_of_a_row_is_named(shop: Shop) -> None:
    result = run(shop, f"{GERMAN_HEADER}Brot;x;A-1;1;-1;20\n")

    assert reasons(result) == [
        "Row 2, column “Preis”: “x” is not a number.",
        "Row 2, column “GTIN”: “1” is not a GTIN: it needs 8, 12, 13 or 14 digits.",
        "Row 2, column “Bestand”: The stock must not be negative.",
        "Row 2, column “MwSt.”: “20” is not a VAT rate; use 19, 7 or 0.",
    ]


def test_reason_is_in_german_for_german_users(shop: Shop) -> None:
    with translation.override("de"):
        result = run(shop, f"{GERMAN_HEADER}Brot;drei;A-1;;;19\n")

    assert reasons(result) == ["Zeile 2, Spalte „Preis“: „drei“ ist keine Zahl."]


def test_former_price_must_be_higher_than_price(shop: Shop) -> None:
    result = run(shop, "Name;Preis;Streichpreis\nBrot;3,20;3,20\n")

    assert reasons(result) == [
        "Row 2, column “Streichpreis”: The former price must be higher than the price."
    ]


def test_new_product_without_name_column_is_rejected(shop: Shop) -> None:
    result = run(shop, "Artikelnummer;Preis\nUNBEKANNT;3,20\n")

    assert reasons(result) == [
        "Row 2: no product with this article number or GTIN exists, and a new product needs a name."
    ]


def test_empty_rows_are_skipped_but_counted_in_row_numbers(shop: Shop) -> None:
    result = run(shop, "Name;Preis\n;\n\nBrot;x\n")

    assert (result.total, reasons(result)) == (1, ["Row 4, column “Preis”: “x” is not a number."])


def test_same_sku_twice_in_a_file_is_rejected_the_second_time(shop: Shop) -> None:
    result = run(shop, "Name;Preis;Artikelnummer\nBrot;3,20;B-1\nBrötchen;0,40;B-1\n")

    assert counts(result) == (1, 0, 0, 1)
    assert reasons(result) == ["Row 3, column “Artikelnummer”: “B-1” already appears in row 2."]


# --- Updates -------------------------------------------------------------------------------------


def test_update_by_sku_changes_only_the_columns_in_the_file(shop: Shop) -> None:
    product = ProductFactory(
        shop=shop, name="Roggenbrot", price=Decimal("3.20"), sku="R-1", stock=4, description="Kräftig."
    )

    result = run(shop, "Artikelnummer;Preis;Bestand\nR-1;3,40;10\n")

    assert counts(result) == (0, 1, 0, 0)
    assert result.first_rows[0].notes == ["Changes: Preis, Bestand"]
    product.refresh_from_db()
    assert (product.name, product.description, product.price) == ("Roggenbrot", "Kräftig.", Decimal("3.40"))
    assert variants(shop) == [("Roggenbrot", "", Decimal("3.40"), "R-1", "", 10)]


def test_update_by_gtin_when_sku_is_unknown(shop: Shop) -> None:
    ProductFactory(shop=shop, name="Kerze", price=Decimal("4.95"), gtin="4006381333931", sku="")

    result = run(shop, "Name;Preis;Artikelnummer;GTIN\nKerze weiß;5,50;K-9;4006381333931\n")

    assert counts(result) == (0, 1, 0, 0)
    assert variants(shop) == [("Kerze weiß", "", Decimal("5.50"), "K-9", "4006381333931", 0)]


def test_sku_of_another_shop_is_never_touched(shop: Shop) -> None:
    other = ProductFactory(name="Fremd", price=Decimal("1.00"), sku="X-1")

    result = run(shop, "Name;Preis;Artikelnummer\nEigen;2,00;X-1\n")

    assert counts(result) == (1, 0, 0, 0)
    other.refresh_from_db()
    assert (other.name, other.price) == ("Fremd", Decimal("1.00"))


def test_product_id_of_another_shop_creates_a_new_product(shop: Shop) -> None:
    other = ProductFactory(name="Fremd", price=Decimal("1.00"))

    result = run(shop, f"Produkt-ID;Name;Preis\n{other.pk};Eigen;2,00\n")

    assert counts(result) == (1, 0, 0, 0)
    assert Product.objects.get(shop=shop).name == "Eigen"
    other.refresh_from_db()
    assert other.name == "Fremd"


def test_ambiguous_sku_in_the_shop_is_rejected(shop: Shop) -> None:
    ProductFactory(shop=shop, sku="D-1")
    ProductFactory(shop=shop, sku="D-1")

    result = run(shop, "Artikelnummer;Preis\nD-1;2,00\n")

    assert reasons(result) == [
        "Row 2, column “Artikelnummer”: “D-1” belongs to 2 variants of your shop; it must be unique."
    ]


def test_dry_run_writes_nothing_but_tells_the_outcomes(shop: Shop) -> None:
    ProductFactory(shop=shop, name="Roggenbrot", price=Decimal("3.20"), sku="R-1")

    result = run(
        shop, "Name;Preis;Artikelnummer\nRoggenbrot;3,40;R-1\nDinkelbrot;3,90;D-1\nX;y;Z\n", dry_run=True
    )

    assert [(row.number, row.outcome) for row in result.first_rows] == [
        (2, Outcome.UPDATED),
        (3, Outcome.CREATED),
        (4, Outcome.REJECTED),
    ]
    assert variants(shop) == [("Roggenbrot", "", Decimal("3.20"), "R-1", "", 0)]


# --- Variants ------------------------------------------------------------------------------------


def test_rows_with_the_same_name_and_a_variant_make_one_product(shop: Shop) -> None:
    text = "Name;Variante;Preis;Artikelnummer\nShirt;S;10;S-S\nShirt;M;11;S-M\nShirt;L;12;S-L\nMütze;;8;M-1\n"

    result = run(shop, text)

    assert counts(result) == (4, 0, 0, 0)
    shirt = Product.objects.get(name="Shirt")
    assert list(shirt.variants.values_list("label", "position")) == [("S", 0), ("M", 1), ("L", 2)]
    assert shirt.price == Decimal("10.00")
    assert Product.objects.count() == 2


def test_new_variant_joins_an_existing_product_by_product_id(shop: Shop) -> None:
    shirt = ProductFactory(
        shop=shop, name="Shirt", variants=[VariantData(label="S", price=Decimal("10"), sku="S-S")]
    )

    result = run(shop, f"Produkt-ID;Name;Variante;Preis;Artikelnummer\n{shirt.pk};Shirt;XL;13;S-XL\n")

    assert counts(result) == (1, 0, 0, 0)
    assert list(shirt.variants.values_list("label", "position")) == [("S", 0), ("XL", 1)]


def test_variants_stay_together_across_batches(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("marktplatz.catalog.csv.importer.BATCH_SIZE", 2)
    text = "Name;Variante;Preis\nShirt;S;10\nShirt;M;11\nShirt;L;12\nShirt;XL;13\nHose;;30\n"

    result = run(shop, text)

    assert counts(result) == (5, 0, 0, 0)
    shirt = Product.objects.get(name="Shirt")
    assert list(shirt.variants.values_list("label", "position")) == [("S", 0), ("M", 1), ("L", 2), ("XL", 3)]


# --- Round trip ----------------------------------------------------------------------------------


def _export(shop: Shop, language: str = "de") -> bytes:
    return "".join(export_lines(shop=shop, language=language)).encode("utf-8")


def _snapshot(shop: Shop) -> list[tuple[object, ...]]:
    fields = [f.name for f in Product._meta.get_fields() if f.concrete and f.name != "updated_at"]
    products = list(Product.objects.filter(shop=shop).order_by("pk").values_list(*fields))
    variant_rows = list(ProductVariant.objects.filter(product__shop=shop).order_by("pk").values_list())
    return [*products, *variant_rows]


@pytest.mark.parametrize("language", ["de", "en"])
def test_export_then_import_changes_nothing(shop: Shop, language: str) -> None:
    category = ProductCategoryFactory(name="Feinkost", slug="feinkost")
    ProductFactory(
        shop=shop,
        name="Senf; scharf, „extra“",
        description='Zeile 1\r\nZeile 2 mit "Anführung" und ; Semikolon',
        category=category,
        vat_rate="7",
        quantity=Decimal("0.25"),
        unit="l",
        stock_mode=StockMode.TRACKED,
        allows_pickup=True,
        allows_delivery=False,
        allows_shipping=True,
        is_active=False,
        manufacturer="Senfmühle GmbH",
        manufacturer_address="Mühlenweg 1, 18055 Rostock",
        product_identifier="Charge 42",
        safety_warnings="Nicht in die Augen reiben.",
        ingredients="Senfsaat, Essig, Salz",
        variants=[
            VariantData(
                label="klein", price=Decimal("2.49"), compare_at_price=Decimal("2.99"), sku="S-1", stock=3
            ),
            VariantData(label="groß", price=Decimal("1234.50"), gtin="4006381333931", stock=0),
        ],
    )
    ProductFactory(shop=shop, name="Kerze", price=Decimal("0.00"), unit="m2", quantity=Decimal("1.5"))
    before = _snapshot(shop)

    result = run(shop, _export(shop, language))

    assert counts(result) == (0, 0, 3, 0)
    assert _snapshot(shop) == before


def test_export_is_excel_friendly(shop: Shop) -> None:
    ProductFactory(shop=shop, name="Brot", price=Decimal("3.2"))

    lines = _export(shop).decode("utf-8").splitlines()

    assert lines[0].startswith("\ufeffProdukt-ID;Name;Variante;Preis;")
    assert ";Brot;;3,20;" in lines[1]


def test_export_into_another_shop_copies_the_products(shop: Shop) -> None:
    source = ShopFactory()
    ProductFactory(
        shop=source,
        name="Shirt",
        variants=[VariantData(label="S", price=Decimal("10")), VariantData(label="M", price=Decimal("11"))],
    )

    result = run(shop, _export(source))

    assert counts(result) == (2, 0, 0, 0)
    assert variants(shop) == [
        ("Shirt", "S", Decimal("10.00"), "", "", 0),
        ("Shirt", "M", Decimal("11.00"), "", "", 0),
    ]


# --- The benchmark's entry point -----------------------------------------------------------------


def test_import_file_reads_a_path(shop: Shop, tmp_path: Path) -> None:
    path = tmp_path / "kasse.csv"
    path.write_bytes(UMLAUT_CSV.encode("cp1252"))

    result = import_file(shop=shop, path=path)

    assert counts(result) == (2, 0, 0, 0)
