"""
Opening hours: whether a shop is open at a moment, when it opens next, and the same rule as a
query filter ("open now" in the search). All times are local to Europe/Berlin.

The rule, in order: a special day (closed, or other hours) wins; else a public holiday of the region
closes the shop if it says so; else the weekday's intervals apply. Intervals are half-open:
a shop with 09:00–18:00 is open at 09:00 and closed at 18:00.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import OpeningHours, Shop, SpecialDay

BERLIN = ZoneInfo("Europe/Berlin")
Interval = tuple[dt.time, dt.time]


@dataclass(frozen=True)
class OpeningStatus:
    """Whether a shop is open at a moment; ``closes_at`` when open, ``opens_at`` when closed."""

    is_open: bool
    closes_at: dt.datetime | None = None
    opens_at: dt.datetime | None = None


def local_now() -> dt.datetime:
    return timezone.now().astimezone(BERLIN)


@lru_cache(maxsize=16)
def _holiday_calendar(year: int, language: str | None = None) -> holidays.HolidayBase:
    return holidays.country_holidays(
        settings.REGION_HOLIDAY_COUNTRY, subdiv=settings.REGION_HOLIDAY_SUBDIV, years=year, language=language
    )


def is_public_holiday(day: dt.date) -> bool:
    return day in _holiday_calendar(day.year)


def public_holiday_name(day: dt.date, language: str | None = None) -> str | None:
    """The holiday's name, in ``language`` if given (a python-holidays language code: "de", "en_US")."""
    name = _holiday_calendar(day.year, language).get(day)
    return str(name) if name else None


def intervals_on(shop: Shop, day: dt.date) -> list[Interval]:
    """The opening intervals of ``shop`` on ``day``. Uses prefetched hours and special days if present."""
    special = next((s for s in _special_days(shop) if s.date == day), None)
    if special is not None:
        if special.is_closed or special.opens is None or special.closes is None:
            return []
        return [(special.opens, special.closes)]
    if shop.closed_on_public_holidays and is_public_holiday(day):
        return []
    return sorted((h.opens, h.closes) for h in _opening_hours(shop) if h.weekday == day.weekday())


def opening_status(shop: Shop, now: dt.datetime | None = None) -> OpeningStatus:
    """Open or closed at ``now`` (default: the current time), with the next change within a week."""
    now = (now or timezone.now()).astimezone(BERLIN)
    today = now.date()
    for opens, closes in intervals_on(shop, today):
        if opens <= now.time() < closes:
            return OpeningStatus(True, closes_at=_at(today, closes))
    for offset in range(8):
        day = today + dt.timedelta(days=offset)
        for opens, _closes in intervals_on(shop, day):
            if offset > 0 or opens > now.time():
                return OpeningStatus(False, opens_at=_at(day, opens))
    return OpeningStatus(False)


def weekly_schedule(shop: Shop) -> list[tuple[int, list[Interval]]]:
    """The regular week as (weekday 0=Monday, intervals) pairs, Monday first; closed days are empty."""
    by_day: dict[int, list[Interval]] = {day: [] for day in range(7)}
    for hours in _opening_hours(shop):
        by_day[hours.weekday].append((hours.opens, hours.closes))
    return [(day, sorted(intervals)) for day, intervals in by_day.items()]


def open_at_q(now: dt.datetime | None = None) -> Q:
    """A filter for ``Shop`` querysets: the shops open at ``now``, by the same rule as ``opening_status``."""
    now = (now or timezone.now()).astimezone(BERLIN)
    day, moment = now.date(), now.time()
    special_today = SpecialDay.objects.filter(shop=OuterRef("pk"), date=day)
    special_open = special_today.filter(is_closed=False, opens__lte=moment, closes__gt=moment)
    regular_open = OpeningHours.objects.filter(
        shop=OuterRef("pk"), weekday=day.weekday(), opens__lte=moment, closes__gt=moment
    )
    regular = Q(Exists(regular_open))
    if is_public_holiday(day):
        regular &= Q(closed_on_public_holidays=False)
    # A special day replaces the regular hours: open by its hours if there is one, else by the week.
    return Q(Exists(special_open)) | (~Q(Exists(special_today)) & regular)


def _at(day: dt.date, moment: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, moment, tzinfo=BERLIN)


def _opening_hours(shop: Shop) -> Iterable[OpeningHours]:
    return shop.opening_hours.all()


def _special_days(shop: Shop) -> Iterable[SpecialDay]:
    return shop.special_days.all()
