"""Receiving and handling reports."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.directory.models import Shop
from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.moderation.models import Report
from marktplatz.moderation.services import (
    ReportAlreadyHandledError,
    report_create,
    report_dismiss,
    report_resolve,
    report_shop_hide,
)
from marktplatz.moderation.tests.factories import ReportFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]


def test_report_create_stores_an_open_report() -> None:
    shop = ShopFactory()

    report = report_create(shop=shop, reason="not_local", message=" Online-Händler aus Berlin ")

    assert (report.shop, report.reason, report.message, report.status) == (
        shop,
        "not_local",
        "Online-Händler aus Berlin",
        Report.Status.OPEN,
    )


def test_report_create_needs_a_message_for_other() -> None:
    with pytest.raises(ValidationError) as error:
        report_create(shop=ShopFactory(), reason="other", message="")

    assert error.value.message_dict == {"message": ["Bitte beschreiben Sie kurz, was nicht stimmt."]}
    assert Report.objects.count() == 0


def test_report_create_refuses_an_unknown_reason() -> None:
    with pytest.raises(ValidationError) as error:
        report_create(shop=ShopFactory(), reason="boring")

    assert error.value.message_dict == {"reason": ["Bitte wählen Sie einen Grund aus."]}


def test_no_email_before_commit(mailoutbox: list[Any], django_capture_on_commit_callbacks: Any) -> None:
    shop = ShopFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report_create(shop=shop, reason="closed")

    assert mailoutbox == []
    assert len(callbacks) == 1


def test_report_resolve_records_who_and_when() -> None:
    report = ReportFactory()
    operator = UserFactory(is_staff=True)

    report_resolve(report=report, by=operator, note="Telefonnummer korrigiert")

    report.refresh_from_db()
    assert (report.status, report.handled_by, report.resolution_note) == (
        Report.Status.RESOLVED,
        operator,
        "Telefonnummer korrigiert",
    )
    assert report.handled_at is not None


def test_report_dismiss() -> None:
    report = ReportFactory()

    report_dismiss(report=report, by=UserFactory(is_staff=True))

    report.refresh_from_db()
    assert report.status == Report.Status.DISMISSED


def test_a_handled_report_cannot_be_handled_again() -> None:
    report = ReportFactory()
    first, second = UserFactory(is_staff=True), UserFactory(is_staff=True)
    stale = Report.objects.get(pk=report.pk)
    report_resolve(report=report, by=first)

    with pytest.raises(ReportAlreadyHandledError):
        report_dismiss(report=stale, by=second)

    report.refresh_from_db()
    assert (report.status, report.handled_by) == (Report.Status.RESOLVED, first)


def test_report_shop_hide_hides_and_resolves() -> None:
    report = ReportFactory(reason=Report.Reason.CLOSED)
    operator = UserFactory(is_staff=True)

    report_shop_hide(report=report, reason="Laut Meldung dauerhaft geschlossen", by=operator)

    report.refresh_from_db()
    report.shop.refresh_from_db()
    assert (report.status, report.resolution_note) == (
        Report.Status.RESOLVED,
        "Laut Meldung dauerhaft geschlossen",
    )
    assert (report.shop.status, report.shop.status_reason) == (
        Shop.Status.HIDDEN,
        "Laut Meldung dauerhaft geschlossen",
    )


def test_report_shop_hide_without_reason_changes_nothing() -> None:
    report = ReportFactory()

    with pytest.raises(ValidationError) as error:
        report_shop_hide(report=report, reason="  ", by=UserFactory(is_staff=True))

    assert error.value.messages == [
        "Bitte geben Sie einen Grund an – die Verantwortlichen des Geschäfts bekommen ihn zu sehen."
    ]
    report.refresh_from_db()
    report.shop.refresh_from_db()
    assert (report.status, report.shop.status) == (Report.Status.OPEN, Shop.Status.PUBLISHED)


def test_report_shop_hide_of_a_handled_report_leaves_the_shop_visible() -> None:
    report = ReportFactory()
    stale = Report.objects.select_related("shop").get(pk=report.pk)
    report_dismiss(report=report, by=UserFactory(is_staff=True))

    with pytest.raises(ReportAlreadyHandledError):
        report_shop_hide(report=stale, reason="Spam", by=UserFactory(is_staff=True))

    assert Shop.objects.get(pk=report.shop.pk).status == Shop.Status.PUBLISHED
