"""E-mail of the meetings app as people receive it: who gets it, its subject, and the calendar file that
Outlook reads to offer Accept and Decline."""

import datetime
import json

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from mignet.core.notify import message_kwargs
from mignet.core.tasks import email_send
from mignet.meetings import choices as mc
from mignet.meetings import notify, services
from mignet.meetings.models import Minutes

from ..factories import AgendaItemFactory, DecisionFactory

REPS = {"rep@unhcr.example.org", "rep@iom.example.org", "rep@csoa.example.org"}


@pytest.fixture
def sec(users):
    return users["secretariat"]


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Services send e-mail once their transaction commits; run those callbacks as the test's block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def calendar_of(message):
    """The text/calendar attachment of a message, parsed, and its MIME content type."""
    found = [a for a in message.attachments if a[2].startswith("text/calendar")]
    assert len(found) == 1, message.attachments
    filename, content, mimetype = found[0]
    assert filename.endswith(".ics")
    return Calendar.from_ical(content), mimetype


def schedule(sec, network, body, **extra):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    data = {
        "body": body,
        "kind": mc.MeetingKind.REGULAR,
        "title": "Labour Migration TWG, October",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
        "location": "ILO Dhaka",
        **extra,
    }
    return services.meeting_schedule(actor=sec, network=network, data=data)


def test_invitation_update_and_cancellation(sec, users, network, twg, twg_members, run_on_commit):
    with run_on_commit():
        meeting = schedule(sec, network, twg)
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == REPS | {users["chair"].email}
    assert all(len(m.to) == 1 for m in mail.outbox)  # one message each: nobody sees the others' addresses
    message = mail.outbox[0]
    assert message.subject.startswith("Invitation: Labour Migration TWG, October, ")
    assert "(Asia/Dhaka)" in message.subject
    assert "Labour Migration TWG, October" in message.body
    assert any(mimetype == "text/html" for _content, mimetype in message.alternatives)
    cal, mimetype = calendar_of(message)
    assert mimetype == "text/calendar; method=REQUEST"
    assert str(cal["METHOD"]) == "REQUEST"
    event = next(iter(cal.walk("VEVENT")))
    assert str(event["UID"]) == meeting.ics_uid
    attendees = {str(a).removeprefix("mailto:") for a in event["ATTENDEE"]}
    assert attendees == REPS | {users["chair"].email}
    raw = message.message().as_string()
    assert 'Content-Type: text/calendar; method="REQUEST"' in raw

    mail.outbox.clear()
    with run_on_commit():
        meeting = services.meeting_update(
            actor=sec, instance=meeting, version=meeting.version, data={"location": "IOM Dhaka"}
        )
    assert len(mail.outbox) == 4
    assert mail.outbox[0].subject.startswith("Updated: ")
    cal, _mimetype = calendar_of(mail.outbox[0])
    assert int(next(iter(cal.walk("VEVENT")))["SEQUENCE"]) == 1

    mail.outbox.clear()
    with run_on_commit():
        services.meeting_cancel(actor=sec, instance=meeting, reason="The chair is travelling")
    assert len(mail.outbox) == 4
    message = mail.outbox[0]
    assert message.subject.startswith("Cancelled: ")
    assert "The chair is travelling" in message.body
    cal, mimetype = calendar_of(message)
    assert mimetype == "text/calendar; method=CANCEL"
    event = next(iter(cal.walk("VEVENT")))
    assert (str(cal["METHOD"]), str(event["STATUS"]), int(event["SEQUENCE"])) == ("CANCEL", "CANCELLED", 2)


def test_no_invitation_without_invite(sec, network, twg, twg_members, run_on_commit):
    with run_on_commit():
        services.meeting_schedule(
            actor=sec,
            network=network,
            invite=False,
            data={
                "body": twg,
                "starts_at": timezone.now() + datetime.timedelta(days=3),
                "ends_at": timezone.now() + datetime.timedelta(days=3, hours=1),
                "location": "Online",
            },
        )
    assert mail.outbox == []


def test_people_who_turned_notifications_off_get_none(sec, users, network, twg, twg_members, run_on_commit):
    users["chair"].notify_by_email = False
    users["chair"].save()
    with run_on_commit():
        schedule(sec, network, twg)
    assert {m.to[0] for m in mail.outbox} == REPS


