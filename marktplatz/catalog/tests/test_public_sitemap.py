"""Visible products in ``/sitemap.xml``; beyond one file's worth the sitemap becomes an index."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from marktplatz.catalog.models import Product
from marktplatz.catalog.tests.factories import ProductFactory
from marktplatz.core.sitemaps import ProductSitemap

SITE = "https://marktplatz-mv.de"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings: Any) -> None:
    settings.SITE_URL = SITE


def locations(client: Client, url: str = "/sitemap.xml") -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def test_visible_products_are_listed(client: Client) -> None:
    shown = ProductFactory(name="Honig")
    hidden = ProductFactory(name="Senf", is_active=False)

    found = locations(client)

    assert f"{SITE}/produkte/{shown.pk}-honig/" in found
    assert f"{SITE}/produkte/{hidden.pk}-senf/" not in found


def test_products_hidden_by_the_operator_are_left_out(client: Client) -> None:
    product = ProductFactory(name="Honig")
    Product.objects.filter(pk=product.pk).update(hidden_by_operator=True)

    assert f"{SITE}/produkte/{product.pk}-honig/" not in locations(client)


def test_many_products_make_an_index_of_pages(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ProductSitemap, "limit", 2)
    products = [ProductFactory(name=f"Ware {number}") for number in range(3)]

    index = locations(client)

    assert index == [
        f"{SITE}/sitemap.xml?section=pages",
        f"{SITE}/sitemap.xml?section=shops",
        f"{SITE}/sitemap.xml?section=initiatives",
        f"{SITE}/sitemap.xml?section=products&amp;p=1",
        f"{SITE}/sitemap.xml?section=products&amp;p=2",
    ]
    assert locations(client, "/sitemap.xml?section=products&p=2") == [
        f"{SITE}/produkte/{products[2].pk}-ware-2/"
    ]


def test_an_unknown_section_is_not_found(client: Client) -> None:
    assert client.get("/sitemap.xml?section=geheim").status_code == 404
