"""
Cookie-free counters for the operator: page views per shop (and per product) and day, searches
without results.

Nothing personal is stored: no IP address, no user agent, no session — only a date and a count.
The rules that write these rows live in ``services.py``; the reads in ``selectors.py``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ShopPageViewDay(models.Model):
    """How often a shop's public page was viewed on one day (Europe/Berlin)."""

    shop = models.ForeignKey(
        "directory.Shop",
        verbose_name=_("shop"),
        on_delete=models.CASCADE,
        related_name="page_view_days",
    )
    date = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("page views"), default=0)

    class Meta:
        verbose_name = _("page views of a day")
        verbose_name_plural = _("page views per day")
        constraints = [models.UniqueConstraint(fields=["shop", "date"], name="unique_shop_page_view_day")]
        indexes = [models.Index(fields=["date", "shop"], name="page_view_day_date")]

    def __str__(self) -> str:
        return f"{self.shop_id} {self.date}: {self.count}"


class ProductPageViewDay(models.Model):
    """How often a product's public page was viewed on one day (Europe/Berlin)."""

    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="page_view_days",
    )
    date = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("page views"), default=0)

    class Meta:
        verbose_name = _("product page views of a day")
        verbose_name_plural = _("product page views per day")
        constraints = [
            models.UniqueConstraint(fields=["product", "date"], name="unique_product_page_view_day")
        ]
        indexes = [models.Index(fields=["date", "product"], name="product_view_day_date")]

    def __str__(self) -> str:
        return f"{self.product_id} {self.date}: {self.count}"


class SearchMiss(models.Model):
    """A normalised search that found nothing, counted per day and place of the search."""

    class Kind(models.TextChoices):
        SHOP = "shop", _("shops")
        PRODUCT = "product", _("products")

    kind = models.CharField(_("searched for"), max_length=20, choices=Kind.choices)
    query = models.CharField(_("search terms"), max_length=100)
    where = models.CharField(_("place"), max_length=100, blank=True)
    date = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        constraints = [
            models.UniqueConstraint(fields=["kind", "query", "where", "date"], name="unique_search_miss_day")
        ]
        indexes = [models.Index(fields=["date", "kind"], name="search_miss_date_kind")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.query} ({self.where}) {self.date}: {self.count}"
