"""The product page, the product search page, the suggestions and the shop page's assortment."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from marktplatz.catalog.models import Product, ProductImage, StockMode
from marktplatz.catalog.services.products import VariantData
from marktplatz.catalog.tests.factories import ProductCategoryFactory, ProductFactory
from marktplatz.directory.hours import BERLIN
from marktplatz.directory.models import ServiceKind, Shop
from marktplatz.directory.tests.factories import OpeningHoursFactory, ShopFactory, ShopServiceFactory
from marktplatz.stats.models import ProductPageViewDay, SearchMiss

pytestmark = pytest.mark.django_db

MONDAY_10 = dt.datetime(2026, 11, 23, 10, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def monday_morning(monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    monkeypatch.setattr("marktplatz.catalog.views.public.local_now", lambda: MONDAY_10)
    monkeypatch.setattr("marktplatz.directory.views.shop.local_now", lambda: MONDAY_10)
    return MONDAY_10


def get(client: Client, url: str, **extra: Any) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="de", **extra)
    assert response.status_code == 200
    return response.content.decode()


def text(html: str) -> str:
    """The visible text, whitespace collapsed (for asserting phrases across tags)."""
    without_tags = re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S)
    return " ".join(without_tags.replace("\xa0", " ").split())


def json_ld(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def card_names(html: str) -> list[str]:
    return re.findall(r'class="product-card-name"[^>]*><a href="[^"]+">([^<]+)</a>', html)


def coffee(**kwargs: Any) -> Product:
    shop = kwargs.pop("shop", None) or ShopFactory(name="Rösterei Kranich", slug="roesterei-kranich")
    return ProductFactory(
        shop=shop,
        name="Kaffee Hausmischung",
        description="Kräftig und mild.",
        price=Decimal("7.49"),
        compare_at_price=Decimal("8.99"),
        quantity=Decimal("250"),
        unit="g",
        **kwargs,
    )


# --- Product page -----------------------------------------------------------------------------


def test_product_page_shows_price_with_vat_unit_price_and_former_price(client: Client) -> None:
    product = coffee()

    page = text(get(client, product.get_absolute_url()))

    assert "Kaffee Hausmischung" in page
    assert "7,49 €" in page
    assert "statt 8,99 €" in page
    assert "(29,96 € pro kg)" in page
    assert "inkl. MwSt." in page


def test_plus_shipping_only_when_the_shop_ships_the_product(client: Client) -> None:
    shipping = coffee()
    ShopServiceFactory(shop=shipping.shop, kind=ServiceKind.SHIPPING)
    local = ProductFactory(name="Brot", allows_shipping=True)

    assert "inkl. MwSt., zzgl. Versand" in text(get(client, shipping.get_absolute_url()))
    assert "zzgl. Versand" not in text(get(client, local.get_absolute_url()))


def test_fulfilment_is_what_the_product_allows_and_the_shop_offers(client: Client) -> None:
    product = coffee(allows_delivery=False)
    ShopServiceFactory(shop=product.shop, kind=ServiceKind.PICKUP)
    ShopServiceFactory(shop=product.shop, kind=ServiceKind.DELIVERY)

    html = get(client, product.get_absolute_url())

    match = re.search(r'<ul class="plain-list fulfilment-list">(.*?)</ul>', html, re.S)
    assert match
    assert text(match.group(1)) == "Abholung im Geschäft"


def test_variants_are_listed_with_price_and_availability(client: Client) -> None:
    product = ProductFactory(
        name="Pullover",
        stock_mode=StockMode.TRACKED,
        variants=[
            VariantData(label="Größe M", price=Decimal("49.00"), stock=5),
            VariantData(label="Größe L", price=Decimal("52.00"), stock=0),
        ],
    )

    page = text(get(client, product.get_absolute_url()))

    assert "ab 49,00 €" in page
    assert "Größe M 49,00 € Vorrätig" in page
    assert "Größe L 52,00 € Ausverkauft" in page


def test_safety_information_and_ingredients_are_shown(client: Client) -> None:
    product = ProductFactory(
        name="Teelicht", manufacturer="Kerzen GmbH", safety_warnings="Nie unbeaufsichtigt brennen lassen."
    )
    food = ProductFactory(name="Pesto", ingredients="Basilikum, Pinienkerne (Schalenfrüchte)")

    assert "Kerzen GmbH" in text(get(client, product.get_absolute_url()))
    assert "Basilikum, Pinienkerne (Schalenfrüchte)" in text(get(client, food.get_absolute_url()))


def test_shop_card_with_distance_and_opening_status(client: Client) -> None:
    shop = ShopFactory(name="Hofladen Gülzow", lat=53.7972, lon=12.1734, locality="Güstrow")
    OpeningHoursFactory(shop=shop, weekday=0, opens=dt.time(9), closes=dt.time(18))
    product = ProductFactory(shop=shop, name="Eier")

    page = text(get(client, product.get_absolute_url() + "?near=18055"))

    assert "32,5 km von 18055 Rostock" in page
    assert "Jetzt geöffnet" in page


def test_report_link_and_canonical_url(client: Client, settings: Any) -> None:
    product = coffee()

    html = get(client, product.get_absolute_url())

    assert f'href="{reverse("moderation:report_product", kwargs={"product_id": product.pk})}"' in html
    assert (
        f'<link rel="canonical" href="{settings.SITE_URL}/produkte/{product.pk}-kaffee-hausmischung/">'
        in html
    )


def test_structured_data_is_a_product_with_an_offer(client: Client, settings: Any) -> None:
    product = coffee(stock_mode=StockMode.TRACKED, stock=2, sku="K-1")

    data = json_ld(get(client, product.get_absolute_url()))

    url = f"{settings.SITE_URL}/produkte/{product.pk}-kaffee-hausmischung/"
    assert data["@type"] == "Product"
    assert data["name"] == "Kaffee Hausmischung"
    assert data["offers"] == {
        "@type": "Offer",
        "price": "7.49",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/LimitedAvailability",
        "url": url,
        "seller": {
            "@type": "LocalBusiness",
            "name": "Rösterei Kranich",
            "url": f"{settings.SITE_URL}/geschaefte/roesterei-kranich/",
        },
        "sku": "K-1",
    }


def test_images_link_to_the_full_size(client: Client) -> None:
    product = coffee()
    ProductImage.objects.create(product_id=product.pk, image="products/1/gross.jpg", alt_text="Die Packung")

    html = get(client, product.get_absolute_url())

    assert re.search(r'<a href="/media/products/1/gross.jpg" class="product-image-link">', html)
    assert 'alt="Die Packung"' in html


def test_a_wrong_slug_redirects_permanently(client: Client) -> None:
    product = coffee()

    response = client.get(f"/produkte/{product.pk}-alter-name/?near=18055")

    assert response.status_code == 301
    assert response["Location"] == f"/produkte/{product.pk}-kaffee-hausmischung/?near=18055"


@pytest.mark.parametrize(
    "change",
    [
        {"is_active": False},
        {"hidden_by_operator": True},
    ],
)
def test_an_invisible_product_is_not_found(client: Client, change: dict[str, Any]) -> None:
    product = coffee()
    Product.objects.filter(pk=product.pk).update(**change)

    assert client.get(product.get_absolute_url()).status_code == 404


def test_a_product_of_an_unpublished_shop_is_not_found(client: Client) -> None:
    product = coffee()
    Shop.objects.filter(pk=product.shop_id).update(status=Shop.Status.HIDDEN)

    assert client.get(product.get_absolute_url()).status_code == 404


def test_a_view_is_counted(client: Client) -> None:
    product = coffee()

    client.get(product.get_absolute_url())
    client.get(product.get_absolute_url(), HTTP_USER_AGENT="Googlebot/2.1")

    assert ProductPageViewDay.objects.get(product_id=product.pk).count == 1


def test_the_product_page_needs_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries: Any
) -> None:
    product = coffee(variants=[VariantData(label=f"V{n}", price=Decimal(n + 1)) for n in range(3)])
    for position in range(3):
        ProductImage.objects.create(
            product_id=product.pk, image=f"products/1/{position}.jpg", position=position
        )

    # the product (with shop and category), variants, images, the shop's services, postal codes,
    # hours, special days, and the view counter
    with django_assert_num_queries(8):
        client.get(product.get_absolute_url())


# --- Search page ------------------------------------------------------------------------------


def test_search_page_finds_a_product(client: Client) -> None:
    coffee()
    ProductFactory(name="Tee")

    html = get(client, reverse("catalog:product_search") + "?q=Kaffe")

    assert "1 Produkt gefunden" in text(html)
    assert card_names(html) == ["Kaffee Hausmischung"]


def test_search_page_without_parameters_lists_products(client: Client) -> None:
    coffee()

    assert "1 Produkt gefunden" in text(get(client, reverse("catalog:product_search")))


def test_a_huge_result_says_more_than_and_leaves_out_facet_counts(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("marktplatz.catalog.selectors.public.COUNT_LIMIT", 2)
    for number in range(3):
        ProductFactory(name=f"Ware {number}")

    html = get(client, reverse("catalog:product_search"))

    assert "Mehr als 2 Produkte gefunden" in text(html)
    assert 'class="facet-count"' not in html


def test_search_page_shows_facets(client: Client) -> None:
    food = ProductCategoryFactory(name="Getränke T", slug="getraenke-t")
    coffee(category=food)

    html = get(client, reverse("catalog:product_search"))

    assert re.search(
        r'<a href="/produkte/\?category=getraenke-t">Getränke T</a> <span class="facet-count">\(1\)</span>',
        html,
    )


def test_an_unknown_place_is_an_error_tied_to_the_field(client: Client) -> None:
    html = get(client, reverse("catalog:product_search") + "?near=Atlantis")

    assert "Ort oder Postleitzahl nicht gefunden." in html
    assert 'href="#id_near"' in html


def test_a_price_range_the_wrong_way_round_is_an_error(client: Client) -> None:
    html = get(client, reverse("catalog:product_search") + "?price_min=10&price_max=5")

    assert "Bitte geben Sie einen höheren Preis als den Mindestpreis an." in html


def test_a_search_without_results_is_recorded(client: Client) -> None:
    get(client, reverse("catalog:product_search") + "?q=Einhorn")

    miss = SearchMiss.objects.get()
    assert (miss.kind, miss.query, miss.count) == ("product", "einhorn", 1)


def test_suggestions_are_options_of_product_names(client: Client) -> None:
    coffee()

    html = get(client, reverse("catalog:product_suggest") + "?q=kaff")

    assert html.strip() == '<option value="Kaffee Hausmischung"></option>'


def test_suggestions_need_three_letters(client: Client) -> None:
    coffee()

    assert get(client, reverse("catalog:product_suggest") + "?q=ka").strip() == ""


# --- Shop page assortment ---------------------------------------------------------------------


def test_shop_page_lists_its_visible_products_by_name(client: Client) -> None:
    shop = ShopFactory(slug="hofladen")
    ProductFactory(shop=shop, name="Zwiebeln")
    ProductFactory(shop=shop, name="Birnen")
    ProductFactory(shop=shop, name="Versteckt", is_active=False)
    ProductFactory(name="Anderer Laden")

    html = get(client, "/geschaefte/hofladen/")

    names = card_names(html)
    assert names == ["Birnen", "Zwiebeln"]


def test_shop_page_searches_within_the_shop(client: Client) -> None:
    shop = ShopFactory(slug="hofladen")
    ProductFactory(shop=shop, name="Äpfel Boskoop")
    ProductFactory(shop=shop, name="Zwiebeln")
    ProductFactory(name="Apfelsaft")

    html = get(client, "/geschaefte/hofladen/?q=Apfel")

    assert card_names(html) == ["Äpfel Boskoop"]


def test_shop_page_filters_by_its_categories(client: Client) -> None:
    shop = ShopFactory(slug="hofladen")
    fruit = ProductCategoryFactory(name="Obst S", slug="obst-s")
    ProductFactory(shop=shop, name="Birne", category=fruit)
    ProductFactory(shop=shop, name="Seife")

    html = get(client, "/geschaefte/hofladen/?category=obst-s")

    assert card_names(html) == ["Birne"]
    assert 'href="?category=obst-s#assortment-heading" aria-current="true">Obst S (1)</a>' in html


def test_shop_page_pages_through_the_products(client: Client) -> None:
    shop = ShopFactory(slug="hofladen")
    for number in range(30):
        ProductFactory(shop=shop, name=f"Ware {number:02d}")

    html = get(client, "/geschaefte/hofladen/?page=2")

    names = card_names(html)
    assert names == [f"Ware {number:02d}" for number in range(24, 30)]
    assert 'href="?page=1#assortment-heading" rel="prev"' in html


def test_shop_page_without_products_has_no_assortment(client: Client) -> None:
    ShopFactory(slug="hofladen")

    assert 'id="assortment-heading"' not in get(client, "/geschaefte/hofladen/")


def test_shop_page_assortment_costs_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries: Any
) -> None:
    shop = ShopFactory(slug="hofladen")
    for number in range(30):
        ProductFactory(shop=shop, name=f"Ware {number:02d}")

    # the shop and its 8 relations, the view counter, and the assortment: product categories,
    # count + facets, the page, its variants and its images
    with django_assert_num_queries(15):
        client.get("/geschaefte/hofladen/")


def test_the_ranking_page_explains_the_product_order(client: Client) -> None:
    page = text(get(client, reverse("core:ranking")))

    assert "Wie Produkte sortiert werden" in page
    assert "kein Geschäft kann für eine bessere Position bezahlen" in page
