"""The operator's lists of shops and categories in the admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.directory.models import Category, ServiceKind
from marktplatz.directory.tests.factories import CategoryFactory, ShopFactory, ShopServiceFactory
from marktplatz.moderation.tests.factories import ReportFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

# user, two counts, the page, the date hierarchy (range and days), and for shops the filter choices
# (categories, districts); the session is cached.
QUERIES_SHOP_LIST = 8
QUERIES_REPORT_LIST = 6


@pytest.fixture
def operator(client: Any) -> Any:
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def _listed(response: Any) -> list[str]:
    return sorted(shop.name for shop in response.context["cl"].result_list)


def test_shop_list_filters_by_service(client: Any, operator: Any) -> None:
    delivers = ShopFactory(name="Liefert")
    ShopServiceFactory(shop=delivers, kind=ServiceKind.DELIVERY)
    ShopServiceFactory(shop=ShopFactory(name="Abholung"), kind=ServiceKind.PICKUP)

    response = client.get("/admin/directory/shop/", {"service": "delivery"})

    assert _listed(response) == ["Liefert"]


def test_shop_list_searches_postal_code_and_email(client: Any, operator: Any) -> None:
    ShopFactory(name="Wismar", postal_code="23966", email="info@wismar-laden.example")
    ShopFactory(name="Rostock", postal_code="18055")

    assert _listed(client.get("/admin/directory/shop/", {"q": "239"})) == ["Wismar"]
    assert _listed(client.get("/admin/directory/shop/", {"q": "wismar-laden"})) == ["Wismar"]


def test_shop_list_filters_by_category_and_demo(client: Any, operator: Any) -> None:
    bakery = CategoryFactory(slug="test-unterkategorie")
    ShopFactory(name="Demo-Bäcker", categories=[bakery], is_demo=True)
    ShopFactory(name="Echter Bäcker", categories=[bakery])
    ShopFactory(name="Buchladen")

    response = client.get(
        "/admin/directory/shop/", {"categories__id__exact": bakery.pk, "is_demo__exact": "0"}
    )

    assert _listed(response) == ["Echter Bäcker"]


def test_shop_list_columns(client: Any, operator: Any) -> None:
    ShopFactory()

    response = client.get("/admin/directory/shop/")

    assert response.context["cl"].list_display == [
        "action_checkbox",
        "name",
        "locality",
        "district",
        "status",
        "is_demo",
        "created_at",
    ]


def test_shop_change_page_has_the_inlines(client: Any, operator: Any) -> None:
    shop = ShopFactory()

    response = client.get(f"/admin/directory/shop/{shop.pk}/change/")

    prefixes = [formset.formset.prefix for formset in response.context["inline_admin_formsets"]]
    assert prefixes == [
        "services",
        "opening_hours",
        "special_days",
        "photos",
        "links",
        "delivery_postal_codes",
        "memberships",
    ]


def test_category_parent_is_a_top_level_category(client: Any, operator: Any) -> None:
    top = CategoryFactory(slug="test-oberkategorie")
    child = CategoryFactory(slug="test-unterkategorie", parent=top)

    response = client.get("/admin/directory/category/add/")

    parents = list(response.context["adminform"].form.fields["parent"].queryset)
    assert top in parents
    assert child not in parents


def test_category_with_children_cannot_become_a_child(client: Any, operator: Any) -> None:
    top = CategoryFactory(slug="test-oberkategorie", name="Lebensmittel")
    CategoryFactory(slug="test-unterkategorie", parent=top)
    other = CategoryFactory(slug="test-andere", name="Mode")

    response = client.post(
        f"/admin/directory/category/{top.pk}/change/",
        {
            "name": "Lebensmittel",
            "slug": "test-oberkategorie",
            "parent": other.pk,
            "position": 0,
            "is_active": "on",
        },
    )

    assert response.context["adminform"].form.errors == {
        "parent": ["Diese Kategorie hat Unterkategorien und kann deshalb selbst keine Unterkategorie werden."]
    }


def test_category_in_use_cannot_be_deleted(client: Any, operator: Any) -> None:
    used = CategoryFactory(slug="test-genutzt")
    ShopFactory(categories=[used])
    unused = CategoryFactory(slug="test-frei")

    assert client.get(f"/admin/directory/category/{used.pk}/delete/").status_code == 403
    client.post(f"/admin/directory/category/{unused.pk}/delete/", {"post": "yes"})
    remaining = Category.objects.filter(slug__in=["test-genutzt", "test-frei"]).values_list("slug", flat=True)
    assert list(remaining) == ["test-genutzt"]


def test_category_list_counts_shops(client: Any, operator: Any) -> None:
    category = CategoryFactory(slug="test-zierfische", name="Zierfische")
    ShopFactory.create_batch(3, categories=[category])

    response = client.get("/admin/directory/category/", {"q": "Zierfische"})

    assert [(c.name, c.shop_count) for c in response.context["cl"].result_list] == [("Zierfische", 3)]


def test_task_results_are_in_the_admin() -> None:
    from django_tasks_db.models import DBTaskResult

    assert admin.site.is_registered(DBTaskResult)


def test_site_header_is_german(client: Any, operator: Any) -> None:
    html = client.get("/admin/").content.decode()

    assert "Marktplatz MV – Betrieb" in html


def test_payment_methods_are_checkboxes(client: Any, operator: Any) -> None:
    shop = ShopFactory(payment_methods=["cash"])

    response = client.get(f"/admin/directory/shop/{shop.pk}/change/")

    field = response.context["adminform"].form["payment_methods"]
    assert field.value() == ["cash"]
    assert 'type="checkbox" name="payment_methods" value="girocard"' in str(field)


@pytest.mark.parametrize("shops", [1, 5])
def test_shop_list_query_count_does_not_grow(
    client: Any, operator: Any, django_assert_num_queries: Any, shops: int
) -> None:
    for _ in range(shops):
        ShopServiceFactory(shop=ShopFactory(district="Rostock"))

    with django_assert_num_queries(QUERIES_SHOP_LIST):
        client.get("/admin/directory/shop/")


@pytest.mark.parametrize("reports", [1, 5])
def test_report_list_query_count_does_not_grow(
    client: Any, operator: Any, django_assert_num_queries: Any, reports: int
) -> None:
    ReportFactory.create_batch(reports, handled_by=operator)

    with django_assert_num_queries(QUERIES_REPORT_LIST):
        client.get("/admin/moderation/report/")


def test_shop_can_be_edited_in_the_admin(client: Any, operator: Any) -> None:
    shop = ShopFactory(name="Alt", payment_methods=["cash"])
    response = client.get(f"/admin/directory/shop/{shop.pk}/change/")
    data = {
        key: value
        for key, value in response.context["adminform"].form.initial.items()
        if key not in {"categories", "payment_methods", "logo"} and value is not None
    }
    data.update(
        name="Neu",
        categories=[c.pk for c in shop.categories.all()],
        payment_methods=["cash", "girocard"],
    )
    for formset in response.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})

    response = client.post(f"/admin/directory/shop/{shop.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    shop.refresh_from_db()
    assert (shop.name, shop.payment_methods) == ("Neu", ["cash", "girocard"])
