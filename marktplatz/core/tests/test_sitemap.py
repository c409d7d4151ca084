"""``/sitemap.xml``: published shops and initiatives and the static pages, at the canonical address."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from marktplatz.catalog.tests.factories import ProductFactory
from marktplatz.directory.models import Shop
from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.initiatives.models import Initiative
from marktplatz.initiatives.tests.factories import InitiativeFactory

SITE = "https://marktplatz-mv.de"


def entries(client: Client) -> dict[str, str | None]:
    """Every ``<loc>`` of the sitemap with its ``<lastmod>`` (None without)."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return {
        loc: lastmod or None
        for loc, lastmod in re.findall(
            r"<url><loc>([^<]+)</loc>(?:<lastmod>([^<]+)</lastmod>)?", response.content.decode()
        )
    }


@pytest.fixture(autouse=True)
def site_url(settings: Any) -> None:
    settings.SITE_URL = SITE


@pytest.mark.django_db
def test_published_shops_are_listed_with_their_last_change(client: Client) -> None:
    shop = ShopFactory(slug="laden")
    Shop.objects.filter(pk=shop.pk).update(updated_at=dt.datetime(2026, 11, 2, 12, tzinfo=dt.UTC))

    assert entries(client)[f"{SITE}/geschaefte/laden/"] == "2026-11-02"


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Shop.Status.PENDING, Shop.Status.HIDDEN])
def test_shops_that_are_not_published_are_left_out(client: Client, status: str) -> None:
    ShopFactory(slug="laden", status=status)

    assert f"{SITE}/geschaefte/laden/" not in entries(client)


@pytest.mark.django_db
def test_published_initiatives_are_listed_and_hidden_ones_left_out(client: Client) -> None:
    InitiativeFactory(slug="altstadt")
    InitiativeFactory(slug="geheim", status=Initiative.Status.HIDDEN)

    locations = entries(client)

    assert f"{SITE}/initiativen/altstadt/" in locations
    assert f"{SITE}/initiativen/geheim/" not in locations


@pytest.mark.django_db
def test_the_static_pages_are_listed(client: Client) -> None:
    assert list(entries(client)) == [
        f"{SITE}/",
        f"{SITE}/geschaefte/",
        f"{SITE}/produkte/",
        f"{SITE}/initiativen/",
        f"{SITE}/ueber-uns/",
        f"{SITE}/ranking/",
        f"{SITE}/impressum/",
        f"{SITE}/datenschutz/",
        f"{SITE}/barrierefreiheit/",
    ]


@pytest.mark.django_db
def test_addresses_use_the_site_url_not_the_requested_host(client: Client, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["intern.example.org"]
    ShopFactory(slug="laden")

    response = client.get("/sitemap.xml", HTTP_HOST="intern.example.org")

    assert "intern.example.org" not in response.content.decode()
    assert f"<loc>{SITE}/geschaefte/laden/</loc>" in response.content.decode()


@pytest.mark.django_db
def test_the_sitemap_needs_a_fixed_number_of_queries(client: Client, django_assert_num_queries: Any) -> None:
    ShopFactory.create_batch(5)
    InitiativeFactory.create_batch(3)
    ProductFactory.create_batch(3)

    # shops, initiatives and products, each counted for paging and then read
    with django_assert_num_queries(6):
        entries(client)
