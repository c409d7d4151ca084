"""GET /api/v1/products and /api/v1/products/{id}: shape, parameters, refusals, visibility, cost."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from marktplatz.catalog.models import Product, ProductImage, StockMode
from marktplatz.catalog.services.products import VariantData
from marktplatz.catalog.tests.factories import ProductCategoryFactory, ProductFactory
from marktplatz.directory.models import ServiceKind, Shop
from marktplatz.directory.tests.factories import ShopFactory, ShopServiceFactory

from .helpers import get, problem

pytestmark = pytest.mark.django_db

WARNEMUENDE = {"lat": 54.1764, "lon": 12.0853, "locality": "Warnemünde", "postal_code": "18119"}
SCHWERIN = {"lat": 53.6355, "lon": 11.4012, "locality": "Schwerin", "postal_code": "19053"}


def names(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [product["name"] for product in response.json()["results"]]


def coffee(**kwargs: Any) -> Product:
    return ProductFactory(
        shop=kwargs.pop("shop", None) or ShopFactory(slug="roesterei"),
        name="Kaffee",
        price=Decimal("7.49"),
        compare_at_price=Decimal("8.99"),
        quantity=Decimal("250"),
        unit="g",
        vat_rate="7",
        **kwargs,
    )


# --- Shape ------------------------------------------------------------------------------------


def test_a_product_in_the_list_carries_its_public_fields(client: Any) -> None:
    product = coffee(stock_mode=StockMode.TRACKED, stock=10, category=ProductCategoryFactory(slug="kaffee-k"))
    ProductImage.objects.create(product_id=product.pk, image="products/1/k.jpg", alt_text="Packung")

    body = get(client, "products").json()

    assert (body["count"], body["page"], body["num_pages"], body["next"], body["previous"]) == (
        1,
        1,
        1,
        None,
        None,
    )
    assert body["results"] == [
        {
            "id": product.pk,
            "name": "Kaffee",
            "url": f"http://testserver/produkte/{product.pk}-kaffee/",
            "price": "7.49",
            "compare_at_price": "8.99",
            "unit_price": {"amount": "29.96", "basis": "kg"},
            "vat_rate": 7,
            "availability": "in_stock",
            "shop": "roesterei",
            "category": "kaffee-k",
            "distance_km": None,
            "images": [
                {"url": "http://testserver/media/products/1/k.jpg", "thumbnail": None, "alt_text": "Packung"}
            ],
        }
    ]


def test_detail_carries_variants_and_fulfilment(client: Any) -> None:
    shop = ShopFactory(slug="laden")
    ShopServiceFactory(shop=shop, kind=ServiceKind.PICKUP)
    product = ProductFactory(
        shop=shop,
        name="Pullover",
        allows_shipping=True,
        stock_mode=StockMode.TRACKED,
        variants=[
            VariantData(label="M", price=Decimal("49"), stock=2, sku="P-M"),
            VariantData(label="L", price=Decimal("52"), stock=0, sku="P-L"),
        ],
    )

    body = get(client, f"products/{product.pk}").json()

    assert body["price"] == "49.00"
    assert body["availability"] == "few_left"
    assert body["fulfilment"] == ["pickup"]
    assert [(v["label"], v["price"], v["availability"], v["sku"]) for v in body["variants"]] == [
        ("M", "49.00", "few_left", "P-M"),
        ("L", "52.00", "sold_out", "P-L"),
    ]


def test_detail_with_near_gives_the_distance(client: Any) -> None:
    product = coffee(shop=ShopFactory(**WARNEMUENDE))

    assert get(client, f"products/{product.pk}", near="18055").json()["distance_km"] == 10.4


@pytest.mark.parametrize("change", [{"is_active": False}, {"hidden_by_operator": True}])
def test_an_invisible_product_answers_404_and_is_not_listed(client: Any, change: dict[str, Any]) -> None:
    product = coffee()
    Product.objects.filter(pk=product.pk).update(**change)

    assert get(client, f"products/{product.pk}").status_code == 404
    assert names(get(client, "products")) == []


def test_a_product_of_an_unpublished_shop_is_absent(client: Any) -> None:
    product = coffee()
    Shop.objects.filter(pk=product.shop_id).update(status=Shop.Status.HIDDEN)

    assert get(client, f"products/{product.pk}").status_code == 404
    assert names(get(client, "products")) == []


# --- Parameters -------------------------------------------------------------------------------


def test_q_with_stemming_and_typo(client: Any) -> None:
    ProductFactory(name="Apfel Elstar")
    ProductFactory(name="Roggenbrot")

    assert names(get(client, "products", q="Äpfel")) == ["Apfel Elstar"]
    assert names(get(client, "products", q="Rogenbrot")) == ["Roggenbrot"]


def test_near_and_radius_with_distance(client: Any) -> None:
    ProductFactory(name="Nah", shop=ShopFactory(**WARNEMUENDE))
    ProductFactory(name="Fern", shop=ShopFactory(**SCHWERIN))

    body = get(client, "products", near="18055", radius_km="20").json()

    assert [(p["name"], p["distance_km"]) for p in body["results"]] == [("Nah", 10.4)]


def test_category_shop_price_and_stock_filters(client: Any) -> None:
    food = ProductCategoryFactory(slug="essen-a")
    shop = ShopFactory(slug="hof")
    ProductFactory(shop=shop, name="Treffer", category=food, price=Decimal("3"), stock_mode=StockMode.ALWAYS)
    ProductFactory(shop=shop, name="Zu teuer", category=food, price=Decimal("30"))
    ProductFactory(
        shop=shop, name="Ausverkauft", category=food, price=Decimal("3"), stock_mode=StockMode.TRACKED
    )
    ProductFactory(name="Anderer Laden", category=food, price=Decimal("3"))

    response = get(
        client, "products", category="essen-a", shop="hof", price_min="1", price_max="5", in_stock="true"
    )

    assert names(response) == ["Treffer"]


def test_fulfilment_filter_accepts_commas(client: Any) -> None:
    shop = ShopFactory()
    ShopServiceFactory(shop=shop, kind=ServiceKind.PICKUP)
    ShopServiceFactory(shop=shop, kind=ServiceKind.SHIPPING)
    ProductFactory(shop=shop, name="Beides")
    ProductFactory(shop=shop, name="Nur abholen", allows_shipping=False)

    assert names(get(client, "products", fulfilment="pickup,shipping")) == ["Beides"]


def test_sort_by_price_and_paging(client: Any) -> None:
    for price in (3, 1, 2):
        ProductFactory(name=f"Ware {price}", price=Decimal(price))

    response = get(client, "products", sort="price_desc", page_size="2", page="2")

    assert names(response) == ["Ware 1"]
    assert response.json()["previous"] == (
        "http://testserver/api/v1/products?sort=price_desc&page_size=2&page=1"
    )


# --- Refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"near": "Atlantis"}, [("near", "We do not know the place “Atlantis”.")]),
        ({"radius_km": "10"}, [("radius_km", "A radius needs a place: give near.")]),
        ({"radius_km": "abc"}, [("radius_km", "Enter a number.")]),
        ({"category": "gibt-es-nicht"}, [("category", "There is no category “gibt-es-nicht”.")]),
        ({"shop": "gibt-es-nicht"}, [("shop", "There is no published shop “gibt-es-nicht”.")]),
        ({"price_min": "-1"}, [("price_min", "Enter a number of at least 0.")]),
        ({"price_min": "5", "price_max": "2"}, [("price_max", "Enter a price of at least price_min.")]),
        (
            {"fulfilment": "teleport"},
            [
                (
                    "fulfilment",
                    "“teleport” is not a way of fulfilment; choose from: pickup, delivery, shipping.",
                )
            ],
        ),
        ({"sort": "distance"}, [("sort", "Sorting by distance needs a place: give near.")]),
        ({"sort": "relevance"}, [("sort", "Sorting by relevance needs search words: give q.")]),
        ({"in_stock": "vielleicht"}, [("in_stock", "Enter true or false (or 1 or 0).")]),
        ({"page": "3"}, [("page", "There is no page 3; the last page is 1.")]),
    ],
)
def test_bad_parameters_answer_400_naming_the_parameter(
    client: Any, params: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    response = get(client, "products", **params)

    assert response.status_code == 400
    assert problem(response) == expected


def test_an_unknown_sort_is_refused(client: Any) -> None:
    response = get(client, "products", sort="zufall")

    assert response.status_code == 400
    assert [parameter for parameter, _message in problem(response)] == ["sort"]


def test_errors_are_german_by_default(client: Any) -> None:
    response = get(client, "products", language="de", radius_km="abc")

    assert problem(response) == [("radius_km", "Bitte eine Zahl eingeben.")]


# --- OpenAPI and cost -------------------------------------------------------------------------


def test_the_endpoints_are_in_the_openapi_document(client: Any) -> None:
    document = client.get("/api/v1/openapi.json").json()

    assert {"/api/v1/products", "/api/v1/products/{product_id}"} <= set(document["paths"])
    parameters = {p["name"] for p in document["paths"]["/api/v1/products"]["get"]["parameters"]}
    assert {
        "q",
        "near",
        "radius_km",
        "category",
        "shop",
        "price_min",
        "price_max",
        "fulfilment",
        "in_stock",
        "sort",
        "page",
    } <= parameters


def test_a_page_costs_a_fixed_number_of_queries(client: Any, django_assert_num_queries: Any) -> None:
    shop = ShopFactory(slug="hof")
    for number in range(15):
        product = ProductFactory(shop=shop, name=f"Ware {number}")
        ProductImage.objects.create(product_id=product.pk, image=f"products/1/{number}.jpg")

    # the shop check, the count, the page, its variants and its images
    with django_assert_num_queries(5):
        response = get(client, "products", shop="hof")

    assert len(response.json()["results"]) == 15
