"""The catalog's rules: unit price (PAngV), VAT split, availability, the product summary."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marktplatz.catalog.models import Product, QuantityUnit, StockMode
from marktplatz.catalog.pricing import unit_price, vat_split
from marktplatz.catalog.services.products import VariantData, product_duplicate, product_update
from marktplatz.catalog.stock import Availability, availability

from .factories import ProductFactory


@pytest.mark.parametrize(
    ("price", "quantity", "unit", "amount", "basis"),
    [
        ("3.49", "250", QuantityUnit.GRAM, "13.96", "kg"),
        ("2.00", "1.5", QuantityUnit.KILOGRAM, "1.33", "kg"),
        ("1.19", "330", QuantityUnit.MILLILITRE, "3.61", "l"),
        ("8.99", "0.75", QuantityUnit.LITRE, "11.99", "l"),
        ("12.00", "5", QuantityUnit.METRE, "2.40", "m"),
        ("30.00", "2.5", QuantityUnit.SQUARE_METRE, "12.00", "m2"),
    ],
)
def test_unit_price_per_basis_unit(price: str, quantity: str, unit: str, amount: str, basis: str) -> None:
    result = unit_price(price=Decimal(price), quantity=Decimal(quantity), unit=unit)
    assert result is not None
    assert (result.amount, result.basis) == (Decimal(amount), basis)


def test_no_unit_price_for_pieces() -> None:
    assert unit_price(price=Decimal("5"), quantity=Decimal("6"), unit=QuantityUnit.PIECE) is None


def test_no_unit_price_without_quantity() -> None:
    assert unit_price(price=Decimal("5"), quantity=None, unit=QuantityUnit.GRAM) is None


@pytest.mark.parametrize(
    ("gross", "rate", "net", "vat"),
    [
        ("11.90", "19", "10.00", "1.90"),
        ("10.70", "7", "10.00", "0.70"),
        ("0.99", "19", "0.83", "0.16"),
        ("5.00", "0", "5.00", "0.00"),
    ],
)
def test_vat_split_adds_up_to_gross(gross: str, rate: str, net: str, vat: str) -> None:
    split = vat_split(gross=Decimal(gross), rate=Decimal(rate))
    assert (split.net, split.vat) == (Decimal(net), Decimal(vat))
    assert split.net + split.vat == Decimal(gross)


@pytest.mark.parametrize(
    ("mode", "stock", "expected"),
    [
        (StockMode.TRACKED, 0, Availability.SOLD_OUT),
        (StockMode.TRACKED, 3, Availability.FEW_LEFT),
        (StockMode.TRACKED, 4, Availability.IN_STOCK),
        (StockMode.ALWAYS, 0, Availability.IN_STOCK),
        (StockMode.ON_REQUEST, 10, Availability.ON_REQUEST),
    ],
)
def test_availability(mode: str, stock: int, expected: Availability) -> None:
    assert availability(stock_mode=mode, stock=stock) == expected


@pytest.mark.django_db
def test_summary_is_lowest_variant_price() -> None:
    product = ProductFactory(
        variants=[
            VariantData(label="groß", price=Decimal("9.00")),
            VariantData(label="klein", price=Decimal("6.50")),
        ]
    )
    assert product.price == Decimal("6.50")


@pytest.mark.django_db
def test_counted_product_without_stock_is_not_in_stock() -> None:
    product = ProductFactory(stock_mode=StockMode.TRACKED, stock=0)
    assert product.in_stock is False


@pytest.mark.django_db
def test_summary_follows_a_stock_change() -> None:
    created = ProductFactory(stock_mode=StockMode.TRACKED, stock=0)
    variant = created.variants.get()
    product = product_update(
        product=created, variants=[VariantData(id=variant.pk, price=Decimal("4.99"), stock=2)]
    )
    assert product.in_stock is True
    assert product.variants.get().pk == variant.pk


@pytest.mark.django_db
def test_on_request_is_not_in_stock() -> None:
    assert ProductFactory(stock_mode=StockMode.ON_REQUEST).in_stock is False


@pytest.mark.django_db
def test_duplicate_is_hidden_and_drops_codes(german: None) -> None:
    product = ProductFactory(name="Honig", sku="H-1", gtin="4006381333931")
    copy = product_duplicate(product=product)
    variant = copy.variants.get()
    assert (copy.name, copy.is_active, variant.sku, variant.gtin) == ("Honig (Kopie)", False, "", "")
    assert Product.objects.count() == 2
