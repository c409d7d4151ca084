"""Reads of the moderation: what the operator should look at next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from marktplatz.directory.models import Shop

from .models import Report

NEW_SHOP_DAYS = 14


@dataclass(frozen=True)
class ModerationQueue:
    """New shops of the last ``NEW_SHOP_DAYS`` days and open reports, each oldest first."""

    new_shops: Sequence[Shop]
    reports: list[Report]
    since: dt.datetime


def moderation_queue(*, now: dt.datetime | None = None) -> ModerationQueue:
    """
    The operator's to-do list: shops created in the last 14 days that are pending or published
    (demo entries left out), with their number of open reports, and every open report with its shop
    or its product (and the product's shop). Two queries.
    """
    since = (now or timezone.now()) - dt.timedelta(days=NEW_SHOP_DAYS)
    new_shops = list(
        Shop.objects.filter(
            created_at__gte=since,
            status__in=[Shop.Status.PENDING, Shop.Status.PUBLISHED],
            is_demo=False,
        )
        .annotate(open_reports=Count("reports", filter=Q(reports__status=Report.Status.OPEN)))
        .order_by("created_at", "pk")
    )
    reports = list(
        Report.objects.filter(status=Report.Status.OPEN)
        .select_related("shop", "product__shop")
        .order_by("created_at", "pk")
    )
    return ModerationQueue(new_shops=new_shops, reports=reports, since=since)


def report_open_count() -> int:
    return Report.objects.filter(status=Report.Status.OPEN).count()
