"""``product_search``: text, typos, every filter, sorting, facets and the cost (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from marktplatz.catalog.models import Product, StockMode
from marktplatz.catalog.selectors.public import (
    ProductSearchParams,
    ProductSearchResult,
    product_search,
)
from marktplatz.catalog.services.products import product_update
from marktplatz.catalog.tests.factories import ProductCategoryFactory, ProductFactory
from marktplatz.directory.models import DeliveryPostalCode, ServiceKind, Shop
from marktplatz.directory.selectors import Origin
from marktplatz.directory.tests.factories import ShopFactory, ShopServiceFactory

pytestmark = pytest.mark.django_db

ROSTOCK = Origin(lat=54.0887, lon=12.1403, label="18055 Rostock", postal_code="18055")
WARNEMUENDE = {"lat": 54.1764, "lon": 12.0853, "locality": "Warnemünde", "postal_code": "18119"}  # 10.5 km
GUESTROW = {"lat": 53.7972, "lon": 12.1734, "locality": "Güstrow", "postal_code": "18273"}  # 32.5 km
SCHWERIN = {"lat": 53.6355, "lon": 11.4012, "locality": "Schwerin", "postal_code": "19053"}  # 70.6 km


def run(**params: Any) -> ProductSearchResult:
    return product_search(params=ProductSearchParams(**params))


def names(**params: Any) -> list[str]:
    return [hit.product.name for hit in run(**params).hits]


# --- Text -------------------------------------------------------------------------------------


def test_plural_with_umlaut_finds_the_singular() -> None:
    ProductFactory(name="Apfel Elstar")
    ProductFactory(name="Birne")

    assert names(q="Äpfel") == ["Apfel Elstar"]


def test_plural_finds_the_singular() -> None:
    ProductFactory(name="Schuh aus Leder")
    ProductFactory(name="Gürtel")

    assert names(q="Schuhe") == ["Schuh aus Leder"]


def test_a_typo_in_a_long_word_is_forgiven() -> None:
    ProductFactory(name="Roggenbrot")
    ProductFactory(name="Weizenmehl")

    assert names(q="Rogenbrot") == ["Roggenbrot"]


def test_a_short_word_must_be_exact() -> None:
    ProductFactory(name="Honig")

    assert names(q="Hong") == []


def test_name_counts_more_than_category_and_description() -> None:
    jam = ProductCategoryFactory(name="Marmelade", name_en="Jam", slug="marmelade")
    ProductFactory(name="Erdbeere im Glas", category=jam)
    ProductFactory(name="Brötchen", description="Schmeckt mit Marmelade")
    ProductFactory(name="Marmelade Kirsche")

    result = run(q="Marmelade")

    assert [(hit.product.name, hit.relevance) for hit in result.hits] == [
        ("Marmelade Kirsche", 4),
        ("Erdbeere im Glas", 2),
        ("Brötchen", 1),
    ]
    assert result.sort == "relevance"


def test_invisible_products_are_not_found() -> None:
    ProductFactory(name="Honig sichtbar")
    ProductFactory(name="Honig versteckt", is_active=False)
    hidden = ProductFactory(name="Honig gesperrt")
    Product.objects.filter(pk=hidden.pk).update(hidden_by_operator=True)
    ProductFactory(name="Honig unveröffentlicht", shop=ShopFactory(status=Shop.Status.HIDDEN))

    assert names() == ["Honig sichtbar"]


# --- Filters ----------------------------------------------------------------------------------


def test_category_includes_its_children() -> None:
    food = ProductCategoryFactory(name="Lebensmittel X", slug="lebensmittel-x")
    bread = ProductCategoryFactory(name="Brot X", slug="brot-x", parent=food)
    ProductFactory(name="Kuchen", category=food)
    ProductFactory(name="Brot", category=bread)
    ProductFactory(name="Hammer")

    assert sorted(names(category="lebensmittel-x")) == ["Brot", "Kuchen"]
    assert names(category="brot-x") == ["Brot"]


def test_price_range_is_inclusive() -> None:
    for price in ("1.99", "2.00", "5.00", "5.01"):
        ProductFactory(name=f"Ware {price}", price=Decimal(price))

    assert names(price_min=Decimal("2.00"), price_max=Decimal("5.00"), sort="price_asc") == [
        "Ware 2.00",
        "Ware 5.00",
    ]


def test_shop_filter_by_slug() -> None:
    ProductFactory(name="Eigen", shop=ShopFactory(slug="hofladen"))
    ProductFactory(name="Fremd")

    assert names(shop="hofladen") == ["Eigen"]


def test_near_a_place_within_the_radius_nearest_first() -> None:
    ProductFactory(name="Güstrow", shop=ShopFactory(**GUESTROW))
    ProductFactory(name="Warnemünde", shop=ShopFactory(**WARNEMUENDE))
    ProductFactory(name="Schwerin", shop=ShopFactory(**SCHWERIN))

    result = run(origin=ROSTOCK, radius_km=50)

    assert [(hit.product.name, hit.distance_km) for hit in result.hits] == [
        ("Warnemünde", 10.4),
        ("Güstrow", 32.5),
    ]
    assert result.sort == "distance"


def test_in_stock_only() -> None:
    ProductFactory(name="Da", stock_mode=StockMode.TRACKED, stock=2)
    ProductFactory(name="Weg", stock_mode=StockMode.TRACKED, stock=0)
    ProductFactory(name="Auf Anfrage", stock_mode=StockMode.ON_REQUEST)

    assert names(in_stock=True) == ["Da"]


def test_pickup_needs_the_product_flag_and_the_shops_service() -> None:
    with_pickup = ShopFactory()
    ShopServiceFactory(shop=with_pickup, kind=ServiceKind.PICKUP)
    ProductFactory(name="Abholbar", shop=with_pickup)
    ProductFactory(name="Nicht abholbar", shop=with_pickup, allows_pickup=False)
    ProductFactory(name="Laden ohne Abholung")

    assert names(fulfilment=("pickup",)) == ["Abholbar"]


def test_shipping_needs_the_product_flag_and_the_shops_service() -> None:
    ships = ShopFactory()
    ShopServiceFactory(shop=ships, kind=ServiceKind.SHIPPING)
    ProductFactory(name="Versand", shop=ships)
    ProductFactory(name="Kein Versand", shop=ships, allows_shipping=False)

    assert names(fulfilment=("shipping",)) == ["Versand"]


def test_delivery_to_my_postal_code_by_radius_or_list() -> None:
    near = ShopFactory(**WARNEMUENDE)
    ShopServiceFactory(shop=near, kind=ServiceKind.DELIVERY, delivery_radius_km=Decimal("15"))
    ProductFactory(name="Im Radius", shop=near)
    listed = ShopFactory(**SCHWERIN)
    ShopServiceFactory(shop=listed, kind=ServiceKind.DELIVERY)
    DeliveryPostalCode.objects.create(shop_id=listed.pk, postal_code="18055")
    ProductFactory(name="Auf der Liste", shop=listed)
    too_far = ShopFactory(**GUESTROW)
    ShopServiceFactory(shop=too_far, kind=ServiceKind.DELIVERY, delivery_radius_km=Decimal("10"))
    ProductFactory(name="Zu weit", shop=too_far)

    assert names(origin=ROSTOCK, fulfilment=("delivery",)) == ["Im Radius", "Auf der Liste"]


# --- Sorting ----------------------------------------------------------------------------------


def test_sort_by_price_both_ways() -> None:
    ProductFactory(name="Mittel", price=Decimal("5"))
    ProductFactory(name="Billig", price=Decimal("1"))
    ProductFactory(name="Teuer", price=Decimal("9"))

    assert names(sort="price_asc") == ["Billig", "Mittel", "Teuer"]
    assert names(sort="price_desc") == ["Teuer", "Mittel", "Billig"]


def test_without_words_and_place_newest_first() -> None:
    old = ProductFactory(name="Alt")
    Product.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=3))
    ProductFactory(name="Neu")

    result = run()

    assert [hit.product.name for hit in result.hits] == ["Neu", "Alt"]
    assert result.sort == "newest"


def test_equally_relevant_products_by_distance() -> None:
    ProductFactory(name="Honig Güstrow", shop=ShopFactory(**GUESTROW))
    ProductFactory(name="Honig Warnemünde", shop=ShopFactory(**WARNEMUENDE))

    assert names(q="Honig", origin=ROSTOCK) == ["Honig Warnemünde", "Honig Güstrow"]


def test_distance_sort_without_place_falls_back() -> None:
    ProductFactory(name="Eins")

    assert run(sort="distance").sort == "newest"


# --- Facets, pages and cost -------------------------------------------------------------------


def test_facets_count_all_results() -> None:
    food = ProductCategoryFactory(name="Essen F", slug="essen-f")
    bread = ProductCategoryFactory(name="Brot F", slug="brot-f", parent=food)
    shop = ShopFactory()
    ShopServiceFactory(shop=shop, kind=ServiceKind.PICKUP)
    ProductFactory(name="Brot 1", category=bread, shop=shop, stock_mode=StockMode.TRACKED, stock=1)
    ProductFactory(name="Brot 2", category=bread, shop=shop, allows_pickup=False)
    ProductFactory(name="Kuchen", category=food)
    ProductFactory(name="Ohne Kategorie", stock_mode=StockMode.TRACKED, stock=0)

    facets = run().facets

    assert [(c.slug, c.count, [(k.slug, k.count) for k in c.children]) for c in facets.categories] == [
        ("essen-f", 3, [("brot-f", 2)])
    ]
    assert facets.fulfilment == {"pickup": 1, "delivery": 0, "shipping": 0}
    assert facets.in_stock == 3


def test_pages_and_count() -> None:
    for number in range(5):
        ProductFactory(name=f"Ware {number}", price=Decimal(number + 1))

    result = product_search(params=ProductSearchParams(sort="price_asc"), page=2, per_page=2)

    assert (result.count, result.page, result.num_pages) == (5, 2, 3)
    assert [hit.product.name for hit in result.hits] == ["Ware 2", "Ware 3"]


def test_a_page_beyond_the_last_shows_the_last() -> None:
    ProductFactory(name="Einzig")

    result = product_search(params=ProductSearchParams(), page=9)

    assert (result.page, [hit.product.name for hit in result.hits]) == (1, ["Einzig"])


def test_variants_show_the_lowest_price_as_from_price() -> None:
    from marktplatz.catalog.services.products import VariantData

    ProductFactory(
        name="T-Shirt",
        variants=[VariantData(label="S", price=Decimal("10")), VariantData(label="XL", price=Decimal("12"))],
    )

    (hit,) = run().hits

    assert (hit.product.price, hit.has_price_range) == (Decimal("10.00"), True)


def test_unit_price_on_a_hit() -> None:
    ProductFactory(name="Kaffee", price=Decimal("3.49"), quantity=Decimal("250"), unit="g")

    (hit,) = run().hits

    assert hit.unit_price is not None
    assert (hit.unit_price.amount, hit.unit_price.basis) == (Decimal("13.96"), "kg")


def test_the_query_count_does_not_grow_with_the_results(django_assert_num_queries: Any) -> None:
    shop = ShopFactory()
    ShopServiceFactory(shop=shop, kind=ServiceKind.DELIVERY, delivery_radius_km=Decimal("20"))
    for number in range(12):
        ProductFactory(name=f"Honig {number}", shop=shop)
    params = ProductSearchParams(
        q="Honig", origin=ROSTOCK, radius_km=25, fulfilment=("delivery",), sort="price_asc"
    )

    # the categories, the typo check of "honig" (5 letters), count + facets, the page, its
    # variants and its images
    with django_assert_num_queries(6):
        result = product_search(params=params, per_page=10)

    assert (result.count, len(result.hits)) == (12, 10)


def test_changes_reach_the_search() -> None:
    product = ProductFactory(name="Honig")
    product_update(product=product, name="Senf")

    assert (names(q="Honig"), names(q="Senf")) == ([], ["Senf"])


def test_without_facets_no_categories_are_read(django_assert_num_queries: Any) -> None:
    for number in range(5):
        ProductFactory(name=f"Ware {number}", price=Decimal(number + 1))

    # the count, the page, its variants and its images
    with django_assert_num_queries(4):
        result = product_search(
            params=ProductSearchParams(sort="price_asc"), page=2, per_page=2, with_facets=False
        )

    assert (result.count, result.page, result.num_pages) == (5, 2, 3)
    assert [hit.product.name for hit in result.hits] == ["Ware 2", "Ware 3"]


def test_without_facets_a_page_beyond_the_last_shows_the_last() -> None:
    for number in range(3):
        ProductFactory(name=f"Ware {number}", price=Decimal(number + 1))

    result = product_search(
        params=ProductSearchParams(sort="price_asc"), page=7, per_page=2, with_facets=False
    )

    assert (result.count, result.page, [hit.product.name for hit in result.hits]) == (3, 2, ["Ware 2"])


def test_counting_stops_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("marktplatz.catalog.selectors.public.COUNT_LIMIT", 3)
    for number in range(5):
        ProductFactory(name=f"Ware {number}", price=Decimal(number + 1))

    with_facets = product_search(params=ProductSearchParams(sort="price_asc"), per_page=2, page=9)
    without = product_search(params=ProductSearchParams(sort="price_asc"), per_page=2, with_facets=False)

    assert (with_facets.count, with_facets.count_exact, with_facets.num_pages, with_facets.page) == (
        3,
        False,
        2,
        2,
    )
    assert [hit.product.name for hit in with_facets.hits] == ["Ware 2", "Ware 3"]
    assert with_facets.facets.exact is False
    assert (without.count, without.count_exact) == (3, False)


# --- Shortcuts for many results (same pages, cheaper) ------------------------------------------


def _pages(params: ProductSearchParams, *, pages: int, per_page: int) -> list[list[tuple[str, Any, Any]]]:
    return [
        [
            (hit.product.name, hit.relevance, hit.distance_km)
            for hit in product_search(params=params, page=page, per_page=per_page).hits
        ]
        for page in range(1, pages + 1)
    ]


@pytest.fixture
def many_results(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Lets the shortcuts for many results apply to a handful (and compares with them off)."""

    def switch(on: bool) -> None:
        monkeypatch.setattr("marktplatz.catalog.selectors.public.MANY_RESULTS", 0 if on else 10**9)
        monkeypatch.setattr("marktplatz.catalog.selectors.public.NEAREST_SHOPS_BATCH", 1)

    return switch


