"""Pickup windows follow the opening hours, special days and the preparation time."""

from __future__ import annotations

import datetime as dt
from typing import cast

import pytest

from marktplatz.directory.hours import BERLIN
from marktplatz.directory.models import OpeningHours, Shop, SpecialDay
from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.orders.pickup import pickup_windows

pytestmark = pytest.mark.django_db

MONDAY_NOON = dt.datetime(2026, 11, 23, 12, 0, tzinfo=BERLIN)  # a Monday


def _shop_open_weekdays_9_to_18() -> Shop:
    shop = cast(Shop, ShopFactory(closed_on_public_holidays=True))
    for weekday in range(5):
        OpeningHours.objects.create(shop=shop, weekday=weekday, opens=dt.time(9), closes=dt.time(18))
    return shop


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


def test_first_window_starts_after_the_preparation_time() -> None:
    windows = pickup_windows(shop=_shop_open_weekdays_9_to_18(), now=MONDAY_NOON)

    assert [(w.starts, w.ends) for w in windows] == [
        (_at(23, 13), _at(23, 18)),
        (_at(24, 9), _at(24, 18)),
        (_at(25, 9), _at(25, 18)),
    ]


def test_too_late_today_starts_tomorrow() -> None:
    windows = pickup_windows(shop=_shop_open_weekdays_9_to_18(), now=_at(23, 17, 30), count=1)

    assert [(w.starts, w.ends) for w in windows] == [(_at(24, 9), _at(24, 18))]


def test_weekend_and_special_days_are_skipped() -> None:
    shop = _shop_open_weekdays_9_to_18()
    SpecialDay.objects.create(shop=shop, date=dt.date(2026, 11, 30), is_closed=True)

    windows = pickup_windows(shop=shop, now=_at(27, 19), count=2)  # Friday evening

    # Saturday and Sunday closed, Monday 30 November closed for a special day.
    assert [w.starts for w in windows] == [
        dt.datetime(2026, 12, 1, 9, tzinfo=BERLIN),
        dt.datetime(2026, 12, 2, 9, tzinfo=BERLIN),
    ]


def test_shop_without_hours_has_no_windows() -> None:
    assert pickup_windows(shop=ShopFactory(), now=MONDAY_NOON) == []
