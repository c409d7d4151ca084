"""
The demo data (``load_demo``): fictional shops in real places of MV, logins and initiatives.

Loading takes a few seconds, so it happens once per module inside a transaction that is rolled back
at the end; every test runs in its own savepoint on top of it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from marktplatz.accounts.models import User
from marktplatz.directory.demo import DEMO_NOTE, DEMO_PASSWORD, MAX_JITTER_KM
from marktplatz.directory.models import (
    Category,
    DeliveryPostalCode,
    OpeningHours,
    ServiceKind,
    Shop,
    ShopMembership,
    ShopService,
    SpecialDay,
)
from marktplatz.geo.distance import haversine_km
from marktplatz.geo.gazetteer import all_places, is_mv_postal_code
from marktplatz.initiatives.models import Initiative, InitiativeManager, InitiativeMembership
from marktplatz.search import search_filter, search_query_parse

FICTIONAL_PHONE = re.compile(r"^\+49(4066969|3023125|17139200|17604690)\d{3}$")


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_output(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    with django_db_blocker.unblock(), transaction.atomic():
        output = load_demo()
        yield output
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_output")]


def counts() -> dict[str, int]:
    models: list[Any] = [
        Shop,
        ShopService,
        DeliveryPostalCode,
        OpeningHours,
        SpecialDay,
        ShopMembership,
        User,
        Initiative,
        InitiativeManager,
        InitiativeMembership,
        Shop.categories.through,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_a_second_run_changes_nothing() -> None:
    before = counts()
    last_change = {s.pk: s.updated_at for s in Shop.objects.all()}

    output = load_demo()

    assert counts() == before
    assert {s.pk: s.updated_at for s in Shop.objects.all()} == last_change
    assert "Demo data already loaded; nothing changed." in output


def test_at_least_300_shops_all_marked_as_demo() -> None:
    assert Shop.objects.count() >= 300
    assert not Shop.objects.filter(is_demo=False).exists()
    assert not Shop.objects.exclude(description__contains=DEMO_NOTE).exists()


def test_no_two_shops_of_a_town_share_a_name() -> None:
    names = list(Shop.objects.values_list("name", "locality"))

    assert len(names) == len(set(names))


def test_every_category_has_a_shop() -> None:
    assert list(Category.objects.filter(shops__isnull=True)) == []


def test_every_way_of_selling_is_used() -> None:
    used = set(ShopService.objects.values_list("kind", flat=True))

    assert used == set(ServiceKind.values)


def test_delivery_has_a_radius_or_postal_codes_and_money_is_decimal() -> None:
    for service in ShopService.objects.filter(kind=ServiceKind.DELIVERY):
        has_codes = DeliveryPostalCode.objects.filter(shop=service.shop_id).exists()
        assert service.delivery_radius_km is not None or has_codes
        assert isinstance(service.fee, Decimal)


def test_every_shop_lies_near_its_real_place_in_mv() -> None:
    south, west, north, east = settings.REGION_BOUNDS
    places = {(p.postal_code, p.locality): p for p in all_places() if p.postal_code}

    for shop in Shop.objects.all():
        assert is_mv_postal_code(shop.postal_code), shop.postal_code
        place = places[(shop.postal_code, shop.locality)]
        assert haversine_km(place.lat, place.lon, shop.lat, shop.lon) <= MAX_JITTER_KM + 0.01
        assert south <= shop.lat <= north and west <= shop.lon <= east
        assert shop.district == place.district
        assert shop.location_source == Shop.LocationSource.GAZETTEER


def test_the_big_towns_have_the_most_shops() -> None:
    rostock = Shop.objects.filter(locality="Rostock").count()

    assert rostock >= 20
    assert rostock > Shop.objects.filter(locality="Schwerin").count() >= 10


def test_phone_numbers_are_from_the_fictional_range() -> None:
    for phone in Shop.objects.values_list("phone", flat=True):
        assert FICTIONAL_PHONE.match(phone.as_e164), phone


def test_online_shops_and_websites_point_to_demo_example() -> None:
    urls = list(ShopService.objects.exclude(url="").values_list("url", flat=True))
    urls += list(Shop.objects.exclude(website="").values_list("website", flat=True))

    assert urls
    assert all(url.startswith("https://demo.example/") for url in urls)


def test_most_shops_are_published_and_a_few_wait_or_are_hidden() -> None:
    total = Shop.objects.count()

    assert Shop.objects.filter(status=Shop.Status.PUBLISHED).count() >= 0.85 * total
    assert Shop.objects.filter(status=Shop.Status.PENDING).exists()
    assert Shop.objects.filter(status=Shop.Status.HIDDEN).exists()
    assert not Shop.objects.filter(status=Shop.Status.PUBLISHED, published_at__isnull=True).exists()


def test_opening_hours_include_lunch_breaks_saturdays_and_sunday_bakeries() -> None:
    assert OpeningHours.objects.filter(weekday=5).exists()
    lunch_break_days = {
        (shop_id, weekday)
        for shop_id, weekday in OpeningHours.objects.values_list("shop_id", "weekday")
        if OpeningHours.objects.filter(shop_id=shop_id, weekday=weekday).count() > 1
    }
    assert lunch_break_days
    assert OpeningHours.objects.filter(
        weekday=6, shop__categories__slug__in=["baeckerei-konditorei", "baeckerei", "konditorei", "cafe"]
    ).exists()
    assert SpecialDay.objects.exists()


@pytest.mark.parametrize(
    "email",
    ["inhaberin@demo.example", "mitarbeiter@demo.example", "initiative@demo.example", "betrieb@demo.example"],
)
def test_demo_login_works(client: Client, email: str) -> None:
    assert client.login(email=email, password=DEMO_PASSWORD)


def test_demo_roles() -> None:
    owner = ShopMembership.objects.filter(
        user__email="inhaberin@demo.example", role=ShopMembership.Role.OWNER
    )
    staff = ShopMembership.objects.get(user__email="mitarbeiter@demo.example")
    operator = User.objects.get(email="betrieb@demo.example")

    assert owner.count() == 2
    assert staff.role == ShopMembership.Role.STAFF
    assert staff.shop_id in set(owner.values_list("shop_id", flat=True))
    assert InitiativeManager.objects.filter(user__email="initiative@demo.example").count() == 1
    assert operator.is_staff and operator.is_superuser


def test_the_logins_are_printed_with_the_password(demo_output: str) -> None:
    assert "demo1234marktplatz" in demo_output
    for email in ("inhaberin", "mitarbeiter", "initiative", "betrieb"):
        assert f"{email}@demo.example" in demo_output


def test_initiatives_have_nearby_member_shops() -> None:
    names = set(Initiative.objects.values_list("name", flat=True))
    assert {
        "Altstadt Stralsund e. V. (Demo)",
        "Wir in Wismar (Demo)",
        "Rostocker Kaufleute online (Demo)",
    } <= names

    rostock = Initiative.objects.get(slug="rostocker-kaufleute-online-demo")
    confirmed = rostock.memberships.filter(status=InitiativeMembership.Status.CONFIRMED)
    assert confirmed.count() >= 5
    assert set(confirmed.values_list("shop__locality", flat=True)) == {"Rostock"}
    assert rostock.memberships.filter(status=InitiativeMembership.Status.REQUESTED).count() == 1


def test_published_demo_shops_are_found_by_the_search() -> None:
    query = search_query_parse(kind="shop", text="Sonnenkorn")

    found = search_filter(queryset=Shop.objects.published(), query=query)

    assert "baeckerei-sonnenkorn-rostock" in set(found.values_list("slug", flat=True))
