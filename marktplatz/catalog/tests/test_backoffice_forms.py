"""The product forms: GTIN, former price, SKU per shop, variant rows, bulk action input."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.http import QueryDict

from marktplatz.catalog.forms.products import (
    BulkActionForm,
    ProductForm,
    ProductListForm,
    VariantForm,
    variant_formset,
)
from marktplatz.catalog.models import Product
from marktplatz.catalog.services.products import VariantData
from marktplatz.directory.models import ServiceKind
from marktplatz.directory.tests.factories import ShopFactory, ShopServiceFactory

from .factories import ProductCategoryFactory, ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]


def variant_data(**fields: Any) -> dict[str, Any]:
    return {
        "label": "",
        "price": "3,49",
        "compare_at_price": "",
        "stock": "0",
        "sku": "",
        "gtin": "",
        **fields,
    }


def formset_data(product: Product, rows: list[dict[str, Any]], initial: int | None = None) -> QueryDict:
    data = QueryDict(mutable=True)
    data["variants-TOTAL_FORMS"] = str(len(rows))
    data["variants-INITIAL_FORMS"] = str(len(rows) if initial is None else initial)
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"variants-{index}-{key}"] = value
    return data


# --- One variant row --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "gtin", ["4006381333931", "4006 3813 3393 1", "96385074", "036000291452", "10614141000415"]
)
def test_valid_gtins_are_accepted_without_spaces(gtin: str) -> None:
    form = VariantForm(variant_data(gtin=gtin))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["gtin"] == gtin.replace(" ", "")


def test_a_gtin_with_a_wrong_check_digit_is_refused() -> None:
    form = VariantForm(variant_data(gtin="4006381333932"))

    assert form.errors["gtin"] == [
        "Diese GTIN ist ungültig: Ihre letzte Ziffer (die Prüfziffer) passt nicht. "
        "Bitte prüfen Sie die Nummer."
    ]


@pytest.mark.parametrize("gtin", ["1234567", "400638133393A", "123456789012345"])
def test_a_gtin_of_the_wrong_length_or_with_letters_is_refused(gtin: str) -> None:
    form = VariantForm(variant_data(gtin=gtin))

    assert form.errors["gtin"] == ["Eine GTIN hat 8, 12, 13 oder 14 Ziffern."]


@pytest.mark.parametrize("compare_at", ["3,49", "2,00"])
def test_the_former_price_must_be_higher_than_the_price(compare_at: str) -> None:
    form = VariantForm(variant_data(price="3,49", compare_at_price=compare_at))

    assert form.errors["compare_at_price"] == ["Der frühere Preis muss höher sein als der Preis."]


def test_a_higher_former_price_and_a_german_decimal_comma_are_accepted() -> None:
    form = VariantForm(variant_data(price="12,50", compare_at_price="15"))

    assert form.is_valid(), form.errors
    assert (form.cleaned_data["price"], form.cleaned_data["compare_at_price"]) == (
        Decimal("12.50"),
        Decimal("15"),
    )


def test_a_negative_price_is_refused() -> None:
    form = VariantForm(variant_data(price="-1"))

    assert form.errors["price"] == ["Dieser Wert muss größer oder gleich 0 sein."]


# --- The variant rows -------------------------------------------------------------------------------


def test_an_sku_of_another_product_of_the_same_shop_is_refused() -> None:
    shop = ShopFactory()
    ProductFactory(shop=shop, sku="APF-1")
    product = ProductFactory(shop=shop)
    variant = product.variants.get()

    formset = variant_formset(
        shop=shop,
        product=product,
        data=formset_data(product, [variant_data(id=str(variant.pk), sku="APF-1")]),
    )

    assert not formset.is_valid()
    assert formset.forms[0].errors["sku"] == [
        "Ein anderes Produkt Ihres Geschäfts hat schon die SKU „APF-1“."
    ]


def test_the_same_sku_in_another_shop_is_fine() -> None:
    ProductFactory(sku="APF-1")
    product = ProductFactory()
    variant = product.variants.get()

    formset = variant_formset(
        shop=product.shop,
        product=product,
        data=formset_data(product, [variant_data(id=str(variant.pk), sku="APF-1")]),
    )

    assert formset.is_valid(), formset.errors


def test_the_product_keeps_its_own_sku() -> None:
    product = ProductFactory(sku="APF-1")
    variant = product.variants.get()

    formset = variant_formset(
        shop=product.shop,
        product=product,
        data=formset_data(product, [variant_data(id=str(variant.pk), sku="APF-1")]),
    )

    assert formset.is_valid(), formset.errors


def test_two_rows_cannot_share_an_sku() -> None:
    product = ProductFactory()
    rows = [variant_data(label="S", sku="T-1"), variant_data(label="M", sku="T-1")]

    formset = variant_formset(shop=product.shop, product=product, data=formset_data(product, rows, initial=0))

    assert not formset.is_valid()
    assert formset.forms[1].errors["sku"] == ["Zwei Varianten können nicht dieselbe SKU haben."]


def test_several_variants_need_a_label_each() -> None:
    product = ProductFactory()
    rows = [variant_data(label="S"), variant_data(label="", price="4,00")]

    formset = variant_formset(shop=product.shop, product=product, data=formset_data(product, rows, initial=0))

    assert not formset.is_valid()
    assert formset.forms[1].errors["label"] == ["Bitte benennen Sie diese Variante, z. B. „Größe M“."]


def test_deleting_every_row_is_refused() -> None:
    product = ProductFactory()
    variant = product.variants.get()

    formset = variant_formset(
        shop=product.shop,
        product=product,
        data=formset_data(product, [variant_data(id=str(variant.pk), DELETE="on")]),
    )

    assert not formset.is_valid()
    assert formset.non_form_errors() == [
        "Ein Produkt braucht mindestens einen Preis: Bitte behalten Sie eine Zeile."
    ]


def test_rows_become_variant_data_and_an_empty_new_row_is_skipped() -> None:
    product = ProductFactory(variants=[VariantData(label="S", price=Decimal("5.00"))])
    variant = product.variants.get()
    rows = [
        variant_data(id=str(variant.pk), label="S", price="5,50", stock="4"),
        variant_data(label="M", price="6,00", gtin="4006381333931"),
        variant_data(label="", price=""),  # an untouched new row
    ]

    formset = variant_formset(shop=product.shop, product=product, data=formset_data(product, rows, initial=1))

    assert formset.is_valid(), formset.errors
    assert formset.variants() == [
        VariantData(id=variant.pk, label="S", price=Decimal("5.50"), stock=4),
        VariantData(label="M", price=Decimal("6.00"), gtin="4006381333931"),
    ]


def test_the_id_of_another_products_variant_becomes_a_new_variant() -> None:
    product = ProductFactory()
    foreign = ProductFactory(shop=product.shop).variants.get()

    formset = variant_formset(
        shop=product.shop,
        product=product,
        data=formset_data(product, [variant_data(id=str(foreign.pk), price="1,00")]),
    )

    assert formset.is_valid(), formset.errors
    assert formset.variants() == [VariantData(id=None, price=Decimal("1.00"))]


# --- The product form -------------------------------------------------------------------------------


def test_fulfilment_switches_only_for_what_the_shop_offers() -> None:
    shop = ShopFactory()
    ShopServiceFactory(shop=shop, kind=ServiceKind.DELIVERY)
    product = ProductFactory(shop=shop)

    form = ProductForm(instance=product, shop=shop)

    assert [field.name for field in form.fulfilment_fields()] == ["allows_delivery"]
    assert form.missing_fulfilment() == ["Abholung im Geschäft", "Versand"]


def test_categories_are_grouped_under_their_main_category() -> None:
    food = ProductCategoryFactory(name="Testlebensmittel", slug="t-food", is_food=True, position=0)
    ProductCategoryFactory(name="Testbrot", slug="t-brot", parent=food, is_food=True)
    product = ProductFactory()

    form = ProductForm(instance=product, shop=product.shop)

    groups = dict(form.fields["category"].choices[1:])
    assert [label for _pk, label in groups["Testlebensmittel"]] == ["Testlebensmittel allgemein", "Testbrot"]
    assert food.pk in form.food_category_ids


def test_an_unknown_category_is_refused() -> None:
    product = ProductFactory()
    data = {"name": "X", "vat_rate": "19", "unit": "piece", "stock_mode": "always", "category": "999999"}

    form = ProductForm(data, instance=product, shop=product.shop)

    assert "category" in form.errors


# --- List and bulk input ----------------------------------------------------------------------------


def test_bad_list_parameters_are_ignored() -> None:
    form = ProductListForm({"q": "Brot", "stock": "kaputt", "sort": "nonsense", "category": "x"})

    assert form.params() == {
        "query": "Brot",
        "category": None,
        "stock_state": None,
        "visibility": None,
        "sort": "name",
    }


def test_bulk_price_change_needs_a_percentage() -> None:
    form = BulkActionForm({"product": ["1"], "action": "price"})

    assert form.errors["percent"] == ["Bitte geben Sie an, um wie viel Prozent sich die Preise ändern."]


def test_bulk_ids_must_be_numbers() -> None:
    data = QueryDict(mutable=True)
    data.setlist("product", ["1", "zwei"])
    data["action"] = "hide"

    form = BulkActionForm(data)

    assert form.errors["product"] == ["Bitte wählen Sie Produkte aus der Liste."]


def test_the_way_back_keeps_only_a_query_string() -> None:
    form = BulkActionForm({"product": ["1"], "action": "hide", "back": "?q=Brot&page=2"})
    assert form.is_valid()

    assert form.back_query() == "q=Brot&page=2"
