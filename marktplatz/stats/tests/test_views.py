"""The statistics page: staff only, fixed number of queries, tables and CSV downloads."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.catalog.tests.factories import ProductCategoryFactory, ProductFactory
from marktplatz.directory.tests.factories import ShopFactory, ShopServiceFactory
from marktplatz.stats.models import SearchMiss
from marktplatz.stats.tests.factories import SearchMissFactory, ShopPageViewDayFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

DASHBOARD = "/betrieb/statistik/"


@pytest.fixture
def operator(client: Any) -> Any:
    user = UserFactory(is_staff=True)
    client.force_login(user)
    return user


def test_urls() -> None:
    assert reverse("stats:dashboard") == DASHBOARD
    assert (
        reverse("stats:dashboard_csv", kwargs={"table": "landkreise"}) == "/betrieb/statistik/landkreise.csv"
    )


def test_anonymous_visitors_get_the_admin_login(client: Any) -> None:
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={DASHBOARD}"


def test_shop_owners_get_the_admin_login(client: Any) -> None:
    client.force_login(UserFactory(is_staff=False))

    for url in (DASHBOARD, "/betrieb/statistik/landkreise.csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_staff_sees_the_tables(client: Any, operator: Any) -> None:
    ShopFactory.create_batch(2, district="Ludwigslust-Parchim")

    response = client.get(DASHBOARD)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Statistik</h1>" in html
    assert '<h2 id="landkreise">Veröffentlichte Geschäfte nach Landkreis</h2>' in html
    assert '<th scope="row">Ludwigslust-Parchim</th>' in html
    assert '<span class="stats-value">2</span>' in html
    assert '<th scope="col" class="stats-number">Geschäfte</th>' in html


def test_demo_entries_can_be_included(client: Any, operator: Any) -> None:
    ShopFactory(district="Demo-Kreis", is_demo=True)

    assert '<th scope="row">Demo-Kreis</th>' not in client.get(DASHBOARD).content.decode()
    assert '<th scope="row">Demo-Kreis</th>' in client.get(DASHBOARD, {"demo": "1"}).content.decode()


def test_query_count_is_fixed(client: Any, operator: Any, django_assert_num_queries: Any) -> None:
    category = ProductCategoryFactory()

    def add_data() -> None:
        shop = ShopFactory()
        ShopServiceFactory(shop=shop)
        ShopPageViewDayFactory(shop=shop, count=4)
        SearchMissFactory(query=f"suche {shop.pk}")
        SearchMissFactory(query=f"produkt {shop.pk}", kind=SearchMiss.Kind.PRODUCT)
        ProductFactory.create_batch(2, shop=shop, category=category)

    add_data()
    # the user and their permissions (the admin's menu; the session is cached), the two summaries,
    # eight tables
    with django_assert_num_queries(13):
        client.get(DASHBOARD)
    for _ in range(4):
        add_data()
    with django_assert_num_queries(13):
        client.get(DASHBOARD)


def test_csv_download(client: Any, operator: Any) -> None:
    SearchMissFactory(query="fahrradladen", where="wismar", count=3)

    response = client.get("/betrieb/statistik/suchen-ohne-treffer.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="marktplatz-suchen-ohne-treffer-')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [
        ["Suchbegriff", "Gesucht nach", "Ort", "Suchen"],
        ["fahrradladen", "Geschäfte", "wismar", "3"],
    ]


def test_csv_defuses_formulas_from_the_public(client: Any, operator: Any) -> None:
    SearchMissFactory(query='=hyperlink("http://evil.example")', count=1)

    text = client.get("/betrieb/statistik/suchen-ohne-treffer.csv").content.decode("utf-8")

    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][0] == '\'=hyperlink("http://evil.example")'


def test_unknown_csv_table_is_404(client: Any, operator: Any) -> None:
    assert client.get("/betrieb/statistik/geheim.csv").status_code == 404


def test_admin_index_links_the_statistics(client: Any, operator: Any) -> None:
    html = client.get("/admin/").content.decode()

    assert f'<a href="{DASHBOARD}">Statistik</a>' in html
