"""
The operator's admin: the site's titles, the reports and the moderation queue.

The queue (``admin:moderation_queue``, /admin/moderation/report/queue/) lists new shops and open
reports oldest first with one-click actions; every action calls a service and nothing else.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from marktplatz.accounts.models import User
from marktplatz.directory.models import Shop
from marktplatz.directory.services.moderation import shop_hide, shop_publish

from .models import Report
from .selectors import NEW_SHOP_DAYS, moderation_queue
from .services import (
    ReportAlreadyHandledError,
    report_dismiss,
    report_product_hide,
    report_resolve,
    report_shop_hide,
)


def _site_header() -> str:
    return gettext("Marktplatz %(region)s – Operations") % {"region": settings.REGION_SHORT_NAME}


admin.site.site_header = lazy(_site_header, str)()
admin.site.site_title = lazy(_site_header, str)()
admin.site.index_title = _("Operations")
admin.site.index_template = "admin/marktplatz_index.html"


class QueueActionForm(forms.Form):
    """One click in the moderation queue: what to do with which report or shop."""

    ACTIONS = ("resolve", "dismiss", "hide_report_shop", "hide_report_product", "hide_shop", "publish_shop")
    REPORT_ACTIONS = ("resolve", "dismiss", "hide_report_shop", "hide_report_product")

    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    report = forms.IntegerField(required=False)
    shop = forms.IntegerField(required=False)
    reason = forms.CharField(required=False, max_length=1000)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        action = cleaned.get("action", "")
        if action in self.REPORT_ACTIONS and not cleaned.get("report"):
            raise ValidationError("A report is required.")
        if action in ("hide_shop", "publish_shop") and not cleaned.get("shop"):
            raise ValidationError("A shop is required.")
        return cleaned


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    list_display = (
        "created_at",
        "shop_link",
        "product_link",
        "reason",
        "status",
        "contact_email",
        "handled_by",
        "handled_at",
    )
    list_filter = ("status", "reason")
    search_fields = ("shop__name", "product__name", "product__shop__name", "message", "contact_email")
    list_select_related = ("shop", "product", "handled_by")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
    fields = (
        "shop",
        "product",
        "reason",
        "message",
        "contact_email",
        "created_at",
        "status",
        "handled_by",
        "handled_at",
        "resolution_note",
    )
    readonly_fields = (
        "shop",
        "product",
        "reason",
        "message",
        "contact_email",
        "created_at",
        "status",
        "handled_by",
        "handled_at",
    )
    actions = ("resolve_reports", "dismiss_reports")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # Reports come from the public form.

    @admin.display(description=_("shop"), ordering="shop__name")
    def shop_link(self, report: Report) -> str:
        if report.shop is None:
            return "–"
        url = reverse("admin:directory_shop_change", args=[report.shop.pk])
        return format_html('<a href="{}">{}</a>', url, report.shop.name)

    @admin.display(description=_("product"), ordering="product__name")
    def product_link(self, report: Report) -> str:
        if report.product is None:
            return "–"
        url = reverse("admin:catalog_product_change", args=[report.product.pk])
        return format_html('<a href="{}">{}</a>', url, report.product.name)

    def _close_selected(self, request: HttpRequest, queryset: QuerySet[Report], *, dismiss: bool) -> None:
        user = request.user
        assert isinstance(user, User)
        done = 0
        for report in queryset.filter(status=Report.Status.OPEN):
            try:
                if dismiss:
                    report_dismiss(report=report, by=user)
                else:
                    report_resolve(report=report, by=user)
            except ReportAlreadyHandledError:
                continue
            self.log_change(request, report, gettext("Dismissed") if dismiss else gettext("Resolved"))
            done += 1
        message = (
            ngettext("%(count)d report dismissed.", "%(count)d reports dismissed.", done)
            if dismiss
            else ngettext("%(count)d report resolved.", "%(count)d reports resolved.", done)
        )
        self.message_user(request, message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Mark selected reports as resolved"), permissions=["change"])
    def resolve_reports(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        self._close_selected(request, queryset, dismiss=False)

    @admin.action(description=_("Dismiss selected reports"), permissions=["change"])
    def dismiss_reports(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        self._close_selected(request, queryset, dismiss=True)

    # --- The moderation queue --------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        queue = path("queue/", self.admin_site.admin_view(self.queue_view), name="moderation_queue")
        return [queue, *super().get_urls()]

    def queue_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            return self._queue_action(request)
        queue = moderation_queue()
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Moderation queue"),
            "opts": self.model._meta,
            "queue": queue,
            "new_shop_days": NEW_SHOP_DAYS,
            "can_change_reports": self.has_change_permission(request),
            "can_change_shops": request.user.has_perm("directory.change_shop"),
            "can_change_products": request.user.has_perm("catalog.change_product"),
        }
        return TemplateResponse(request, "moderation/admin/queue.html", context)

    def _queue_action(self, request: HttpRequest) -> HttpResponse:
        queue_url = reverse("admin:moderation_queue")
        form = QueueActionForm(request.POST)
        if not form.is_valid():
            self.message_user(request, gettext("That did not work, please try again."), messages.ERROR)
            return HttpResponseRedirect(queue_url)
        user = request.user
        assert isinstance(user, User)
        action = form.cleaned_data["action"]
        reason = form.cleaned_data["reason"]
        if action in QueueActionForm.REPORT_ACTIONS:
            return self._queue_report_action(request, form=form, by=user)

        if not request.user.has_perm("directory.change_shop"):
            raise PermissionDenied
        shop = get_object_or_404(Shop, pk=form.cleaned_data["shop"])
        try:
            if action == "hide_shop":
                shop_hide(shop=shop, reason=reason, by=user)
                done = gettext("“%(name)s” hidden.")
            else:
                shop_publish(shop=shop, by=user)
                done = gettext("“%(name)s” published.")
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(queue_url)
        self.admin_site.get_model_admin(Shop).log_change(request, shop, done % {"name": shop.name})
        self.message_user(request, done % {"name": shop.name}, messages.SUCCESS)
        return HttpResponseRedirect(queue_url)

    def _queue_report_action(self, request: HttpRequest, *, form: QueueActionForm, by: User) -> HttpResponse:
        queue_url = reverse("admin:moderation_queue")
        if not self.has_change_permission(request):
            raise PermissionDenied
        action = form.cleaned_data["action"]
        reason = form.cleaned_data["reason"]
        report = get_object_or_404(
            Report.objects.select_related("shop", "product__shop"), pk=form.cleaned_data["report"]
        )
        if action == "hide_report_shop" and not request.user.has_perm("directory.change_shop"):
            raise PermissionDenied
        if action == "hide_report_product" and not request.user.has_perm("catalog.change_product"):
            raise PermissionDenied
        name = _report_subject(report)
        try:
            if action == "resolve":
                report_resolve(report=report, by=by)
                done = gettext("Report about “%(name)s” resolved.")
            elif action == "dismiss":
                report_dismiss(report=report, by=by)
                done = gettext("Report about “%(name)s” dismissed.")
            elif action == "hide_report_shop":
                report_shop_hide(report=report, reason=reason, by=by)
                done = gettext("“%(name)s” hidden and the report resolved.")
            else:
                report_product_hide(report=report, reason=reason, by=by)
                done = gettext("“%(name)s” hidden and the report resolved.")
        except ReportAlreadyHandledError:
            self.message_user(request, gettext("This report was already handled."), messages.WARNING)
            return HttpResponseRedirect(queue_url)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(queue_url)
        self.log_change(request, report, done % {"name": name})
        self.message_user(request, done % {"name": name}, messages.SUCCESS)
        return HttpResponseRedirect(queue_url)


def _report_subject(report: Report) -> str:
    """What the report is about, for messages: the product's or the shop's name."""
    if report.product is not None:
        return report.product.name
    return report.shop.name if report.shop else "–"
