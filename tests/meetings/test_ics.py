"""Calendar files: they parse with icalendar, keep one UID and raise SEQUENCE through a meeting's life,
and write times in UTC equal to what was typed in the network's zone, across daylight-saving changes."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from mignet.meetings import choices as mc
from mignet.meetings import ics, services
from mignet.meetings.models import Meeting

from ..factories import (
    ActionPointFactory,
    AgendaItemFactory,
    BodyFactory,
    DecisionFactory,
    MeetingFactory,
    NetworkFactory,
    OrganisationFactory,
)

UTC = datetime.UTC


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def only_event(cal: Calendar):
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    return events[0]


def local(zone: str, *args) -> datetime.datetime:
    """A time as typed in a network's zone (what the forms make of the typed value)."""
    return timezone.make_aware(datetime.datetime(*args), zoneinfo.ZoneInfo(zone))


@pytest.fixture
def sec(users):
    return users["secretariat"]


def test_schedule_update_cancel_round_trips_uid_and_sequence(sec, network, plenary):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
    meeting = services.meeting_schedule(
        actor=sec,
        network=network,
        data={
            "body": plenary,
            "kind": mc.MeetingKind.REGULAR,
            "title": "Quarterly Network meeting",
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=2),
            "location": "IOM Dhaka office",
            "online_link": "https://meet.example.org/unnm",
        },
    )
    first = only_event(parse(ics.meeting_ics(meeting, method="REQUEST", attendees=[("a@example.org", "A")])))
    assert str(first["UID"]) == meeting.ics_uid
    assert int(first["SEQUENCE"]) == 0
    assert str(first["STATUS"]) == "CONFIRMED"
    assert str(first["SUMMARY"]) == "Quarterly Network meeting"
    assert "mailto:a@example.org" in str(first["ATTENDEE"])
    assert str(first["ORGANIZER"]).startswith("mailto:")
    assert first["ORGANIZER"].params["CN"] == network.name

    meeting = services.meeting_update(
        actor=sec,
        instance=meeting,
        version=meeting.version,
        data={
            "starts_at": start + datetime.timedelta(hours=1),
            "ends_at": start + datetime.timedelta(hours=3),
        },
    )
    updated_cal = parse(ics.meeting_ics(meeting, method="REQUEST"))
    updated = only_event(updated_cal)
    assert str(updated_cal["METHOD"]) == "REQUEST"
    assert str(updated["UID"]) == str(first["UID"])
    assert int(updated["SEQUENCE"]) == 1
    assert updated.decoded("DTSTART") == start + datetime.timedelta(hours=1)

    meeting = services.meeting_cancel(actor=sec, instance=meeting, reason="Moved to the retreat")
    cancel_cal = parse(ics.meeting_ics(meeting, method="CANCEL"))
    cancelled = only_event(cancel_cal)
    assert str(cancel_cal["METHOD"]) == "CANCEL"
    assert str(cancelled["UID"]) == str(first["UID"])
    assert int(cancelled["SEQUENCE"]) == 2
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_unknown_method_is_refused(meeting):
    with pytest.raises(ValueError):
        ics.meeting_ics(meeting, method="PUBLISH")


@pytest.mark.parametrize(
    ("zone", "typed", "utc"),
    [
        # Paris: CET (UTC+1) before the last Sunday of March 2030, CEST (UTC+2) after it.
        ("Europe/Paris", (2030, 3, 29, 10, 0), (2030, 3, 29, 9, 0)),
        ("Europe/Paris", (2030, 4, 1, 10, 0), (2030, 4, 1, 8, 0)),
        ("Europe/Paris", (2030, 10, 28, 10, 0), (2030, 10, 28, 9, 0)),
        # Dhaka: UTC+6 all year.
        ("Asia/Dhaka", (2030, 1, 15, 10, 0), (2030, 1, 15, 4, 0)),
        ("Asia/Dhaka", (2030, 7, 15, 10, 0), (2030, 7, 15, 4, 0)),
    ],
)
def test_times_are_utc_equal_to_the_network_zone_input(db, zone, typed, utc):
    net = NetworkFactory(time_zone=zone)
    body = BodyFactory(network=net)
    starts = local(zone, *typed)
    meeting = MeetingFactory(
        network=net, body=body, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    event = only_event(parse(ics.meeting_ics(meeting)))
    assert event["DTSTART"].to_ical() == datetime.datetime(*utc).strftime("%Y%m%dT%H%M%SZ").encode()
    assert event.decoded("DTSTART") == datetime.datetime(*utc, tzinfo=UTC)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(hours=2)
    assert event.decoded("DTSTART") == starts


def test_summary_date_is_in_the_network_zone(db):
    """An untitled meeting's summary names the network's local date, not the UTC date."""
    net = NetworkFactory(time_zone="Asia/Dhaka")
    body = BodyFactory(network=net, name="Returns TWG")
    starts = local("Asia/Dhaka", 2030, 1, 15, 2, 0)  # 14 January in UTC
    meeting = MeetingFactory(
        network=net, body=body, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1)
    )
    event = only_event(parse(ics.meeting_ics(meeting)))
    assert str(event["SUMMARY"]) == "Returns TWG — 15 Jan 2030"


def test_description_has_online_link_and_agenda_in_order(network, meeting, iom):
    meeting.online_link = "https://meet.example.org/q3"
    meeting.save()
    AgendaItemFactory(meeting=meeting, position=2, title="Work plan", minutes_allotted=30)
    AgendaItemFactory(meeting=meeting, position=1, title="Adoption of the agenda", presenter=iom)
    event = only_event(parse(ics.meeting_ics(meeting)))
    description = str(event["DESCRIPTION"])
    assert "https://meet.example.org/q3" in description
    assert description.index("1. Adoption of the agenda (IOM") < description.index("2. Work plan (30 min)")
    assert str(event["URL"]).startswith("http")
    assert str(event["LOCATION"]) == meeting.location


def test_feed_holds_meetings_deadlines_and_action_points(network, plenary, meeting, twg):
    decision = DecisionFactory(body=twg, method=mc.DecisionMethod.SILENCE, title="Establish the returns TWG")
    closed = DecisionFactory(body=twg, status=mc.DecisionStatus.ADOPTED, title="Old decision")
    org = OrganisationFactory(network=network)
    action = ActionPointFactory(meeting=meeting, owner_organisation=org, title="Share the mapping")
    cal = parse(
        ics.feed_ics(
            name="My Mignet", meetings=[meeting], decisions=[decision, closed], action_points=[action]
        )
    )
    assert "METHOD" not in cal
    assert str(cal["X-WR-CALNAME"]) == "My Mignet"
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {
        meeting.ics_uid,
        f"decision-{decision.pk}-deadline@mignet",
        f"action-point-{action.pk}@mignet",
    }
    deadline = events[f"decision-{decision.pk}-deadline@mignet"]
    assert str(deadline["SUMMARY"]) == "Deadline: Establish the returns TWG"
    assert deadline.decoded("DTSTART") == decision.deadline.replace(microsecond=0)
    due = events[f"action-point-{action.pk}@mignet"]
    assert due.decoded("DTSTART") == action.due_date  # an all-day event
    assert due.decoded("DTEND") == action.due_date + datetime.timedelta(days=1)
    # The same rows give the same UIDs next time, so subscribed calendars update rather than duplicate.
    again = parse(ics.feed_ics(name="My Mignet", meetings=[Meeting.objects.get(pk=meeting.pk)]))
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [meeting.ics_uid]
