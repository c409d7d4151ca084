"""
No access to another shop's products through any URL or form field: every back-office URL answers
404 for a product of another shop (and for anonymous users goes to the login), and ids that come
in form fields (ticked products, variant rows, pictures) of other shops or products change nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from marktplatz.catalog.models import Product, ProductImage, ProductVariant
from marktplatz.directory.models import ShopMembership
from marktplatz.directory.tests.factories import ShopMembershipFactory

from .factories import ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]


@pytest.fixture
def me() -> ShopMembership:
    return ShopMembershipFactory(role=ShopMembership.Role.STAFF)


@pytest.fixture
def client_of(client: Client, me: ShopMembership) -> Client:
    client.force_login(me.user)
    return client


@pytest.fixture
def foreign() -> Product:
    product = ProductFactory(name="Fremd", price=Decimal("9.00"))
    ProductImage.objects.create(
        product_id=product.pk, image="products/a.jpg", thumbnail="products/a-k.jpg", alt_text="A"
    )
    return Product.objects.get(pk=product.pk)


def product_urls(shop_id: int, product: Product) -> list[str]:
    image = product.images.first()
    image_id = image.pk if image else 1
    kwargs = {"shop_id": shop_id, "product_id": product.pk}
    return [
        reverse("catalog:product_edit", kwargs=kwargs),
        reverse("catalog:product_duplicate", kwargs=kwargs),
        reverse("catalog:product_images_add", kwargs=kwargs),
        reverse("catalog:product_image_update", kwargs={**kwargs, "image_id": image_id}),
        reverse("catalog:product_image_move", kwargs={**kwargs, "image_id": image_id}),
        reverse("catalog:product_image_delete", kwargs={**kwargs, "image_id": image_id}),
    ]


def shop_urls(shop_id: int) -> list[str]:
    return [
        reverse("catalog:backoffice_products", kwargs={"shop_id": shop_id}),
        reverse("catalog:products_bulk", kwargs={"shop_id": shop_id}),
        reverse("catalog:product_create", kwargs={"shop_id": shop_id}),
    ]


def assert_untouched(product: Product) -> None:
    fresh = Product.objects.get(pk=product.pk)
    assert (fresh.name, fresh.price, fresh.is_active) == ("Fremd", Decimal("9.00"), True)
    assert list(fresh.images.values_list("alt_text", "position")) == [("A", 0)]
    assert Product.objects.filter(shop=product.shop).count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_shops_product_is_404_through_every_url(
    client_of: Client, foreign: Product, method: str
) -> None:
    for url in product_urls(foreign.shop_id, foreign) + shop_urls(foreign.shop_id):
        response = getattr(client_of, method)(url, {"name": "Gekapert", "alt_text": "x", "direction": "down"})
        assert response.status_code == 404, url
    assert_untouched(foreign)


def test_another_shops_product_under_my_shop_id_is_404(
    client_of: Client, me: ShopMembership, foreign: Product
) -> None:
    for url in product_urls(me.shop.pk, foreign):
        assert (
            client_of.post(url, {"name": "Gekapert", "alt_text": "x", "direction": "down"}).status_code == 404
        ), url
    assert_untouched(foreign)


def test_a_picture_of_another_product_under_my_product_is_404(
    client_of: Client, me: ShopMembership, foreign: Product
) -> None:
    mine = ProductFactory(shop=me.shop)
    image = foreign.images.get()
    kwargs = {"shop_id": me.shop.pk, "product_id": mine.pk, "image_id": image.pk}

    for name in ("product_image_update", "product_image_move", "product_image_delete"):
        response = client_of.post(
            reverse(f"catalog:{name}", kwargs=kwargs), {"alt_text": "x", "direction": "down"}
        )
        assert response.status_code == 404, name
    assert_untouched(foreign)


def test_anonymous_visitors_go_to_the_login(client: Client, foreign: Product) -> None:
    for url in product_urls(foreign.shop_id, foreign) + shop_urls(foreign.shop_id):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url


@pytest.mark.parametrize(
    "post",
    [
        {"action": "hide"},
        {"action": "price", "percent": "50"},
        {"action": "stock", "stock": "3"},
        {"action": "delete", "confirm": "True"},
    ],
)
def test_bulk_ids_of_another_shop_are_ignored(
    client_of: Client, me: ShopMembership, foreign: Product, post: dict[str, Any]
) -> None:
    mine = ProductFactory(shop=me.shop)

    client_of.post(
        reverse("catalog:products_bulk", kwargs={"shop_id": me.shop.pk}),
        {"product": [mine.pk, foreign.pk], **post},
    )

    assert_untouched(foreign)


def test_bulk_delete_confirmation_lists_only_own_products(
    client_of: Client, me: ShopMembership, foreign: Product
) -> None:
    mine = ProductFactory(shop=me.shop, name="Meins")

    response = client_of.post(
        reverse("catalog:products_bulk", kwargs={"shop_id": me.shop.pk}),
        {"product": [mine.pk, foreign.pk], "action": "delete"},
    )

    assert [product.name for product in response.context["products"]] == ["Meins"]
    assert "Fremd" not in response.content.decode()


def test_a_variant_id_of_another_shop_in_the_form_never_changes_that_variant(
    client_of: Client, me: ShopMembership, foreign: Product
) -> None:
    mine = ProductFactory(shop=me.shop, name="Meins", price=Decimal("1.00"))
    own_variant = mine.variants.get()
    foreign_variant = foreign.variants.get()
    data = {
        "name": "Meins",
        "vat_rate": "19",
        "unit": "piece",
        "stock_mode": "always",
        "is_active": "on",
        "variants-TOTAL_FORMS": "1",
        "variants-INITIAL_FORMS": "1",
        "variants-0-id": str(foreign_variant.pk),
        "variants-0-price": "0,50",
        "variants-0-stock": "0",
        "variants-0-label": "",
    }

    response = client_of.post(
        reverse("catalog:product_edit", kwargs={"shop_id": me.shop.pk, "product_id": mine.pk}), data
    )

    assert response.status_code == 302
    assert ProductVariant.objects.get(pk=foreign_variant.pk).price == Decimal("9.00")
    assert ProductVariant.objects.get(pk=foreign_variant.pk).product_id == foreign.pk
    # The row became a new variant of my product; my old variant (not in the form) is gone.
    assert list(mine.variants.values_list("price", flat=True)) == [Decimal("0.50")]
    assert not ProductVariant.objects.filter(pk=own_variant.pk).exists()
