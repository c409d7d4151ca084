"""The operator's admin for the catalog: the product taxonomy and hiding products with a reason."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.admin.models import LogEntry

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.catalog.models import Product, ProductCategory
from marktplatz.catalog.services.products import VariantData
from marktplatz.catalog.tests.factories import ProductCategoryFactory, ProductFactory
from marktplatz.directory.models import Shop
from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.search import search_documents, search_query_parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

CATEGORIES = "/admin/catalog/productcategory/"
PRODUCTS = "/admin/catalog/product/"
REASON_REQUIRED = "Bitte geben Sie einen Grund an – das Geschäft bekommt ihn zu sehen."
# user, the count, the page with its counts (subqueries), the parent filter's choices
QUERIES_CATEGORY_LIST = 5
# user, the category filter's choices, the count, the page (the full count is switched off)
QUERIES_PRODUCT_LIST = 4


@pytest.fixture
def operator(client: Any) -> Any:
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def _found(text: str) -> list[int]:
    query = search_query_parse(kind="product", text=text)
    return list(search_documents(query=query).values_list("object_id", flat=True))


def _hide(product: Product, reason: str = "Prüfung") -> None:
    product.hidden_by_operator = True
    product.operator_reason = reason
    product.save(update_fields=["hidden_by_operator", "operator_reason"])


# --- Categories -------------------------------------------------------------------------------


def test_the_seeded_taxonomy_is_listed(client: Any, operator: Any) -> None:
    response = client.get(CATEGORIES, {"q": "Brot & Backwaren"})

    assert [(c.name, c.parent.name, c.is_food) for c in response.context["cl"].result_list] == [
        ("Brot & Backwaren", "Lebensmittel", True)
    ]


def test_category_list_columns(client: Any, operator: Any) -> None:
    response = client.get(CATEGORIES)

    assert list(response.context["cl"].list_display) == [
        "name",
        "name_en",
        "parent",
        "is_food",
        "is_active",
        "position",
        "product_count",
        "visible_product_count",
    ]


def test_category_list_counts_products_with_those_of_the_sub_categories(client: Any, operator: Any) -> None:
    main = ProductCategoryFactory(slug="test-haupt", name="Testhaupt")
    child = ProductCategoryFactory(slug="test-unter", name="Testunter", parent=main)
    ProductFactory.create_batch(2, category=child)
    ProductFactory(category=main)
    ProductFactory(category=child, is_active=False)
    ProductFactory(category=child, shop=ShopFactory(status=Shop.Status.HIDDEN))

    response = client.get(CATEGORIES, {"q": "Test"})

    assert [
        (c.name, c.product_count, c.visible_product_count) for c in response.context["cl"].result_list
    ] == [
        ("Testhaupt", 5, 3),
        ("Testunter", 4, 2),
    ]


def test_category_list_filters_food(client: Any, operator: Any) -> None:
    response = client.get(CATEGORIES, {"is_food__exact": "1", "parent__isnull": "True"})

    assert sorted(c.slug for c in response.context["cl"].result_list) == ["getraenke", "lebensmittel"]


@pytest.mark.parametrize("products", [1, 6])
def test_category_list_query_count_does_not_grow(
    client: Any, operator: Any, django_assert_num_queries: Any, products: int
) -> None:
    category = ProductCategory.objects.get(slug="wein")
    ProductFactory.create_batch(products, category=category)

    with django_assert_num_queries(QUERIES_CATEGORY_LIST):
        client.get(CATEGORIES)


def test_category_parent_is_a_main_category(client: Any, operator: Any) -> None:
    response = client.get(f"{CATEGORIES}add/")

    parents = list(response.context["adminform"].form.fields["parent"].queryset)
    assert ProductCategory.objects.get(slug="lebensmittel") in parents
    assert ProductCategory.objects.get(slug="wein") not in parents


def test_category_with_children_cannot_become_a_child(client: Any, operator: Any) -> None:
    food = ProductCategory.objects.get(slug="lebensmittel")

    response = client.post(
        f"{CATEGORIES}{food.pk}/change/",
        {
            "name": "Lebensmittel",
            "name_en": "Food",
            "slug": "lebensmittel",
            "parent": ProductCategory.objects.get(slug="getraenke").pk,
            "is_food": "on",
            "position": 0,
            "is_active": "on",
        },
    )

    assert response.context["adminform"].form.errors == {
        "parent": ["Diese Kategorie hat Unterkategorien und kann deshalb selbst keine Unterkategorie werden."]
    }


def test_renaming_a_category_in_the_admin_updates_the_search(client: Any, operator: Any) -> None:
    wine = ProductCategory.objects.get(slug="wein")
    product = ProductFactory(name="Grauburgunder", category=wine)

    response = client.post(
        f"{CATEGORIES}{wine.pk}/change/",
        {
            "name": "Weißwein und Rotwein",
            "name_en": "Wine",
            "slug": "wein",
            "parent": wine.parent_id,
            "is_food": "on",
            "position": 0,
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    assert _found("Rotwein") == [product.pk]


def test_category_in_use_cannot_be_deleted(client: Any, operator: Any) -> None:
    used = ProductCategoryFactory(slug="test-genutzt")
    ProductFactory(category=used)
    unused = ProductCategoryFactory(slug="test-frei")
    food = ProductCategory.objects.get(slug="lebensmittel")  # has sub-categories

    assert client.get(f"{CATEGORIES}{used.pk}/delete/").status_code == 403
    assert client.get(f"{CATEGORIES}{food.pk}/delete/").status_code == 403
    client.post(f"{CATEGORIES}{unused.pk}/delete/", {"post": "yes"})
    remaining = ProductCategory.objects.filter(slug__in=["test-genutzt", "test-frei"]).values_list(
        "slug", flat=True
    )
    assert list(remaining) == ["test-genutzt"]


def test_categories_have_no_bulk_delete(client: Any, operator: Any) -> None:
    response = client.get(CATEGORIES)

    assert response.context["action_form"] is None  # no actions at all


# --- Products: the list -----------------------------------------------------------------------


def _listed(response: Any) -> list[str]:
    return sorted(product.name for product in response.context["cl"].result_list)


def test_products_are_searched_by_name_shop_and_exact_sku(client: Any, operator: Any) -> None:
    ProductFactory(name="Roggenbrot", shop=ShopFactory(name="Bäckerei Korn"))
    ProductFactory(name="Fahrradschlauch", sku="FS-28")
    ProductFactory(name="Klingel", sku="FS-28-X")

    assert _listed(client.get(PRODUCTS, {"q": "roggen"})) == ["Roggenbrot"]
    assert _listed(client.get(PRODUCTS, {"q": "Korn"})) == ["Roggenbrot"]
    assert _listed(client.get(PRODUCTS, {"q": "FS-28"})) == ["Fahrradschlauch"]


def test_a_product_with_several_variants_is_listed_once(client: Any, operator: Any) -> None:
    ProductFactory(
        name="Pullover",
        variants=[VariantData(label="S", price=1, sku="P-1"), VariantData(label="M", price=1, sku="P-1")],
    )

    assert _listed(client.get(PRODUCTS, {"q": "P-1"})) == ["Pullover"]


def test_products_are_filtered_by_operator_hiding(client: Any, operator: Any) -> None:
    _hide(ProductFactory(name="Ausgeblendet"))
    ProductFactory(name="Sichtbar")

    assert _listed(client.get(PRODUCTS, {"hidden_by_operator__exact": "1"})) == ["Ausgeblendet"]


def test_a_main_category_filter_finds_its_sub_categories(client: Any, operator: Any) -> None:
    food = ProductCategory.objects.get(slug="lebensmittel")
    ProductFactory(name="Brot", category=ProductCategory.objects.get(slug="brot-backwaren"))
    ProductFactory(name="Honig", category=food)
    ProductFactory(name="Schuh", category=ProductCategory.objects.get(slug="schuhe"))

    assert _listed(client.get(PRODUCTS, {"category": str(food.pk)})) == ["Brot", "Honig"]


def test_the_category_filter_lists_sub_categories_under_their_main_category(
    client: Any, operator: Any
) -> None:
    response = client.get(PRODUCTS)

    spec = next(
        spec
        for spec in response.context["cl"].filter_specs
        if getattr(spec, "parameter_name", "") == "category"
    )
    titles = [title for _value, title in spec.lookup_choices]
    assert titles[:3] == ["Lebensmittel", "– Brot & Backwaren", "– Obst & Gemüse"]


@pytest.mark.parametrize("products", [1, 6])
def test_product_list_query_count_does_not_grow(
    client: Any, operator: Any, django_assert_num_queries: Any, products: int
) -> None:
    category = ProductCategory.objects.get(slug="wein")
    for _ in range(products):
        ProductFactory(category=category, shop=ShopFactory())

    with django_assert_num_queries(QUERIES_PRODUCT_LIST):
        client.get(PRODUCTS)


def test_products_cannot_be_added_or_deleted_in_the_admin(client: Any, operator: Any) -> None:
    product = ProductFactory()

    assert client.get(f"{PRODUCTS}add/").status_code == 403
    assert client.get(f"{PRODUCTS}{product.pk}/delete/").status_code == 403
    assert "delete_selected" not in dict(client.get(PRODUCTS).context["action_form"].fields["action"].choices)


def test_the_change_page_is_read_only(client: Any, operator: Any) -> None:
    product = ProductFactory(name="Roggenbrot")

    response = client.get(f"{PRODUCTS}{product.pk}/change/")

    assert response.status_code == 200
    assert list(response.context["adminform"].form.fields) == []
    html = response.content.decode()
    assert 'name="_save"' not in html
    assert f'href="/admin/catalog/product/{product.pk}/hide/"' in html
    assert f'href="{product.get_absolute_url()}"' in html


def test_a_post_to_the_change_page_changes_nothing(client: Any, operator: Any) -> None:
    product = ProductFactory(name="Roggenbrot")

    client.post(f"{PRODUCTS}{product.pk}/change/", {"name": "Anders", "hidden_by_operator": "on"})

    product.refresh_from_db()
    assert (product.name, product.hidden_by_operator) == ("Roggenbrot", False)


# --- Products: hiding and showing -------------------------------------------------------------


def test_hide_action_asks_for_the_reason_first(client: Any, operator: Any) -> None:
    products = [ProductFactory(), ProductFactory()]

    response = client.post(
        PRODUCTS, {"action": "hide_products", "_selected_action": [p.pk for p in products]}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Produkte ausblenden</h1>" in html
    assert '<textarea name="reason"' in html
    assert Product.objects.filter(hidden_by_operator=True).count() == 0


def test_hide_action_with_reason_hides_the_selected_products(
    client: Any, operator: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    chosen = ProductFactory(name="Sanddornlikör")
    other = ProductFactory(name="Sanddornsaft")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            PRODUCTS,
            {
                "action": "hide_products",
                "_selected_action": [chosen.pk],
                "apply": "1",
                "reason": "Jugendschutz",
            },
            follow=True,
        )

    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.hidden_by_operator, chosen.operator_reason) == (True, "Jugendschutz")
    assert other.hidden_by_operator is False
    assert _found("Sanddornlikör") == []
    assert [str(m) for m in response.context["messages"]] == ["1 Produkt ausgeblendet."]
    assert LogEntry.objects.get(object_id=str(chosen.pk)).change_message == "Ausgeblendet: Jugendschutz"


def test_hide_action_without_reason_asks_again(client: Any, operator: Any) -> None:
    product = ProductFactory()

    response = client.post(
        PRODUCTS, {"action": "hide_products", "_selected_action": [product.pk], "apply": "1", "reason": " "}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": [REASON_REQUIRED]}
    product.refresh_from_db()
    assert product.hidden_by_operator is False


def test_unhide_action_shows_hidden_products_again(client: Any, operator: Any) -> None:
    hidden, visible = ProductFactory(name="Versteckt"), ProductFactory(name="Sichtbar")
    _hide(hidden)

    response = client.post(
        PRODUCTS, {"action": "unhide_products", "_selected_action": [hidden.pk, visible.pk]}, follow=True
    )

    hidden.refresh_from_db()
    assert (hidden.hidden_by_operator, hidden.operator_reason) == (False, "")
    assert [str(m) for m in response.context["messages"]] == ["1 Produkt ist nicht mehr ausgeblendet."]


def test_hide_page_of_one_product(client: Any, operator: Any) -> None:
    product = ProductFactory(name="Roggenbrot", shop=ShopFactory(name="Bäckerei Korn"))

    response = client.get(f"{PRODUCTS}{product.pk}/hide/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<li>Roggenbrot (Bäckerei Korn)</li>" in html
    assert f'action="/admin/catalog/product/{product.pk}/hide/"' in html


def test_hide_one_product_from_its_page(client: Any, operator: Any) -> None:
    product = ProductFactory()

    response = client.post(f"{PRODUCTS}{product.pk}/hide/", {"reason": "Falsche Allergenangaben"})

    assert response.status_code == 302
    assert response["Location"] == f"/admin/catalog/product/{product.pk}/change/"
    product.refresh_from_db()
    assert (product.hidden_by_operator, product.operator_reason) == (True, "Falsche Allergenangaben")


def test_hide_one_product_needs_a_reason(client: Any, operator: Any) -> None:
    product = ProductFactory()

    response = client.post(f"{PRODUCTS}{product.pk}/hide/", {"reason": ""})

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": [REASON_REQUIRED]}
    product.refresh_from_db()
    assert product.hidden_by_operator is False


def test_the_hide_page_of_a_hidden_product_offers_its_reason(client: Any, operator: Any) -> None:
    product = ProductFactory()
    _hide(product, "Alter Grund")

    response = client.get(f"{PRODUCTS}{product.pk}/hide/")

    assert response.context["form"]["reason"].value() == "Alter Grund"


def test_unhide_one_product_from_its_page(client: Any, operator: Any) -> None:
    product = ProductFactory()
    _hide(product)
    html = client.get(f"{PRODUCTS}{product.pk}/change/").content.decode()
    assert f'action="/admin/catalog/product/{product.pk}/unhide/"' in html

    response = client.post(f"{PRODUCTS}{product.pk}/unhide/")

    assert response.status_code == 302
    product.refresh_from_db()
    assert product.hidden_by_operator is False


def test_unhide_needs_a_post(client: Any, operator: Any) -> None:
    product = ProductFactory()
    _hide(product)

    client.get(f"{PRODUCTS}{product.pk}/unhide/")

    product.refresh_from_db()
    assert product.hidden_by_operator is True


def test_staff_without_the_change_permission_cannot_hide(client: Any) -> None:
    from django.contrib.auth.models import Permission

    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_product"))
    client.force_login(viewer)
    product = ProductFactory()

    assert client.get(f"{PRODUCTS}{product.pk}/change/").status_code == 200
    assert client.post(f"{PRODUCTS}{product.pk}/hide/", {"reason": "x"}).status_code == 403
    assert client.post(f"{PRODUCTS}{product.pk}/unhide/").status_code == 403
    product.refresh_from_db()
    assert product.hidden_by_operator is False


def test_shop_owners_cannot_reach_the_product_admin(client: Any) -> None:
    client.force_login(UserFactory(is_staff=False))
    product = ProductFactory()

    response = client.post(f"{PRODUCTS}{product.pk}/hide/", {"reason": "x"})

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
