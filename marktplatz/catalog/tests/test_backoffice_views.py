"""The product back office as a shop owner uses it: list, bulk actions, quick create, full form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from marktplatz.catalog.models import Product, ProductImage, StockMode
from marktplatz.catalog.services.products import VariantData
from marktplatz.directory.models import ServiceKind, ShopMembership
from marktplatz.directory.tests.factories import ShopMembershipFactory, ShopServiceFactory
from marktplatz.directory.tests.test_images import image_bytes, upload

from .factories import ProductCategoryFactory, ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]


@pytest.fixture
def owner() -> ShopMembership:
    membership = ShopMembershipFactory(shop__name="Hofladen Sonnenblume")
    ShopServiceFactory(shop=membership.shop, kind=ServiceKind.PICKUP)
    return membership


@pytest.fixture
def client_of(client: Client, owner: ShopMembership) -> Client:
    client.force_login(owner.user)
    return client


def list_url(owner: ShopMembership) -> str:
    return reverse("catalog:backoffice_products", kwargs={"shop_id": owner.shop.pk})


def edit_url(product: Product) -> str:
    return reverse("catalog:product_edit", kwargs={"shop_id": product.shop_id, "product_id": product.pk})


def bulk_url(owner: ShopMembership) -> str:
    return reverse("catalog:products_bulk", kwargs={"shop_id": owner.shop.pk})


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def names(response: Any) -> list[str]:
    return [product.name for product in response.context["products"]]


def edit_post(product: Product, **overrides: Any) -> dict[str, Any]:
    """The full form as the browser sends it for ``product`` (one row per variant)."""
    variants = list(product.variants.all())
    data: dict[str, Any] = {
        "name": product.name,
        "description": product.description,
        "category": "",
        "vat_rate": product.vat_rate,
        "quantity": "",
        "unit": product.unit,
        "stock_mode": product.stock_mode,
        "allows_pickup": "on",
        "is_active": "on",
        "manufacturer": "",
        "manufacturer_address": "",
        "product_identifier": "",
        "safety_warnings": "",
        "ingredients": "",
        "variants-TOTAL_FORMS": str(len(variants)),
        "variants-INITIAL_FORMS": str(len(variants)),
        "variants-MIN_NUM_FORMS": "0",
        "variants-MAX_NUM_FORMS": "50",
    }
    for index, variant in enumerate(variants):
        data.update(
            {
                f"variants-{index}-id": str(variant.pk),
                f"variants-{index}-label": variant.label,
                f"variants-{index}-price": str(variant.price).replace(".", ","),
                f"variants-{index}-compare_at_price": "",
                f"variants-{index}-stock": str(variant.stock),
                f"variants-{index}-sku": variant.sku,
                f"variants-{index}-gtin": variant.gtin,
            }
        )
    data.update(overrides)
    return data


# --- The list ---------------------------------------------------------------------------------------


def test_the_list_shows_the_shops_products_only_with_badges(client_of: Client, owner: ShopMembership) -> None:
    ProductFactory(shop=owner.shop, name="Apfelsaft", price=Decimal("2.50"))
    ProductFactory(shop=owner.shop, name="Birnen", is_active=False)
    ProductFactory(name="Fremdes Produkt")

    response = client_of.get(list_url(owner))

    assert response.status_code == 200
    assert names(response) == ["Apfelsaft", "Birnen"]
    html = response.content.decode()
    assert "2,50\u00a0€" in html
    assert "Ausgeblendet" in html
    assert reverse("catalog:product_create", kwargs={"shop_id": owner.shop.pk}) in html


def test_the_list_shows_the_operators_reason(client_of: Client, owner: ShopMembership) -> None:
    product = ProductFactory(shop=owner.shop, name="Feuerwerk")
    Product.objects.filter(pk=product.pk).update(hidden_by_operator=True, operator_reason="Nicht erlaubt.")

    response = client_of.get(list_url(owner))

    html = response.content.decode()
    assert "Vom Betreiber ausgeblendet" in html
    assert "Nicht erlaubt." in html


@pytest.mark.parametrize(
    ("query", "expected"), [("saft", ["Apfelsaft"]), ("B-77", ["Birnen"]), ("4006381333931", ["Birnen"])]
)
def test_search_by_name_sku_and_gtin(
    client_of: Client, owner: ShopMembership, query: str, expected: list[str]
) -> None:
    ProductFactory(shop=owner.shop, name="Apfelsaft")
    ProductFactory(shop=owner.shop, name="Birnen", sku="B-77", gtin="4006381333931")

    response = client_of.get(list_url(owner), {"q": query})

    assert names(response) == expected


def test_filters_by_stock_state_visibility_and_category(client_of: Client, owner: ShopMembership) -> None:
    fruit = ProductCategoryFactory(name="Testobst", slug="testobst")
    ProductFactory(shop=owner.shop, name="Äpfel", category=fruit, stock_mode=StockMode.TRACKED, stock=0)
    ProductFactory(shop=owner.shop, name="Kürbis", stock_mode=StockMode.ON_REQUEST)
    ProductFactory(shop=owner.shop, name="Zwiebeln", is_active=False)

    assert names(client_of.get(list_url(owner), {"stock": "sold_out"})) == ["Äpfel"]
    assert names(client_of.get(list_url(owner), {"stock": "on_request"})) == ["Kürbis"]
    assert names(client_of.get(list_url(owner), {"stock": "in_stock"})) == ["Zwiebeln"]
    assert names(client_of.get(list_url(owner), {"visibility": "hidden"})) == ["Zwiebeln"]
    assert names(client_of.get(list_url(owner), {"category": str(fruit.pk)})) == ["Äpfel"]


def test_sorting_by_price_newest_and_stock(client_of: Client, owner: ShopMembership) -> None:
    ProductFactory(shop=owner.shop, name="A", price=Decimal("3.00"), stock_mode=StockMode.TRACKED, stock=9)
    ProductFactory(shop=owner.shop, name="B", price=Decimal("1.00"), stock_mode=StockMode.TRACKED, stock=2)
    ProductFactory(shop=owner.shop, name="C", price=Decimal("2.00"), stock_mode=StockMode.TRACKED, stock=5)

    assert names(client_of.get(list_url(owner), {"sort": "price"})) == ["B", "C", "A"]
    assert names(client_of.get(list_url(owner), {"sort": "-price"})) == ["A", "C", "B"]
    assert names(client_of.get(list_url(owner), {"sort": "newest"})) == ["C", "B", "A"]
    assert names(client_of.get(list_url(owner), {"sort": "stock"})) == ["B", "C", "A"]


def test_pagination_keeps_the_filters(client_of: Client, owner: ShopMembership) -> None:
    for number in range(27):
        ProductFactory(shop=owner.shop, name=f"Brot {number:02d}")

    response = client_of.get(list_url(owner), {"q": "Brot", "page": "2"})

    assert names(response) == ["Brot 25", "Brot 26"]
    assert 'href="?q=Brot&amp;page=1"' in response.content.decode()


def list_queries(client: Client, owner: ShopMembership, count: int, django_assert_num_queries: Any) -> None:
    for _ in range(count):
        product = ProductFactory(
            shop=owner.shop,
            variants=[VariantData(label="S", price=Decimal(1)), VariantData(label="M", price=Decimal(2))],
        )
        ProductImage.objects.create(product_id=product.pk, thumbnail="products/x.jpg", image="products/y.jpg")
    # user, access_shop, categories of the filter, count, the page (thumbnails and stock included),
    # the owner check of the navigation
    with django_assert_num_queries(6):
        response = client.get(list_url(owner))
    assert len(response.context["products"]) == count


@pytest.mark.parametrize("count", [1, 25])
def test_the_list_costs_the_same_queries_for_any_number_of_products(
    client_of: Client, owner: ShopMembership, django_assert_num_queries: Any, count: int
) -> None:
    list_queries(client_of, owner, count, django_assert_num_queries)


# --- Bulk actions -------------------------------------------------------------------------------------


def test_bulk_hide_goes_back_to_the_filtered_list(client_of: Client, owner: ShopMembership) -> None:
    first = ProductFactory(shop=owner.shop)
    second = ProductFactory(shop=owner.shop)

    response = client_of.post(
        bulk_url(owner), {"product": [first.pk, second.pk], "action": "hide", "back": "q=Test&sort=price"}
    )

    assert response.status_code == 302
    assert response["Location"] == list_url(owner) + "?q=Test&sort=price"
    assert list(Product.objects.values_list("is_active", flat=True)) == [False, False]


def test_bulk_price_change_reports_the_count(client_of: Client, owner: ShopMembership) -> None:
    product = ProductFactory(shop=owner.shop, price=Decimal("10.00"))

    response = client_of.post(
        bulk_url(owner), {"product": [product.pk], "action": "price", "percent": "-12,5"}, follow=True
    )

    assert messages_of(response) == ["Die Preise von 1 Produkt sind geändert."]
    assert Product.objects.get().price == Decimal("8.75")


def test_bulk_price_change_below_zero_shows_the_list_with_the_error(
    client_of: Client, owner: ShopMembership
) -> None:
    product = ProductFactory(shop=owner.shop, price=Decimal("10.00"))

    response = client_of.post(
        bulk_url(owner), {"product": [product.pk], "action": "price", "percent": "-150"}
    )

    assert response.status_code == 200
    assert response.context["bulk_form"].errors["percent"] == [
        "Ein Preis kann nicht unter 0 € fallen. Bitte senken Sie die Preise um höchstens 100 %."
    ]
    assert f'value="{product.pk}" id="select-{product.pk}" checked' in response.content.decode()
    assert Product.objects.get().price == Decimal("10.00")


def test_bulk_set_stock_reports_products_without_counted_stock(
    client_of: Client, owner: ShopMembership
) -> None:
    counted = ProductFactory(shop=owner.shop, stock_mode=StockMode.TRACKED)
    always = ProductFactory(shop=owner.shop, stock_mode=StockMode.ALWAYS)

    response = client_of.post(
        bulk_url(owner), {"product": [counted.pk, always.pk], "action": "stock", "stock": "12"}, follow=True
    )

    assert messages_of(response) == [
        "Der Bestand von 1 Produkt ist gesetzt. "
        "1 Produkt hat keinen gezählten Bestand und bleibt unverändert."
    ]
    assert counted.variants.get().stock == 12


def test_bulk_delete_asks_first_and_then_deletes(client_of: Client, owner: ShopMembership) -> None:
    product = ProductFactory(shop=owner.shop, name="Alte Ware")

    confirm = client_of.post(bulk_url(owner), {"product": [product.pk], "action": "delete"})

    assert confirm.status_code == 200
    assert [p.name for p in confirm.context["products"]] == ["Alte Ware"]
    assert Product.objects.count() == 1

    response = client_of.post(
        bulk_url(owner), {"product": [product.pk], "action": "delete", "confirm": "True"}, follow=True
    )

    assert messages_of(response) == ["1 Produkt ist gelöscht."]
    assert Product.objects.count() == 0


def test_bulk_without_ticked_products_says_so(client_of: Client, owner: ShopMembership) -> None:
    ProductFactory(shop=owner.shop)

    response = client_of.post(bulk_url(owner), {"action": "hide"})

    assert response.status_code == 200
    assert response.context["bulk_form"].errors["product"] == ["Bitte kreuzen Sie mindestens ein Produkt an."]


def test_duplicate_opens_the_hidden_copy(client_of: Client, owner: ShopMembership) -> None:
    product = ProductFactory(shop=owner.shop, name="Kerze")

    response = client_of.post(
        reverse("catalog:product_duplicate", kwargs={"shop_id": owner.shop.pk, "product_id": product.pk})
    )

    copy = Product.objects.exclude(pk=product.pk).get()
    assert response["Location"] == edit_url(copy)
    assert (copy.name, copy.is_active) == ("Kerze (Kopie)", False)


# --- Quick create -------------------------------------------------------------------------------------


def test_the_quick_form_asks_for_the_camera(client_of: Client, owner: ShopMembership) -> None:
    response = client_of.get(reverse("catalog:product_create", kwargs={"shop_id": owner.shop.pk}))

    html = response.content.decode()
    assert 'accept="image/*"' in html
    assert 'capture="environment"' in html


def test_quick_create_with_photo_goes_to_the_full_form(
    client_of: Client, owner: ShopMembership, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of.post(
            reverse("catalog:product_create", kwargs={"shop_id": owner.shop.pk}),
            {"name": "Erdbeeren", "price": "3,99", "photo": upload(image_bytes((800, 600)))},
        )

    product = Product.objects.get()
    assert response["Location"] == edit_url(product)
    assert (product.shop, product.name, product.price) == (owner.shop, "Erdbeeren", Decimal("3.99"))
    image = product.images.get()
    assert (image.is_ready, image.alt_text, image.width, image.height) == (True, "Erdbeeren", 800, 600)


def test_quick_create_with_a_bad_photo_keeps_what_was_typed(client_of: Client, owner: ShopMembership) -> None:
    response = client_of.post(
        reverse("catalog:product_create", kwargs={"shop_id": owner.shop.pk}),
        {"name": "Erdbeeren", "price": "3,99", "photo": upload(b"kein Bild" * 40)},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == [
        "Diese Datei ist kein Bild, das wir lesen können. "
        "Bitte laden Sie ein Foto im Format JPEG, PNG oder WebP hoch."
    ]
    html = response.content.decode()
    assert 'value="Erdbeeren"' in html
    assert 'value="3,99"' in html
    assert Product.objects.count() == 0


def test_quick_create_needs_name_and_price(client_of: Client, owner: ShopMembership) -> None:
    response = client_of.post(reverse("catalog:product_create", kwargs={"shop_id": owner.shop.pk}), {})

    assert response.context["form"].errors == {
        "name": ["Bitte geben Sie den Namen des Produkts ein."],
        "price": ["Bitte geben Sie den Preis ein."],
    }


# --- The full form -------------------------------------------------------------------------------------


def test_the_full_form_saves_everything(client_of: Client, owner: ShopMembership) -> None:
    honey = ProductCategoryFactory(name="Testhonig", slug="testhonig", is_food=True)
    product = ProductFactory(shop=owner.shop, name="Honig", price=Decimal("4.00"))

    response = client_of.post(
        edit_url(product),
        edit_post(
            product,
            name="Rapshonig",
            description="Aus der Region.",
            category=str(honey.pk),
            vat_rate="7",
            quantity="500",
            unit="g",
            stock_mode="tracked",
            ingredients="Honig",
            **{
                "variants-0-price": "5,49",
                "variants-0-compare_at_price": "6,49",
                "variants-0-stock": "8",
                "variants-0-sku": "HON-500",
                "variants-0-gtin": "4006381333931",
            },
        ),
        follow=True,
    )

    assert messages_of(response) == ["Das Produkt ist gespeichert."]
    product.refresh_from_db()
    assert (product.name, product.category, product.vat_rate, product.quantity, product.unit) == (
        "Rapshonig",
        honey,
        "7",
        Decimal("500"),
        "g",
    )
    assert (product.price, product.in_stock, product.ingredients) == (Decimal("5.49"), True, "Honig")
    assert list(product.variants.values_list("price", "compare_at_price", "stock", "sku", "gtin")) == [
        (Decimal("5.49"), Decimal("6.49"), 8, "HON-500", "4006381333931")
    ]
    assert "10,98\u00a0€ pro kg" in response.content.decode()


def test_the_form_shows_only_offered_fulfilment_and_keeps_the_others(
    client_of: Client, owner: ShopMembership
) -> None:
    product = ProductFactory(shop=owner.shop, allows_shipping=True)

    response = client_of.post(edit_url(product), edit_post(product, allows_pickup=""))

    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.allows_pickup, product.allows_shipping) == (False, True)


def test_add_a_variant_without_javascript_keeps_the_input(client_of: Client, owner: ShopMembership) -> None:
    product = ProductFactory(shop=owner.shop, name="Shirt")

    response = client_of.post(edit_url(product), edit_post(product, name="T-Shirt", add_variant="1"))

    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 2
    assert 'value="T-Shirt"' in response.content.decode()
    assert Product.objects.get().name == "Shirt"


def test_adding_variants_and_removing_one(client_of: Client, owner: ShopMembership) -> None:
    product = ProductFactory(
        shop=owner.shop,
        variants=[VariantData(label="S", price=Decimal("10")), VariantData(label="M", price=Decimal("11"))],
    )
    data = edit_post(
        product,
        **{
            "variants-TOTAL_FORMS": "3",
            "variants-1-DELETE": "on",
            "variants-2-label": "L",
            "variants-2-price": "12",
            "variants-2-stock": "0",
        },
    )

    response = client_of.post(edit_url(product), data)

    assert response.status_code == 302
    assert list(product.variants.values_list("label", "price")) == [
        ("S", Decimal("10.00")),
        ("L", Decimal("12.00")),
    ]


def test_a_bad_submit_saves_nothing_and_ties_errors_to_fields(
    client_of: Client, owner: ShopMembership
) -> None:
    product = ProductFactory(shop=owner.shop, name="Seife", price=Decimal("3.00"))

    response = client_of.post(
        edit_url(product),
        edit_post(
            product, name="Neue Seife", **{"variants-0-gtin": "4006381333932", "variants-0-price": "4,00"}
        ),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-describedby="id_variants-0-gtin_error' in html or 'id="id_variants-0-gtin_error"' in html
    assert 'value="Neue Seife"' in html
    assert 'value="4,00"' in html
    product.refresh_from_db()
    assert (product.name, product.price) == ("Seife", Decimal("3.00"))


# --- Dashboard and navigation ------------------------------------------------------------------------


def test_the_dashboard_counts_products(client_of: Client, owner: ShopMembership) -> None:
    ProductFactory(shop=owner.shop)
    ProductFactory(shop=owner.shop, stock_mode=StockMode.TRACKED, stock=0)
    ProductFactory(shop=owner.shop, is_active=False)

    response = client_of.get(reverse("directory:shop_dashboard", kwargs={"shop_id": owner.shop.pk}))

    counts = response.context["product_counts"]
    assert (counts.total, counts.online, counts.out_of_stock, counts.hidden) == (3, 2, 1, 1)
    assert response.context["views_this_week"] == 0
    html = response.content.decode()
    assert f'href="{list_url(owner)}"' in html
    assert "Aufrufe in den letzten 7 Tagen" in html
