"""Celery tasks of the meetings app. Beat runs `tick` every 15 minutes (settings.CELERY_BEAT_SCHEDULE);
each task only calls the services in `scheduled.py`, which are safe to run twice."""

from __future__ import annotations

from celery import shared_task

from . import scheduled


@shared_task(name="mignet.meetings.tasks.tick")
def tick() -> dict[str, int]:
    """All the meetings app's scheduled work: deadlines, reminders, alerts."""
    return scheduled.tick()


@shared_task(name="mignet.meetings.tasks.decisions_settle_due")
def decisions_settle_due() -> int:
    """Close the decisions whose deadline has passed."""
    return scheduled.decisions_settle_due()


@shared_task(name="mignet.meetings.tasks.action_point_reminders")
def action_point_reminders() -> int:
    """Remind owners of action points due in 7 days or today."""
    return scheduled.action_point_reminders()


@shared_task(name="mignet.meetings.tasks.chair_term_alerts")
def chair_term_alerts() -> int:
    """Warn of chair terms ending without a successor."""
    return scheduled.chair_term_alerts()


@shared_task(name="mignet.meetings.tasks.cadence_alerts")
def cadence_alerts() -> int:
    """Warn the secretariat of a quarter without a Network meeting."""
    return scheduled.cadence_alerts()
