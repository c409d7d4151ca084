"""The public shop page: what a customer sees, what search engines get, and what it costs."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image

from marktplatz.directory.hours import BERLIN
from marktplatz.directory.models import DeliveryPostalCode, ServiceKind, Shop, ShopLink, ShopPhoto
from marktplatz.initiatives.models import Initiative, InitiativeMembership
from marktplatz.initiatives.tests.factories import InitiativeFactory, InitiativeMembershipFactory
from marktplatz.stats.models import ShopPageViewDay

from .factories import (
    CategoryFactory,
    OpeningHoursFactory,
    ShopFactory,
    ShopServiceFactory,
    SpecialDayFactory,
)

# Monday 23 November 2026, 10:00 in Rostock.
MONDAY = dt.date(2026, 11, 23)
SHOP_VIEW = "marktplatz.directory.views.shop.local_now"


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


@pytest.fixture
def monday_morning(monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    now = at(MONDAY, 10)
    monkeypatch.setattr(SHOP_VIEW, lambda: now)
    return now


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#0b5394").save(buffer, format="PNG")
    return buffer.getvalue()


def weekday_hours(shop: Shop) -> None:
    for weekday in range(5):
        OpeningHoursFactory(shop=shop, weekday=weekday, opens=dt.time(9), closes=dt.time(18))


def full_shop(**kwargs: Any) -> Shop:
    """A shop with every part of the page filled in."""
    shop = ShopFactory(
        name="Bäckerei Möller",
        slug="baeckerei-moeller",
        description="Frisches Brot aus Rostock.\nJeden Tag ab 6 Uhr gebacken.",
        phone="0381 123456",
        website="https://baeckerei-moeller.example.org/",
        how_to_order="Bestellen Sie bis 12 Uhr, wir liefern am Nachmittag.",
        payment_methods=["cash", "girocard", "paypal"],
        categories=[CategoryFactory(name="Bäckerei", slug="baeckerei")],
        **kwargs,
    )
    shop.logo.save("logo.png", ContentFile(png_bytes()), save=True)
    ShopPhoto.objects.create(
        shop_id=shop.pk, image=ContentFile(png_bytes(), name="laden.png"), alt_text="Unsere Theke"
    )
    ShopLink.objects.create(
        shop_id=shop.pk, platform=ShopLink.Platform.INSTAGRAM, url="https://instagram.com/moeller"
    )
    weekday_hours(shop)
    OpeningHoursFactory(shop=shop, weekday=5, opens=dt.time(8), closes=dt.time(12))
    ShopServiceFactory(shop=shop, kind=ServiceKind.PHONE_ORDER, phone="0381 654321", hours="Mo–Fr 8–12 Uhr")
    ShopServiceFactory(
        shop=shop,
        kind=ServiceKind.DELIVERY,
        delivery_radius_km=Decimal("7.5"),
        fee=Decimal("3.5"),
        minimum_order=Decimal("12.50"),
    )
    ShopServiceFactory(shop=shop, kind=ServiceKind.PICKUP, note="Abholung an der Hintertür")
    ShopServiceFactory(shop=shop, kind=ServiceKind.SHIPPING, fee=Decimal("0"))
    ShopServiceFactory(
        shop=shop, kind=ServiceKind.ONLINE_SHOP, url="https://shop.baeckerei-moeller.example.org/"
    )
    ShopServiceFactory(shop=shop, kind=ServiceKind.VOUCHERS, note="Gutscheine ab 10 €")
    for code in ("18055", "18057"):
        DeliveryPostalCode.objects.create(shop_id=shop.pk, postal_code=code)
    SpecialDayFactory(shop=shop, date=MONDAY + dt.timedelta(days=3), is_closed=True, note="Betriebsausflug")
    InitiativeMembershipFactory(shop=shop, initiative=InitiativeFactory(name="Altstadt Rostock"))
    return shop


def page(client: Client, shop: Shop, **headers: str) -> str:
    response = client.get(shop.get_absolute_url(), **headers)
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


# --- Who sees the page ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Shop.Status.PENDING, Shop.Status.HIDDEN])
def test_a_shop_that_is_not_published_is_not_found(client: Client, status: str) -> None:
    shop = ShopFactory(status=status)

    assert client.get(shop.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_an_unknown_shop_is_not_found(client: Client) -> None:
    assert client.get("/geschaefte/gibt-es-nicht/").status_code == 404


@pytest.mark.django_db
def test_the_page_has_the_shop_name_as_its_only_h1(client: Client, monday_morning: dt.datetime) -> None:
    html = page(client, full_shop())

    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html) == ["Bäckerei Möller"]


# --- What it shows ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_demo_entry_carries_the_demo_badge(client: Client, german: None) -> None:
    html = page(client, ShopFactory(is_demo=True))

    assert '<span class="badge badge-demo">Demo-Eintrag</span>' in html


@pytest.mark.django_db
def test_a_real_shop_has_no_demo_badge(client: Client) -> None:
    assert "badge-demo" not in page(client, ShopFactory(is_demo=False))


@pytest.mark.django_db
def test_categories_link_to_the_search(client: Client) -> None:
    shop = ShopFactory(categories=[CategoryFactory(name="Bäckerei", slug="baeckerei")])

    assert '<a class="badge" href="/geschaefte/?category=baeckerei">Bäckerei</a>' in page(client, shop)


@pytest.mark.django_db
def test_the_description_keeps_its_paragraphs_and_is_escaped(client: Client) -> None:
    shop = ShopFactory(description="Erste Zeile <b>fett</b>\n\nZweiter Absatz")

    html = page(client, shop)

    assert "<p>Erste Zeile &lt;b&gt;fett&lt;/b&gt;</p>\n\n<p>Zweiter Absatz</p>" in html


@pytest.mark.django_db
def test_the_address_is_text_and_the_map_waits_for_javascript(client: Client) -> None:
    html = page(client, ShopFactory(street="Lange Straße 5", postal_code="18055", locality="Rostock"))

    assert "Lange Straße 5<br>\n  18055 Rostock\n</address>" in html
    assert re.search(
        r'<div id="shop-map" class="map shop-map" hidden\s+data-lat="54.0887" data-lon="12.1403"', html
    )
    assert '<script src="/static/vendor/leaflet/leaflet.js" defer></script>' in html
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html


@pytest.mark.django_db
def test_phone_email_website_and_social_links(
    client: Client, monday_morning: dt.datetime, german: None
) -> None:
    html = page(client, full_shop())

    assert '<a href="tel:+49381123456">0381 123456</a>' in html
    assert '<a href="mailto:' in html
    assert '<a href="https://baeckerei-moeller.example.org/">baeckerei-moeller.example.org/</a>' in html
    assert '<a href="https://instagram.com/moeller">Bäckerei Möller auf Instagram</a>' in html


@pytest.mark.django_db
def test_logo_and_photos_have_alternative_texts(
    client: Client, monday_morning: dt.datetime, german: None
) -> None:
    shop = full_shop()

    html = page(client, shop)

    assert f'<img class="shop-logo" src="{shop.logo.url}" alt="Logo von Bäckerei Möller">' in html
    assert f'<img src="{shop.photos.get().image.url}" alt="Unsere Theke" loading="lazy">' in html


# --- Opening hours ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_hours_table_has_a_row_per_weekday_and_marks_today_in_words(
    client: Client, monday_morning: dt.datetime, german: None
) -> None:
    shop = ShopFactory()
    weekday_hours(shop)

    html = page(client, shop)

    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td>(.*?)</td>', html)
    assert rows == [
        ('Montag <span class="today-label">(heute)</span>', "09:00–18:00"),
        ("Dienstag", "09:00–18:00"),
        ("Mittwoch", "09:00–18:00"),
        ("Donnerstag", "09:00–18:00"),
        ("Freitag", "09:00–18:00"),
        ("Samstag", "geschlossen"),
        ("Sonntag", "geschlossen"),
    ]
    assert '<tr class="hours-today" aria-current="date">' in html


@pytest.mark.django_db
def test_an_open_shop_says_when_it_closes(client: Client, monday_morning: dt.datetime, german: None) -> None:
    shop = ShopFactory()
    weekday_hours(shop)

    assert "Jetzt geöffnet – schließt um 18:00" in page(client, shop)


@pytest.mark.django_db
def test_a_closed_shop_says_when_it_opens_next(
    client: Client, monkeypatch: pytest.MonkeyPatch, german: None
) -> None:
    monkeypatch.setattr(SHOP_VIEW, lambda: at(dt.date(2026, 11, 27), 19))  # Friday evening
    shop = ShopFactory()
    weekday_hours(shop)

    html = page(client, shop)

    assert "Geschlossen – öffnet Mo 09:00" in html
    assert "badge-closed" in html


@pytest.mark.django_db
def test_a_shop_without_hours_says_so_instead_of_closed(
    client: Client, monkeypatch: pytest.MonkeyPatch, german: None
) -> None:
    monkeypatch.setattr(SHOP_VIEW, lambda: at(dt.date(2026, 12, 21), 10))  # Christmas is near

    html = page(client, ShopFactory(closed_on_public_holidays=True))

    assert "Dieses Geschäft hat keine festen Öffnungszeiten angegeben." in html
    assert "Geschlossen" not in html
    assert "hours-table" not in html
    assert "Weihnachtstag" not in html


@pytest.mark.django_db
def test_a_shop_without_hours_open_on_a_special_day_shows_its_status(
    client: Client, monday_morning: dt.datetime, german: None
) -> None:
    shop = ShopFactory()
    SpecialDayFactory(shop=shop, date=MONDAY, is_closed=False, opens=dt.time(9), closes=dt.time(13))

    assert "Jetzt geöffnet – schließt um 13:00" in page(client, shop)


@pytest.mark.django_db
def test_coming_special_days_and_public_holidays_are_listed(
    client: Client, monkeypatch: pytest.MonkeyPatch, german: None
) -> None:
    monkeypatch.setattr(SHOP_VIEW, lambda: at(dt.date(2026, 12, 21), 10))  # the Monday before Christmas
    shop = ShopFactory()
    weekday_hours(shop)
    SpecialDayFactory(
        shop=shop, date=dt.date(2026, 12, 24), is_closed=False, opens=dt.time(9), closes=dt.time(12)
    )
    SpecialDayFactory(shop=shop, date=dt.date(2026, 12, 1), is_closed=True, note="vorbei")

    html = page(client, shop)

    items = re.findall(r'<li><time datetime="([\d-]+)">[^<]*</time>: (.*?)</li>', html)
    assert items == [
        ("2026-12-24", "09:00–12:00"),
        ("2026-12-25", "geschlossen (Erster Weihnachtstag)"),
        ("2026-12-26", "geschlossen (Zweiter Weihnachtstag)"),
        ("2027-01-01", "geschlossen (Neujahr)"),
    ]


# --- How to order -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_service_shows_its_details(client: Client, monday_morning: dt.datetime, german: None) -> None:
    html = page(client, full_shop())
    text = re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", html))

    assert "Telefon 0381 654321" in text
    assert "Wann Sie anrufen können Mo–Fr 8–12 Uhr" in text
    assert "Liefergebiet im Umkreis von 7,5 km" in text
    assert "Liefert in die Postleitzahlen 18055, 18057" in text
    assert "Liefergebühr 3,50\u00a0€" in text
    assert "Mindestbestellwert 12,50\u00a0€" in text
    assert "Details Abholung an der Hintertür" in text
    assert "Versandkosten kostenlos" in text
    assert '<a href="https://shop.baeckerei-moeller.example.org/">Zu unserem Onlineshop' in html
    assert "Details Gutscheine ab 10 €" in text


@pytest.mark.django_db
def test_services_are_listed_in_the_order_of_the_service_kinds(
    client: Client, monday_morning: dt.datetime
) -> None:
    html = page(client, full_shop())

    assert re.findall(r'class="card service service-(\w+)"', html) == list(ServiceKind.values)


@pytest.mark.django_db
def test_payment_methods_and_how_to_order_text(client: Client, monday_morning: dt.datetime) -> None:
    html = page(client, full_shop(), HTTP_ACCEPT_LANGUAGE="en")

    assert "<li>cash</li><li>girocard / debit card</li><li>PayPal</li>" in html
    assert "<p>Bestellen Sie bis 12 Uhr, wir liefern am Nachmittag.</p>" in html


# --- Initiatives, reporting, poster ----------------------------------------------------------


@pytest.mark.django_db
def test_only_confirmed_memberships_of_published_initiatives_are_linked(client: Client) -> None:
    shop = ShopFactory()
    member = InitiativeMembershipFactory(shop=shop, initiative=InitiativeFactory(name="Altstadt Rostock"))
    InitiativeMembershipFactory(shop=shop, status=InitiativeMembership.Status.REQUESTED)
    InitiativeMembershipFactory(shop=shop, status=InitiativeMembership.Status.DECLINED)
    InitiativeMembershipFactory(shop=shop, initiative=InitiativeFactory(status=Initiative.Status.HIDDEN))

    html = page(client, shop)

    links = re.findall(r'<ul class="inline-list initiative-memberships">(.*?)</ul>', html, re.S)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', links[0]) == [
        (member.initiative.get_absolute_url(), "Altstadt Rostock")
    ]


@pytest.mark.django_db
def test_links_to_report_the_entry_and_to_the_window_poster(client: Client, german: None) -> None:
    html = page(client, ShopFactory(slug="laden"))

    assert '<a href="/melden/geschaeft/laden/" rel="nofollow">Eintrag melden</a>' in html
    assert '<a href="/geschaefte/laden/plakat.pdf">Plakat fürs Schaufenster (PDF)</a>' in html


# --- For search engines -----------------------------------------------------------------------


@pytest.mark.django_db
def test_title_description_and_canonical_address(client: Client, settings: Any) -> None:
    settings.SITE_URL = "https://marktplatz-mv.de"
    shop = ShopFactory(
        name="Laden am Markt", slug="laden-am-markt", locality="Wismar", description="Alles vom Markt."
    )

    html = page(client, shop)

    assert re.search(r"<title>Laden am Markt – Wismar – ", html)
    assert '<meta name="description" content="Alles vom Markt.">' in html
    assert '<link rel="canonical" href="https://marktplatz-mv.de/geschaefte/laden-am-markt/">' in html


@pytest.mark.django_db
def test_a_long_description_is_shortened_for_the_meta_description(client: Client) -> None:
    shop = ShopFactory(description="Wort " * 100)

    description = re.search(r'<meta name="description" content="([^"]*)">', page(client, shop))

    assert description is not None
    assert len(description.group(1)) == 160
    assert description.group(1).endswith("…")


@pytest.mark.django_db
def test_open_graph_tags(client: Client, settings: Any, monday_morning: dt.datetime) -> None:
    settings.SITE_URL = "https://marktplatz-mv.de"
    shop = full_shop()

    html = page(client, shop)

    assert '<meta property="og:type" content="business.business">' in html
    assert '<meta property="og:title" content="Bäckerei Möller – Rostock">' in html
    assert (
        '<meta property="og:description" content="Frisches Brot aus Rostock. Jeden Tag ab 6 Uhr gebacken.">'
        in html
    )
    assert '<meta property="og:url" content="https://marktplatz-mv.de/geschaefte/baeckerei-moeller/">' in html
    assert f'<meta property="og:image" content="https://marktplatz-mv.de{shop.logo.url}">' in html


@pytest.mark.django_db
def test_no_og_image_without_logo_or_photo(client: Client) -> None:
    assert "og:image" not in page(client, ShopFactory())


@pytest.mark.django_db
def test_structured_data_describes_a_local_business(
    client: Client, settings: Any, monday_morning: dt.datetime
) -> None:
    settings.SITE_URL = "https://marktplatz-mv.de"
    shop = full_shop()
    url = "https://marktplatz-mv.de/geschaefte/baeckerei-moeller/"

    data = json_ld(page(client, shop))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "LocalBusiness"
    assert data["name"] == "Bäckerei Möller"
    assert data["url"] == url
    assert data["telephone"] == "+49381123456"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Kröpeliner Straße 1",
        "postalCode": "18055",
        "addressLocality": "Rostock",
        "addressRegion": "Rostock",
        "addressCountry": "DE",
    }
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 54.0887, "longitude": 12.1403}
    assert data["image"] == [
        f"https://marktplatz-mv.de{shop.logo.url}",
        f"https://marktplatz-mv.de{shop.photos.get().image.url}",
    ]
    assert data["sameAs"] == ["https://baeckerei-moeller.example.org/", "https://instagram.com/moeller"]
    assert data["openingHoursSpecification"][0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Monday",
        "opens": "09:00",
        "closes": "18:00",
    }
    assert data["openingHoursSpecification"][5]["dayOfWeek"] == "https://schema.org/Saturday"
    assert data["openingHoursSpecification"][-1] == {
        "@type": "OpeningHoursSpecification",
        "validFrom": "2026-11-26",
        "validThrough": "2026-11-26",
        "opens": "00:00",
        "closes": "00:00",
    }


@pytest.mark.django_db
def test_structured_data_cannot_end_its_script_element(client: Client) -> None:
    description = "</script><script>alert('x')</script> & <!--"
    shop = ShopFactory(description=description)

    html = page(client, shop)

    assert "<script>alert" not in html
    assert json_ld(html)["description"] == description


# --- Cost and counting ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_needs_a_fixed_number_of_queries(
    client: Client, monday_morning: dt.datetime, django_assert_num_queries: Any
) -> None:
    shop = full_shop()
    for _ in range(3):
        InitiativeMembershipFactory(shop=shop)
        ShopPhoto.objects.create(shop_id=shop.pk, image=ContentFile(png_bytes(), name="mehr.png"))

    # the shop, 8 prefetched relations (categories, services, postal codes, hours, special days,
    # photos, links, initiatives), the page-view counter, and the assortment: product categories
    # and count + facets (the shop has no products, so no page of them)
    with django_assert_num_queries(12):
        page(client, shop)


@pytest.mark.django_db
def test_a_view_is_counted(client: Client) -> None:
    shop = ShopFactory()

    page(client, shop)
    page(client, shop)

    assert ShopPageViewDay.objects.get(shop_id=shop.pk).count == 2


@pytest.mark.django_db
def test_a_robot_is_not_counted(client: Client) -> None:
    shop = ShopFactory()

    page(client, shop, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")

    assert not ShopPageViewDay.objects.filter(shop_id=shop.pk).exists()


@pytest.mark.django_db
def test_the_page_refuses_to_be_posted_to(client: Client) -> None:
    shop = ShopFactory()

    assert client.post(shop.get_absolute_url()).status_code == 405
