"""
CSV import and export of a shop's products in the back office (format: ``docs/csv-format.md``).

Upload (checked at once) → job page: while the preview or the import runs it shows a progress
bar, refreshed by htmx every second (without JavaScript: a "refresh" link); then the preview
with every row's outcome and the "Import now" button, and finally the result with the error
report. Every view gets the shop through ``access_shop`` (``shop_view``) and the job through
``access_import_job``, so another shop's job is a 404 like a missing one.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from marktplatz.directory.models import Shop
from marktplatz.directory.views.backoffice import backoffice_context, request_user, shop_view

from ..csv import format as fmt
from ..csv.exporter import export_lines, header_row, line_writer
from ..csv.importer import Outcome
from ..csv.jobs import (
    ENCODING_NAMES,
    access_import_job,
    import_job_create,
    import_job_start,
    import_jobs_of_shop,
)
from ..csv.storage import private_storage
from ..forms.imports import ImportUploadForm
from ..models import ImportJob

RECENT_JOBS = 5


@shop_view()
def products_import(request: HttpRequest, shop: Shop) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = import_job_create(shop=shop, user=request_user(request), file=form.cleaned_data["file"])
        return redirect("catalog:products_import_job", shop_id=shop.pk, job_id=job.pk)
    context = backoffice_context(
        request,
        shop,
        "products",
        form=form,
        columns=fmt.COLUMNS,
        language=get_language() or "de",
        jobs=list(import_jobs_of_shop(shop=shop)[:RECENT_JOBS]),
    )
    return render(request, "catalog/backoffice/import.html", context, status=400 if form.errors else 200)


def _outcome_label(outcome: str) -> str:
    return {
        Outcome.CREATED: _("new"),
        Outcome.UPDATED: _("changed"),
        Outcome.UNCHANGED: _("unchanged"),
        Outcome.REJECTED: _("error"),
    }.get(Outcome(outcome), outcome)


def _job_context(request: HttpRequest, shop: Shop, job: ImportJob) -> dict[str, object]:
    preview = job.preview or {}
    return backoffice_context(
        request,
        shop,
        "products",
        job=job,
        encoding_name=ENCODING_NAMES.get(job.encoding, job.encoding),
        delimiter_name={";": _("semicolon"), ",": _("comma"), "\t": _("tab")}.get(
            job.delimiter, job.delimiter
        ),
        rows=[{**row, "outcome_label": _outcome_label(row["outcome"])} for row in preview.get("rows", [])],
        rejected_rows=preview.get("rejected", []),
        ignored_columns=preview.get("ignored_columns", []),
    )


@shop_view()
def products_import_job(request: HttpRequest, shop: Shop, job_id: int) -> HttpResponse:
    job = access_import_job(shop=shop, job_id=job_id)
    return render(request, "catalog/backoffice/import_job.html", _job_context(request, shop, job))


@shop_view()
def products_import_progress(request: HttpRequest, shop: Shop, job_id: int) -> HttpResponse:
    """The progress bar alone, polled by htmx; once the job stops working the whole page reloads."""
    job = access_import_job(shop=shop, job_id=job_id)
    response = render(request, "catalog/backoffice/import_progress.html", _job_context(request, shop, job))
    if not job.is_working:
        response["HX-Refresh"] = "true"
    return response


@shop_view(post_only=True)
def products_import_start(request: HttpRequest, shop: Shop, job_id: int) -> HttpResponse:
    job = access_import_job(shop=shop, job_id=job_id)
    try:
        import_job_start(job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("catalog:products_import_job", shop_id=shop.pk, job_id=job.pk)


@shop_view()
def products_import_report(request: HttpRequest, shop: Shop, job_id: int) -> HttpResponseBase:
    """The rejected rows of a job as CSV: only through the shop, never under a public URL."""
    job = access_import_job(shop=shop, job_id=job_id)
    if not job.error_report:
        return redirect("catalog:products_import_job", shop_id=shop.pk, job_id=job.pk)
    filename = _("import-errors-%(id)s.csv") % {"id": job.pk}
    response = FileResponse(
        private_storage().open(job.error_report.name or "", "rb"),
        as_attachment=True,
        filename=filename,
        content_type="text/csv; charset=utf-8",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@shop_view()
def products_import_template(request: HttpRequest, shop: Shop) -> HttpResponse:
    """An empty file with all column names (and one example row) to fill in with Excel."""
    language = get_language() or "de"
    response = HttpResponse("".join(_template_lines(language)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="{}"'.format(_("products-template.csv"))
    return response


def _template_lines(language: str) -> list[str]:
    example = {
        "name": _("Rapeseed honey"),
        "price": "6,50" if language.startswith("de") else "6.50",
        "vat_rate": "7",
        "sku": "HON-500",
        "stock": "12",
        "stock_mode": fmt.format_stock_mode("tracked", language=language),
        "quantity": "500",
        "unit": "g",
        "is_active": fmt.format_boolean(True, language=language),
    }
    cells = [example.get(column.key, "") for column in fmt.COLUMNS]
    writer = line_writer()
    return ["\ufeff" + writer.writerow(header_row(language=language)), writer.writerow(cells)]


@shop_view()
def products_export(request: HttpRequest, shop: Shop) -> HttpResponseBase:
    """All products of the shop as CSV (UTF-8 with BOM, ``;``), streamed row by row."""
    response = StreamingHttpResponse(
        export_lines(shop=shop, language=get_language() or "de"), content_type="text/csv; charset=utf-8"
    )
    filename = _("products-%(slug)s.csv") % {"slug": shop.slug}
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


_PREFIX = "meine-geschaefte/<int:shop_id>/produkte/"
urlpatterns = [
    path(f"{_PREFIX}import/", products_import, name="products_import"),
    path(f"{_PREFIX}import/vorlage.csv", products_import_template, name="products_import_template"),
    path(f"{_PREFIX}import/<int:job_id>/", products_import_job, name="products_import_job"),
    path(
        f"{_PREFIX}import/<int:job_id>/fortschritt/",
        products_import_progress,
        name="products_import_progress",
    ),
    path(f"{_PREFIX}import/<int:job_id>/starten/", products_import_start, name="products_import_start"),
    path(
        f"{_PREFIX}import/<int:job_id>/fehlerbericht.csv",
        products_import_report,
        name="products_import_report",
    ),
    path(f"{_PREFIX}export.csv", products_export, name="products_export"),
]
