"""GET /api/v1/shops/{slug}: everything of a published shop; 404 for everything else."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from marktplatz.directory.models import ShopLink
from marktplatz.directory.tests.factories import OpeningHoursFactory, ShopFactory, SpecialDayFactory
from marktplatz.initiatives.models import Initiative, InitiativeMembership
from marktplatz.initiatives.tests.factories import InitiativeFactory, InitiativeMembershipFactory

from .helpers import freeze_time, get

pytestmark = pytest.mark.django_db


def test_detail_has_the_list_fields_and_the_details(client: Any, monkeypatch: Any) -> None:
    now = freeze_time(monkeypatch)
    shop = ShopFactory(
        slug="fischhalle",
        how_to_order="Anrufen und abholen.",
        payment_methods=["cash", "girocard"],
        closed_on_public_holidays=False,
    )
    OpeningHoursFactory(shop=shop, weekday=now.weekday())
    shop.links.create(platform=ShopLink.Platform.INSTAGRAM, url="https://instagram.com/fisch")
    shop.photos.create(image="shops/photos/theke.jpg", alt_text="Die Fischtheke")

    response = get(client, "shops/fischhalle")

    assert response.status_code == 200
    body = response.json()
    list_entry = get(client, "shops").json()["results"][0]
    assert {key: body[key] for key in list_entry} == list_entry
    assert body["open_now"] is True
    assert body["how_to_order"] == "Anrufen und abholen."
    assert body["payment_methods"] == ["cash", "girocard"]
    assert body["closed_on_public_holidays"] is False
    assert body["links"] == [{"platform": "instagram", "url": "https://instagram.com/fisch"}]
    assert body["photos"] == [
        {"url": "http://testserver/media/shops/photos/theke.jpg", "alt_text": "Die Fischtheke"}
    ]
    assert (body["special_days"], body["initiatives"]) == ([], [])


def test_detail_lists_today_and_coming_special_days_only(client: Any, monkeypatch: Any) -> None:
    now = freeze_time(monkeypatch)
    shop = ShopFactory(slug="laden")
    SpecialDayFactory(shop=shop, date=now.date() - dt.timedelta(days=1), note="gestern")
    SpecialDayFactory(shop=shop, date=now.date(), note="Inventur")
    SpecialDayFactory(
        shop=shop,
        date=now.date() + dt.timedelta(days=30),
        is_closed=False,
        opens=dt.time(10),
        closes=dt.time(14),
        note="Stadtfest",
    )

    body = get(client, "shops/laden").json()

    assert body["special_days"] == [
        {"date": "2025-06-11", "is_closed": True, "opens": None, "closes": None, "note": "Inventur"},
        {"date": "2025-07-11", "is_closed": False, "opens": "10:00", "closes": "14:00", "note": "Stadtfest"},
    ]
    assert body["open_now"] is False


def test_detail_lists_confirmed_memberships_of_published_initiatives(client: Any) -> None:
    shop = ShopFactory(slug="laden")
    confirmed = InitiativeMembership.Status.CONFIRMED
    for slug, status, membership in [
        ("altstadt", Initiative.Status.PUBLISHED, confirmed),
        ("hafen", Initiative.Status.PUBLISHED, InitiativeMembership.Status.REQUESTED),
        ("geheim", Initiative.Status.HIDDEN, confirmed),
    ]:
        initiative = InitiativeFactory(slug=slug, name=slug.title(), status=status)
        InitiativeMembershipFactory(initiative=initiative, shop=shop, status=membership)

    body = get(client, "shops/laden").json()

    assert body["initiatives"] == [
        {"slug": "altstadt", "name": "Altstadt", "url": "http://testserver/initiativen/altstadt/"}
    ]


@pytest.mark.parametrize("status", ["hidden", "pending"])
def test_an_unpublished_shop_is_not_found(client: Any, status: str) -> None:
    ShopFactory(slug="versteckt", status=status)

    response = get(client, "shops/versteckt")

    assert response.status_code == 404
    assert response.json() == {"detail": "There is no published shop with this address."}


def test_an_unknown_shop_is_not_found(client: Any) -> None:
    response = get(client, "shops/gibt-es-nicht")

    assert response.status_code == 404
    assert response.json() == {"detail": "There is no published shop with this address."}


def test_detail_needs_a_fixed_number_of_queries(client: Any, django_assert_num_queries: Any) -> None:
    ShopFactory(slug="laden")

    # The shop, then categories, services, delivery postal codes, hours, special days, photos,
    # links and initiative memberships.
    with django_assert_num_queries(9):
        response = get(client, "shops/laden")

    assert response.status_code == 200
