"""The back-office pages as a shop owner uses them: what they show, save and refuse."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.directory.hours import local_now
from marktplatz.directory.models import OpeningHours, ServiceKind, Shop, ShopMembership, ShopPhoto, SpecialDay
from marktplatz.directory.services import profile

from .factories import (
    CategoryFactory,
    OpeningHoursFactory,
    ShopFactory,
    ShopMembershipFactory,
    ShopServiceFactory,
    SpecialDayFactory,
)
from .test_images import image_bytes, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]


@pytest.fixture(autouse=True)
def no_search_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the pages; the search index has its own tests."""
    monkeypatch.setattr(profile, "index_shop", lambda *, shop_id: None)


@pytest.fixture
def owner() -> ShopMembership:
    return ShopMembershipFactory(shop__name="Fischräucherei Möller", shop__description="")


@pytest.fixture
def client_of(client: Client, owner: ShopMembership) -> Client:
    client.force_login(owner.user)
    return client


def url(name: str, shop: Shop, **kwargs: Any) -> str:
    return reverse(f"directory:{name}", kwargs={"shop_id": shop.pk, **kwargs})


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- My shops -----------------------------------------------------------------------------------


def test_my_shops_lists_the_users_shops_with_status_and_next_step(
    client_of: Client, owner: ShopMembership
) -> None:
    ShopMembershipFactory(
        user=owner.user,
        shop__name="Zweitladen",
        shop__status=Shop.Status.HIDDEN,
        shop__status_reason="Doppelter Eintrag",
    )
    ShopFactory(name="Fremder Laden")

    response = client_of.get(reverse("directory:my_shops"))

    assert response.status_code == 200
    entries = response.context["entries"]
    assert [entry["shop"].name for entry in entries] == ["Fischräucherei Möller", "Zweitladen"]
    assert entries[0]["next_step"].key == "hours"
    html = response.content.decode()
    assert "Fremder Laden" not in html
    assert "Doppelter Eintrag" in html
    assert "Ausgeblendet" in html
    assert f'href="{owner.shop.get_absolute_url()}"' in html


def test_the_public_page_is_linked_only_when_published(client_of: Client, owner: ShopMembership) -> None:
    Shop.objects.filter(pk=owner.shop.pk).update(status=Shop.Status.PENDING)

    response = client_of.get(reverse("directory:my_shops"))

    assert owner.shop.get_absolute_url() not in response.content.decode()
    assert "Wartet auf Bestätigung" in response.content.decode()


def test_my_shops_without_shops_points_to_the_signup(client: Client) -> None:
    client.force_login(UserFactory())

    response = client.get(reverse("directory:my_shops"))

    assert response.context["entries"] == []
    assert reverse("directory:signup") in response.content.decode()


def test_my_shops_needs_the_same_queries_for_one_and_for_five_shops(
    client: Client, django_assert_num_queries: Any
) -> None:
    one = ShopMembershipFactory().user
    five = ShopMembershipFactory().user
    for _ in range(4):
        membership = ShopMembershipFactory(user=five, role=ShopMembership.Role.STAFF)
        OpeningHoursFactory(shop=membership.shop)
        ShopServiceFactory(shop=membership.shop)
    client.force_login(one)
    client.get(reverse("directory:my_shops"))
    client.force_login(five)
    client.get(reverse("directory:my_shops"))

    client.force_login(one)
    with django_assert_num_queries(2):  # the user, the annotated shops
        client.get(reverse("directory:my_shops"))
    client.force_login(five)
    with django_assert_num_queries(2):
        response = client.get(reverse("directory:my_shops"))
    assert len(response.context["entries"]) == 5


# --- Dashboard ----------------------------------------------------------------------------------


def test_the_dashboard_shows_the_next_step_and_the_checklist(
    client_of: Client, owner: ShopMembership
) -> None:
    response = client_of.get(url("shop_dashboard", owner.shop))

    assert response.status_code == 200
    assert response.context["next_step"].key == "hours"
    html = response.content.decode()
    assert "Ihr nächster Schritt" in html
    assert f'href="{url("shop_hours", owner.shop)}"' in html
    assert "von 9 erledigt" in html


