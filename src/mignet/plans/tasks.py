"""Celery tasks of the plans app; they only call the scheduled work in `scheduled.py`, which is safe to run
twice. The meetings app's `tick` (every 15 minutes) already runs it; this task runs it on its own."""

from __future__ import annotations

from celery import shared_task

from . import scheduled


@shared_task(name="mignet.plans.tasks.progress_reminders")
def progress_reminders() -> int:
    """Remind organisations whose quarterly progress report is due within a week or overdue."""
    return scheduled.progress_reminders()
