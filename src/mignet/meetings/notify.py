"""E-mail from the meetings app: invitations with ICS, agenda and minutes circulation, decisions, and the
notices of scheduled work (action-point reminders, chair-term and cadence alerts).

Each function takes ids (it runs after the transaction commits, or inside scheduled work's transaction),
queues one message per recipient, in the recipient's language and time zone, and returns how many it
queued. People who turned off e-mail notifications on their profile get none."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from mignet.accounts.models import User
from mignet.core.choices import Role
from mignet.core.notify import email_enqueue
from mignet.network import choices as nc
from mignet.network.models import Representative, RoleAssignment

from . import choices as c
from . import ics
from .models import ActionPoint, Decision, Meeting, Minutes
from .selectors import body_member_ids


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str = ""
    language: str = "en"
    time_zone: str = ""


# --- Who receives what


def _representatives(body, on: datetime.date) -> list[tuple[str, str]]:
    """Current representatives (with an e-mail) of organisations whose membership of `body` is current."""
    rows = (
        Representative.objects.filter(
            membership__body=body,
            membership__deleted_at__isnull=True,
            membership__status=nc.MembershipStatus.ACTIVE,
            membership__start_date__lte=on,
            start_date__lte=on,
            person__deleted_at__isnull=True,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .filter(Q(membership__end_date__isnull=True) | Q(membership__end_date__gte=on))
        .exclude(person__email="")
        .order_by("person__full_name")
        .values_list("person__email", "person__full_name")
    )
    return list(rows)


def _role_users(network_id: int, role_q: Q) -> list[tuple[str, str]]:
    rows = (
        RoleAssignment.objects.filter(role_q, network_id=network_id, user__is_active=True)
        .order_by("user__email")
        .values_list("user__email", "user__full_name")
    )
    return list(rows)


def chairs(body) -> list[tuple[str, str]]:
    """Users who chair `body`."""
    return _role_users(body.network_id, Q(role=Role.CHAIR, body=body))


def secretariat(network_id: int) -> list[tuple[str, str]]:
    """The network's secretariat users."""
    return _role_users(network_id, Q(role=Role.SECRETARIAT))


def focal_points(network_id: int, organisation_ids: Iterable[int]) -> list[tuple[str, str]]:
    """Users holding a member or partner role for one of these organisations."""
    return _role_users(
        network_id, Q(role__in=(Role.MEMBER, Role.PARTNER), organisation_id__in=list(organisation_ids))
    )


def _recipients(*groups: Iterable[tuple[str, str]]) -> list[Recipient]:
    """One recipient per address (first name seen wins), with the language, zone and consent of the account
    that has the address, if any."""
    wanted: dict[str, str] = {}
    for group in groups:
        for email, name in group:
            email = (email or "").strip()
            if email and email.lower() not in wanted:
                wanted[email.lower()] = (email, name or "")
    if not wanted:
        return []
    accounts = {
        u.email.lower(): u
        for u in User.objects.filter(email__in=list(wanted)).only(
            "email", "language", "time_zone", "notify_by_email", "is_active"
        )
    }
    result = []
    for key, (email, name) in wanted.items():
        user = accounts.get(key)
        if user is not None and not user.notify_by_email:
            continue
        result.append(
            Recipient(
                email=email,
                name=name,
                language=(user.language if user else "") or "en",
                time_zone=(user.time_zone if user else "") or "",
            )
        )
    return result


def body_audience(body, on: datetime.date | None = None) -> list[Recipient]:
    """A body's current representatives and its chairs."""
    on = on or timezone.localdate()
    return _recipients(_representatives(body, on), chairs(body))


def decision_audience(decision: Decision) -> list[Recipient]:
    """Focal points of the body's member organisations, its representatives and its chairs."""
    on = timezone.localdate()
    return _recipients(
        focal_points(decision.network_id, body_member_ids(decision.body, on)),
        _representatives(decision.body, on),
        chairs(decision.body),
    )


# --- Sending


