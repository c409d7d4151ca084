"""
The operator's admin for the catalog: the product taxonomy (seeded by migration ``0002``) and the
products of all shops, read-only except for hiding one with a reason and showing it again.

Products are the shops' data: the operator does not edit or delete them here. Hiding and showing go
through ``services.moderation`` only, which keeps the search index and the cached pages in step and
tells the shop's owners.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from marktplatz.accounts.models import User

from .models import Product, ProductCategory, ProductVariant
from .services.moderation import (
    OPERATOR_REASON_MAX_LENGTH,
    product_category_save,
    product_hide_by_operator,
    product_unhide_by_operator,
)

# --- Categories -------------------------------------------------------------------------------


class ProductCategoryAdminForm(forms.ModelForm[ProductCategory]):
    """Two levels only: a parent is a main category, and a main category with children stays one."""

    class Meta:
        model = ProductCategory
        fields = ("name", "name_en", "slug", "parent", "is_food", "position", "is_active")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "parent" in self.fields:
            parents = ProductCategory.objects.filter(parent__isnull=True)
            if self.instance.pk:
                parents = parents.exclude(pk=self.instance.pk)
            self.fields["parent"].queryset = parents  # type: ignore[attr-defined]

    def clean_parent(self) -> ProductCategory | None:
        parent: ProductCategory | None = self.cleaned_data.get("parent")
        if parent is not None and self.instance.pk and self.instance.children.exists():
            raise forms.ValidationError(
                _("This category has sub-categories, so it cannot become a sub-category itself.")
            )
        return parent


def _product_count(*, visible_only: bool) -> Subquery:
    """Products of the category or of one of its sub-categories, as a subquery per category row."""
    products = Product.objects.visible() if visible_only else Product.objects.all()
    counted = (
        products.filter(Q(category=OuterRef("pk")) | Q(category__parent=OuterRef("pk")))
        .order_by()
        .annotate(group=Value(1))
        .values("group")  # one group: every row of the subquery
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Subquery(counted, output_field=IntegerField())


@admin.register(ProductCategory)
class ProductCategoryAdmin(admin.ModelAdmin[ProductCategory]):
    form = ProductCategoryAdminForm
    list_display = (
        "name",
        "name_en",
        "parent",
        "is_food",
        "is_active",
        "position",
        "product_count",
        "visible_product_count",
    )
    list_editable = ("position", "is_active")
    list_filter = ("is_active", "is_food", ("parent", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("parent",)
    search_fields = ("name", "name_en", "slug")
    prepopulated_fields = {"slug": ("name",)}
    # Each main category followed by its sub-categories (NULLs sort differently on the two engines).
    ordering = (
        Coalesce("parent__position", "position").asc(),
        Coalesce("parent__name", "name").asc(),
        F("parent").asc(nulls_first=True),
        "position",
        "name",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProductCategory]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                product_count=Coalesce(_product_count(visible_only=False), 0),
                visible_product_count=Coalesce(_product_count(visible_only=True), 0),
            )
        )

    @admin.display(description=_("products (with sub-categories)"), ordering="product_count")
    def product_count(self, category: ProductCategory) -> int:
        return int(getattr(category, "product_count", 0))

    @admin.display(description=_("visible products"), ordering="visible_product_count")
    def visible_product_count(self, category: ProductCategory) -> int:
        return int(getattr(category, "visible_product_count", 0))

    def save_model(
        self, request: HttpRequest, obj: ProductCategory, form: forms.ModelForm[ProductCategory], change: bool
    ) -> None:
        product_category_save(category=obj, changed_fields=form.changed_data)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # A category in use is deactivated, not deleted; no bulk delete.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request: HttpRequest, obj: ProductCategory | None = None) -> bool:
        if obj is not None and (obj.products.exists() or obj.children.exists()):
            return False
        return super().has_delete_permission(request, obj)


# --- Products ---------------------------------------------------------------------------------


class OperatorReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=OPERATOR_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Shown to the shop in its back office and sent to its owners by e-mail."),
        error_messages={
            "required": _("Please give a reason; the shop will see it."),
            "max_length": _("Please keep the reason under %(limit_value)d characters."),
        },
    )


class ProductVariantInline(admin.TabularInline[ProductVariant, Product]):
    model = ProductVariant
    extra = 0
    fields = ("label", "price", "compare_at_price", "sku", "gtin", "stock")
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Product | None = None) -> bool:
        return False


class CategoryListFilter(admin.SimpleListFilter):
    """A main category also finds the products of its sub-categories."""

    title = _("category")
    parameter_name = "category"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        categories = ProductCategory.objects.select_related("parent").order_by(
            "parent__position", "parent__name", "position", "name"
        )
        mains = [category for category in categories if category.parent_id is None]
        children: dict[int, list[ProductCategory]] = {}
        for category in categories:
            if category.parent_id is not None:
                children.setdefault(category.parent_id, []).append(category)
        choices: list[tuple[str, str]] = []
        for main in mains:
            choices.append((str(main.pk), main.label))
            choices += [(str(child.pk), f"– {child.label}") for child in children.get(main.pk, [])]
        return choices

    def queryset(self, request: HttpRequest, queryset: QuerySet[Product]) -> QuerySet[Product]:
        value = self.value()
        if not value or not value.isdigit():
            return queryset
        return queryset.filter(Q(category_id=int(value)) | Q(category__parent_id=int(value)))


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin[Product]):
    change_form_template = "moderation/admin/product_change_form.html"
    list_display = (
        "name",
        "shop_link",
        "category",
        "price",
        "is_active",
        "hidden_by_operator",
        "created_at",
    )
    list_filter = ("hidden_by_operator", "is_active", CategoryListFilter, "shop__is_demo")
    list_select_related = ("shop", "category")
    search_fields = ("name", "shop__name", "=variants__sku", "=variants__gtin")
    search_help_text = _("Product name, shop name, or an exact SKU or GTIN.")
    # No date hierarchy: its list of days scans every product (a million in the benchmark).
    ordering = ("-created_at", "-id")
    list_per_page = 50
    show_full_result_count = False  # counting a million rows twice per page is not worth it
    fieldsets = (
        (
            _("Visibility"),
            {"fields": ("public_link", "is_active", "hidden_by_operator", "operator_reason")},
        ),
        (None, {"fields": ("shop", "name", "description", "category", "created_at", "updated_at")}),
        (
            _("Price and stock"),
            {"fields": ("price", "vat_rate", "quantity", "unit", "stock_mode", "in_stock")},
        ),
        (_("Fulfilment"), {"fields": ("allows_pickup", "allows_delivery", "allows_shipping")}),
        (
            _("Legal information"),
            {
                "fields": (
                    "manufacturer",
                    "manufacturer_address",
                    "product_identifier",
                    "safety_warnings",
                    "ingredients",
                )
            },
        ),
    )
    readonly_fields = (
        "public_link",
        "is_active",
        "hidden_by_operator",
        "operator_reason",
        "shop",
        "name",
        "description",
        "category",
        "created_at",
        "updated_at",
        "price",
        "vat_rate",
        "quantity",
        "unit",
        "stock_mode",
        "in_stock",
        "allows_pickup",
        "allows_delivery",
        "allows_shipping",
        "manufacturer",
        "manufacturer_address",
        "product_identifier",
        "safety_warnings",
        "ingredients",
    )
    inlines = (ProductVariantInline,)
    actions = ("hide_products", "unhide_products")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # products belong to the shops

    def has_delete_permission(self, request: HttpRequest, obj: Product | None = None) -> bool:
        return False  # hide instead; deleting is the shop's decision

    def get_queryset(self, request: HttpRequest) -> QuerySet[Product]:
        return super().get_queryset(request).select_related("shop", "category")

    @admin.display(description=_("shop"), ordering="shop__name")
    def shop_link(self, product: Product) -> str:
        url = reverse("admin:directory_shop_change", args=[product.shop_id])
        return format_html('<a href="{}">{}</a>', url, product.shop.name)

    @admin.display(description=_("public page"))
    def public_link(self, product: Product) -> str:
        if not (product.is_visible and product.shop.is_published):
            return gettext("not visible to customers")
        return format_html(
            '<a href="{}">{}</a>', product.get_absolute_url(), gettext("Open the product page")
        )

    def _operator(self, request: HttpRequest) -> User:
        user = request.user
        assert isinstance(user, User)
        return user

    # --- Hiding several products from the list -------------------------------------------------

    @admin.action(description=_("Hide selected products (asks for a reason)"), permissions=["change"])
    def hide_products(self, request: HttpRequest, queryset: QuerySet[Product]) -> TemplateResponse | None:
        """First call: a page asking for the reason; second call (``apply``): hide them all."""
        if "apply" in request.POST:
            form = OperatorReasonForm(request.POST)
            if form.is_valid():
                reason = form.cleaned_data["reason"]
                done = 0
                for product in queryset.select_related("shop"):
                    product_hide_by_operator(product=product, reason=reason, by=self._operator(request))
                    self.log_change(request, product, gettext("Hidden: %(reason)s") % {"reason": reason})
                    done += 1
                self.message_user(
                    request,
                    ngettext("%(count)d product hidden.", "%(count)d products hidden.", done)
                    % {"count": done},
                    messages.SUCCESS,
                )
                return None
        else:
            form = OperatorReasonForm()
        return self._hide_page(
            request, products=list(queryset.select_related("shop")), form=form, action=True
        )

    @admin.action(description=_("Show selected products again"), permissions=["change"])
    def unhide_products(self, request: HttpRequest, queryset: QuerySet[Product]) -> None:
        done = 0
        for product in queryset.filter(hidden_by_operator=True).select_related("shop"):
            product_unhide_by_operator(product=product, by=self._operator(request))
            self.log_change(request, product, gettext("Shown again"))
            done += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d product is no longer hidden.", "%(count)d products are no longer hidden.", done
            )
            % {"count": done},
            messages.SUCCESS,
        )

    def _hide_page(
        self, request: HttpRequest, *, products: list[Product], form: OperatorReasonForm, action: bool
    ) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Hide products"),
            "opts": self.model._meta,
            "products": products,
            "form": form,
            "is_action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "moderation/admin/hide_products.html", context)

    # --- Hiding one product from its page ------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "<int:product_id>/hide/",
                self.admin_site.admin_view(self.hide_view),
                name="catalog_product_hide",
            ),
            path(
                "<int:product_id>/unhide/",
                self.admin_site.admin_view(self.unhide_view),
                name="catalog_product_unhide",
            ),
        ]
        return [*own, *super().get_urls()]

    def _product_for_change(self, request: HttpRequest, product_id: int) -> Product:
        product = get_object_or_404(Product.objects.select_related("shop"), pk=product_id)
        if not self.has_change_permission(request, product):
            raise PermissionDenied
        return product

    def hide_view(self, request: HttpRequest, product_id: int) -> HttpResponse:
        product = self._product_for_change(request, product_id)
        change_url = reverse("admin:catalog_product_change", args=[product.pk])
        if request.method == "POST":
            form = OperatorReasonForm(request.POST)
            if form.is_valid():
                reason = form.cleaned_data["reason"]
                try:
                    product_hide_by_operator(product=product, reason=reason, by=self._operator(request))
                except ValidationError as error:
                    form.add_error("reason", error)
                else:
                    self.log_change(request, product, gettext("Hidden: %(reason)s") % {"reason": reason})
                    self.message_user(
                        request, gettext("“%(name)s” hidden.") % {"name": product.name}, messages.SUCCESS
                    )
                    return HttpResponseRedirect(change_url)
        else:
            form = OperatorReasonForm(initial={"reason": product.operator_reason})
        return self._hide_page(request, products=[product], form=form, action=False)

    def unhide_view(self, request: HttpRequest, product_id: int) -> HttpResponse:
        product = self._product_for_change(request, product_id)
        change_url = reverse("admin:catalog_product_change", args=[product.pk])
        if request.method != "POST":
            return HttpResponseRedirect(change_url)
        if product.hidden_by_operator:
            product_unhide_by_operator(product=product, by=self._operator(request))
            self.log_change(request, product, gettext("Shown again"))
            self.message_user(
                request, gettext("“%(name)s” is no longer hidden.") % {"name": product.name}, messages.SUCCESS
            )
        return HttpResponseRedirect(change_url)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        extra_context = {**(extra_context or {}), "show_save": False, "show_save_and_continue": False}
        return super().changeform_view(request, object_id, form_url, extra_context)
