"""
Background tasks of the CSV import (queue ``default``): the preview and the import of a job.
They only call ``jobs.py``; with the immediate backend (development, tests) they run at once.
"""

from __future__ import annotations

from django_tasks import task

from . import jobs


@task()
def import_job_preview_task(*, job_id: int) -> None:
    """Check every row of an uploaded file and record what an import would do."""
    jobs.import_job_preview(job_id=job_id)


@task()
def import_job_run_task(*, job_id: int) -> None:
    """Import a checked file in batches, writing the progress after each."""
    jobs.import_job_run(job_id=job_id)
