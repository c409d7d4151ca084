"""Demo products for the demo shops (``catalog.demo``), loaded by ``manage.py load_demo``."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command

from marktplatz.catalog.demo import (
    BAKERY,
    DEMO_PRODUCT_NOTE,
    HIDDEN_DEMO_REASON,
    MAX_ITEMS,
    MIN_ITEMS,
    RANGES,
    demo_products_load,
)
from marktplatz.catalog.models import Product, ProductCategory, ProductVariant, StockMode
from marktplatz.catalog.pricing import unit_price
from marktplatz.catalog.tests.factories import ProductFactory
from marktplatz.directory.models import Category, Shop
from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.search import search_documents, search_query_parse

pytestmark = [pytest.mark.django_db]


def _found(text: str) -> list[int]:
    query = search_query_parse(kind="product", text=text)
    return list(search_documents(query=query).values_list("object_id", flat=True))


def _demo_shop(name: str, category: str, **kwargs: Any) -> Shop:
    return ShopFactory(name=name, is_demo=True, categories=[Category.objects.get(slug=category)], **kwargs)


def test_a_featured_shop_gets_its_whole_range() -> None:
    bakery = _demo_shop("Bäckerei Sonnenkorn", "baeckerei")

    assert demo_products_load() == len(BAKERY)

    assert sorted(bakery.products.values_list("name", flat=True)) == sorted(item.name for item in BAKERY)


def test_a_generated_shop_gets_a_few_articles_of_its_range() -> None:
    shop = _demo_shop("Radhaus Möwe", "fahrradhandel")

    demo_products_load()

    names = set(shop.products.values_list("name", flat=True))
    assert MIN_ITEMS <= len(names) <= MAX_ITEMS
    assert names <= {item.name for item in RANGES["fahrraeder"]}


def test_real_shops_get_no_demo_products() -> None:
    ShopFactory(categories=[Category.objects.get(slug="baeckerei")])

    assert demo_products_load() == 0
    assert Product.objects.count() == 0


def test_loading_again_changes_nothing() -> None:
    _demo_shop("Bäckerei Sonnenkorn", "baeckerei")
    demo_products_load()
    before = list(Product.objects.order_by("pk").values_list("pk", "name", "price", "updated_at"))

    assert demo_products_load() == 0
    assert list(Product.objects.order_by("pk").values_list("pk", "name", "price", "updated_at")) == before


def test_a_shop_with_its_own_products_is_left_alone() -> None:
    shop = _demo_shop("Bäckerei Sonnenkorn", "baeckerei")
    ProductFactory(shop=shop, name="Eigenes Brot")

    assert demo_products_load() == 0
    assert list(shop.products.values_list("name", flat=True)) == ["Eigenes Brot"]


def test_the_same_seed_gives_the_same_articles() -> None:
    shop = _demo_shop("Radhaus Möwe", "fahrradhandel")
    demo_products_load(seed=7)
    first = sorted(shop.products.values_list("name", "allows_delivery", "allows_shipping"))
    Product.objects.all().delete()

    demo_products_load(seed=7)

    assert sorted(shop.products.values_list("name", "allows_delivery", "allows_shipping")) == first


def test_demo_articles_are_searchable() -> None:
    _demo_shop("Bäckerei Sonnenkorn", "baeckerei")
    demo_products_load()

    rye = Product.objects.get(name="Roggenmischbrot")
    assert _found("Roggenmischbrot") == [rye.pk]
    assert rye.pk in _found("Roggenmischbrote")  # stemming


def test_prices_units_and_unit_prices() -> None:
    _demo_shop("Bäckerei Sonnenkorn", "baeckerei")
    demo_products_load()

    rye = Product.objects.get(name="Roggenmischbrot")
    assert (rye.price, rye.quantity, rye.unit, rye.vat_rate) == (Decimal("3.90"), Decimal("750"), "g", "7")
    unit = unit_price(price=rye.price, quantity=rye.quantity, unit=rye.unit)
    assert unit is not None and unit.amount == Decimal("5.20")
    assert rye.description.endswith(DEMO_PRODUCT_NOTE)


def test_variants_and_the_lowest_price_as_summary() -> None:
    _demo_shop("Bäckerei Sonnenkorn", "baeckerei")
    demo_products_load()

    franz = Product.objects.get(name="Franzbrötchen")
    variants = list(franz.variants.values_list("label", "price", "position"))
    assert variants == [("Klassisch mit Zimt", Decimal("1.60"), 0), ("Mit Schokolade", Decimal("1.90"), 1)]
    assert franz.price == Decimal("1.60")


def test_counted_stock_with_a_sold_out_article() -> None:
    _demo_shop("Bäckerei Sonnenkorn", "baeckerei")
    demo_products_load()

    torte = Product.objects.get(name="Sanddorntorte")
    assert (torte.stock_mode, torte.in_stock) == (StockMode.TRACKED, False)
    assert list(torte.variants.values_list("stock", flat=True)) == [0]


def test_food_has_ingredients_and_non_food_has_safety_information() -> None:
    _demo_shop(
        "Bäckerei Sonnenkorn", "baeckerei", street="Lange Straße 3", postal_code="18055", locality="Rostock"
    )
    demo_products_load()

    rye = Product.objects.get(name="Roggenmischbrot")
    assert rye.category == ProductCategory.objects.get(slug="brot-backwaren")
    assert "ROGGEN" in rye.ingredients
    assert (rye.manufacturer, rye.safety_warnings) == ("", "")
    bag = Product.objects.get(name="Brotbeutel aus Leinen")
    assert bag.category is not None and bag.category.is_food is False
    assert bag.ingredients == ""
    assert bag.manufacturer == "Leinenweberei Nordlicht (Demo)"
    assert bag.manufacturer_address == "Demo-Straße 1, 18055 Rostock"
    assert bag.product_identifier.startswith("Art.-Nr. D")
    assert bag.safety_warnings == "Vor dem ersten Gebrauch waschen. Nicht im Trockner trocknen."


def test_every_variant_has_a_sku_and_no_price_below_zero() -> None:
    for index, slug in enumerate(["baeckerei", "blumenladen", "fahrradhandel", "damenmode", "buchhandlung"]):
        _demo_shop(f"Demo {index}", slug)
    demo_products_load()

    skus = list(ProductVariant.objects.values_list("sku", flat=True))
    assert all(skus) and len(skus) == len(set(skus))
    assert not ProductVariant.objects.filter(price__lte=0).exists()


def test_one_article_is_hidden_by_the_operator_with_a_reason() -> None:
    _demo_shop("Blumenhaus Ostseebrise", "blumenladen")
    demo_products_load()

    soil = Product.objects.get(name="Torffreie Blumenerde")
    assert (soil.hidden_by_operator, soil.operator_reason) == (True, HIDDEN_DEMO_REASON)
    assert _found("Blumenerde") == []


def test_every_range_uses_existing_categories() -> None:
    slugs = set(ProductCategory.objects.values_list("slug", flat=True))
    directory_slugs = set(Category.objects.values_list("slug", flat=True))

    for key, items in RANGES.items():
        assert key in directory_slugs, key
        for item in items:
            assert item.category == "" or item.category in slugs, (key, item.name)


def test_load_demo_command_loads_the_products() -> None:
    out = io.StringIO()

    call_command("load_demo", "--count", "3", stdout=out)

    created = Product.objects.count()
    assert created > 0
    assert f"{created} new demo products." in out.getvalue()
    assert Product.objects.filter(shop__name="Fahrradladen Kettenblatt").exists()
    out = io.StringIO()
    call_command("load_demo", "--count", "3", stdout=out)
    assert "0 new demo products." in out.getvalue()