def test_nearest_first_shop_by_shop_gives_the_same_pages(many_results: Any) -> None:
    # Two shops at the same place (a batch must not split them) and one farther away.
    here, also_here = ShopFactory(lat=54.09, lon=12.14), ShopFactory(lat=54.09, lon=12.14)
    there = ShopFactory(**WARNEMUENDE)
    for shop, prefix in ((here, "B"), (also_here, "A"), (there, "C")):
        for number in range(3):
            ProductFactory(name=f"{prefix}{number}", shop=shop)
    ProductFactory(name="Schwerin", shop=ShopFactory(**SCHWERIN))
    params = ProductSearchParams(origin=ROSTOCK, radius_km=25)

    many_results(False)
    plain = _pages(params, pages=4, per_page=2)
    many_results(True)
    shortcut = _pages(params, pages=4, per_page=2)

    assert shortcut == plain
    assert [name for page in plain for name, _relevance, _distance in page] == [
        "A0", "A1", "A2", "B0", "B1", "B2", "C0", "C1",
    ]  # fmt: skip


def test_best_matches_by_name_alone_give_the_same_pages(many_results: Any) -> None:
    for number in range(3):
        ProductFactory(name=f"Honig {number}")
        ProductFactory(name=f"Senf {number}", description="Mit Honig")
    ProductFactory(name="Waldhonig Bio")  # "honig" is not how its word begins
    params = ProductSearchParams(q="Honig")

    many_results(False)
    plain = _pages(params, pages=3, per_page=2)
    many_results(True)
    shortcut = _pages(params, pages=3, per_page=2)

    assert shortcut == plain
    assert [(name, relevance) for page in plain for name, relevance, _distance in page] == [
        ("Honig 0", 4), ("Honig 1", 4), ("Honig 2", 4), ("Senf 0", 1), ("Senf 1", 1), ("Senf 2", 1),
    ]  # fmt: skip


