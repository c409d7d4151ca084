"""Reports from the public ("report this entry") that the operator works through in the queue."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """
    Someone thinks an entry is wrong: a shop (``shop`` set) or a product (``product`` set, ``shop``
    empty; the product's shop is ``product.shop``).
    """

    class Reason(models.TextChoices):
        WRONG_INFORMATION = "wrong_information", _("The information is wrong")
        CLOSED = "closed", _("The shop has closed for good")
        INAPPROPRIATE = "inappropriate", _("Inappropriate content")
        NOT_LOCAL = "not_local", _("Not a shop in the region")
        UNSAFE = "unsafe", _("The product is unsafe or illegal")
        OTHER = "other", _("Something else")

    # Which reasons the public form offers for which kind of entry.
    SHOP_REASONS = (
        Reason.WRONG_INFORMATION,
        Reason.CLOSED,
        Reason.INAPPROPRIATE,
        Reason.NOT_LOCAL,
        Reason.OTHER,
    )
    PRODUCT_REASONS = (Reason.WRONG_INFORMATION, Reason.UNSAFE, Reason.INAPPROPRIATE, Reason.OTHER)

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        RESOLVED = "resolved", _("resolved")
        DISMISSED = "dismissed", _("dismissed")

    shop = models.ForeignKey(
        "directory.Shop",
        verbose_name=_("shop"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reason = models.CharField(_("reason"), max_length=30, choices=Reason.choices)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_reports",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    resolution_note = models.TextField(_("resolution note"), blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [models.Index(fields=["status", "created_at"], name="report_status_created")]

    def __str__(self) -> str:
        if self.product_id and self.product:
            subject = self.product.name
        else:
            subject = self.shop.name if self.shop_id and self.shop else "–"
        return f"{subject}: {self.get_reason_display()} ({self.created_at:%d.%m.%Y})"
