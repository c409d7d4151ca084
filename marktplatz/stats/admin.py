"""The raw counters, read-only, for the operator who wants more than the statistics page shows."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import ProductPageViewDay, SearchMiss, ShopPageViewDay


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return False


@admin.register(SearchMiss)
class SearchMissAdmin(_ReadOnlyAdmin):
    list_display = ("date", "query", "kind", "where", "count")
    list_filter = ("kind", "date")
    search_fields = ("query", "where")
    date_hierarchy = "date"
    ordering = ("-date", "-count")


@admin.register(ShopPageViewDay)
class ShopPageViewDayAdmin(_ReadOnlyAdmin):
    list_display = ("date", "shop", "count")
    list_select_related = ("shop",)
    search_fields = ("shop__name",)
    date_hierarchy = "date"
    ordering = ("-date", "-count")


@admin.register(ProductPageViewDay)
class ProductPageViewDayAdmin(_ReadOnlyAdmin):
    list_display = ("date", "product", "count")
    list_select_related = ("product",)
    search_fields = ("product__name", "product__shop__name")
    date_hierarchy = "date"
    ordering = ("-date", "-count")
