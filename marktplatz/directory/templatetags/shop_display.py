"""
Display helpers shared by every page that shows a shop: money, phone links, opening hours, payment
methods and JSON-LD. Load with ``{% load shop_display %}``.

Each filter is also a plain function, so views and other modules (the poster, e-mails) format the
same way the pages do.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import PhoneNumber

from marktplatz.directory.hours import BERLIN, Interval, OpeningStatus, local_now
from marktplatz.directory.models import OpeningHours, PaymentMethod

register = template.Library()

CENT = Decimal("0.01")
NBSP = "\u00a0"

# The characters that could end or confuse a <script> element, as json_script escapes them.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def euro(value: Decimal | int | str | None) -> str:
    """A money amount in the active language's format, rounded half up to cents: ``12,50 €``."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return f"{number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)}{NBSP}€"


@register.filter
def tel_href(phone: PhoneNumber | str | None) -> str:
    """The ``tel:`` address of a phone number in international form (``tel:+49381123456``)."""
    if not phone:
        return ""
    if isinstance(phone, PhoneNumber) and phone.is_valid():
        return f"tel:{phone.as_e164}"
    return "tel:" + "".join(ch for ch in str(phone) if ch.isdigit() or ch == "+")


@register.filter
def phone_display(phone: PhoneNumber | str | None) -> str:
    """A phone number as people in Germany write it (``0381 123456``); foreign numbers internationally."""
    if not phone:
        return ""
    if isinstance(phone, PhoneNumber) and phone.is_valid():
        return str(phone.as_national if phone.country_code == 49 else phone.as_international)
    return str(phone)


@register.filter
def phone_link(phone: PhoneNumber | str | None) -> SafeString | str:
    """A clickable phone number: ``<a href="tel:+49381123456">0381 123456</a>``."""
    if not phone:
        return ""
    return format_html('<a href="{}">{}</a>', tel_href(phone), phone_display(phone))


@register.filter
def clock(moment: dt.time | dt.datetime | None) -> str:
    """A time of day as ``18:00`` (datetimes in Europe/Berlin)."""
    if moment is None:
        return ""
    if isinstance(moment, dt.datetime):
        moment = moment.astimezone(BERLIN).time()
    return f"{moment:%H:%M}"


@register.filter
def time_ranges(intervals: Iterable[Interval]) -> str:
    """Opening intervals of a day as ``09:00–12:30, 14:00–18:00``; ``closed`` for none."""
    parts = [f"{clock(opens)}–{clock(closes)}" for opens, closes in intervals]
    return ", ".join(parts) if parts else _("closed")


@register.filter
def weekday_name(weekday: int) -> str:
    """The name of a weekday, 0 = Monday."""
    return str(OpeningHours.Weekday(weekday).label)


@register.filter
def payment_method_label(code: str) -> str:
    """The label of a payment method code of ``Shop.payment_methods`` (unknown codes stay as they are)."""
    try:
        return str(PaymentMethod(code).label)
    except ValueError:
        return str(code)


def opening_status_label(status: OpeningStatus, *, now: dt.datetime | None = None) -> str:
    """
    ``Open now – closes at 18:00`` or ``Closed – opens Mon 09:00`` (``Closed – opens at 14:00`` when
    it opens later the same day; just ``Closed`` when it does not open within a week).
    """
    now = (now or local_now()).astimezone(BERLIN)
    if status.is_open and status.closes_at is not None:
        return _("Open now – closes at %(time)s") % {"time": clock(status.closes_at)}
    if status.is_open:
        return _("Open now")
    if status.opens_at is None:
        return _("Closed")
    opens_at = status.opens_at.astimezone(BERLIN)
    if opens_at.date() == now.date():
        return _("Closed – opens at %(time)s") % {"time": clock(opens_at)}
    return _("Closed – opens %(day)s %(time)s") % {
        "day": date_format(opens_at.date(), "D"),
        "time": clock(opens_at),
    }


@register.simple_tag
def opening_status_text(status: OpeningStatus, now: dt.datetime | None = None) -> str:
    """``{% opening_status_text status %}`` – see :func:`opening_status_label`."""
    return opening_status_label(status, now=now)


@register.inclusion_tag("directory/_shop_status.html")
def opening_status_badge(status: OpeningStatus, now: dt.datetime | None = None) -> dict[str, Any]:
    """The status as a badge; the words say open or closed, the colour only repeats it."""
    return {"status": status, "label": opening_status_label(status, now=now)}


def json_ld_dumps(data: dict[str, Any]) -> SafeString:
    """JSON for a ``<script type="application/ld+json">`` element, escaped like ``json_script``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped above


@register.filter
def json_ld(data: dict[str, Any]) -> SafeString:
    """``{{ data|json_ld }}``: a complete ``<script type="application/ld+json">`` element."""
    return format_html('<script type="application/ld+json">{}</script>', json_ld_dumps(data))