def test_ended_representation_is_not_invited(sec, network, twg, twg_members, run_on_commit):
    from mignet.network.models import Representative

    rep = Representative.objects.get(person__email="rep@iom.example.org")
    rep.end_date = timezone.localdate() - datetime.timedelta(days=1)
    rep.save()
    with run_on_commit():
        schedule(sec, network, twg)
    assert "rep@iom.example.org" not in {m.to[0] for m in mail.outbox}


def test_recipient_language_and_zone(sec, users, network, twg, twg_members, run_on_commit):
    chair = users["chair"]
    chair.language, chair.time_zone = "bn", "Europe/Paris"
    chair.save()
    with run_on_commit():
        schedule(sec, network, twg)
    message = next(m for m in mail.outbox if m.to == [chair.email])
    assert "(Europe/Paris)" in message.subject
    others = [m for m in mail.outbox if m.to != [chair.email]]
    assert all("(Asia/Dhaka)" in m.subject for m in others)


def test_calendar_attachment_survives_json(sec, network, twg, twg_members, run_on_commit):
    """What goes to the Celery broker is JSON; the calendar file arrives intact."""
    with run_on_commit():
        schedule(sec, network, twg)
    original = mail.outbox[0]
    mail.outbox.clear()
    kwargs = json.loads(json.dumps(message_kwargs(original)))
    email_send.apply(kwargs=kwargs)
    resent = mail.outbox[0]
    assert resent.subject == original.subject
    assert calendar_of(resent)[0].to_ical() == calendar_of(original)[0].to_ical()
    # Outlook and Gmail look for the invitation among the alternatives, too.
    assert any(m.startswith("text/calendar; method=REQUEST") for _c, m in resent.alternatives)


def test_agenda_and_minutes_circulated(sec, users, network, twg, twg_members, run_on_commit):
    meeting = schedule(sec, network, twg)
    AgendaItemFactory(meeting=meeting, position=1, title="Returns and reintegration")
    with run_on_commit():
        services.agenda_circulate(actor=sec, instance=meeting)
    assert {m.to[0] for m in mail.outbox} == REPS | {users["chair"].email}
    assert mail.outbox[0].subject.startswith("Agenda: Labour Migration TWG, October")
    assert "1. Returns and reintegration" in mail.outbox[0].body

    mail.outbox.clear()
    minutes = Minutes.objects.create(network=network, meeting=meeting, text="The TWG met.")
    with run_on_commit():
        services.minutes_circulate(actor=sec, instance=minutes)
    assert len(mail.outbox) == 4
    assert mail.outbox[0].subject == "Minutes for comment and approval: Labour Migration TWG, October"


def test_decision_opened_asks_focal_points_and_closed_tells_the_outcome(
    sec, users, network, twg, twg_members, run_on_commit
):
    with run_on_commit():
        decision = services.decision_propose(
            actor=sec,
            network=network,
            data={
                "body": twg,
                "method": mc.DecisionMethod.WRITTEN,
                "title": "Joint statement on recruitment fees",
                "text": "The TWG adopts the statement.",
                "deadline": timezone.now() + datetime.timedelta(days=5),
            },
        )
    recipients = {m.to[0] for m in mail.outbox}
    # UNHCR's focal point (member) and the consortium's partner speak for member organisations of the TWG.
    assert {users["member"].email, users["partner"].email} <= recipients
    assert recipients >= REPS
    assert users["viewer"].email not in recipients
    assert mail.outbox[0].subject.startswith("Your position is requested by ")
    assert "Joint statement on recruitment fees" in mail.outbox[0].subject

    mail.outbox.clear()
    with run_on_commit():
        for org in twg_members.values():
            services.position_record(
                actor=sec, decision=decision, organisation=org, value=mc.PositionValue.AGREE
            )
    assert mail.outbox, "all members answered: the written consultation is adopted"
    assert mail.outbox[0].subject == "Adopted: Joint statement on recruitment fees"
    assert "every member answered" in mail.outbox[0].body


def test_notices_for_deleted_records_send_nothing(network, twg, twg_members):
    decision = DecisionFactory(body=twg)
    decision.deleted_at = timezone.now()
    decision.save()
    assert notify.decision_opened(decision.pk) == 0
    assert notify.meeting_invitations(999999, method="REQUEST") == 0
    assert mail.outbox == []
