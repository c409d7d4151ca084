"""The profile services of the back office: what they store, what they refuse, with which message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from marktplatz.directory.models import (
    DeliveryPostalCode,
    OpeningHours,
    PaymentMethod,
    ServiceKind,
    Shop,
    ShopLink,
    ShopService,
    SpecialDay,
)
from marktplatz.directory.services import profile
from marktplatz.directory.services.profile import (
    ServiceDetails,
    opening_hours_problems,
    shop_checklist,
    shop_set_opening_hours,
    shop_set_services,
    shop_update_address,
    shop_update_basics,
    shop_week,
    shops_managed_with_progress,
    special_day_add,
    special_day_delete,
)

from .factories import (
    CategoryFactory,
    OpeningHoursFactory,
    ShopFactory,
    ShopMembershipFactory,
    ShopServiceFactory,
    SpecialDayFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

T = dt.time


def new_shop(**fields: Any) -> Shop:
    """A saved shop, typed as one (factory_boy's stubs say ShopFactory)."""
    return ShopFactory(**fields)


@pytest.fixture
def indexed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The shop ids handed to the search index (after commit)."""
    calls: list[int] = []
    monkeypatch.setattr(profile, "index_shop", lambda *, shop_id: calls.append(shop_id))
    return calls


def basics(shop: Shop, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "shop": shop,
        "name": "Bäckerei Sonnenschein",
        "description": "Brot und Brötchen aus dem Steinofen.",
        "categories": [CategoryFactory(slug="brot")],
        "phone": "0381 1234567",
        "email": "Info@Sonnenschein.example",
        "website": "https://sonnenschein.example",
        "links": {"instagram": "https://www.instagram.com/sonnenschein"},
        "payment_methods": ["paypal", "cash"],
        "how_to_order": "Anrufen, wir legen es zurück.",
        "closed_on_public_holidays": False,
    }
    values.update(changes)
    return values


# --- Basics -----------------------------------------------------------------------------------


def test_basics_are_saved(django_capture_on_commit_callbacks: Any, indexed: list[int]) -> None:
    shop = new_shop()

    with django_capture_on_commit_callbacks(execute=True):
        shop_update_basics(**basics(shop))

    shop = Shop.objects.get(pk=shop.pk)
    assert shop.name == "Bäckerei Sonnenschein"
    assert shop.phone.as_e164 == "+493811234567"
    assert shop.email == "info@sonnenschein.example"
    assert shop.payment_methods == [PaymentMethod.CASH, PaymentMethod.PAYPAL]
    assert shop.closed_on_public_holidays is False
    assert list(shop.categories.values_list("slug", flat=True)) == ["brot"]
    assert list(shop.links.values_list("platform", "url")) == [
        ("instagram", "https://www.instagram.com/sonnenschein")
    ]
    assert indexed == [shop.pk]


def test_an_empty_link_removes_it_and_a_changed_one_is_updated() -> None:
    shop = new_shop()
    ShopLink.objects.create(shop=shop, platform="facebook", url="https://facebook.com/alt")
    ShopLink.objects.create(shop=shop, platform="instagram", url="https://instagram.com/alt")

    shop_update_basics(
        **basics(shop, links={"facebook": "", "instagram": "https://instagram.com/neu", "youtube": ""})
    )

    assert list(shop.links.values_list("platform", "url")) == [("instagram", "https://instagram.com/neu")]


def test_basics_need_a_category() -> None:
    shop = new_shop()

    with pytest.raises(ValidationError) as caught:
        shop_update_basics(**basics(shop, categories=[]))

    assert caught.value.message_dict == {"categories": ["Bitte wählen Sie mindestens eine Kategorie."]}


def test_basics_refuse_an_invalid_phone_number_and_change_nothing() -> None:
    shop = new_shop(name="Alt")

    with pytest.raises(ValidationError) as caught:
        shop_update_basics(**basics(shop, phone="12"))

    assert list(caught.value.message_dict) == ["phone"]
    assert Shop.objects.get(pk=shop.pk).name == "Alt"


# --- Address ----------------------------------------------------------------------------------


def test_a_new_postal_code_moves_the_shop_to_the_gazetteer_place(
    django_capture_on_commit_callbacks: Any, indexed: list[int]
) -> None:
    shop = new_shop(location_source=Shop.LocationSource.PIN)

    with django_capture_on_commit_callbacks(execute=True):
        shop_update_address(
            shop=shop, street="Marktplatz 1", postal_code="17033", locality="", lat=shop.lat, lon=shop.lon
        )

    shop = Shop.objects.get(pk=shop.pk)
    assert (shop.postal_code, shop.locality, shop.district) == (
        "17033",
        "Neubrandenburg",
        "Mecklenburgische Seenplatte",
    )
    assert (shop.lat, shop.lon) == (53.55735, 13.26105)
    assert shop.location_source == Shop.LocationSource.GAZETTEER
    assert indexed == [shop.pk]


def test_a_moved_pin_wins_and_marks_the_location_as_pinned() -> None:
    shop = new_shop()

    shop_update_address(
        shop=shop,
        street="Marktplatz 1",
        postal_code="17033",
        locality="Neubrandenburg",
        lat=53.5601,
        lon=13.2702,
    )

    shop = Shop.objects.get(pk=shop.pk)
    assert (shop.lat, shop.lon) == (53.5601, 13.2702)
    assert shop.location_source == Shop.LocationSource.PIN
    assert shop.district == "Mecklenburgische Seenplatte"


def test_an_unchanged_address_keeps_a_pinned_location() -> None:
    shop = new_shop(lat=54.0901, lon=12.1301, location_source=Shop.LocationSource.PIN)

    shop_update_address(shop=shop, street="Neue Straße 2", postal_code=shop.postal_code, lat=None, lon=None)

    shop = Shop.objects.get(pk=shop.pk)
    assert (shop.street, shop.lat, shop.lon, shop.location_source) == (
        "Neue Straße 2",
        54.0901,
        12.1301,
        "pin",
    )


def test_a_postal_code_outside_the_region_is_refused() -> None:
    shop = new_shop()

    with pytest.raises(ValidationError) as caught:
        shop_update_address(shop=shop, street="Unter den Linden 1", postal_code="10117")

    assert caught.value.message_dict == {
        "postal_code": ["Bitte geben Sie eine fünfstellige Postleitzahl in Mecklenburg-Vorpommern an."]
    }
    assert Shop.objects.get(pk=shop.pk).postal_code == "18055"


def test_a_pin_outside_the_region_is_refused() -> None:
    shop = new_shop()

    with pytest.raises(ValidationError) as caught:
        shop_update_address(shop=shop, street="Markt 1", postal_code="18055", lat=52.52, lon=13.40)

    assert caught.value.message_dict == {"lat": ["Die Position muss in Mecklenburg-Vorpommern liegen."]}


# --- Services ---------------------------------------------------------------------------------


def test_services_replace_the_old_ones_and_store_only_the_fields_of_their_kind(
    django_capture_on_commit_callbacks: Any, indexed: list[int]
) -> None:
    shop = new_shop()
    ShopServiceFactory(shop=shop, kind=ServiceKind.VOUCHERS, note="alt")

    with django_capture_on_commit_callbacks(execute=True):
        shop_set_services(
            shop=shop,
            services=[
                ServiceDetails(kind=ServiceKind.PICKUP, note="Seiteneingang", fee=Decimal("3")),
                ServiceDetails(
                    kind=ServiceKind.DELIVERY,
                    delivery_radius_km=Decimal("12.5"),
                    fee=Decimal("2.50"),
                    minimum_order=Decimal("20"),
                    url="https://ignored.example",
                ),
            ],
            delivery_postal_codes=["18057", "18055", "18055"],
        )

    services = {service.kind: service for service in ShopService.objects.filter(shop=shop)}
    assert set(services) == {ServiceKind.PICKUP, ServiceKind.DELIVERY}
    assert (services["pickup"].note, services["pickup"].fee) == ("Seiteneingang", None)
    delivery = services["delivery"]
    assert (delivery.delivery_radius_km, delivery.fee, delivery.minimum_order, delivery.url) == (
        Decimal("12.5"),
        Decimal("2.50"),
        Decimal("20.00"),
        "",
    )
    assert sorted(DeliveryPostalCode.objects.filter(shop=shop).values_list("postal_code", flat=True)) == [
        "18055",
        "18057",
    ]
    assert indexed == [shop.pk]


def test_at_least_one_service_must_stay() -> None:
    shop = new_shop()
    ShopServiceFactory(shop=shop)

    with pytest.raises(ValidationError) as caught:
        shop_set_services(shop=shop, services=[])

    assert caught.value.messages == [
        "Bitte behalten Sie mindestens einen Weg, wie Kunden bei Ihnen kaufen können."
    ]
    assert shop.services.count() == 1


def test_delivery_postal_codes_must_be_in_the_region() -> None:
    shop = new_shop()

    with pytest.raises(ValidationError) as caught:
        shop_set_services(
            shop=shop,
            services=[ServiceDetails(kind=ServiceKind.DELIVERY)],
            delivery_postal_codes=["18055", "10117", "1805"],
        )

    assert caught.value.message_dict == {
        "delivery_postal_codes": ["Das sind keine Postleitzahlen in Mecklenburg-Vorpommern: 10117, 1805."]
    }
    assert not DeliveryPostalCode.objects.exists()


def test_delivery_needs_a_radius_or_postal_codes() -> None:
    shop = new_shop()

    with pytest.raises(ValidationError) as caught:
        shop_set_services(shop=shop, services=[ServiceDetails(kind=ServiceKind.DELIVERY)])

    assert caught.value.message_dict == {
        "delivery_radius_km": [
            "Bitte geben Sie einen Lieferradius oder die Postleitzahlen an, in die Sie liefern."
        ]
    }


def test_postal_codes_alone_are_enough_for_delivery() -> None:
    shop = new_shop()

    shop_set_services(
        shop=shop, services=[ServiceDetails(kind=ServiceKind.DELIVERY)], delivery_postal_codes=["18055"]
    )

    assert shop.services.get().delivery_radius_km is None
    assert shop.delivery_postal_codes.get().postal_code == "18055"


def test_delivery_postal_codes_go_when_delivery_goes() -> None:
    shop = new_shop()
    shop_set_services(
        shop=shop, services=[ServiceDetails(kind=ServiceKind.DELIVERY)], delivery_postal_codes=["18055"]
    )

    shop_set_services(
        shop=shop, services=[ServiceDetails(kind=ServiceKind.PICKUP)], delivery_postal_codes=["18055"]
    )

    assert not shop.delivery_postal_codes.exists()


def test_an_online_shop_needs_its_address() -> None:
    shop = new_shop()

    with pytest.raises(ValidationError) as caught:
        shop_set_services(shop=shop, services=[ServiceDetails(kind=ServiceKind.ONLINE_SHOP, url=" ")])

    assert caught.value.message_dict == {"url": ["Bitte geben Sie die Adresse Ihres Onlineshops an."]}


def test_postal_codes_are_parsed_from_what_people_type() -> None:
    assert profile.postal_codes_parse(" 18055, 18057;18059\n18055  17033 ") == [
        "18055",
        "18057",
        "18059",
        "17033",
    ]


# --- Opening hours ----------------------------------------------------------------------------


def test_opening_hours_replace_the_week() -> None:
    shop = new_shop()
    OpeningHoursFactory(shop=shop, weekday=6)

    shop_set_opening_hours(
        shop=shop, week={0: [(T(14), T(18)), (T(9), T(12, 30))], 5: [(T(9), T(13))], 6: []}
    )

    assert shop_week(shop=shop) == {
        0: [(T(9), T(12, 30)), (T(14), T(18))],
        1: [],
        2: [],
        3: [],
        4: [],
        5: [(T(9), T(13))],
        6: [],
    }


def test_intervals_may_touch() -> None:
    assert opening_hours_problems(week={0: [(T(9), T(13)), (T(13), T(18))]}) == []


def test_closing_before_opening_is_named_with_the_day() -> None:
    problems = opening_hours_problems(week={2: [(T(18), T(9))]})

    assert [(p.weekday, p.index, p.message) for p in problems] == [
        (2, 0, "Mittwoch: Die Schließzeit muss nach der Öffnungszeit liegen.")
    ]


def test_closing_at_midnight_suggests_23_59() -> None:
    problems = opening_hours_problems(week={4: [(T(18), T(0))]})

    assert [p.message for p in problems] == [
        "Freitag: Die Schließzeit muss nach der Öffnungszeit liegen. "
        "Für Mitternacht geben Sie bitte 23:59 ein."
    ]


def test_overlapping_intervals_are_named_with_both_times() -> None:
    problems = opening_hours_problems(week={0: [(T(12), T(18)), (T(9), T(13))]})

    assert [(p.weekday, p.index, p.message) for p in problems] == [
        (0, 0, "Montag: Die Zeiten 09:00–13:00 und 12:00–18:00 überschneiden sich.")
    ]


def test_invalid_hours_are_refused_and_the_old_ones_stay() -> None:
    shop = new_shop()
    OpeningHoursFactory(shop=shop, weekday=0)

    with pytest.raises(ValidationError) as caught:
        shop_set_opening_hours(shop=shop, week={0: [(T(9), T(8))], 1: [(T(9), T(12)), (T(11), T(14))]})

    assert caught.value.messages == [
        "Montag: Die Schließzeit muss nach der Öffnungszeit liegen.",
        "Dienstag: Die Zeiten 09:00–12:00 und 11:00–14:00 überschneiden sich.",
    ]
    assert OpeningHours.objects.filter(shop=shop).count() == 1


# --- Special days -----------------------------------------------------------------------------

TODAY = dt.date(2026, 11, 23)


def test_a_closed_special_day_is_added_without_times() -> None:
    shop = new_shop()

    day = special_day_add(
        shop=shop,
        date=dt.date(2026, 12, 24),
        is_closed=True,
        opens=T(9),
        closes=T(12),
        note="Heiligabend",
        today=TODAY,
    )

    assert (day.is_closed, day.opens, day.closes, day.note) == (True, None, None, "Heiligabend")


def test_a_special_day_with_other_hours_needs_sensible_times() -> None:
    shop = new_shop()

    with pytest.raises(ValidationError) as caught:
        special_day_add(
            shop=shop, date=dt.date(2026, 12, 4), is_closed=False, opens=T(20), closes=T(18), today=TODAY
        )

    assert caught.value.message_dict == {"closes": ["Die Schließzeit muss nach der Öffnungszeit liegen."]}


def test_a_special_day_in_the_past_is_refused() -> None:
    shop = new_shop()

    with pytest.raises(ValidationError) as caught:
        special_day_add(shop=shop, date=dt.date(2026, 11, 22), is_closed=True, today=TODAY)

    assert caught.value.message_dict == {"date": ["Dieses Datum liegt in der Vergangenheit."]}


def test_a_date_can_be_entered_only_once() -> None:
    shop = new_shop()
    SpecialDayFactory(shop=shop, date=dt.date(2026, 12, 24))

    with pytest.raises(ValidationError) as caught:
        special_day_add(shop=shop, date=dt.date(2026, 12, 24), is_closed=True, today=TODAY)

    assert caught.value.message_dict == {
        "date": ["Für dieses Datum gibt es schon einen Eintrag. Löschen Sie ihn zuerst, um ihn zu ändern."]
    }


def test_only_the_shops_own_special_day_can_be_deleted() -> None:
    day = SpecialDayFactory()

    with pytest.raises(SpecialDay.DoesNotExist):
        special_day_delete(shop=new_shop(), special_day_id=day.pk)
    special_day_delete(shop=day.shop, special_day_id=day.pk)

    assert not SpecialDay.objects.exists()


# --- Checklist --------------------------------------------------------------------------------


def test_the_checklist_of_a_bare_shop_starts_with_opening_hours() -> None:
    shop = new_shop(description="", payment_methods=[])

    checklist = shop_checklist(shop=shop)

    assert [item.key for item in checklist if not item.done] == [
        "hours",
        "services",
        "phone",
        "description",
        "photos",
        "location",
        "payment",
        "logo",
    ]


def test_the_checklist_counts_what_is_there() -> None:
    shop = new_shop(
        description="x" * 80,
        phone="+493811234567",
        payment_methods=["cash"],
        location_source=Shop.LocationSource.PIN,
    )
    OpeningHoursFactory(shop=shop)
    ShopServiceFactory(shop=shop)

    missing = [item.key for item in shop_checklist(shop=shop) if not item.done]

    assert missing == ["photos", "logo"]


def test_the_list_of_managed_shops_carries_the_checklist_facts_and_the_role() -> None:
    membership = ShopMembershipFactory(shop__name="B-Laden", role="staff")
    OpeningHoursFactory(shop=membership.shop)
    ShopMembershipFactory(user=membership.user, shop__name="A-Laden")
    new_shop(name="Fremder Laden")

    shops = list(shops_managed_with_progress(user=membership.user))

    assert [(shop.name, shop.my_role, shop.has_hours) for shop in shops] == [
        ("A-Laden", "owner", False),
        ("B-Laden", "staff", True),
    ]


def test_renaming_the_shop_indexes_its_products_again(django_capture_on_commit_callbacks: Any) -> None:
    from marktplatz.catalog.tests.factories import ProductFactory
    from marktplatz.search import search_documents, search_query_parse

    shop = new_shop()
    product = ProductFactory(shop=shop, name="Roggenbrot")

    with django_capture_on_commit_callbacks(execute=True):
        shop_update_basics(**basics(shop, name="Bäckerei Sonnenschein"))

    query = search_query_parse(kind="product", text="Sonnenschein")
    assert list(search_documents(query=query).values_list("object_id", flat=True)) == [product.pk]
