"""The back-office forms: parsing what people type and the exact German messages they see."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from marktplatz.directory.forms.backoffice import (
    OpeningHoursForm,
    ShopAddressForm,
    ShopBasicsForm,
    ShopServicesForm,
)
from marktplatz.directory.models import Category, ServiceKind

from .factories import CategoryFactory, OpeningHoursFactory, ShopFactory

T = dt.time


pytestmark = pytest.mark.usefixtures("german")


def hours_data(**values: str) -> dict[str, str]:
    """Form data for the week: ``d0_0_opens="09:00"`` etc.; every other field empty."""
    data = dict.fromkeys(OpeningHoursForm().fields, "")
    data.update(values)
    return data


# --- Opening hours ----------------------------------------------------------------------------


def test_hours_form_reads_the_week_with_a_lunch_break() -> None:
    form = OpeningHoursForm(
        hours_data(
            d0_0_opens="09:00",
            d0_0_closes="12:30",
            d0_1_opens="14:00",
            d0_1_closes="18:00",
            d5_0_opens="9.00",
            d5_0_closes="13",
        )
    )

    assert form.is_valid(), form.errors
    assert form.week == {
        0: [(T(9), T(12, 30)), (T(14), T(18))],
        1: [],
        2: [],
        3: [],
        4: [],
        5: [(T(9), T(13))],
        6: [],
    }


def test_hours_form_wants_both_times_of_an_interval() -> None:
    form = OpeningHoursForm(hours_data(d1_0_opens="09:00"))

    assert not form.is_valid()
    assert form.errors == {
        "d1_0_closes": ["Dienstag: Bitte geben Sie eine Öffnungs- und eine Schließzeit an."]
    }


def test_hours_form_puts_the_closing_time_message_on_the_closing_field() -> None:
    form = OpeningHoursForm(hours_data(d3_1_opens="18:00", d3_1_closes="08:00"))

    assert not form.is_valid()
    assert form.errors == {"d3_1_closes": ["Donnerstag: Die Schließzeit muss nach der Öffnungszeit liegen."]}


def test_hours_form_reports_overlapping_times_on_the_later_interval() -> None:
    form = OpeningHoursForm(
        hours_data(d0_0_opens="09:00", d0_0_closes="13:00", d0_2_opens="12:00", d0_2_closes="18:00")
    )

    assert not form.is_valid()
    assert form.errors == {
        "d0_2_closes": ["Montag: Die Zeiten 09:00–13:00 und 12:00–18:00 überschneiden sich."]
    }


def test_hours_form_rejects_what_is_not_a_time() -> None:
    form = OpeningHoursForm(hours_data(d0_0_opens="neun", d0_0_closes="18:00"))

    assert not form.is_valid()
    assert form.errors == {"d0_0_opens": ["Bitte eine gültige Uhrzeit eingeben."]}


def test_copying_monday_fills_tuesday_to_friday_and_leaves_the_weekend() -> None:
    data = hours_data(
        d0_0_opens="08:00",
        d0_0_closes="12:00",
        d0_1_opens="13:00",
        d0_1_closes="17:00",
        d5_0_opens="10:00",
        d5_0_closes="12:00",
    )

    copied = OpeningHoursForm.monday_copied(data)

    for day in (1, 2, 3, 4):
        assert (copied[f"d{day}_0_opens"], copied[f"d{day}_1_closes"], copied[f"d{day}_2_opens"]) == (
            "08:00",
            "17:00",
            "",
        )
    assert (copied["d5_0_opens"], copied["d6_0_opens"]) == ("10:00", "")


@pytest.mark.django_db
def test_hours_form_starts_with_the_stored_week() -> None:
    shop = ShopFactory()
    OpeningHoursFactory(shop=shop, weekday=2, opens=T(14), closes=T(18))
    OpeningHoursFactory(shop=shop, weekday=2, opens=T(8), closes=T(12))

    initial = OpeningHoursForm.initial_for(shop)

    assert initial == {"d2_0_opens": T(8), "d2_0_closes": T(12), "d2_1_opens": T(14), "d2_1_closes": T(18)}


# --- Services ---------------------------------------------------------------------------------


def test_services_form_needs_one_way_of_selling() -> None:
    form = ShopServicesForm({})

    assert not form.is_valid()
    assert form.non_field_errors() == [
        "Bitte behalten Sie mindestens einen Weg, wie Kunden bei Ihnen kaufen können."
    ]


def test_services_form_names_the_postal_codes_outside_the_region() -> None:
    form = ShopServicesForm({"delivery_enabled": "on", "delivery_postal_codes": "18055 10117, 99999"})

    assert not form.is_valid()
    assert form.errors == {
        "delivery_postal_codes": ["Das sind keine Postleitzahlen in Mecklenburg-Vorpommern: 10117, 99999."]
    }


def test_services_form_reads_german_decimals_and_postal_codes() -> None:
    form = ShopServicesForm(
        {
            "delivery_enabled": "on",
            "delivery_radius_km": "7,5",
            "delivery_fee": "2,50",
            "delivery_postal_codes": "18055;18057",
            "pickup_enabled": "on",
            "pickup_note": "Hintereingang",
            "vouchers_note": "nicht angekreuzt",
        }
    )

    assert form.is_valid(), form.errors
    services = {service.kind: service for service in form.services()}
    assert set(services) == {ServiceKind.DELIVERY, ServiceKind.PICKUP}
    assert (services["delivery"].delivery_radius_km, services["delivery"].fee) == (
        Decimal("7.5"),
        Decimal("2.50"),
    )
    assert services["pickup"].note == "Hintereingang"
    assert form.postal_codes() == ["18055", "18057"]


def test_phone_orders_need_a_number() -> None:
    form = ShopServicesForm({"phone_order_enabled": "on"})

    assert not form.is_valid()
    assert form.errors == {"phone_order_phone": ["Bitte geben Sie die Nummer für Bestellungen an."]}


# --- Address ----------------------------------------------------------------------------------


def test_address_form_refuses_a_pin_outside_the_region() -> None:
    form = ShopAddressForm({"street": "Markt 1", "postal_code": "18055", "lat": "52.52", "lon": "13.40"})

    assert not form.is_valid()
    assert form.errors == {"lat": ["Die Position muss in Mecklenburg-Vorpommern liegen."]}


def test_address_form_refuses_a_postal_code_outside_the_region() -> None:
    form = ShopAddressForm({"street": "Markt 1", "postal_code": "10117"})

    assert not form.is_valid()
    assert form.errors == {
        "postal_code": ["Bitte geben Sie eine fünfstellige Postleitzahl in Mecklenburg-Vorpommern an."]
    }


def test_address_form_wants_both_coordinates() -> None:
    form = ShopAddressForm({"street": "Markt 1", "postal_code": "18055", "lat": "54.1"})

    assert not form.is_valid()
    assert form.errors == {"lat": ["Bitte geben Sie beide Koordinaten an oder keine."]}


# --- Basics -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_social_link_must_point_to_its_network() -> None:
    category = CategoryFactory()
    form = ShopBasicsForm(
        {"name": "Laden", "categories": [category.pk], "link_instagram": "https://example.org/laden"}
    )

    assert not form.is_valid()
    assert form.errors == {"link_instagram": ["Bitte geben Sie eine Adresse auf instagram.com an."]}


@pytest.mark.django_db
def test_a_social_link_without_scheme_gets_https() -> None:
    category = CategoryFactory()
    form = ShopBasicsForm(
        {"name": "Laden", "categories": [category.pk], "link_facebook": "facebook.com/laden"}
    )

    assert form.is_valid(), form.errors
    assert form.links()["facebook"] == "https://facebook.com/laden"


@pytest.mark.django_db
def test_categories_are_grouped_under_their_main_category() -> None:
    Category.objects.update(is_active=False)
    food = CategoryFactory(name="Lebensmittel", slug="lm", position=1)
    CategoryFactory(name="Käse", slug="kaese-x", parent=food, position=2)
    CategoryFactory(name="Feinkost", slug="feinkost-x", parent=food, position=1)
    CategoryFactory(name="Alt", slug="alt-x", parent=food, is_active=False)
    books = CategoryFactory(name="Bücher", slug="buecher-x", position=0)

    groups = ShopBasicsForm(initial={"categories": [books]}).category_groups()

    assert [
        (group.label, [option.label for option in group.options], group.has_checked) for group in groups
    ] == [
        ("Bücher", ["Bücher allgemein"], True),
        ("Lebensmittel", ["Lebensmittel allgemein", "Feinkost", "Käse"], False),
    ]