def test_staff_do_not_see_the_team_link(client: Client, owner: ShopMembership) -> None:
    staff = ShopMembershipFactory(shop=owner.shop, role=ShopMembership.Role.STAFF)
    client.force_login(staff.user)

    response = client.get(url("shop_dashboard", owner.shop))

    assert response.status_code == 200
    assert url("shop_team", owner.shop) not in response.content.decode()


# --- Basics -------------------------------------------------------------------------------------


def basics_post(**changes: Any) -> dict[str, Any]:
    data = {
        "name": "Fischräucherei Möller & Sohn",
        "description": "Frisch geräucherter Fisch vom Kutter.",
        "categories": [CategoryFactory(slug="fisch-test").pk],
        "phone": "0381 7654321",
        "email": "",
        "website": "",
        "payment_methods": ["cash", "girocard"],
        "how_to_order": "",
        "closed_on_public_holidays": "on",
        "link_facebook": "",
        "link_instagram": "",
        "link_tiktok": "",
        "link_youtube": "",
        "link_other": "",
    }
    data.update(changes)
    return data


def test_saving_the_basics_goes_back_to_the_dashboard(client_of: Client, owner: ShopMembership) -> None:
    response = client_of.post(url("shop_basics", owner.shop), basics_post(), follow=True)

    assert response.redirect_chain == [(url("shop_dashboard", owner.shop), 302)]
    assert messages_of(response) == ["Die Grunddaten sind gespeichert."]
    shop = Shop.objects.get(pk=owner.shop.pk)
    assert (shop.name, shop.phone.as_e164, shop.payment_methods) == (
        "Fischräucherei Möller & Sohn",
        "+493817654321",
        ["cash", "girocard"],
    )


