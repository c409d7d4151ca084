"""
The operator's admin for the directory: shops (with their services, hours, photos and managers)
and the category taxonomy. Status changes go through ``services.moderation`` only.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from marktplatz.accounts.models import User

from .models import (
    Category,
    DeliveryPostalCode,
    OpeningHours,
    PaymentMethod,
    ServiceKind,
    Shop,
    ShopLink,
    ShopMembership,
    ShopPhoto,
    ShopService,
    SpecialDay,
)
from .services.moderation import STATUS_REASON_MAX_LENGTH, shop_hide, shop_publish

# --- Shops ------------------------------------------------------------------------------------


class ServiceListFilter(admin.SimpleListFilter):
    title = _("service")
    parameter_name = "service"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return list(ServiceKind.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet[Shop]) -> QuerySet[Shop]:
        if self.value() in ServiceKind.values:
            return queryset.filter(services__kind=self.value())
        return queryset


class ShopServiceInline(admin.StackedInline[ShopService, Shop]):
    model = ShopService
    extra = 0


class OpeningHoursInline(admin.TabularInline[OpeningHours, Shop]):
    model = OpeningHours
    extra = 0


class SpecialDayInline(admin.TabularInline[SpecialDay, Shop]):
    model = SpecialDay
    extra = 0


class ShopPhotoInline(admin.TabularInline[ShopPhoto, Shop]):
    model = ShopPhoto
    extra = 0
    fields = ("image", "alt_text", "position")


class ShopLinkInline(admin.TabularInline[ShopLink, Shop]):
    model = ShopLink
    extra = 0


class DeliveryPostalCodeInline(admin.TabularInline[DeliveryPostalCode, Shop]):
    model = DeliveryPostalCode
    extra = 0


class ShopMembershipInline(admin.TabularInline[ShopMembership, Shop]):
    model = ShopMembership
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)


class ShopAdminForm(forms.ModelForm[Shop]):
    """The payment methods as checkboxes instead of raw JSON."""

    payment_methods = forms.MultipleChoiceField(
        label=Shop._meta.get_field("payment_methods").verbose_name,
        choices=PaymentMethod.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Shop
        fields = ("payment_methods",)  # the admin adds the fields of its fieldsets


class HideReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=STATUS_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Shown to the shop's managers in their back office and sent to them by e-mail."),
        error_messages={"required": _("Please give a reason; the shop's managers will see it.")},
    )


@admin.register(Shop)
class ShopAdmin(admin.ModelAdmin[Shop]):
    form = ShopAdminForm
    list_display = ("name", "locality", "district", "status", "is_demo", "created_at")
    list_filter = ("status", "district", "categories", "is_demo", ServiceListFilter)
    search_fields = ("name", "^postal_code", "email")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("categories",)
    readonly_fields = ("status", "status_reason", "published_at", "created_at", "updated_at")
    fieldsets = (
        (
            _("Status"),
            {"fields": ("status", "status_reason", "is_demo", "published_at", "created_at", "updated_at")},
        ),
        (None, {"fields": ("name", "slug", "description", "categories", "logo")}),
        (
            _("Address"),
            {"fields": ("street", "postal_code", "locality", "district", "lat", "lon", "location_source")},
        ),
        (_("Contact"), {"fields": ("phone", "email", "website")}),
        (
            _("Ordering and payment"),
            {"fields": ("how_to_order", "payment_methods", "closed_on_public_holidays")},
        ),
    )
    inlines = (
        ShopServiceInline,
        OpeningHoursInline,
        SpecialDayInline,
        ShopPhotoInline,
        ShopLinkInline,
        DeliveryPostalCodeInline,
        ShopMembershipInline,
    )
    actions = ("publish_shops", "hide_shops")

    def _operator(self, request: HttpRequest) -> User:
        user = request.user
        assert isinstance(user, User)
        return user

    @admin.action(description=_("Publish selected shops"), permissions=["change"])
    def publish_shops(self, request: HttpRequest, queryset: QuerySet[Shop]) -> None:
        done = 0
        for shop in queryset:
            shop_publish(shop=shop, by=self._operator(request))
            self.log_change(request, shop, gettext("Published"))
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d shop published.", "%(count)d shops published.", done) % {"count": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Hide selected shops (asks for a reason)"), permissions=["change"])
    def hide_shops(self, request: HttpRequest, queryset: QuerySet[Shop]) -> TemplateResponse | None:
        """First call: a page asking for the reason; second call (``apply``): hide them all."""
        if "apply" in request.POST:
            form = HideReasonForm(request.POST)
            if form.is_valid():
                reason = form.cleaned_data["reason"]
                done = 0
                for shop in queryset:
                    shop_hide(shop=shop, reason=reason, by=self._operator(request))
                    self.log_change(request, shop, gettext("Hidden: %(reason)s") % {"reason": reason})
                    done += 1
                self.message_user(
                    request,
                    ngettext("%(count)d shop hidden.", "%(count)d shops hidden.", done) % {"count": done},
                    messages.SUCCESS,
                )
                return None
        else:
            form = HideReasonForm()
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Hide shops"),
            "opts": self.model._meta,
            "shops": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/directory/shop/hide_shops.html", context)


# --- Categories -------------------------------------------------------------------------------


class CategoryAdminForm(forms.ModelForm[Category]):
    class Meta:
        model = Category
        fields = ("name", "name_en", "slug", "parent", "icon", "position", "is_active")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "parent" in self.fields:
            parents = Category.objects.filter(parent__isnull=True)
            if self.instance.pk:
                parents = parents.exclude(pk=self.instance.pk)
            self.fields["parent"].queryset = parents  # type: ignore[attr-defined]

    def clean_parent(self) -> Category | None:
        parent: Category | None = self.cleaned_data.get("parent")
        if parent is not None and self.instance.pk and self.instance.children.exists():
            raise forms.ValidationError(
                _("This category has sub-categories, so it cannot become a sub-category itself.")
            )
        return parent


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    form = CategoryAdminForm
    list_display = ("name", "name_en", "parent", "position", "is_active", "shop_count")
    list_editable = ("position", "is_active")
    list_filter = ("is_active", ("parent", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("parent",)
    search_fields = ("name", "name_en", "slug")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("position", "name")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Category]:
        return super().get_queryset(request).annotate(shop_count=Count("shops", distinct=True))

    @admin.display(description=_("shops"), ordering="shop_count")
    def shop_count(self, category: Category) -> int:
        return int(getattr(category, "shop_count", 0))

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # A category in use is deactivated, not deleted; no bulk delete.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request: HttpRequest, obj: Category | None = None) -> bool:
        if obj is not None and (obj.shops.exists() or obj.children.exists()):
            return False
        return super().has_delete_permission(request, obj)
