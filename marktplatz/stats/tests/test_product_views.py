"""Product page views: the counter and the shop's views of the last seven days."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest

from marktplatz.catalog.tests.factories import ProductFactory
from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.stats.models import ProductPageViewDay
from marktplatz.stats.selectors import shop_views_this_week
from marktplatz.stats.services import product_page_view_record
from marktplatz.stats.tests.factories import ProductPageViewDayFactory, ShopPageViewDayFactory

TODAY = dt.date(2026, 5, 4)


@pytest.fixture
def today() -> object:
    with mock.patch("marktplatz.stats.services.timezone.localdate", return_value=TODAY) as patched:
        yield patched


@pytest.mark.django_db
def test_product_views_are_counted_per_product_and_day(today: object) -> None:
    first, second = ProductFactory(), ProductFactory()

    product_page_view_record(product_id=first.pk)
    product_page_view_record(product_id=first.pk)
    product_page_view_record(product_id=second.pk)

    assert sorted(ProductPageViewDay.objects.values_list("product_id", "date", "count")) == [
        (first.pk, TODAY, 2),
        (second.pk, TODAY, 1),
    ]


@pytest.mark.django_db
def test_product_page_view_is_one_query(django_assert_num_queries: object, today: object) -> None:
    product = ProductFactory()
    product_page_view_record(product_id=product.pk)

    with django_assert_num_queries(1):  # type: ignore[operator]
        product_page_view_record(product_id=product.pk)


@pytest.mark.django_db
def test_shop_views_this_week_adds_the_shop_page_and_its_product_pages() -> None:
    shop = ShopFactory()
    bread, cake = ProductFactory(shop=shop), ProductFactory(shop=shop)
    other_shop_product = ProductFactory()
    ShopPageViewDayFactory(shop=shop, date=TODAY, count=3)
    ShopPageViewDayFactory(shop=shop, date=TODAY - dt.timedelta(days=6), count=4)
    ShopPageViewDayFactory(shop=shop, date=TODAY - dt.timedelta(days=7), count=100)  # too old
    ProductPageViewDayFactory(product=bread, date=TODAY, count=5)
    ProductPageViewDayFactory(product=bread, date=TODAY - dt.timedelta(days=2), count=6)
    ProductPageViewDayFactory(product=cake, date=TODAY - dt.timedelta(days=2), count=7)
    ProductPageViewDayFactory(product=cake, date=TODAY - dt.timedelta(days=7), count=100)  # too old
    ProductPageViewDayFactory(product=other_shop_product, date=TODAY, count=100)

    assert shop_views_this_week(shop_id=shop.pk, today=TODAY) == 3 + 4 + 5 + 6 + 7


@pytest.mark.django_db
def test_shop_views_this_week_is_zero_without_views() -> None:
    assert shop_views_this_week(shop_id=ShopFactory().pk) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("utc_time", "expected"),
    [
        (dt.datetime(2026, 5, 4, 21, 30, tzinfo=dt.UTC), 2),  # 23:30 on 4 May in Berlin
        (dt.datetime(2026, 5, 4, 22, 30, tzinfo=dt.UTC), 0),  # already 5 May in Berlin
    ],
)
def test_shop_views_this_week_uses_the_berlin_date(utc_time: dt.datetime, expected: int) -> None:
    shop = ShopFactory()
    ShopPageViewDayFactory(shop=shop, date=TODAY - dt.timedelta(days=6), count=2)

    with mock.patch("django.utils.timezone.now", return_value=utc_time):
        assert shop_views_this_week(shop_id=shop.pk) == expected


@pytest.mark.django_db
def test_shop_views_this_week_is_one_query(django_assert_num_queries: object) -> None:
    shop = ShopFactory()
    ProductPageViewDayFactory(product=ProductFactory(shop=shop), date=TODAY, count=1)

    with django_assert_num_queries(1):  # type: ignore[operator]
        shop_views_this_week(shop_id=shop.pk, today=TODAY)


@pytest.mark.django_db
def test_product_counters_are_read_only_in_the_admin(client: Any) -> None:
    from marktplatz.accounts.tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    ProductPageViewDayFactory(product=ProductFactory(name="Roggenbrot"), count=4)

    response = client.get("/admin/stats/productpageviewday/")

    assert response.status_code == 200
    assert [(row.product.name, row.count) for row in response.context["cl"].result_list] == [
        ("Roggenbrot", 4)
    ]
    assert client.get("/admin/stats/productpageviewday/add/").status_code == 403
