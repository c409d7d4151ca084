"""The numbers of the statistics page for a known set of data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from marktplatz.catalog.tests.factories import ProductCategoryFactory, ProductFactory
from marktplatz.directory.models import ServiceKind, Shop
from marktplatz.directory.tests.factories import CategoryFactory, ShopFactory, ShopServiceFactory
from marktplatz.stats.models import SearchMiss
from marktplatz.stats.selectors import (
    new_shops_per_week,
    services_offered,
    shops_by_category,
    shops_by_district,
    stats_dashboard,
    stats_summary,
    top_searches_without_results,
    top_viewed_shops,
)
from marktplatz.stats.tests.factories import SearchMissFactory, ShopPageViewDayFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

TODAY = dt.date(2026, 6, 17)  # a Wednesday; the week began on Monday 15 June


def _berlin(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def _rows(table: object) -> list[tuple[str, int]]:
    return [(row.label, row.count) for row in table.rows]


def test_shops_by_district_counts_published_real_shops() -> None:
    ShopFactory.create_batch(3, district="Rostock")
    ShopFactory.create_batch(2, district="Nordwestmecklenburg")
    ShopFactory(district="Rostock", status=Shop.Status.PENDING)
    ShopFactory(district="Rostock", status=Shop.Status.HIDDEN)
    ShopFactory(district="Rostock", is_demo=True)
    ShopFactory(district="")

    table = shops_by_district()

    assert _rows(table) == [("Rostock", 3), ("Nordwestmecklenburg", 2), ("(ohne Landkreis)", 1)]
    assert [row.percent for row in table.rows] == [100, 67, 33]


def test_shops_by_district_with_demo_entries() -> None:
    ShopFactory(district="Rostock")
    ShopFactory(district="Rostock", is_demo=True)

    assert _rows(shops_by_district(include_demo=True)) == [("Rostock", 2)]


def test_shops_by_category_counts_main_categories_with_their_sub_categories() -> None:
    food = CategoryFactory(slug="test-essen", name="Essen")
    bakery = CategoryFactory(slug="test-backwaren", name="Backwaren", parent=food)
    cheese = CategoryFactory(slug="test-kaese", name="Käse", parent=food)
    books = CategoryFactory(slug="test-buecher", name="Bücher")
    CategoryFactory(slug="test-leer", name="Leer")
    CategoryFactory(slug="test-alt", name="Alt", is_active=False)
    ShopFactory(categories=[bakery, cheese, books])  # once in "Essen", once in "Bücher"
    ShopFactory(categories=[food])
    ShopFactory(categories=[cheese])
    ShopFactory(categories=[bakery], status=Shop.Status.PENDING)
    ShopFactory(categories=[books], is_demo=True)

    rows = dict(_rows(shops_by_category()))

    assert (rows["Essen"], rows["Bücher"], rows["Leer"]) == (3, 1, 0)
    assert "Backwaren" not in rows
    assert "Alt" not in rows


def test_shops_by_category_with_demo_entries() -> None:
    books = CategoryFactory(slug="test-buecher", name="Bücher")
    ShopFactory(categories=[books])
    ShopFactory(categories=[books], is_demo=True)

    assert dict(_rows(shops_by_category(include_demo=True)))["Bücher"] == 2


def test_new_shops_per_week_last_12_weeks_in_berlin_time() -> None:
    ShopFactory(created_at=_berlin(2026, 6, 15, 0, 30))  # Monday just after midnight: this week
    ShopFactory(created_at=_berlin(2026, 6, 14, 23, 30))  # Sunday night: last week
    ShopFactory(created_at=_berlin(2026, 6, 10), status=Shop.Status.PENDING)  # any status counts
    ShopFactory(created_at=_berlin(2026, 3, 30))  # Monday 11 weeks ago: the first row
    ShopFactory(created_at=_berlin(2026, 3, 29))  # 12 weeks ago: too old
    ShopFactory(created_at=_berlin(2026, 6, 16), is_demo=True)

    table = new_shops_per_week(today=TODAY)

    assert len(table.rows) == 12
    assert table.rows[0].label == "KW 14 (ab 30.03.2026)"
    assert table.rows[-1].label == "KW 25 (ab 15.06.2026)"
    assert [row.count for row in table.rows] == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1]


def test_services_offered_lists_every_kind() -> None:
    first, second = ShopFactory(), ShopFactory()
    ShopServiceFactory(shop=first, kind=ServiceKind.DELIVERY)
    ShopServiceFactory(shop=second, kind=ServiceKind.DELIVERY)
    ShopServiceFactory(shop=first, kind=ServiceKind.PHONE_ORDER)
    ShopServiceFactory(shop=ShopFactory(status=Shop.Status.HIDDEN), kind=ServiceKind.PICKUP)

    table = services_offered()

    # The labels are the directory's (translated in its own catalogue), in order of the count.
    assert _rows(table)[:2] == [(str(ServiceKind.DELIVERY.label), 2), (str(ServiceKind.PHONE_ORDER.label), 1)]
    assert sorted(_rows(table)[2:]) == sorted(
        (str(kind.label), 0)
        for kind in (ServiceKind.PICKUP, ServiceKind.SHIPPING, ServiceKind.ONLINE_SHOP, ServiceKind.VOUCHERS)
    )


def test_top_searches_without_results_sums_the_last_30_days() -> None:
    SearchMissFactory(query="fahrradladen", where="wismar", date=TODAY, count=3)
    SearchMissFactory(query="fahrradladen", where="wismar", date=TODAY - dt.timedelta(days=29), count=2)
    SearchMissFactory(query="fahrradladen", where="wismar", date=TODAY - dt.timedelta(days=30), count=50)
    SearchMissFactory(query="fahrradladen", where="", date=TODAY, count=1)
    SearchMissFactory(query="sushi", where="güstrow", date=TODAY, count=4)

    table = top_searches_without_results(today=TODAY)

    assert [(row.label, row.extra, row.count) for row in table.rows] == [
        ("fahrradladen", ("Geschäfte", "wismar"), 5),
        ("sushi", ("Geschäfte", "güstrow"), 4),
        ("fahrradladen", ("Geschäfte", "ganze Region"), 1),
    ]


def test_top_viewed_shops_of_the_last_30_days() -> None:
    popular = ShopFactory(name="Beliebt")
    quiet = ShopFactory(name="Ruhig")
    hidden = ShopFactory(name="Versteckt", status=Shop.Status.HIDDEN)
    ShopPageViewDayFactory(shop=popular, date=TODAY, count=7)
    ShopPageViewDayFactory(shop=popular, date=TODAY - dt.timedelta(days=29), count=5)
    ShopPageViewDayFactory(shop=quiet, date=TODAY - dt.timedelta(days=1), count=2)
    ShopPageViewDayFactory(shop=quiet, date=TODAY - dt.timedelta(days=30), count=100)
    ShopPageViewDayFactory(shop=hidden, date=TODAY, count=3)
    ShopPageViewDayFactory(shop=ShopFactory(is_demo=True), date=TODAY, count=99)

    table = top_viewed_shops(today=TODAY)

    assert [(row.label, row.count, row.url) for row in table.rows] == [
        ("Beliebt", 12, popular.get_absolute_url()),
        ("Versteckt", 3, f"/admin/directory/shop/{hidden.pk}/change/"),
        ("Ruhig", 2, quiet.get_absolute_url()),
    ]


def test_summary() -> None:
    ShopFactory.create_batch(2)
    ShopFactory(status=Shop.Status.PENDING)
    ShopFactory(status=Shop.Status.HIDDEN)
    ShopFactory(is_demo=True)

    summary = stats_summary()

    assert (summary.published, summary.pending, summary.hidden, summary.demo) == (2, 1, 1, 1)


def test_dashboard_is_ten_queries(django_assert_num_queries: object) -> None:
    category = ProductCategoryFactory(parent=None)
    for district in ("Rostock", "Vorpommern-Greifswald"):
        shop = ShopFactory(district=district)
        ShopServiceFactory(shop=shop)
        ShopPageViewDayFactory(shop=shop)
        ProductFactory.create_batch(2, shop=shop, category=category)
    SearchMissFactory()
    SearchMissFactory(kind=SearchMiss.Kind.PRODUCT)

    with django_assert_num_queries(10):  # type: ignore[operator]
        dashboard = stats_dashboard()

    assert [table.key for table in dashboard.tables] == [
        "landkreise",
        "kategorien",
        "neue-geschaefte",
        "angebote",
        "suchen-ohne-treffer",
        "meistbesuchte-geschaefte",
        "produkte-je-geschaeft",
        "produkte-je-kategorie",
    ]
