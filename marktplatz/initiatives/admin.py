"""The operator's admin for initiatives: create them, name their managers, look after memberships."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Initiative, InitiativeManager, InitiativeMembership


def _record_decision(request: HttpRequest, membership: InitiativeMembership, changed: list[str]) -> None:
    """When the operator changes a membership's status, note when and by whom (as a manager's decision)."""
    if "status" not in changed:
        return
    if membership.status == InitiativeMembership.Status.REQUESTED:
        membership.decided_at, membership.decided_by = None, None
    elif request.user.is_authenticated:
        membership.decided_at, membership.decided_by = timezone.now(), request.user


class InitiativeManagerInline(admin.TabularInline):
    model = InitiativeManager
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "created_at")
    readonly_fields = ("created_at",)


class InitiativeMembershipInline(admin.TabularInline):
    model = InitiativeMembership
    extra = 0
    autocomplete_fields = ("shop",)
    fields = ("shop", "status", "requested_at", "decided_at", "decided_by")
    readonly_fields = ("requested_at", "decided_at", "decided_by")
    ordering = ("status", "shop__name")


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "status", "confirmed_members", "pending_requests", "created_at")
    list_filter = ("status",)
    search_fields = ("name", "region", "email")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "slug", "status", "region", "description", "logo")}),
        (_("Contact"), {"fields": ("website", "email")}),
        (_("History"), {"fields": ("created_at", "updated_at")}),
    )
    inlines = (InitiativeManagerInline, InitiativeMembershipInline)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is InitiativeMembership:
            for inline_form in formset.forms:
                if inline_form.instance and inline_form.has_changed():
                    _record_decision(request, inline_form.instance, inline_form.changed_data)
        super().save_formset(request, form, formset, change)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Initiative]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_count=Count(
                    "memberships", filter=Q(memberships__status=InitiativeMembership.Status.CONFIRMED)
                ),
                pending_count=Count(
                    "memberships", filter=Q(memberships__status=InitiativeMembership.Status.REQUESTED)
                ),
            )
        )

    @admin.display(description=_("members"), ordering="confirmed_count")
    def confirmed_members(self, initiative: Initiative) -> int:
        return int(getattr(initiative, "confirmed_count", 0))

    @admin.display(description=_("open requests"), ordering="pending_count")
    def pending_requests(self, initiative: Initiative) -> int:
        return int(getattr(initiative, "pending_count", 0))


@admin.register(InitiativeMembership)
class InitiativeMembershipAdmin(admin.ModelAdmin):
    list_display = ("shop", "initiative", "status", "requested_at", "decided_at")
    list_filter = ("status", "initiative")
    list_select_related = ("shop", "initiative")
    search_fields = ("shop__name", "initiative__name")
    autocomplete_fields = ("shop", "initiative")
    readonly_fields = ("requested_at", "requested_by", "decided_at", "decided_by")
    date_hierarchy = "requested_at"

    def save_model(
        self, request: HttpRequest, obj: InitiativeMembership, form: forms.ModelForm[Any], change: bool
    ) -> None:
        _record_decision(request, obj, form.changed_data)
        super().save_model(request, obj, form, change)
