"""Public views of the moderation: "report this entry" and its thank-you page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from marktplatz.core.views import is_rate_limited, rate_limited
from marktplatz.directory.models import Shop

from .forms import ReportForm
from .services import report_create

# Reports per IP address and hour; generous for people, tight for scripts.
REPORT_RATE = "5/h"


@never_cache
@ratelimit(key="ip", rate=REPORT_RATE, method="POST", block=False)
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