def _send(
    recipients: list[Recipient],
    *,
    network,
    template: str,
    subject,
    context: dict,
    calendar=None,
    localized=None,
) -> int:
    """Queue one message per recipient. `subject(ctx)`, `localized()` (more context) and
    `calendar(recipient)` run in the recipient's language and zone; `calendar` returns
    (filename, content, mimetype) or None."""
    for recipient in recipients:
        zone = recipient.time_zone or network.time_zone
        with translation.override(recipient.language), timezone.override(zone):
            ctx = {**context, "recipient": recipient, "network": network, "time_zone": zone}
            if localized is not None:
                ctx.update(localized())
            message = EmailMultiAlternatives(
                subject=" ".join(str(subject(ctx)).split()),
                body=render_to_string(f"meetings/email/{template}.txt", ctx),
                to=[recipient.email],
            )
            message.attach_alternative(render_to_string(f"meetings/email/{template}.html", ctx), "text/html")
            if calendar is not None:
                attachment = calendar(recipient)
                if attachment is not None:
                    message.attach(*attachment)
            email_enqueue(message)
    return len(recipients)


def _when(meeting: Meeting) -> str:
    """The meeting's date and time in the active zone, e.g. "Tue 14 Oct 2025 10:00–12:00 (Asia/Dhaka)"."""
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    day = formats.date_format(start, "D j M Y")
    if start.date() == end.date():
        span = f"{start:%H:%M}–{end:%H:%M}"
    else:
        span = f"{start:%H:%M} – {formats.date_format(end, 'D j M Y')} {end:%H:%M}"
    return f"{day} {span} ({timezone.get_current_timezone_name()})"


def _short_title(meeting: Meeting) -> str:
    """The meeting's title, or its body's name (the date follows in the subject)."""
    return meeting.title or str(meeting.body)


def _meeting(meeting_id: int) -> Meeting | None:
    return (
        Meeting.all_objects.select_related("network", "body").filter(pk=meeting_id, deleted_at=None).first()
    )


def _agenda(meeting: Meeting) -> list:
    return list(
        meeting.agenda_items.filter(deleted_at__isnull=True)
        .select_related("presenter")
        .order_by("position", "pk")
    )


# --- Meetings


def meeting_invitations(meeting_id: int, *, method: str) -> int:
    """Invite the body's representatives (method REQUEST) or tell them of a cancellation (CANCEL)."""
    meeting = _meeting(meeting_id)
    if meeting is None:
        return 0
    recipients = body_audience(meeting.body)
    attendees = [(r.email, r.name) for r in recipients]
    agenda = _agenda(meeting)
    if method == "CANCEL":
        kind = "cancelled"
    elif meeting.sequence > 0:
        kind = "updated"
    else:
        kind = "invitation"

    def subject(ctx):
        when = _when(meeting)
        if kind == "cancelled":
            return _("Cancelled: %(meeting)s, %(when)s") % {"meeting": ctx["title"], "when": when}
        if kind == "updated":
            return _("Updated: %(meeting)s, %(when)s") % {"meeting": ctx["title"], "when": when}
        return _("Invitation: %(meeting)s, %(when)s") % {"meeting": ctx["title"], "when": when}

    def calendar(recipient):
        content = ics.meeting_ics(meeting, method=method, attendees=attendees).decode()
        filename = "cancel.ics" if method == "CANCEL" else "invite.ics"
        return (filename, content, f"text/calendar; method={method}")

    return _send(
        recipients,
        network=meeting.network,
        template="meeting_invitation",
        subject=subject,
        context={
            "meeting": meeting,
            "title": _short_title(meeting),
            "kind": kind,
            "agenda_items": agenda,
            "url": ics.absolute_url(meeting),
        },
        calendar=calendar,
        localized=lambda: {"when": _when(meeting)},
    )


def agenda_circulated(meeting_id: int) -> int:
    """Send the circulated agenda to the body's representatives."""
    meeting = _meeting(meeting_id)
    if meeting is None:
        return 0
    title = _short_title(meeting)
    return _send(
        body_audience(meeting.body),
        network=meeting.network,
        template="agenda_circulated",
        subject=lambda ctx: _("Agenda: %(meeting)s, %(when)s") % {"meeting": title, "when": _when(meeting)},
        context={
            "meeting": meeting,
            "title": title,
            "agenda_items": _agenda(meeting),
            "url": ics.absolute_url(meeting),
        },
        localized=lambda: {"when": _when(meeting)},
    )


def minutes_circulated(minutes_id: int) -> int:
    """Send circulated minutes to the body's representatives for approval."""
    minutes = (
        Minutes.all_objects.select_related("network", "meeting__body", "meeting__network")
        .filter(pk=minutes_id, deleted_at=None)
        .first()
    )
    if minutes is None:
        return 0
    meeting = minutes.meeting
    with timezone.override(meeting.network.time_zone):
        title = str(meeting)  # with its date when untitled
    return _send(
        body_audience(meeting.body),
        network=minutes.network,
        template="minutes_circulated",
        subject=lambda ctx: _("Minutes for comment and approval: %(meeting)s") % {"meeting": title},
        context={"minutes": minutes, "meeting": meeting, "title": title, "url": ics.absolute_url(minutes)},
    )


