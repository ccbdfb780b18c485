"""Celery tasks of the plans app; they only call the scheduled work in `scheduled.py`, which is safe to run
twice. The meetings app's `tick` (every 15 minutes) already runs it; this task runs it on its own."""

from __future__ import annotations

from celery import shared_task

from . import scheduled


@shared_task(name="mignet.plans.tasks.progress_reminders")
def progress_reminders() -> int:
    """Remind organisations whose quarterly progress report is due within a week or overdue."""
    return scheduled.progress_reminders()


@shared_task(name="mignet.plans.tasks.import_apply", acks_late=True)
def import_apply(job_id: int) -> str:
    """Apply a queued Excel import (plans.services.transfer.plan_import_run); returns its final status."""
    from .models import ImportJob
    from .services.transfer import plan_import_run

    job = ImportJob.all_objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    return plan_import_run(job).status
