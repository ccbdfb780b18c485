"""Scheduled work of the meetings app: close silence procedures and written consultations at their deadline,
remind owners of action points, warn of chair terms ending and of a quarter without a Network meeting.

Celery beat runs `tick` every 15 minutes (`meetings.tasks.tick`); without a broker, cron runs `mignet tick`.
Each notice is recorded in `core.SentNotice` under a unique key, in the same transaction that queues its
e-mail, so running the work twice (or two runners at once) sends nothing twice."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from mignet.core.choices import Role
from mignet.core.models import SentNotice
from mignet.network import choices as nc
from mignet.network.models import Body, ChairTerm, Network, RoleAssignment

from . import choices as c
from . import notify, selectors, services
from .models import ActionPoint, Decision

REMINDER_DAYS = 7


def _once(key: str, send: Callable[[], int]) -> bool:
    """Record `key` and run `send` in one transaction; False if the key was already recorded or nobody
    was there to receive the notice (then nothing is recorded, so it is tried again next time)."""
    with transaction.atomic():
        _notice, created = SentNotice.objects.get_or_create(key=key)
        if not created:
            return False
        if not send():
            transaction.set_rollback(True)
            return False
    return True


def _today(network: Network, now: datetime.datetime) -> datetime.date:
    """The date in the network's time zone at `now`."""
    with timezone.override(network.time_zone):
        return timezone.localdate(now)


def decisions_settle_due(now: datetime.datetime | None = None) -> int:
    """Close open decisions whose deadline has passed (silence procedures, written consultations); an
    adopted decision applies its effect. Returns how many were closed."""
    now = now or timezone.now()
    due = Decision.objects.filter(status=c.DecisionStatus.OPEN, deadline__isnull=False, deadline__lte=now)
    closed = 0
    for decision in due.order_by("deadline", "pk"):
        if not services.decision_settle(instance=decision, now=now).is_open:
            closed += 1
    return closed


def action_point_reminders(now: datetime.datetime | None = None) -> int:
    """E-mail the owner of each open action point 7 days before its due date and on the day. The key holds
    the due date, so a moved due date re-arms both reminders. Returns how many reminders were queued."""
    now = now or timezone.now()
    sent = 0
    for network in Network.objects.order_by("pk"):
        today = _today(network, now)
        action_points = (
            ActionPoint.objects.filter(
                network=network,
                status__in=c.OPEN_ACTION_STATUSES,
                due_date__gte=today,
                due_date__lte=today + datetime.timedelta(days=REMINDER_DAYS),
                body__deleted_at__isnull=True,
            )
            .select_related("network", "body", "owner_organisation", "owner_person")
            .order_by("due_date", "pk")
        )
        for action_point in action_points:
            days_left = (action_point.due_date - today).days
            kind = "due" if days_left == 0 else "week"
            key = f"meetings:action-point:{action_point.pk}:{action_point.due_date.isoformat()}:{kind}"
            if _once(key, lambda ap=action_point, d=days_left: notify.action_point_reminder(ap, days_left=d)):
                sent += 1
    return sent


def chair_term_alerts(now: datetime.datetime | None = None) -> int:
    """Warn the secretariat and the body when a current chair term ends within
    MIGNET_CHAIR_TERM_ALERT_DAYS and no later term has been selected in that body; once per term."""
    now = now or timezone.now()
    sent = 0
    for network in Network.objects.order_by("pk"):
        today = _today(network, now)
        horizon = today + datetime.timedelta(days=settings.MIGNET_CHAIR_TERM_ALERT_DAYS)
        terms = list(
            ChairTerm.objects.filter(
                network=network,
                start_date__lte=today,
                end_date__gte=today,
                end_date__lte=horizon,
                body__deleted_at__isnull=True,
            )
            .filter(Body.active_q(today, prefix="body__"))
            .exclude(body__chair_arrangement=nc.ChairArrangement.COORDINATOR)
            .select_related("network", "body__network", "organisation")
            .order_by("end_date", "pk")
        )
        if not terms:
            continue
        latest = dict(
            ChairTerm.objects.filter(body_id__in={t.body_id for t in terms})
            .order_by()
            .values_list("body_id")
            .annotate(latest=Max("start_date"))
        )
        for term in terms:
            if latest.get(term.body_id, term.start_date) > term.start_date:
                continue  # a successor is already selected
            key = f"meetings:chair-term-ending:{term.pk}:{term.end_date.isoformat()}"
            if _once(key, lambda t=term: notify.chair_term_alert(t)):
                sent += 1
    return sent


def cadence_alerts(now: datetime.datetime | None = None) -> int:
    """E-mail each network's secretariat, once per quarter, when the current quarter has no Network meeting
    scheduled and ends within MIGNET_CADENCE_ALERT_DAYS (the cadence's "alert" state)."""
    now = now or timezone.now()
    sent = 0
    for network in Network.objects.order_by("pk"):
        reader = (
            RoleAssignment.objects.filter(network=network, role=Role.SECRETARIAT, user__is_active=True)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if reader is None:
            continue  # nobody to tell
        with timezone.override(network.time_zone):
            today = timezone.localdate(now)
            current = selectors.meeting_cadence(user=reader.user, network=network, quarters=0, today=today)[
                -1
            ]
        if current.state != "alert":
            continue
        key = f"meetings:cadence:{network.pk}:{current.year}-Q{current.number}"
        if _once(key, lambda n=network, q=current: notify.cadence_alert(n, q)):
            sent += 1
    return sent


def tick(now: datetime.datetime | None = None) -> dict[str, int]:
    """Run all the scheduled work once; returns what each part did."""
    from mignet.plans.scheduled import (  # the plans app builds on meetings, not the reverse
        progress_reminders,
        stale_imports_purge,
    )

    now = now or timezone.now()
    return {
        "decisions_settled": decisions_settle_due(now),
        "action_point_reminders": action_point_reminders(now),
        "chair_term_alerts": chair_term_alerts(now),
        "cadence_alerts": cadence_alerts(now),
        "progress_reminders": progress_reminders(now),
        "stale_imports_purged": stale_imports_purge(now),
    }
