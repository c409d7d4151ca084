"""Writes of the moderation: receiving a report, and the operator resolving or dismissing it."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from marktplatz.accounts.models import User
from marktplatz.catalog.models import Product
from marktplatz.catalog.services.moderation import product_hide_by_operator
from marktplatz.core.mail import send_mail_later
from marktplatz.directory.models import Shop
from marktplatz.directory.services.moderation import shop_hide

from .models import Report


class ReportAlreadyHandledError(Exception):
    """Someone else resolved or dismissed the report in the meantime."""


def _report_validate(*, reason: str, message: str, reasons: Sequence[str]) -> None:
    if reason not in reasons:
        raise ValidationError({"reason": _("Please choose a reason.")}, code="invalid_choice")
    if reason == Report.Reason.OTHER and not message:
        raise ValidationError({"message": _("Please describe briefly what is wrong.")}, code="required")


def _operator_notify(*, report: Report, name: str, url: str) -> None:
    # The operator reads German, whatever language the reporter used.
    with override(settings.LANGUAGE_CODE):
        subject = _("New report about “%(name)s”") % {"name": name}
        reason_label = str(report.get_reason_display())
    send_mail_later(
        to=[settings.OPERATOR_EMAIL],
        subject=subject,
        template="moderation/emails/report_received",
        context={
            "shop_name": name,
            "shop_url": settings.SITE_URL + url,
            "reason": reason_label,
            "message": report.message,
            "contact_email": report.contact_email,
            "queue_url": settings.SITE_URL + reverse("admin:moderation_queue"),
            "report_url": settings.SITE_URL + reverse("admin:moderation_report_change", args=[report.pk]),
        },
        language=settings.LANGUAGE_CODE,
    )


def report_create(*, shop: Shop, reason: str, message: str = "", contact_email: str = "") -> Report:
    """Store a report about ``shop`` and tell the operator by e-mail (after the commit)."""
    message = (message or "").strip()
    _report_validate(reason=reason, message=message, reasons=Report.SHOP_REASONS)
    with transaction.atomic():
        report = Report.objects.create(
            shop=shop, reason=reason, message=message, contact_email=(contact_email or "").strip()
        )
        _operator_notify(report=report, name=shop.name, url=shop.get_absolute_url())
    return report


def report_product_create(
    *, product: Product, reason: str, message: str = "", contact_email: str = ""
) -> Report:
    """Store a report about ``product`` and tell the operator by e-mail (after the commit)."""
    message = (message or "").strip()
    _report_validate(reason=reason, message=message, reasons=Report.PRODUCT_REASONS)
    with transaction.atomic():
        report = Report.objects.create(
            product=product, reason=reason, message=message, contact_email=(contact_email or "").strip()
        )
        _operator_notify(
            report=report,
            name=f"{product.name} ({product.shop.name})",
            url=product.get_absolute_url(),
        )
    return report


def _report_close(*, report: Report, status: str, by: User, note: str) -> Report:
    """Close an open report; a conditional update, so two operators cannot both handle it."""
    now = timezone.now()
    note = (note or "").strip()
    updated = Report.objects.filter(pk=report.pk, status=Report.Status.OPEN).update(
        status=status, handled_by=by, handled_at=now, resolution_note=note
    )
    if updated == 0:
        raise ReportAlreadyHandledError(report.pk)
    report.status, report.handled_by, report.handled_at, report.resolution_note = status, by, now, note
    return report


def report_resolve(*, report: Report, by: User, note: str = "") -> Report:
    """The operator took care of the report (corrected the entry, talked to the shop …)."""
    return _report_close(report=report, status=Report.Status.RESOLVED, by=by, note=note)


def report_dismiss(*, report: Report, by: User, note: str = "") -> Report:
    """The report needs no action (spam, a misunderstanding)."""
    return _report_close(report=report, status=Report.Status.DISMISSED, by=by, note=note)


@transaction.atomic
def report_shop_hide(*, report: Report, reason: str, by: User) -> Report:
    """Hide the reported shop with ``reason`` and resolve the report in one step."""
    if report.shop is None:
        raise ValidationError(_("This report is not about a shop."), code="no_shop")
    shop_hide(shop=report.shop, reason=reason, by=by)
    return _report_close(report=report, status=Report.Status.RESOLVED, by=by, note=reason)


@transaction.atomic
def report_product_hide(*, report: Report, reason: str, by: User) -> Report:
    """Hide the reported product with ``reason`` (the shop sees it) and resolve the report in one step."""
    if report.product is None:
        raise ValidationError(_("This report is not about a product."), code="no_product")
    product_hide_by_operator(product=report.product, reason=reason, by=by)
    return _report_close(report=report, status=Report.Status.RESOLVED, by=by, note=reason)
