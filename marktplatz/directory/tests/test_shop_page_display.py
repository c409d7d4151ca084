"""The display helpers of the shop page (``{% load shop_display %}``): money, phones, hours, JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from phonenumber_field.phonenumber import PhoneNumber

from marktplatz.directory.hours import BERLIN, OpeningStatus
from marktplatz.directory.templatetags.shop_display import (
    euro,
    json_ld_dumps,
    opening_status_label,
    payment_method_label,
    phone_display,
    phone_link,
    tel_href,
    time_ranges,
)

MONDAY = dt.date(2026, 11, 23)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("12.5"), "12,50\u00a0€"),
        (Decimal("0"), "0,00\u00a0€"),
        (Decimal("0.005"), "0,01\u00a0€"),
        (Decimal("1234.5"), "1.234,50\u00a0€"),
        (3, "3,00\u00a0€"),
    ],
)
def test_money_is_written_the_german_way(amount: Decimal, expected: str) -> None:
    with translation.override("de"):
        assert euro(amount) == expected


def test_no_amount_is_shown_as_nothing() -> None:
    assert euro(None) == ""


def test_the_filter_works_in_templates() -> None:
    with translation.override("de"):
        html = Template("{% load shop_display %}{{ fee|euro }}").render(Context({"fee": Decimal("12.50")}))

    assert html == "12,50\u00a0€"


def test_a_german_phone_number_links_internationally_and_reads_nationally() -> None:
    phone = PhoneNumber.from_string("0381 123456", region="DE")

    assert tel_href(phone) == "tel:+49381123456"
    assert phone_display(phone) == "0381 123456"
    assert phone_link(phone) == '<a href="tel:+49381123456">0381 123456</a>'


def test_a_foreign_phone_number_reads_internationally() -> None:
    assert phone_display(PhoneNumber.from_string("+48 22 123 45 67")) == "+48 22 123 45 67"


def test_no_phone_gives_no_link() -> None:
    assert phone_link("") == ""


def test_time_ranges_of_a_day() -> None:
    assert (
        time_ranges([(dt.time(9), dt.time(12, 30)), (dt.time(14), dt.time(18))]) == "09:00–12:30, 14:00–18:00"
    )


def test_a_day_without_ranges_is_closed() -> None:
    with translation.override("en"):
        assert time_ranges([]) == "closed"


def test_payment_method_codes_have_labels_and_unknown_codes_stay() -> None:
    with translation.override("en"):
        assert payment_method_label("girocard") == "girocard / debit card"
        assert payment_method_label("barter") == "barter"


@pytest.mark.usefixtures("german")
def test_status_open_says_when_it_closes() -> None:
    status = OpeningStatus(True, closes_at=at(MONDAY, 18))

    assert opening_status_label(status, now=at(MONDAY, 10)) == "Jetzt geöffnet – schließt um 18:00"


@pytest.mark.usefixtures("german")
def test_status_closed_opening_later_today_says_the_time() -> None:
    status = OpeningStatus(False, opens_at=at(MONDAY, 14))

    assert opening_status_label(status, now=at(MONDAY, 12, 30)) == "Geschlossen – öffnet um 14:00"


@pytest.mark.usefixtures("german")
def test_status_closed_opening_another_day_says_the_weekday() -> None:
    status = OpeningStatus(False, opens_at=at(MONDAY, 9))

    assert (
        opening_status_label(status, now=at(MONDAY - dt.timedelta(days=3), 19))
        == "Geschlossen – öffnet Mo 09:00"
    )


@pytest.mark.usefixtures("german")
def test_status_closed_without_next_opening_says_closed() -> None:
    assert opening_status_label(OpeningStatus(False), now=at(MONDAY, 10)) == "Geschlossen"


@pytest.mark.usefixtures("german")
def test_the_status_badge_says_it_in_words_not_only_in_colour() -> None:
    template = Template("{% load shop_display %}{% opening_status_badge status now %}")
    context = Context({"status": OpeningStatus(False, opens_at=at(MONDAY, 14)), "now": at(MONDAY, 12)})

    html = template.render(context)

    assert html.strip() == (
        '<span class="badge badge-closed shop-status-badge"><span aria-hidden="true">○</span> '
        "Geschlossen – öffnet um 14:00</span>"
    )


def test_json_ld_escapes_what_could_end_the_script_element() -> None:
    data = {"description": "</script><!-- & >"}

    text = json_ld_dumps(data)

    assert text == '{"description":"\\u003C/script\\u003E\\u003C!-- \\u0026 \\u003E"}'
    assert json.loads(text) == data


def test_json_ld_keeps_umlauts_readable() -> None:
    assert json_ld_dumps({"name": "Bäckerei"}) == '{"name":"Bäckerei"}'