def test_best_matches_near_a_place_shop_by_shop(many_results: Any) -> None:
    # Then the next levels of relevance (description only), again nearest first.
    near, far = ShopFactory(lat=54.09, lon=12.14), ShopFactory(**WARNEMUENDE)
    for shop, suffix in ((far, "fern"), (near, "nah")):
        ProductFactory(name=f"Käse Gouda {suffix}", shop=shop)
        ProductFactory(name=f"Käse Tilsiter {suffix}", shop=shop)
        ProductFactory(name=f"Brot {suffix}", shop=shop, description="Passt zu Käse")
    params = ProductSearchParams(q="käse gouda", origin=ROSTOCK, radius_km=25)
    params_one_word = ProductSearchParams(q="Käse", origin=ROSTOCK, radius_km=25)

    many_results(False)
    plain = _pages(params, pages=2, per_page=1) + _pages(params_one_word, pages=6, per_page=1)
    many_results(True)
    shortcut = _pages(params, pages=2, per_page=1) + _pages(params_one_word, pages=6, per_page=1)

    assert shortcut == plain
    assert [name for page in plain for name, _relevance, _distance in page] == [
        "Käse Gouda nah", "Käse Gouda fern",
        "Käse Gouda nah", "Käse Tilsiter nah", "Käse Gouda fern", "Käse Tilsiter fern",
        "Brot nah", "Brot fern",
    ]  # fmt: skip
