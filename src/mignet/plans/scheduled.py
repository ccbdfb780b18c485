"""Scheduled work of the plans app: remind each organisation that has not submitted its quarterly progress
report, once when the due date is a week away and once when it has passed.

`mignet tick` (and the meetings app's Celery `tick`) calls `progress_reminders`. Each reminder is recorded in
`core.SentNotice` under a key naming the plan, organisation, quarter and kind, in the same transaction that
queues its e-mail, so running the work twice sends nothing twice."""

from __future__ import annotations

import datetime

from django.utils import timezone

from mignet.network.models import Network

from . import choices as c
from . import notify_progress
from .models import Plan
from .selectors.progress import (
    due_date,
    latest_ended_quarter,
    quarter_bounds,
    report_organisations_due,
)
from .services.progress import remind_once, reminder_key

SOON_DAYS = 7


def progress_reminders(now: datetime.datetime | None = None) -> int:
    """For the quarter that last ended: remind organisations that have not submitted when its due date is
    at most 7 days away ("soon"), and once it has passed ("overdue"). Returns how many were reminded."""
    now = now or timezone.now()
    sent = 0
    for network in Network.objects.order_by("pk"):
        with timezone.override(network.time_zone):
            today = timezone.localdate(now)
        year, quarter = latest_ended_quarter(today)
        due = due_date(year, quarter)
        if today > due:
            kind = "overdue"
        elif (due - today).days <= SOON_DAYS:
            kind = "soon"
        else:
            continue
        start, end = quarter_bounds(year, quarter)
        plans = Plan.objects.filter(
            network=network, status=c.PlanStatus.APPROVED, start_date__lte=end, end_date__gte=start
        ).select_related("network")
        period = f"{year}-Q{quarter}"
        for plan in plans.order_by("pk"):
            for organisation in report_organisations_due(plan=plan, year=year, quarter=quarter):
                key = reminder_key(plan.pk, organisation.pk, period, kind)
                if remind_once(
                    key,
                    lambda p=plan, o=organisation, y=year, q=quarter, k=kind: (
                        notify_progress.progress_reminder(plan=p, organisation=o, year=y, quarter=q, kind=k)
                    ),
                ):
                    sent += 1
    return sent


IMPORT_MAX_AGE = datetime.timedelta(hours=24)


def stale_imports_purge(now: datetime.datetime | None = None) -> int:
    """Delete uploaded workbooks whose preview was never applied, once their 24-hour token has expired
    (not those an import job still waits for or is reading)."""
    from django.core.files.storage import default_storage

    from .models import ImportJob
    from .views.transfer import IMPORT_DIR

    now = now or timezone.now()
    try:
        _dirs, files = default_storage.listdir(IMPORT_DIR)
    except (FileNotFoundError, NotImplementedError):
        return 0
    removed = 0
    active = set(
        ImportJob.objects.filter(status__in=[c.ImportStatus.QUEUED, c.ImportStatus.RUNNING]).values_list(
            "file_name", flat=True
        )
    )
    for name in files:
        path = f"{IMPORT_DIR}/{name}"
        if path in active:
            continue
        try:
            modified = default_storage.get_modified_time(path)
        except (FileNotFoundError, NotImplementedError):
            continue
        if now - modified > IMPORT_MAX_AGE:
            default_storage.delete(path)
            removed += 1
    return removed