# --- Decisions


def _decision(decision_id: int) -> Decision | None:
    return (
        Decision.all_objects.select_related("network", "body", "meeting", "target_body")
        .filter(pk=decision_id, deleted_at=None)
        .first()
    )


def decision_opened(decision_id: int) -> int:
    """Ask the body's member focal points (and its representatives) for their positions."""
    decision = _decision(decision_id)
    if decision is None or not decision.is_open:
        return 0

    def subject(ctx):
        if decision.deadline:
            return _("Your position is requested by %(deadline)s: %(title)s") % {
                "deadline": formats.date_format(timezone.localtime(decision.deadline), "j M Y, H:i"),
                "title": decision.title,
            }
        return _("Your position is requested: %(title)s") % {"title": decision.title}

    return _send(
        decision_audience(decision),
        network=decision.network,
        template="decision_opened",
        subject=subject,
        context={"decision": decision, "url": ics.absolute_url(decision)},
    )


def decision_closed(decision_id: int) -> int:
    """Tell the body the outcome."""
    decision = _decision(decision_id)
    if decision is None or decision.is_open:
        return 0

    def subject(ctx):
        if decision.status == c.DecisionStatus.ADOPTED:
            return _("Adopted: %(title)s") % {"title": decision.title}
        if decision.status == c.DecisionStatus.WITHDRAWN:
            return _("Withdrawn: %(title)s") % {"title": decision.title}
        return _("Not adopted: %(title)s") % {"title": decision.title}

    return _send(
        decision_audience(decision),
        network=decision.network,
        template="decision_closed",
        subject=subject,
        context={"decision": decision, "url": ics.absolute_url(decision)},
    )


# --- Scheduled work (see scheduled.py): reminders and alerts


def action_point_audience(action_point: ActionPoint) -> list[Recipient]:
    """The owner person if they have an e-mail; otherwise the owner organisation's focal points."""
    person = action_point.owner_person
    if person is not None and person.email and person.deleted_at is None:
        return _recipients([(person.email, person.full_name)])
    return _recipients(focal_points(action_point.network_id, [action_point.owner_organisation_id]))


def action_point_reminder(action_point: ActionPoint, *, days_left: int, recipients=None) -> int:
    """Remind the owner of an action point that is due in `days_left` days (0: today)."""
    recipients = action_point_audience(action_point) if recipients is None else recipients

    def subject(ctx):
        due = formats.date_format(action_point.due_date, "D j M Y")
        if days_left <= 0:
            return _("Action due today: %(title)s") % {"title": action_point.title}
        return _("Reminder: action due on %(date)s: %(title)s") % {"date": due, "title": action_point.title}

    return _send(
        recipients,
        network=action_point.network,
        template="action_point_reminder",
        subject=subject,
        context={"action_point": action_point, "days_left": days_left, "url": ics.absolute_url(action_point)},
    )


def chair_term_alert_audience(term) -> list[Recipient]:
    """The network's secretariat and the body's current representatives."""
    return _recipients(secretariat(term.network_id), _representatives(term.body, timezone.localdate()))


def chair_term_alert(term, *, recipients=None) -> int:
    """A chair term ends soon and no successor has been selected."""
    recipients = chair_term_alert_audience(term) if recipients is None else recipients
    return _send(
        recipients,
        network=term.network,
        template="chair_term_alert",
        subject=lambda ctx: (
            _("Co-chair term ending on %(date)s: %(body)s, select the next chairs")
            % {"date": formats.date_format(term.end_date, "j M Y"), "body": term.body}
        ),
        context={"term": term, "body": term.body, "url": ics.absolute_url(term.body)},
    )


def cadence_alert(network, quarter, *, recipients=None) -> int:
    """The Network plenary has no meeting scheduled in the current quarter, which ends soon."""
    recipients = _recipients(secretariat(network.pk)) if recipients is None else recipients
    return _send(
        recipients,
        network=network,
        template="cadence_alert",
        subject=lambda ctx: _("No Network meeting scheduled in %(quarter)s") % {"quarter": quarter.label},
        context={"quarter": quarter, "url": ics.absolute_url(network)},
    )
