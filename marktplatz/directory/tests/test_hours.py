import datetime as dt

import pytest

from marktplatz.directory.hours import BERLIN, open_at_q, opening_status
from marktplatz.directory.models import Shop

from .factories import OpeningHoursFactory, ShopFactory, SpecialDayFactory

# Monday 23 November 2026, a working day; Friday 25 December 2026 is a public holiday in MV.
MONDAY = dt.date(2026, 11, 23)
CHRISTMAS = dt.date(2026, 12, 25)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


@pytest.fixture
def shop() -> Shop:
    shop = ShopFactory()
    for weekday in range(5):
        OpeningHoursFactory(shop=shop, weekday=weekday, opens=dt.time(9), closes=dt.time(12, 30))
        OpeningHoursFactory(shop=shop, weekday=weekday, opens=dt.time(14), closes=dt.time(18))
    return shop


@pytest.mark.django_db
def test_open_during_an_interval_closing_at_its_end(shop: Shop) -> None:
    status = opening_status(shop, at(MONDAY, 10))

    assert status.is_open
    assert status.closes_at == at(MONDAY, 12, 30)


@pytest.mark.django_db
def test_closed_at_lunch_opening_after_the_break(shop: Shop) -> None:
    status = opening_status(shop, at(MONDAY, 12, 30))

    assert not status.is_open
    assert status.opens_at == at(MONDAY, 14)


@pytest.mark.django_db
def test_closed_on_friday_evening_opens_on_monday(shop: Shop) -> None:
    status = opening_status(shop, at(dt.date(2026, 11, 27), 19))

    assert status == opening_status(shop, at(dt.date(2026, 11, 28), 10))
    assert status.opens_at == at(dt.date(2026, 11, 30), 9)


@pytest.mark.django_db
def test_public_holiday_closes_a_shop_that_says_so(shop: Shop) -> None:
    assert not opening_status(shop, at(CHRISTMAS, 10)).is_open


@pytest.mark.django_db
def test_public_holiday_leaves_a_shop_open_that_opens_on_holidays(shop: Shop) -> None:
    shop.closed_on_public_holidays = False
    shop.save()

    assert opening_status(shop, at(CHRISTMAS, 10)).is_open


@pytest.mark.django_db
def test_special_closed_day_wins_over_regular_hours(shop: Shop) -> None:
    SpecialDayFactory(shop=shop, date=MONDAY, is_closed=True)

    assert not opening_status(shop, at(MONDAY, 10)).is_open


@pytest.mark.django_db
def test_special_opening_on_a_sunday(shop: Shop) -> None:
    sunday = dt.date(2026, 11, 29)
    SpecialDayFactory(shop=shop, date=sunday, is_closed=False, opens=dt.time(13), closes=dt.time(17))

    assert opening_status(shop, at(sunday, 15)).is_open
    assert not opening_status(shop, at(sunday, 12)).is_open


@pytest.mark.django_db
def test_shop_without_hours_is_closed_with_no_next_opening() -> None:
    status = opening_status(ShopFactory(), at(MONDAY, 10))

    assert status.is_open is False
    assert status.opens_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "expected_open"),
    [
        (at(MONDAY, 10), True),
        (at(MONDAY, 12, 30), False),
        (at(MONDAY, 17, 59), True),
        (at(MONDAY, 18), False),
        (at(CHRISTMAS, 10), False),
    ],
)
def test_query_filter_agrees_with_opening_status(
    shop: Shop, moment: dt.datetime, expected_open: bool
) -> None:
    open_ids = set(Shop.objects.filter(open_at_q(moment)).values_list("id", flat=True))

    assert (shop.id in open_ids) is expected_open
    assert opening_status(shop, moment).is_open is expected_open


@pytest.mark.django_db
def test_query_filter_honours_special_days(shop: Shop) -> None:
    SpecialDayFactory(shop=shop, date=MONDAY, is_closed=True)
    sunday = dt.date(2026, 11, 29)
    SpecialDayFactory(shop=shop, date=sunday, is_closed=False, opens=dt.time(13), closes=dt.time(17))

    assert not Shop.objects.filter(open_at_q(at(MONDAY, 10))).exists()
    assert Shop.objects.filter(open_at_q(at(sunday, 14))).exists()