def test_basics_with_errors_keep_what_was_typed_and_save_nothing(
    client_of: Client, owner: ShopMembership
) -> None:
    response = client_of.post(url("shop_basics", owner.shop), basics_post(phone="12", categories=[]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte wählen Sie mindestens eine Kategorie." in html
    assert 'value="12"' in html
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in html
    assert Shop.objects.get(pk=owner.shop.pk).name == "Fischräucherei Möller"


# --- Address ------------------------------------------------------------------------------------


def test_a_new_postal_code_without_moving_the_pin_takes_the_gazetteer_place(
    client_of: Client, owner: ShopMembership
) -> None:
    shop = owner.shop
    data = {
        "street": "Marktplatz 1",
        "postal_code": "19053",
        "locality": "",
        "lat": "54.0887",
        "lon": "12.1403",
    }

    response = client_of.post(url("shop_address", shop), data)

    assert response.status_code == 302
    shop = Shop.objects.get(pk=shop.pk)
    assert (shop.locality, shop.district, shop.lat, shop.lon, shop.location_source) == (
        "Schwerin",
        "Schwerin",
        53.62937,
        11.41316,
        "gazetteer",
    )


def test_moving_the_pin_stores_the_exact_spot(client_of: Client, owner: ShopMembership) -> None:
    data = {
        "street": "Kröpeliner Straße 1",
        "postal_code": "18055",
        "locality": "Rostock",
        "lat": "54.0891",
        "lon": "12.1399",
    }

    client_of.post(url("shop_address", owner.shop), data)

    shop = Shop.objects.get(pk=owner.shop.pk)
    assert (shop.lat, shop.lon, shop.location_source) == (54.0891, 12.1399, "pin")


def test_the_address_page_has_the_map_and_the_coordinates(client_of: Client, owner: ShopMembership) -> None:
    response = client_of.get(url("shop_address", owner.shop))

    html = response.content.decode()
    assert 'id="location-map"' in html
    assert "vendor/leaflet/leaflet.js" in html
    assert 'name="lat" value="54.0887"' in html


# --- Services -----------------------------------------------------------------------------------


def test_services_are_saved_with_delivery_postal_codes(client_of: Client, owner: ShopMembership) -> None:
    data = {
        "delivery_enabled": "on",
        "delivery_postal_codes": "18055, 18057",
        "delivery_fee": "3,50",
        "online_shop_enabled": "on",
        "online_shop_url": "laden.example/shop",
    }

    response = client_of.post(url("shop_services", owner.shop), data)

    assert response.status_code == 302
    services = {s.kind: s for s in owner.shop.services.all()}
    assert set(services) == {ServiceKind.DELIVERY, ServiceKind.ONLINE_SHOP}
    assert str(services["delivery"].fee) == "3.50"
    assert services["online_shop"].url == "https://laden.example/shop"
    assert sorted(owner.shop.delivery_postal_codes.values_list("postal_code", flat=True)) == [
        "18055",
        "18057",
    ]


def test_the_online_shop_address_is_required_on_the_page(client_of: Client, owner: ShopMembership) -> None:
    ShopServiceFactory(shop=owner.shop, kind=ServiceKind.PICKUP)

    response = client_of.post(url("shop_services", owner.shop), {"online_shop_enabled": "on"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "online_shop_url": ["Bitte geben Sie die Adresse Ihres Onlineshops an."]
    }
    assert list(owner.shop.services.values_list("kind", flat=True)) == ["pickup"]


def test_the_services_page_shows_the_stored_services(client_of: Client, owner: ShopMembership) -> None:
    ShopServiceFactory(shop=owner.shop, kind=ServiceKind.VOUCHERS, note="Ab 10 Euro")

    response = client_of.get(url("shop_services", owner.shop))

    form = response.context["form"]
    assert form["vouchers_enabled"].value() is True
    assert form["vouchers_note"].value() == "Ab 10 Euro"


# --- Opening hours ------------------------------------------------------------------------------


def test_opening_hours_are_saved(client_of: Client, owner: ShopMembership) -> None:
    data = {"d0_0_opens": "09:00", "d0_0_closes": "18:00", "d5_0_opens": "10:00", "d5_0_closes": "13:00"}

    response = client_of.post(url("shop_hours", owner.shop), data, follow=True)

    assert messages_of(response) == ["Die Öffnungszeiten sind gespeichert."]
    assert list(OpeningHours.objects.filter(shop=owner.shop).values_list("weekday", "opens", "closes")) == [
        (0, dt.time(9), dt.time(18)),
        (5, dt.time(10), dt.time(13)),
    ]


def test_wrong_opening_hours_are_shown_in_german_and_nothing_changes(
    client_of: Client, owner: ShopMembership
) -> None:
    OpeningHoursFactory(shop=owner.shop, weekday=0)
    data = {"d0_0_opens": "18:00", "d0_0_closes": "09:00", "d1_0_opens": "09:00"}

    response = client_of.post(url("shop_hours", owner.shop), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Montag: Die Schließzeit muss nach der Öffnungszeit liegen." in html
    assert "Dienstag: Bitte geben Sie eine Öffnungs- und eine Schließzeit an." in html
    assert 'aria-describedby="id_d0_0_closes_error"' in html
    assert list(OpeningHours.objects.filter(shop=owner.shop).values_list("opens", "closes")) == [
        (dt.time(9), dt.time(18))
    ]


def test_copy_monday_without_javascript_shows_the_copied_times_unsaved(
    client_of: Client, owner: ShopMembership
) -> None:
    data = {"d0_0_opens": "08:00", "d0_0_closes": "16:00", "copy_monday": "1"}

    response = client_of.post(url("shop_hours", owner.shop), data)

    assert response.status_code == 200
    form = response.context["form"]
    assert [form[f"d{day}_0_opens"].value() for day in range(7)] == ["08:00"] * 5 + ["", ""]
    assert messages_of(response) == [
        "Die Zeiten vom Montag sind auf Dienstag bis Freitag übertragen. Bitte prüfen und speichern Sie."
    ]
    assert not OpeningHours.objects.filter(shop=owner.shop).exists()


# --- Special days -------------------------------------------------------------------------------


def test_a_special_day_is_added_and_listed(client_of: Client, owner: ShopMembership) -> None:
    date = local_now().date() + dt.timedelta(days=10)
    data = {"date": date.isoformat(), "kind": "open", "opens": "10:00", "closes": "14:00", "note": "Inventur"}

    response = client_of.post(url("shop_special_days", owner.shop), data, follow=True)

    assert messages_of(response) == ["Der besondere Tag ist gespeichert."]
    day = SpecialDay.objects.get(shop=owner.shop)
    assert (day.date, day.is_closed, day.opens, day.closes, day.note) == (
        date,
        False,
        dt.time(10),
        dt.time(14),
        "Inventur",
    )
    assert "Inventur" in response.content.decode()


def test_a_special_day_in_the_past_is_refused_on_the_page(client_of: Client, owner: ShopMembership) -> None:
    date = local_now().date() - dt.timedelta(days=1)

    response = client_of.post(
        url("shop_special_days", owner.shop), {"date": date.strftime("%d.%m.%Y"), "kind": "closed"}
    )

    assert response.context["form"].errors == {"date": ["Dieses Datum liegt in der Vergangenheit."]}


def test_a_special_day_is_deleted(client_of: Client, owner: ShopMembership) -> None:
    day = SpecialDayFactory(shop=owner.shop, date=local_now().date() + dt.timedelta(days=3))

    response = client_of.post(url("shop_special_day_delete", owner.shop, special_day_id=day.pk))

    assert response.status_code == 302
    assert not SpecialDay.objects.exists()


def test_another_shops_special_day_cannot_be_deleted_through_ones_own_shop(
    client_of: Client, owner: ShopMembership
) -> None:
    day = SpecialDayFactory()

    response = client_of.post(url("shop_special_day_delete", owner.shop, special_day_id=day.pk))

    assert response.status_code == 404
    assert SpecialDay.objects.filter(pk=day.pk).exists()


def test_deleting_needs_post(client_of: Client, owner: ShopMembership) -> None:
    day = SpecialDayFactory(shop=owner.shop)

    response = client_of.get(url("shop_special_day_delete", owner.shop, special_day_id=day.pk))

    assert response.status_code == 405
    assert SpecialDay.objects.filter(pk=day.pk).exists()


# --- Photos and logo ----------------------------------------------------------------------------


def test_a_photo_is_uploaded_from_the_page(
    client_of: Client, owner: ShopMembership, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of.post(
            url("shop_photos", owner.shop),
            {"image": upload(image_bytes((2000, 1000))), "alt_text": "Räucherofen"},
        )

    assert response.status_code == 302
    photo = ShopPhoto.objects.get(shop=owner.shop)
    assert photo.alt_text == "Räucherofen"
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (1600, 800)
        assert len(image.getexif()) == 0


def test_a_text_file_as_photo_gets_a_message_on_the_page(client_of: Client, owner: ShopMembership) -> None:
    response = client_of.post(
        url("shop_photos", owner.shop), {"image": upload(b"nur Text", name="foto.jpg"), "alt_text": "Ofen"}
    )

    assert response.status_code == 200
    assert response.context["photo_form"].errors == {
        "image": [
            "Diese Datei ist kein Bild, das wir lesen können. "
            "Bitte laden Sie ein Foto im Format JPEG, PNG oder WebP hoch."
        ]
    }
    assert 'value="Ofen"' in response.content.decode()
    assert not ShopPhoto.objects.exists()


def test_a_too_big_photo_gets_a_message_on_the_page(
    client_of: Client, owner: ShopMembership, settings: Any
) -> None:
    settings.MAX_IMAGE_UPLOAD_BYTES = 100

    response = client_of.post(
        url("shop_photos", owner.shop), {"image": upload(image_bytes((200, 200))), "alt_text": "x"}
    )

    assert response.context["photo_form"].errors["image"][0].startswith("Die Datei ist zu groß (")
    assert not ShopPhoto.objects.exists()


def test_the_photo_description_can_be_changed(
    client_of: Client, owner: ShopMembership, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client_of.post(
            url("shop_photos", owner.shop), {"image": upload(image_bytes((50, 50))), "alt_text": "Alt"}
        )
    photo = ShopPhoto.objects.get()

    client_of.post(url("shop_photo_update", owner.shop, photo_id=photo.pk), {"alt_text": "Neu"})

    assert ShopPhoto.objects.get().alt_text == "Neu"


def test_a_logo_is_uploaded_from_the_page(
    client_of: Client, owner: ShopMembership, django_capture_on_commit_callbacks: Any
) -> None:
    png = io.BytesIO()
    Image.new("RGB", (1000, 1000), "white").save(png, "PNG")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of.post(url("shop_logo", owner.shop), {"logo": upload(png.getvalue(), "logo.png")})

    assert response.status_code == 302
    shop = Shop.objects.get(pk=owner.shop.pk)
    with shop.logo.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (512, 512)


def test_the_photo_input_offers_the_camera_on_phones(client_of: Client, owner: ShopMembership) -> None:
    response = client_of.get(url("shop_photos", owner.shop))

    assert 'accept="image/jpeg,image/png,image/webp"' in response.content.decode()
