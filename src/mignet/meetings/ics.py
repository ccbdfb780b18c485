"""Calendar files (RFC 5545, built with `icalendar`): one meeting's invitation or cancellation, and feeds.

Times are written in UTC (…Z), so every calendar application shows them in its own zone without needing
the network's zone definition. A meeting keeps one UID for life; each change raises its SEQUENCE, so
calendars replace the earlier copy instead of adding a second event."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from email.utils import parseaddr

from django.conf import settings
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from . import choices as c

PRODID = "-//Mignet//UN Network on Migration//EN"
METHODS = ("REQUEST", "CANCEL")


def base_url() -> str:
    """The address people reach Mignet at, for links in e-mail and calendars (no trailing slash)."""
    return (getattr(settings, "MIGNET_BASE_URL", "") or "http://127.0.0.1:8000").rstrip("/")


def absolute_url(obj) -> str:
    """The absolute address of a record's page (the site's address while its page is not routed yet)."""
    try:
        path = obj.get_absolute_url()
    except NoReverseMatch:
        path = "/"
    return base_url() + path


def _utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(datetime.UTC)


def _calendar(method: str | None = None, name: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-published-ttl", "PT1H")
    return cal


def organizer(network) -> vCalAddress:
    """The network's secretariat, as the sender of every invitation."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "no-reply@mignet.local"
    value = vCalAddress(f"mailto:{address}")
    value.params["cn"] = vText(network.name)
    return value


def attendee(email: str, name: str = "") -> vCalAddress:
    value = vCalAddress(f"mailto:{email}")
    if name:
        value.params["cn"] = vText(name)
    value.params["role"] = vText("REQ-PARTICIPANT")
    value.params["partstat"] = vText("NEEDS-ACTION")
    value.params["rsvp"] = vText("TRUE")
    return value


def meeting_description(meeting, agenda_items: Iterable | None = None) -> str:
    """The online link, then the agenda items in order, then the meeting's page."""
    lines = []
    if meeting.online_link:
        lines += [_("Join online: %(link)s") % {"link": meeting.online_link}, ""]
    items = list(
        agenda_items
        if agenda_items is not None
        else meeting.agenda_items.filter(deleted_at__isnull=True)
        .select_related("presenter")
        .order_by("position", "pk")
    )
    if items:
        lines.append(_("Agenda:"))
        for item in items:
            details = [str(p) for p in (item.presenter,) if p is not None]
            if item.minutes_allotted:
                details.append(_("%(n)d min") % {"n": item.minutes_allotted})
            suffix = f" ({', '.join(details)})" if details else ""
            lines.append(f"{item.position}. {item.title}{suffix}")
        lines.append("")
    if meeting.is_cancelled and meeting.cancel_reason:
        lines += [_("Cancelled: %(reason)s") % {"reason": meeting.cancel_reason}, ""]
    lines.append(absolute_url(meeting))
    return "\n".join(lines)


def meeting_event(
    meeting, *, attendees: Iterable[tuple[str, str]] = (), agenda_items=None, now=None
) -> Event:
    """One meeting as a VEVENT: same UID for life, SEQUENCE = the meeting's calendar revision."""
    with timezone.override(meeting.network.time_zone):
        summary = str(meeting)
    event = Event()
    event.add("uid", meeting.ics_uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", _utc(now or timezone.now()))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at))
    event.add("summary", summary)
    if meeting.location:
        event.add("location", meeting.location)
    elif meeting.online_link:
        event.add("location", meeting.online_link)
    event.add("url", absolute_url(meeting))
    event.add("description", meeting_description(meeting, agenda_items))
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("organizer", organizer(meeting.network))
    for email, name in attendees:
        event.add("attendee", attendee(email, name))
    return event


def meeting_ics(
    meeting, *, method: str = "REQUEST", attendees: Iterable[tuple[str, str]] = (), now=None
) -> bytes:
    """The calendar file sent with an invitation (REQUEST) or a cancellation (CANCEL) of one meeting."""
    if method not in METHODS:
        raise ValueError(f"unknown calendar method {method!r}")
    cal = _calendar(method=method)
    event = meeting_event(meeting, attendees=attendees, now=now)
    if method == "CANCEL":
        event["status"] = "CANCELLED"
    cal.add_component(event)
    return cal.to_ical()


def deadline_event(decision, *, now=None) -> Event:
    """An open decision's deadline, as a moment in the calendar."""
    event = Event()
    event.add("uid", f"decision-{decision.pk}-deadline@mignet")
    event.add("dtstamp", _utc(now or timezone.now()))
    event.add("dtstart", _utc(decision.deadline))
    event.add("summary", _("Deadline: %(title)s") % {"title": decision.title})
    event.add("description", f"{decision.body}\n{absolute_url(decision)}")
    event.add("url", absolute_url(decision))
    event.add("transp", "TRANSPARENT")
    return event


def action_point_event(action_point, *, now=None) -> Event:
    """An action point's due date, as an all-day event."""
    event = Event()
    event.add("uid", f"action-point-{action_point.pk}@mignet")
    event.add("dtstamp", _utc(now or timezone.now()))
    event.add("dtstart", action_point.due_date)
    event.add("dtend", action_point.due_date + datetime.timedelta(days=1))
    event.add("summary", _("Action due: %(title)s") % {"title": action_point.title})
    event.add(
        "description",
        f"{action_point.owner_organisation} — {action_point.body}\n{absolute_url(action_point)}",
    )
    event.add("url", absolute_url(action_point))
    event.add("transp", "TRANSPARENT")
    return event


def feed_ics(*, name: str, meetings=(), decisions=(), action_points=(), now=None) -> bytes:
    """A subscribed calendar (no METHOD): meetings, open decisions' deadlines and action points' due dates."""
    now = now or timezone.now()
    cal = _calendar(name=name)
    for meeting in meetings:
        cal.add_component(meeting_event(meeting, agenda_items=getattr(meeting, "feed_agenda", None), now=now))
    for decision in decisions:
        if decision.deadline and decision.status == c.DecisionStatus.OPEN:
            cal.add_component(deadline_event(decision, now=now))
    for action_point in action_points:
        cal.add_component(action_point_event(action_point, now=now))
    return cal.to_ical()
