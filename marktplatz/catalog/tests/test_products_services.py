"""The back office's writes: bulk actions, quick create, duplicate, delete – always within one shop."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from marktplatz.catalog.models import Product, ProductImage, ProductVariant, StockMode
from marktplatz.catalog.services.images import product_image_add
from marktplatz.catalog.services.products import (
    VariantData,
    gtin_is_valid,
    price_changed,
    product_duplicate,
    product_quick_create,
    products_change_price,
    products_delete,
    products_set_active,
    products_set_stock,
)
from marktplatz.directory.models import ServiceKind
from marktplatz.directory.tests.factories import ShopFactory, ShopServiceFactory
from marktplatz.directory.tests.test_images import image_bytes, upload

from .factories import ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]


def prices(product: Product) -> list[tuple[Decimal, Decimal | None]]:
    return list(product.variants.order_by("position").values_list("price", "compare_at_price"))


# --- Price change -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("price", "percent", "expected"),
    [
        (Decimal("9.99"), Decimal("10"), Decimal("10.99")),  # 10.989 → 10.99
        (Decimal("0.05"), Decimal("10"), Decimal("0.06")),  # 0.055 → half up
        (Decimal("3.49"), Decimal("-15"), Decimal("2.97")),  # 2.9665
        (Decimal("2.00"), Decimal("-100"), Decimal("0.00")),
        (Decimal("1.00"), Decimal("12.5"), Decimal("1.13")),  # 1.125 → half up
    ],
)
def test_price_change_rounds_half_up_to_cents(price: Decimal, percent: Decimal, expected: Decimal) -> None:
    assert price_changed(price=price, percent=percent) == expected


def test_bulk_price_change_moves_every_variant_and_the_summary() -> None:
    shop = ShopFactory()
    product = ProductFactory(
        shop=shop,
        variants=[
            VariantData(label="S", price=Decimal("10.00"), compare_at_price=Decimal("12.00")),
            VariantData(label="M", price=Decimal("15.55")),
        ],
    )

    count = products_change_price(shop=shop, product_ids=[product.pk], percent=Decimal("-10"))

    assert count == 1
    assert prices(product) == [(Decimal("9.00"), Decimal("10.80")), (Decimal("14.00"), None)]
    assert Product.objects.get(pk=product.pk).price == Decimal("9.00")


def test_bulk_price_change_below_zero_is_rejected_and_changes_nothing() -> None:
    shop = ShopFactory()
    product = ProductFactory(shop=shop, price=Decimal("5.00"))

    with pytest.raises(ValidationError) as caught:
        products_change_price(shop=shop, product_ids=[product.pk], percent=Decimal("-100.01"))

    assert caught.value.messages == [
        "Ein Preis kann nicht unter 0 € fallen. Bitte senken Sie die Preise um höchstens 100 %."
    ]
    assert prices(product) == [(Decimal("5.00"), None)]


def test_bulk_price_change_ignores_products_of_other_shops() -> None:
    shop = ShopFactory()
    mine = ProductFactory(shop=shop, price=Decimal("10.00"))
    foreign = ProductFactory(price=Decimal("10.00"))

    count = products_change_price(shop=shop, product_ids=[mine.pk, foreign.pk], percent=Decimal("50"))

    assert count == 1
    assert prices(mine) == [(Decimal("15.00"), None)]
    assert prices(foreign) == [(Decimal("10.00"), None)]


# --- Stock and visibility ---------------------------------------------------------------------------


def test_set_stock_changes_counted_products_only_and_refreshes_availability() -> None:
    shop = ShopFactory()
    counted = ProductFactory(shop=shop, stock_mode=StockMode.TRACKED, stock=0)
    always = ProductFactory(shop=shop, stock_mode=StockMode.ALWAYS, stock=0)
    foreign = ProductFactory(stock_mode=StockMode.TRACKED, stock=0)
    assert Product.objects.get(pk=counted.pk).in_stock is False

    count = products_set_stock(shop=shop, product_ids=[counted.pk, always.pk, foreign.pk], stock=7)

    assert count == 1
    assert list(ProductVariant.objects.filter(product_id=counted.pk).values_list("stock", flat=True)) == [7]
    assert Product.objects.get(pk=counted.pk).in_stock is True
    assert list(ProductVariant.objects.filter(product_id=always.pk).values_list("stock", flat=True)) == [0]
    assert list(ProductVariant.objects.filter(product_id=foreign.pk).values_list("stock", flat=True)) == [0]


def test_hide_and_show_touch_only_own_products() -> None:
    shop = ShopFactory()
    mine = ProductFactory(shop=shop)
    foreign = ProductFactory()

    hidden = products_set_active(shop=shop, product_ids=[mine.pk, foreign.pk], is_active=False)

    assert hidden == 1
    assert Product.objects.get(pk=mine.pk).is_active is False
    assert Product.objects.get(pk=foreign.pk).is_active is True
    assert products_set_active(shop=shop, product_ids=[mine.pk], is_active=True) == 1


# --- Delete and duplicate -----------------------------------------------------------------------------


def test_delete_removes_only_own_products(django_capture_on_commit_callbacks: Any) -> None:
    shop = ShopFactory()
    mine = ProductFactory(shop=shop)
    foreign = ProductFactory()

    with django_capture_on_commit_callbacks(execute=True):
        count = products_delete(shop=shop, product_ids=[mine.pk, foreign.pk])

    assert count == 1
    assert list(Product.objects.values_list("pk", flat=True)) == [foreign.pk]


def test_delete_removes_the_picture_files_after_commit(django_capture_on_commit_callbacks: Any) -> None:
    shop = ShopFactory()
    product = ProductFactory(shop=shop)
    with django_capture_on_commit_callbacks(execute=True):
        product_image_add(product=product, file=upload(image_bytes((80, 60))))
    image = ProductImage.objects.get()
    names = [image.image.name, image.image_webp.name, image.thumbnail.name]
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        products_delete(shop=shop, product_ids=[product.pk])

    assert [default_storage.exists(name) for name in names] == [False, False, False]


def test_duplicate_is_a_hidden_copy_with_variants_but_without_codes() -> None:
    product = ProductFactory(
        name="Honig",
        variants=[
            VariantData(label="250 g", price=Decimal("4.50"), sku="H-250", gtin="4006381333931", stock=3),
            VariantData(label="500 g", price=Decimal("7.90"), sku="H-500"),
        ],
    )

    copy = product_duplicate(product=product)

    assert (copy.shop_id, copy.name, copy.is_active) == (product.shop_id, "Honig (Kopie)", False)
    assert list(copy.variants.values_list("label", "price", "sku", "gtin", "stock")) == [
        ("250 g", Decimal("4.50"), "", "", 3),
        ("500 g", Decimal("7.90"), "", "", 0),
    ]


# --- Quick create -------------------------------------------------------------------------------------


def test_quick_create_uses_defaults_and_the_shops_ways_of_handing_over() -> None:
    shop = ShopFactory()
    ShopServiceFactory(shop=shop, kind=ServiceKind.PICKUP)
    ShopServiceFactory(shop=shop, kind=ServiceKind.PHONE_ORDER)

    product = product_quick_create(shop=shop, name="Apfelkuchen", price=Decimal("2.80"))

    assert (product.name, product.price, product.vat_rate, product.stock_mode, product.is_active) == (
        "Apfelkuchen",
        Decimal("2.80"),
        "19",
        StockMode.ALWAYS,
        True,
    )
    assert (product.allows_pickup, product.allows_delivery, product.allows_shipping) == (True, False, False)
    assert list(product.variants.values_list("label", "price")) == [("", Decimal("2.80"))]


def test_quick_create_with_a_bad_photo_saves_nothing() -> None:
    shop = ShopFactory()

    with pytest.raises(ValidationError):
        product_quick_create(
            shop=shop, name="Brot", price=Decimal("3.00"), photo=upload(b"kein Bild" * 50, name="brot.jpg")
        )

    assert Product.objects.count() == 0


# --- GTIN ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("4006381333931", True),  # EAN-13
        ("4006381333932", False),  # wrong check digit
        ("96385074", True),  # EAN-8
        ("96385075", False),
        ("036000291452", True),  # UPC-A
        ("10614141000415", True),  # GTIN-14
        ("400638133393", False),  # 12 digits, wrong check digit
        ("1234567", False),  # 7 digits
        ("40063813339３1", False),  # a full-width digit
        ("", False),
    ],
)
def test_gtin_check_digit(code: str, valid: bool) -> None:
    assert gtin_is_valid(code) is valid
