"""
When an order can be picked up: the shop's next opening times, starting once the shop has had
time to put the order together (``PREPARATION``). Follows the shop's special days and public
holidays through ``directory.hours.intervals_on``; all times Europe/Berlin.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from marktplatz.directory.hours import BERLIN, intervals_on
from marktplatz.directory.models import Shop

PREPARATION = dt.timedelta(hours=1)
LOOK_AHEAD_DAYS = 14


@dataclass(frozen=True)
class PickupWindow:
    starts: dt.datetime
    ends: dt.datetime


def pickup_windows(*, shop: Shop, now: dt.datetime | None = None, count: int = 3) -> list[PickupWindow]:
    """
    The next ``count`` windows in which the customer can pick an order up: opening intervals
    that still have time left after ``now + PREPARATION``; the first may start later than the
    shop opens. Empty when the shop has no opening hours in the next two weeks.
    """
    earliest = (now or timezone.now()).astimezone(BERLIN) + PREPARATION
    windows: list[PickupWindow] = []
    for offset in range(LOOK_AHEAD_DAYS + 1):
        day = earliest.date() + dt.timedelta(days=offset)
        for opens, closes in intervals_on(shop, day):
            starts = dt.datetime.combine(day, opens, tzinfo=BERLIN)
            ends = dt.datetime.combine(day, closes, tzinfo=BERLIN)
            if ends <= earliest:
                continue
            windows.append(PickupWindow(starts=max(starts, earliest), ends=ends))
            if len(windows) == count:
                return windows
    return windows
