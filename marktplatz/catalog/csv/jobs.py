"""
The life of an ``ImportJob``: uploaded → previewed (every row checked, nothing written) →
running → done, or failed when the file as a whole cannot be read.

Both passes run as background tasks (``csv/tasks.py``), enqueued after the commit; they write
counts and progress after every batch so that the job page can show a progress bar. The
messages of a job (row problems, the error report) are in the language of the person who
uploaded it. After the import the uploaded file is deleted; the error report stays.
"""

from __future__ import annotations

import io
import logging
import tempfile
import uuid
from collections.abc import Callable
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marktplatz.accounts.models import User
from marktplatz.directory.models import Shop

from ..models import ImportJob
from .importer import ImportResult, import_stream
from .reader import FileError, open_csv
from .storage import private_storage

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 100 * 1024 * 1024
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}


def import_jobs_of_shop(*, shop: Shop) -> QuerySet[ImportJob]:
    """The imports of ``shop``, newest first (for a shop obtained through ``access_shop``)."""
    return ImportJob.objects.filter(shop=shop).order_by("-created_at", "-pk")


def access_import_job(*, shop: Shop, job_id: int) -> ImportJob:
    """The import ``job_id`` of ``shop``; ``Http404`` for a missing job and another shop's alike."""
    job = import_jobs_of_shop(shop=shop).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job


def import_file_check(*, file: IO[bytes]) -> None:
    """
    Raise ``ValidationError`` unless ``file`` can be read as a product CSV (encoding, delimiter,
    known columns): checked at upload so the owner learns it at once. Reads only the header line
    (after the encoding scan); leaves the file at its start.
    """
    try:
        source = open_csv(file)
    except FileError as error:
        raise ValidationError(str(error), code="unreadable") from error
    source.release()
    file.seek(0)


@transaction.atomic
def import_job_create(*, shop: Shop, user: User, file: UploadedFile) -> ImportJob:
    """Store the upload under a random private name and check it in the background."""
    job = ImportJob(
        shop=shop,
        created_by=user,
        original_name=(file.name or "")[:255],
        language=translation.get_language() or "de",
    )
    job.file.save("upload.csv", file, save=False)
    job.save()
    transaction.on_commit(lambda: _enqueue("preview", job.pk))
    return job


def import_job_start(*, job: ImportJob) -> ImportJob:
    """Import a checked file (in the background); only a job waiting after its preview can start."""
    started = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.PREVIEWED).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now(), processed_rows=0, progress=0
    )
    if not started:
        raise ValidationError(_("This import has already been started."), code="not_previewed")
    transaction.on_commit(lambda: _enqueue("run", job.pk))
    job.refresh_from_db()
    return job


def _enqueue(kind: str, job_id: int) -> None:
    from . import tasks

    task = tasks.import_job_preview_task if kind == "preview" else tasks.import_job_run_task
    task.enqueue(job_id=job_id)


def import_job_preview(*, job_id: int) -> None:
    """The dry run of an uploaded job: every row's outcome, nothing written (called by the task)."""
    job = ImportJob.objects.select_related("shop").filter(pk=job_id, status=ImportJob.Status.UPLOADED).first()
    if job is not None:
        _pass(job, dry_run=True)


def import_job_run(*, job_id: int) -> None:
    """The import of a started job (called by the task)."""
    job = ImportJob.objects.select_related("shop").filter(pk=job_id, status=ImportJob.Status.RUNNING).first()
    if job is not None:
        _pass(job, dry_run=False)


def _pass(job: ImportJob, *, dry_run: bool) -> None:
    with translation.override(job.language), tempfile.TemporaryFile() as report_file:
        report_text = io.TextIOWrapper(report_file, encoding="utf-8-sig", newline="")
        try:
            with private_storage().open(job.file.name or "", "rb") as upload:
                binary: IO[bytes] = upload.file  # type: ignore[assignment]
                size = max(job.file.size, 1)
                result = import_stream(
                    shop=job.shop,
                    binary=binary,
                    dry_run=dry_run,
                    report=report_text,
                    on_batch=_progress_writer(job, dry_run=dry_run, size=size, position=binary.tell),
                )
        except FileError as error:
            _fail(job, str(error))
            return
        except Exception:
            logger.exception("Import job %s failed", job.pk)
            _fail(job, _internal_error_message(job, dry_run=dry_run))
            return
        report_text.flush()
        report_text.detach()
        _finish(job, result, report_file if result.rejected else None)


def _progress_writer(
    job: ImportJob, *, dry_run: bool, size: int, position: Callable[[], int]
) -> Callable[[ImportResult], None]:
    def write(result: ImportResult) -> None:
        if dry_run:  # the number of rows is not known yet: by the bytes read
            progress = min(99, position() * 100 // size)
        else:
            progress = min(99, result.total * 100 // max(job.total_rows, 1))
        ImportJob.objects.filter(pk=job.pk).update(
            processed_rows=result.total,
            progress=progress,
            created_count=result.created,
            updated_count=result.updated,
            unchanged_count=result.unchanged,
            rejected_count=result.rejected,
        )

    return write


def _internal_error_message(job: ImportJob, *, dry_run: bool) -> str:
    if dry_run:
        return _("The file could not be checked because of an error on our side. Please try again later.")
    job.refresh_from_db(fields=["processed_rows"])
    return _(
        "The import stopped because of an error on our side after %(count)s rows; these rows are saved. "
        "Please upload the file again later – rows already imported will then be unchanged."
    ) % {"count": job.processed_rows}


def _fail(job: ImportJob, message: str) -> None:
    job.status = ImportJob.Status.FAILED
    job.message = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "finished_at"])


def _finish(job: ImportJob, result: ImportResult, report: IO[bytes] | None) -> None:
    if job.error_report:
        job.error_report.delete(save=False)
    if report is not None:
        report.seek(0)
        job.error_report.save(f"{uuid.uuid4().hex}.csv", File(report), save=False)
    job.total_rows = result.total
    job.processed_rows = result.total
    job.progress = 100
    job.created_count = result.created
    job.updated_count = result.updated
    job.unchanged_count = result.unchanged
    job.rejected_count = result.rejected
    job.encoding = result.encoding
    job.delimiter = result.delimiter
    job.preview = {
        "rows": [row.as_dict() for row in result.first_rows],
        "rejected": [row.as_dict() for row in result.first_rejected],
        "ignored_columns": result.ignored_columns,
    }
    if result.dry_run:
        job.status = ImportJob.Status.PREVIEWED
    else:
        job.status = ImportJob.Status.DONE
        job.finished_at = timezone.now()
        job.file.delete(save=False)  # the price list is not kept longer than needed
    job.save()
