"""Public views of the moderation: "report this entry" (a shop or a product) and the thank-you pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from marktplatz.catalog.models import Product
from marktplatz.core.views import is_rate_limited, rate_limited
from marktplatz.directory.models import Shop

from .forms import ProductReportForm, ReportForm
from .services import report_create, report_product_create

# Reports per IP address and hour (shops and products together); generous for people, tight for scripts.
REPORT_RATE = "5/h"
REPORT_RATE_GROUP = "moderation.report"


@never_cache
@ratelimit(group=REPORT_RATE_GROUP, key="ip", rate=REPORT_RATE, method="POST", block=False)
def report_shop(request: HttpRequest, slug: str) -> HttpResponse:
    shop = get_object_or_404(Shop.objects.published(), slug=slug)
    if request.method == "POST":
        if is_rate_limited(request):
            return rate_limited(request)
        form = ReportForm(request.POST)
        if form.is_valid():
            if not form.is_spam():
                report_create(
                    shop=shop,
                    reason=form.cleaned_data["reason"],
                    message=form.cleaned_data["message"],
                    contact_email=form.cleaned_data["contact_email"],
                )
            return redirect("moderation:report_shop_thanks", slug=shop.slug)
    else:
        form = ReportForm()
    return render(request, "moderation/report_form.html", {"shop": shop, "form": form})


def report_shop_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    shop = get_object_or_404(Shop.objects.published(), slug=slug)
    return render(request, "moderation/report_thanks.html", {"shop": shop})


def _reportable_product(product_id: int) -> Product:
    return get_object_or_404(Product.objects.visible().select_related("shop"), pk=product_id)


@never_cache
@ratelimit(group=REPORT_RATE_GROUP, key="ip", rate=REPORT_RATE, method="POST", block=False)
def report_product(request: HttpRequest, product_id: int) -> HttpResponse:
    product = _reportable_product(product_id)
    if request.method == "POST":
        if is_rate_limited(request):
            return rate_limited(request)
        form = ProductReportForm(request.POST)
        if form.is_valid():
            if not form.is_spam():
                report_product_create(
                    product=product,
                    reason=form.cleaned_data["reason"],
                    message=form.cleaned_data["message"],
                    contact_email=form.cleaned_data["contact_email"],
                )
            return redirect("moderation:report_product_thanks", product_id=product.pk)
    else:
        form = ProductReportForm()
    return render(request, "moderation/report_product_form.html", {"product": product, "form": form})


def report_product_thanks(request: HttpRequest, product_id: int) -> HttpResponse:
    return render(
        request, "moderation/report_product_thanks.html", {"product": _reportable_product(product_id)}
    )
