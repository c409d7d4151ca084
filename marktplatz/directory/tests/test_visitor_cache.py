"""
The public pages answered from the cache for anonymous visitors (``marktplatz.core.visitor_cache``):
what is cached, for whom, how long, and that counters and CSRF stay per visitor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db.models import Sum
from django.test import Client
from django.urls import reverse

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.core.visitor_cache import RedisCache
from marktplatz.directory.hours import BERLIN, OpeningStatus
from marktplatz.directory.views.shop import _seconds_until_change
from marktplatz.stats.models import SearchMiss, ShopPageViewDay

from .factories import ShopFactory

pytestmark = pytest.mark.django_db
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def visitor_cache_on(settings: Any) -> Iterator[None]:
    settings.VISITOR_CACHE = True
    cache.clear()
    yield
    cache.clear()


def views_of(shop: Any) -> int:
    return ShopPageViewDay.objects.filter(shop=shop).aggregate(total=Sum("count"))["total"] or 0


def test_a_repeated_shop_page_is_answered_without_reading_the_shop(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    shop = ShopFactory(name="Bäckerei Möller")
    first = client.get(shop.get_absolute_url())

    with django_assert_max_num_queries(1):  # the page-view counter only
        second = client.get(shop.get_absolute_url())

    assert second.status_code == 200
    assert "Bäckerei Möller" in second.content.decode()
    assert TOKEN_RE.sub("", second.content.decode()) == TOKEN_RE.sub("", first.content.decode())


def test_every_view_is_counted_also_from_the_cache(client: Client) -> None:
    shop = ShopFactory()

    for _ in range(3):
        client.get(shop.get_absolute_url())

    assert views_of(shop) == 3


def test_a_change_of_the_shop_shows_at_once(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    shop = ShopFactory(name="Alter Name")
    client.get(shop.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        shop.name = "Neuer Name"  # type: ignore[assignment]
        shop.save()

    html = client.get(shop.get_absolute_url()).content.decode()
    assert "Neuer Name" in html
    assert "Alter Name" not in html


def test_logged_in_visitors_never_get_the_cached_page(client: Client) -> None:
    shop = ShopFactory()
    client.get(shop.get_absolute_url())

    client.force_login(UserFactory())
    html = client.get(shop.get_absolute_url()).content.decode()

    assert f'action="{reverse("accounts:logout")}"' in html


def test_the_cached_page_carries_each_visitor_a_valid_csrf_token() -> None:
    shop = ShopFactory()
    Client().get(shop.get_absolute_url())  # fills the cache
    visitor = Client(enforce_csrf_checks=True)

    page = visitor.get(shop.get_absolute_url())
    token = TOKEN_RE.search(page.content.decode())
    assert token is not None
    form = {"language": "en", "csrfmiddlewaretoken": token[1], "next": "/"}
    switched = visitor.post("/i18n/setlang/", form)

    assert switched.status_code == 302


def test_a_search_without_results_is_counted_also_from_the_cache(client: Client) -> None:
    ShopFactory(name="Bäckerei Möller")

    for _ in range(2):
        response = client.get("/geschaefte/", {"q": "Kletterhalle"})
        assert response.status_code == 200

    assert SearchMiss.objects.get(query="kletterhalle").count == 2


def test_no_cache_in_the_request_asks_for_a_fresh_answer(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    ShopFactory(name="Bäckerei Möller")
    client.get("/api/v1/shops")

    with django_assert_max_num_queries(0):
        client.get("/api/v1/shops")
    fresh = client.get("/api/v1/shops", HTTP_CACHE_CONTROL="no-cache")

    assert fresh.json()["count"] == 1


def test_the_api_answer_is_the_same_from_the_cache(client: Client) -> None:
    ShopFactory(name="Bäckerei Möller")

    first, second = client.get("/api/v1/shops?q=B%C3%A4ckerei"), client.get("/api/v1/shops?q=B%C3%A4ckerei")

    assert second["Content-Type"] == "application/json; charset=utf-8"
    assert second.json() == first.json()


def test_the_shop_page_is_kept_until_the_shop_opens_or_closes() -> None:
    now = dt.datetime(2026, 11, 23, 10, 0, tzinfo=BERLIN)
    status = OpeningStatus(True, closes_at=now + dt.timedelta(minutes=5))

    assert _seconds_until_change(status, now) == 300


def test_the_shop_page_is_kept_at_most_until_midnight() -> None:
    now = dt.datetime(2026, 11, 23, 23, 59, tzinfo=BERLIN)
    status = OpeningStatus(False, opens_at=now + dt.timedelta(days=1))

    assert _seconds_until_change(status, now) == 60


def test_the_redis_backend_keeps_one_client_per_connection_pool() -> None:
    backend = RedisCache("redis://127.0.0.1:6379/15", {})

    client = backend._cache.get_client()

    assert backend._cache.get_client() is client
    assert backend._cache.get_client(write=True) is client  # one server: reads and writes share a pool
    assert RedisCache("redis://127.0.0.1:6379/15", {})._cache.get_client() is not client
