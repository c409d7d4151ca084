"""The product figures of the statistics page: per shop, per category, searches without results."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.catalog.models import ProductCategory
from marktplatz.catalog.tests.factories import ProductCategoryFactory, ProductFactory
from marktplatz.directory.models import Shop
from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.stats.models import SearchMiss
from marktplatz.stats.selectors import (
    product_summary,
    products_by_category,
    products_by_shop,
    top_searches_without_results,
)
from marktplatz.stats.tests.factories import SearchMissFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

TODAY = dt.date(2026, 6, 17)


def _rows(table: Any) -> list[tuple[str, int]]:
    return [(row.label, row.count) for row in table.rows]


def test_products_by_shop_counts_visible_products_of_real_shops() -> None:
    big, small = ShopFactory(name="Großer Laden"), ShopFactory(name="Kleiner Laden")
    ProductFactory.create_batch(3, shop=big)
    ProductFactory(shop=small)
    ProductFactory(shop=small, is_active=False)  # hidden by the owner
    hidden = ProductFactory(shop=small)
    hidden.hidden_by_operator = True
    hidden.save(update_fields=["hidden_by_operator"])
    ProductFactory(shop=ShopFactory(name="Versteckter Laden", status=Shop.Status.HIDDEN))
    ProductFactory(shop=ShopFactory(name="Demo-Laden", is_demo=True))

    table = products_by_shop()

    assert [(row.label, row.count, row.url) for row in table.rows] == [
        ("Großer Laden", 3, big.get_absolute_url()),
        ("Kleiner Laden", 1, small.get_absolute_url()),
    ]
    assert [row.percent for row in table.rows] == [100, 33]


def test_products_by_shop_with_demo_entries() -> None:
    ProductFactory(shop=ShopFactory(name="Demo-Laden", is_demo=True))

    assert _rows(products_by_shop(include_demo=True)) == [("Demo-Laden", 1)]


def test_products_by_shop_shows_the_top_20() -> None:
    for index in range(21):
        ProductFactory(shop=ShopFactory(name=f"Laden {index:02d}"))

    rows = _rows(products_by_shop())

    assert len(rows) == 20
    assert rows[0] == ("Laden 00", 1)
    assert rows[-1] == ("Laden 19", 1)


def test_products_by_category_counts_main_categories_with_their_sub_categories() -> None:
    food = ProductCategoryFactory(slug="test-essen", name="Essen", position=100)
    bread = ProductCategoryFactory(slug="test-brot", name="Brot", parent=food)
    ProductCategoryFactory(slug="test-leer", name="Leer", position=101)
    ProductCategoryFactory(slug="test-alt", name="Alt", is_active=False)
    ProductFactory.create_batch(2, category=bread)
    ProductFactory(category=food)
    ProductFactory(category=bread, is_active=False)
    ProductFactory(category=bread, shop=ShopFactory(is_demo=True))
    ProductFactory(category=None)

    rows = dict(_rows(products_by_category()))

    assert (rows["Essen"], rows["Leer"]) == (3, 0)
    assert "Brot" not in rows
    assert "Alt" not in rows
    assert _rows(products_by_category())[0] == ("Essen", 3)
    # every active seeded main category is listed, also without products
    assert set(rows) == {"Essen", "Leer"} | set(
        ProductCategory.objects.filter(parent=None, is_active=True).values_list("name", flat=True)
    )


def test_products_by_category_with_demo_entries() -> None:
    food = ProductCategoryFactory(slug="test-essen", name="Essen")
    ProductFactory(category=food, shop=ShopFactory(is_demo=True))

    assert dict(_rows(products_by_category(include_demo=True)))["Essen"] == 1


def test_product_summary() -> None:
    shop = ShopFactory()
    category = ProductCategoryFactory()
    ProductFactory.create_batch(2, shop=shop, category=category)
    ProductFactory(shop=shop, category=None)
    ProductFactory(category=category)
    hidden = ProductFactory(shop=shop)
    hidden.hidden_by_operator = True
    hidden.save(update_fields=["hidden_by_operator"])
    ProductFactory(shop=ShopFactory(is_demo=True))

    summary = product_summary()

    assert (summary.visible, summary.shops, summary.hidden_by_operator, summary.without_category) == (
        4,
        2,
        1,
        1,
    )


def test_product_searches_without_results_show_their_kind() -> None:
    SearchMissFactory(kind=SearchMiss.Kind.PRODUCT, query="lakritz", where="", date=TODAY, count=4)
    SearchMissFactory(kind=SearchMiss.Kind.SHOP, query="lakritz", where="", date=TODAY, count=2)

    table = top_searches_without_results(today=TODAY)

    assert [(row.label, row.extra, row.count) for row in table.rows] == [
        ("lakritz", ("Produkte", "ganze Region"), 4),
        ("lakritz", ("Geschäfte", "ganze Region"), 2),
    ]


@pytest.fixture
def operator(client: Any) -> Any:
    user = UserFactory(is_staff=True)
    client.force_login(user)
    return user


def test_the_page_shows_the_product_tables(client: Any, operator: Any) -> None:
    ProductFactory.create_batch(2, shop=ShopFactory(name="Hofladen Pramann"))

    html = client.get("/betrieb/statistik/").content.decode()

    assert (
        "Sichtbare Produkte: 2; Geschäfte mit sichtbaren Produkten: 1; vom Betreiber ausgeblendet: 0." in html
    )
    assert "2 sichtbare Produkte haben keine Kategorie." in html
    assert '<h2 id="produkte-je-geschaeft">Geschäfte mit den meisten Produkten (Top 20)</h2>' in html
    assert '<h2 id="produkte-je-kategorie">Sichtbare Produkte nach Hauptkategorie</h2>' in html
    assert ">Hofladen Pramann</a></th>" in html


def test_products_by_shop_as_csv(client: Any, operator: Any) -> None:
    ProductFactory.create_batch(2, shop=ShopFactory(name="Hofladen Pramann"))

    text = client.get("/betrieb/statistik/produkte-je-geschaeft.csv").content.decode("utf-8")

    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [["Geschäft", "Sichtbare Produkte"], ["Hofladen Pramann", "2"]]
