"""E-mail about quarterly progress reports: reminders to the focal points of an organisation that has not
submitted its report (sent by the secretariat, a week before the due date and once it has passed).

Each function queues one message per recipient, in the recipient's language, and returns how many it
queued. People who turned off e-mail notifications on their profile get none."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from mignet.core.choices import Role
from mignet.core.notify import email_enqueue
from mignet.network.models import RoleAssignment

from .selectors.progress import due_date


def focal_points(network_id: int, organisation_id: int) -> list:
    """Active users holding a member role for the organisation who accept e-mail, one per address."""
    rows = (
        RoleAssignment.objects.filter(
            network_id=network_id,
            role=Role.MEMBER,
            organisation_id=organisation_id,
            user__is_active=True,
            user__notify_by_email=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__email")
    )
    seen, users = set(), []
    for row in rows:
        if row.user.email.lower() not in seen:
            seen.add(row.user.email.lower())
            users.append(row.user)
    return users


def _absolute(path: str) -> str:
    from mignet.meetings.ics import base_url

    return base_url() + path


def progress_reminder(*, plan, organisation, year: int, quarter: int, kind: str, recipients=None) -> int:
    """Remind an organisation's focal points to submit their quarterly report. `kind`: "manual" (sent by
    the secretariat), "soon" (due within a week) or "overdue"."""
    recipients = focal_points(plan.network_id, organisation.pk) if recipients is None else recipients
    period = f"{year}-Q{quarter}"
    due = due_date(year, quarter)
    url = _absolute(
        reverse(
            "plans:progressreport-form",
            kwargs={"network": plan.network.slug, "plan_pk": plan.pk, "year": year, "quarter": quarter},
        )
    )
    for user in recipients:
        with translation.override(user.language or "en"):
            if kind == "overdue":
                subject = _("Overdue: quarterly report %(period)s for %(plan)s")
            else:
                subject = _("Reminder: quarterly report %(period)s for %(plan)s is due on %(date)s")
            subject = subject % {
                "period": period,
                "plan": plan.title,
                "date": formats.date_format(due, "j M Y"),
            }
            ctx = {
                "network": plan.network,
                "plan": plan,
                "organisation": organisation,
                "period": period,
                "due": due,
                "kind": kind,
                "recipient": user,
                "url": url,
            }
            message = EmailMultiAlternatives(
                subject=" ".join(subject.split()),
                body=render_to_string("plans/email/progress_reminder.txt", ctx),
                to=[user.email],
            )
            message.attach_alternative(
                render_to_string("plans/email/progress_reminder.html", ctx), "text/html"
            )
            email_enqueue(message)
    return len(recipients)
