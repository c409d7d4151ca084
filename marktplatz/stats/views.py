"""The operator's statistics page (staff only) and its tables as CSV files."""

from __future__ import annotations

import csv

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .selectors import TABLE_KEYS, stats_dashboard, stats_table

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: str | int) -> str | int:
    """Defuse text a spreadsheet would run as a formula (search terms come from the public)."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _include_demo(request: HttpRequest) -> bool:
    return request.GET.get("demo") == "1"


@never_cache
@require_GET
@staff_member_required
def dashboard(request: HttpRequest) -> HttpResponse:
    include_demo = _include_demo(request)
    return render(
        request,
        "stats/dashboard.html",
        {
            **admin.site.each_context(request),
            "title": gettext("Statistics"),
            "dashboard": stats_dashboard(include_demo=include_demo),
            "include_demo": include_demo,
        },
    )


@never_cache
@require_GET
@staff_member_required
def dashboard_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One table as CSV for spreadsheets (semicolons and a BOM, as German Excel expects)."""
    if table not in TABLE_KEYS:
        raise Http404
    data = stats_table(key=table, include_demo=_include_demo(request))
    filename = f"marktplatz-{data.key}-{timezone.localdate():%Y-%m-%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([data.label_header, *data.extra_headers, data.count_header])
    for row in data.rows:
        writer.writerow([_csv_cell(row.label), *(_csv_cell(cell) for cell in row.extra), row.count])
    return response
