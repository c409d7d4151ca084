"""
``/sitemap.xml``: the published shops and initiatives and the static pages, for search engines.

Addresses are built from ``settings.SITE_URL`` (like the canonical links of the pages), not from
the request's host, so the sitemap names the same URLs the pages call canonical.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.contrib.sites.requests import RequestSite
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

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
            "initiatives:list",
            "core:about",
            "core:ranking",
            "core:imprint",
            "core:privacy",
            "core:accessibility",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {
    "pages": StaticPageSitemap,
    "shops": ShopSitemap,
    "initiatives": InitiativeSitemap,
}


def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """The sitemap of the whole site (one file; Django splits into pages only above 50,000 entries)."""
    return sitemap(request, sitemaps=SITEMAPS)
