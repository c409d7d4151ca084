"""The cookie-free counters: page views per shop and day, searches without results."""

from __future__ import annotations

import datetime as dt
import threading
from unittest import mock

import pytest
from django.db import close_old_connections, connection

from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.stats.models import SearchMiss, ShopPageViewDay
from marktplatz.stats.services import (
    is_probably_bot,
    search_query_normalize,
    search_without_results_record,
    shop_page_view_record,
)

TODAY = dt.date(2026, 5, 4)


@pytest.fixture
def today() -> object:
    with mock.patch("marktplatz.stats.services.timezone.localdate", return_value=TODAY) as patched:
        yield patched


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "Baiduspider+(+http://www.baidu.com/search/spider.htm)",
        "CCBot/2.0 (https://commoncrawl.org/faq/)",
        "SomeCrawler/1.0",
        "Mozilla/5.0 (compatible; Yahoo! Slurp)",
    ],
)
def test_is_probably_bot_recognises_robots(user_agent: str) -> None:
    assert is_probably_bot(user_agent) is True


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36",
        "",
    ],
)
def test_is_probably_bot_lets_people_through(user_agent: str) -> None:
    assert is_probably_bot(user_agent) is False


@pytest.mark.django_db
def test_first_view_of_the_day_creates_the_counter(today: object) -> None:
    shop = ShopFactory()

    shop_page_view_record(shop_id=shop.pk)

    assert list(ShopPageViewDay.objects.values_list("shop_id", "date", "count")) == [(shop.pk, TODAY, 1)]


@pytest.mark.django_db
def test_further_views_increment_the_same_row(today: object) -> None:
    shop = ShopFactory()

    for _ in range(3):
        shop_page_view_record(shop_id=shop.pk)

    assert list(ShopPageViewDay.objects.values_list("date", "count")) == [(TODAY, 3)]


@pytest.mark.django_db
def test_a_new_day_starts_a_new_counter() -> None:
    shop = ShopFactory()
    with mock.patch("marktplatz.stats.services.timezone.localdate", return_value=TODAY):
        shop_page_view_record(shop_id=shop.pk)
    with mock.patch(
        "marktplatz.stats.services.timezone.localdate", return_value=TODAY + dt.timedelta(days=1)
    ):
        shop_page_view_record(shop_id=shop.pk)

    assert list(ShopPageViewDay.objects.order_by("date").values_list("date", "count")) == [
        (TODAY, 1),
        (TODAY + dt.timedelta(days=1), 1),
    ]


@pytest.mark.django_db
def test_views_are_counted_per_shop(today: object) -> None:
    first, second = ShopFactory(), ShopFactory()

    shop_page_view_record(shop_id=first.pk)
    shop_page_view_record(shop_id=first.pk)
    shop_page_view_record(shop_id=second.pk)

    assert dict(ShopPageViewDay.objects.values_list("shop_id", "count")) == {first.pk: 2, second.pk: 1}


@pytest.mark.django_db
def test_page_view_is_one_query(django_assert_num_queries: object, today: object) -> None:
    shop = ShopFactory()
    shop_page_view_record(shop_id=shop.pk)

    with django_assert_num_queries(1):  # type: ignore[operator]
        shop_page_view_record(shop_id=shop.pk)


@pytest.mark.django_db(transaction=True)
def test_views_counted_outside_a_transaction_are_committed() -> None:
    # In autocommit the counter runs in a transaction of its own (without waiting for the disk on
    # PostgreSQL); the counts must still add up and be visible afterwards.
    shop = ShopFactory()

    shop_page_view_record(shop_id=shop.pk)
    shop_page_view_record(shop_id=shop.pk)

    assert connection.in_atomic_block is False
    assert ShopPageViewDay.objects.get(shop_id=shop.pk).count == 2


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Fahrrad   Reparatur ", "fahrrad reparatur"),
        ("BÄCKER\tin\nWismar", "bäcker in wismar"),
        ("x" * 150, "x" * 100),
        ("   ", ""),
    ],
)
def test_search_query_normalize(raw: str, expected: str) -> None:
    assert search_query_normalize(raw) == expected


@pytest.mark.django_db
def test_search_miss_is_normalised_and_counted(today: object) -> None:
    search_without_results_record(kind="shop", query="  Fahrrad  REPARATUR", where=" Wismar ")
    search_without_results_record(kind="shop", query="fahrrad reparatur", where="wismar")

    assert list(SearchMiss.objects.values_list("kind", "query", "where", "date", "count")) == [
        ("shop", "fahrrad reparatur", "wismar", TODAY, 2)
    ]


@pytest.mark.django_db
def test_search_miss_counts_places_separately(today: object) -> None:
    search_without_results_record(kind="shop", query="Eis", where="Wismar")
    search_without_results_record(kind="shop", query="Eis", where="")

    assert sorted(SearchMiss.objects.values_list("where", "count")) == [("", 1), ("wismar", 1)]


@pytest.mark.django_db
def test_search_miss_keeps_kinds_apart(today: object) -> None:
    search_without_results_record(kind="shop", query="Eis", where="")
    search_without_results_record(kind="product", query="Eis", where="")

    assert sorted(SearchMiss.objects.values_list("kind", "count")) == [("product", 1), ("shop", 1)]


@pytest.mark.django_db
def test_empty_search_is_not_counted(today: object) -> None:
    search_without_results_record(kind="shop", query="   ", where="Rostock")

    assert SearchMiss.objects.count() == 0


def test_unknown_search_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown search kind: 'event'"):
        search_without_results_record(kind="event", query="Konzert", where="")


def _run_concurrently(count: int, action: object) -> list[BaseException]:
    """Run ``action`` in ``count`` threads released together by a barrier; return their errors."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            action()  # type: ignore[operator]
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_page_views_lose_no_count() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Real concurrency needs PostgreSQL (SQLite in memory is one connection).")
    shop = ShopFactory()

    errors = _run_concurrently(12, lambda: shop_page_view_record(shop_id=shop.pk))

    assert errors == []
    assert list(ShopPageViewDay.objects.values_list("count", flat=True)) == [12]


@pytest.mark.django_db(transaction=True)
def test_concurrent_search_misses_lose_no_count() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Real concurrency needs PostgreSQL (SQLite in memory is one connection).")

    errors = _run_concurrently(
        12, lambda: search_without_results_record(kind="shop", query="Hofladen", where="Güstrow")
    )

    assert errors == []
    assert list(SearchMiss.objects.values_list("query", "count")) == [("hofladen", 12)]
