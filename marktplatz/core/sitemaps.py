"""
``/sitemap.xml``: the published shops and initiatives, the visible products and the static pages,
for search engines.

Addresses are built from ``settings.SITE_URL`` (like the canonical links of the pages), not from
the request's host, so the sitemap names the same URLs the pages call canonical. A sitemap file
holds at most 50,000 addresses: while everything fits, ``/sitemap.xml`` is one file; beyond that it
becomes a sitemap index pointing to ``/sitemap.xml?section=<name>&p=<page>``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.contrib.sites.requests import RequestSite
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import escape

from marktplatz.catalog.models import Product
from marktplatz.directory.models import Shop
from marktplatz.initiatives.models import Initiative


class _SiteUrl(RequestSite):
    """The ``site`` Django's sitemaps expect, naming the host (and path) of ``settings.SITE_URL``."""

    def __init__(self, domain: str) -> None:
        self.domain = self.name = domain


class _SiteUrlSitemap(Sitemap[Any]):
    """A sitemap whose addresses start with ``settings.SITE_URL``."""

    def get_urls(
        self, page: int | str = 1, site: Any = None, protocol: str | None = None
    ) -> list[dict[str, Any]]:
        parts = urlsplit(settings.SITE_URL)
        site_url = _SiteUrl(domain=f"{parts.netloc}{parts.path}".rstrip("/"))
        return super().get_urls(page=page, site=site_url, protocol=parts.scheme or protocol)


class ShopSitemap(_SiteUrlSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self) -> QuerySet[Shop]:
        return Shop.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, shop: Shop) -> dt.datetime:
        return shop.updated_at


class InitiativeSitemap(_SiteUrlSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> QuerySet[Initiative]:
        return Initiative.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, initiative: Initiative) -> dt.datetime:
        return initiative.updated_at


class StaticPageSitemap(_SiteUrlSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self) -> list[str]:
        return [
            "directory:home",
            "directory:search",
            "catalog:product_search",
            "initiatives:list",
            "core:about",
            "core:ranking",
            "core:imprint",
            "core:privacy",
            "core:accessibility",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class ProductSitemap(_SiteUrlSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> QuerySet[Product]:
        return Product.objects.visible().only("pk", "name", "updated_at").order_by("pk")

    def lastmod(self, product: Product) -> dt.datetime:
        return product.updated_at

    @cached_property
    def paginator(self) -> Paginator[Product]:
        """Counted once per request (Django's counts again on every use)."""
        return Paginator(self.items(), self.limit)


SITEMAPS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {
    "pages": StaticPageSitemap,
    "shops": ShopSitemap,
    "initiatives": InitiativeSitemap,
    "products": ProductSitemap,
}


def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """
    The sitemap of the whole site in one file while every section fits one file (50,000
    addresses); else an index of the sections' pages. ``?section=products&p=2`` is one page.
    """
    section = request.GET.get("section")
    if section is not None:
        if section not in SITEMAPS:
            raise Http404("No such sitemap section.")
        return sitemap(request, sitemaps=SITEMAPS, section=section)
    # Only the products can outgrow one file (10,000 shops fit easily): count them once.
    products = ProductSitemap()
    if products.paginator.num_pages <= 1:
        return sitemap(request, sitemaps={**SITEMAPS, "products": products})
    maps = {name: site() if isinstance(site, type) else site for name, site in SITEMAPS.items()}
    pages = {name: site.paginator.num_pages for name, site in maps.items()}
    base = f"{settings.SITE_URL}{reverse('core:sitemap')}"
    locations = [
        f"{base}?section={name}" + (f"&p={page}" if count > 1 else "")
        for name, count in pages.items()
        for page in range(1, max(count, 1) + 1)
    ]
    body = "".join(f"<sitemap><loc>{escape(location)}</loc></sitemap>" for location in locations)
    return HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>',
        content_type="application/xml",
    )
