"""The meetings app's rules, end to end through the database: meetings, agendas, minutes, decisions and
their positions, structural effects, co-chair rotation, action points, matters arising and the cadence."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mignet.meetings import choices as mc
from mignet.meetings import selectors, services
from mignet.meetings.models import ActionPoint, Decision, Meeting, Minutes, Position
from mignet.network import choices as nc
from mignet.network import services as network_services
from mignet.network.models import Body, ChairTerm, Organisation

from ..factories import (
    ActionPointFactory,
    AgendaItemFactory,
    BodyFactory,
    ChairTermFactory,
    DecisionFactory,
    MeetingFactory,
    PersonFactory,
)

DHAKA = zoneinfo.ZoneInfo("Asia/Dhaka")
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


# --- Helpers and fixtures of this module


@pytest.fixture
def sec(users):
    return users["secretariat"]


@pytest.fixture
def ilo(network):
    """A seeded plenary member that is not a member of the TWG."""
    return Organisation.objects.get(network=network, acronym="ILO")


@pytest.fixture
def proposed_twg(sec, network, plenary):
    """A TWG entered through the service: proposed until a decision establishes it."""
    return network_services.body_create(
        actor=sec,
        network=network,
        data={"name": "Counter-Trafficking TWG", "kind": nc.BodyKind.TWG, "parent": plenary},
    )


def schedule_data(body, start=None, **extra):
    start = start or timezone.now() + 7 * DAY
    return {
        "body": body,
        "starts_at": start,
        "ends_at": start + 2 * HOUR,
        "location": "IOM Dhaka office, Gulshan",
        **extra,
    }


def propose(actor, network, chairs=None, **data):
    data.setdefault("title", "A decision")
    data.setdefault("text", "The members agree.")
    return services.decision_propose(actor=actor, network=network, data=data, chairs=chairs)


def adopt_in_meeting(actor, decision, organisation):
    """One member agrees and the chair closes the item: consensus reached."""
    services.position_record(actor=actor, decision=decision, organisation=organisation, value="agree")
    services.decision_close(actor=actor, instance=decision)
    decision.refresh_from_db()
    return decision


def answer_all(actor, decision, organisations, value="agree"):
    for org in organisations:
        services.position_record(actor=actor, decision=decision, organisation=org, value=value)
    decision.refresh_from_db()
    return decision


def network_day(decision) -> datetime.date:
    """The day a decision was taken, as people in the network (Dhaka) count days."""
    return timezone.localdate(decision.decided_at, DHAKA)


def years_from(start: datetime.date, years: int = 1) -> datetime.date:
    """The last day of a term of `years` years starting on `start`."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # a term from 29 February runs to the end of February
        anniversary = datetime.date(start.year + years, 3, 1)
    return anniversary - DAY


# --- Scheduling meetings


@pytest.mark.django_db
def test_schedule_a_meeting_records_it_with_a_calendar_identity(sec, network, plenary):
    meeting = services.meeting_schedule(actor=sec, network=network, data=schedule_data(plenary))
    meeting.refresh_from_db()
    assert meeting.status == mc.MeetingStatus.SCHEDULED
    assert meeting.sequence == 0 and meeting.uid is not None
    assert meeting.invitations_sent_at is not None
    assert meeting.history.latest().history_user == sec


@pytest.mark.django_db
@pytest.mark.parametrize("length", [-HOUR, datetime.timedelta(0)])
def test_a_meeting_that_ends_before_it_starts_is_refused_and_nothing_saved(sec, network, plenary, length):
    data = schedule_data(plenary)
    data["ends_at"] = data["starts_at"] + length
    with pytest.raises(ValidationError) as excinfo:
        services.meeting_schedule(actor=sec, network=network, data=data)
    assert excinfo.value.message_dict["ends_at"] == ["The meeting must end after it starts."]
    assert not Meeting.all_objects.exists()


@pytest.mark.django_db
def test_a_meeting_needs_a_place_or_a_link(sec, network, plenary):
    with pytest.raises(ValidationError) as excinfo:
        services.meeting_schedule(actor=sec, network=network, data=schedule_data(plenary, location=""))
    assert "location" in excinfo.value.message_dict
    assert not Meeting.all_objects.exists()
    online = services.meeting_schedule(
        actor=sec,
        network=network,
        data=schedule_data(plenary, location="", online_link="https://meet.example.org/unnm"),
    )
    assert online.pk is not None


@pytest.mark.django_db
def test_only_a_change_of_time_place_title_or_notes_raises_the_calendar_sequence(sec, network, plenary):
    meeting = services.meeting_schedule(actor=sec, network=network, data=schedule_data(plenary))

    def update(**data):
        nonlocal meeting
        meeting = services.meeting_update(actor=sec, instance=meeting, version=meeting.version, data=data)
        meeting.refresh_from_db()
        return meeting.sequence

    assert update(kind=mc.MeetingKind.EXTRAORDINARY) == 0  # not in anyone's calendar
    assert update(location=meeting.location, starts_at=meeting.starts_at) == 0  # same values
    assert update(starts_at=meeting.starts_at + HOUR, ends_at=meeting.ends_at + HOUR) == 1
    assert update(location="UN House, Agargaon") == 2
    assert update(title="Quarterly Network meeting (Q4)") == 3
    assert update(notes="Bring the draft work plan.") == 4
    assert update(online_link="https://meet.example.org/q4") == 5


@pytest.mark.django_db
def test_cancel_a_meeting_once(sec, meeting):
    cancelled = services.meeting_cancel(actor=sec, instance=meeting, reason="Eid holidays")
    cancelled.refresh_from_db()
    assert cancelled.status == mc.MeetingStatus.CANCELLED
    assert cancelled.cancel_reason == "Eid holidays"
    assert cancelled.sequence == meeting.sequence + 1
    with pytest.raises(ValidationError, match="already cancelled"):
        services.meeting_cancel(actor=sec, instance=cancelled)
    cancelled.refresh_from_db()
    assert cancelled.sequence == meeting.sequence + 1
    with pytest.raises(ValidationError):  # a cancelled meeting is not moved either
        services.meeting_update(
            actor=sec, instance=cancelled, version=cancelled.version, data={"location": "Elsewhere"}
        )


@pytest.mark.django_db
def test_an_agenda_with_no_items_is_not_circulated(sec, meeting):
    version = meeting.version
    with pytest.raises(ValidationError) as excinfo:
        services.agenda_circulate(actor=sec, instance=meeting)
    assert "The agenda has no items yet" in excinfo.value.messages[0]
    meeting.refresh_from_db()
    assert meeting.agenda_circulated_at is None and meeting.version == version

    AgendaItemFactory(meeting=meeting, title="Adoption of the agenda")
    services.agenda_circulate(actor=sec, instance=meeting)
    meeting.refresh_from_db()
    assert meeting.agenda_circulated_at is not None


@pytest.mark.django_db
def test_a_deleted_agenda_item_does_not_count(sec, meeting):
    item = AgendaItemFactory(meeting=meeting)
    services.agenda_item_delete(actor=sec, instance=item)
    with pytest.raises(ValidationError):
        services.agenda_circulate(actor=sec, instance=meeting)


# --- Minutes


@pytest.fixture
def last_meeting(network, plenary):
    start = timezone.now() - 30 * DAY
    return MeetingFactory(network=network, body=plenary, starts_at=start, title="Previous Network meeting")


@pytest.mark.django_db
def test_minutes_draft_circulate_approve_lock_and_correct(sec, network, plenary, meeting, last_meeting, iom):
    text = "## Decisions\n\n1. The Network adopts its work plan."
    minutes = services.minutes_create(
        actor=sec, network=network, data={"meeting": last_meeting, "text": text}
    )
    assert minutes.status == mc.MinutesStatus.DRAFT and minutes.revision == 1

    approval = {
        "body": plenary,
        "meeting": meeting,
        "method": mc.DecisionMethod.CONSENSUS,
        "subject": mc.DecisionSubject.APPROVE_MINUTES,
        "minutes": minutes,
        "title": "Approval of the minutes of the previous meeting",
    }
    with pytest.raises(ValidationError) as excinfo:  # draft minutes are circulated first
        propose(sec, network, **approval)
    assert "minutes" in excinfo.value.message_dict

    minutes = services.minutes_circulate(actor=sec, instance=minutes)
    assert minutes.status == mc.MinutesStatus.CIRCULATED and minutes.circulated_at is not None
    decision = propose(sec, network, **{**approval, "minutes": minutes})
    minutes.refresh_from_db()
    assert minutes.status == mc.MinutesStatus.CIRCULATED  # nothing happens before adoption

    decision = adopt_in_meeting(sec, decision, iom)
    assert decision.status == mc.DecisionStatus.ADOPTED
    minutes.refresh_from_db()
    assert minutes.status == mc.MinutesStatus.APPROVED and minutes.is_locked
    assert minutes.approved_at == decision.decided_at

    with pytest.raises(ValidationError, match="locked"):
        services.minutes_update(
            actor=sec, instance=minutes, version=minutes.version, data={"text": "Changed"}
        )
    with pytest.raises(ValidationError):
        services.minutes_delete(actor=sec, instance=minutes)
    with pytest.raises(ValidationError) as excinfo:
        services.minutes_correct(actor=sec, instance=minutes, reason="  ")
    assert "reason" in excinfo.value.message_dict

    correction = services.minutes_correct(actor=sec, instance=minutes, reason="The plan is the 2026 plan.")
    correction.refresh_from_db()
    assert correction.revision == 2
    assert correction.text == text
    assert correction.corrects == minutes
    assert correction.status == mc.MinutesStatus.DRAFT
    assert correction.correction_reason == "The plan is the 2026 plan."

    # The approved revision 1 stays as it was, and readable.
    first = selectors.minutes_get(user=sec, network=network, pk=minutes.pk)
    assert first.text == text and first.status == mc.MinutesStatus.APPROVED and first.revision == 1
    detail = selectors.minutes_detail(user=sec, obj=first)
    assert [m.revision for m in detail["revisions"]] == [2, 1]
    assert detail["is_superseded"]

    # The correction is edited as a draft; a second correction of revision 1 is refused.
    services.minutes_update(
        actor=sec, instance=correction, version=correction.version, data={"text": text + " (2026)"}
    )
    with pytest.raises(ValidationError, match="already exists"):
        services.minutes_correct(actor=sec, instance=minutes, reason="Again")
    assert Minutes.objects.filter(meeting=last_meeting).count() == 2


@pytest.mark.django_db
def test_editing_circulated_minutes_takes_them_back_to_draft(sec, network, last_meeting):
    minutes = services.minutes_create(actor=sec, network=network, data={"meeting": last_meeting, "text": "A"})
    minutes = services.minutes_circulate(actor=sec, instance=minutes)
    minutes = services.minutes_update(
        actor=sec, instance=minutes, version=minutes.version, data={"text": "B"}
    )
    assert minutes.status == mc.MinutesStatus.DRAFT and minutes.circulated_at is None


# --- Proposing decisions


@pytest.mark.django_db
def test_a_silence_procedure_needs_a_deadline(sec, network, twg, twg_members):
    with pytest.raises(ValidationError) as excinfo:
        propose(sec, network, body=twg, method=mc.DecisionMethod.SILENCE)
    assert "deadline" in excinfo.value.message_dict
    assert not Decision.all_objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("method", [mc.DecisionMethod.SILENCE, mc.DecisionMethod.WRITTEN])
def test_a_deadline_in_the_past_is_refused(sec, network, twg, twg_members, method):
    with pytest.raises(ValidationError) as excinfo:
        propose(sec, network, body=twg, method=method, deadline=timezone.now() - HOUR)
    assert "deadline" in excinfo.value.message_dict
    assert not Decision.all_objects.exists()


@pytest.mark.django_db
def test_a_consensus_decision_is_taken_in_a_meeting(sec, network, twg, twg_members, meeting):
    with pytest.raises(ValidationError) as excinfo:
        propose(sec, network, body=twg, method=mc.DecisionMethod.CONSENSUS)
    assert "meeting" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:  # the plenary's meeting is not the TWG's
        propose(sec, network, body=twg, method=mc.DecisionMethod.CONSENSUS, meeting=meeting)
    assert "meeting" in excinfo.value.message_dict
    assert not Decision.all_objects.exists()
    decision = propose(sec, network, method=mc.DecisionMethod.CONSENSUS, meeting=meeting)
    assert decision.body == meeting.body and decision.is_open


# --- Positions


@pytest.mark.django_db
def test_a_non_member_cannot_take_a_position(sec, written_decision, ilo):
    with pytest.raises(ValidationError) as excinfo:
        services.position_record(actor=sec, decision=written_decision, organisation=ilo, value="agree")
    assert "is not a member of" in excinfo.value.message_dict["organisation"][0]
    assert not Position.all_objects.exists()


@pytest.mark.django_db
def test_a_second_position_replaces_the_first_and_history_keeps_both(users, written_decision, unhcr):
    member = users["member"]  # UNHCR's focal point
    first = services.position_record(
        actor=member,
        decision=written_decision,
        organisation=unhcr,
        value="object",
        reason="The TWG's budget line is not agreed.",
    )
    second = services.position_record(
        actor=member, decision=written_decision, organisation=unhcr, value="agree"
    )
    assert second.pk == first.pk
    live = Position.objects.filter(decision=written_decision, organisation=unhcr)
    assert [(p.value, p.reason) for p in live] == [("agree", "")]
    history = Position.history.filter(decision_id=written_decision.pk, organisation_id=unhcr.pk).order_by(
        "history_date", "history_id"
    )
    assert [h.value for h in history] == ["object", "agree"]
    assert history[0].reason == "The TWG's budget line is not agreed."
    assert {h.history_user for h in history} == {member}
    tally = services.decision_tally(written_decision)
    assert (tally.agree, tally.object, tally.no_response) == (1, 0, 2)


@pytest.mark.django_db
def test_a_replaced_position_shows_who_recorded_it_and_when(users, written_decision, unhcr):
    first = services.position_record(
        actor=users["member"], decision=written_decision, organisation=unhcr, value="stand_aside"
    )
    Position.objects.filter(pk=first.pk).update(recorded_at=timezone.now() - DAY)  # said yesterday
    services.position_record(
        actor=users["chair"], decision=written_decision, organisation=unhcr, value="agree"
    )
    position = Position.objects.get(pk=first.pk)
    assert position.value == "agree"
    assert position.recorded_by == users["chair"]  # the chair, in the room
    assert timezone.now() - position.recorded_at < HOUR


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["", "   "])
def test_an_objection_needs_a_reason(sec, written_decision, unhcr, reason):
    with pytest.raises(ValidationError) as excinfo:
        services.position_record(
            actor=sec, decision=written_decision, organisation=unhcr, value="object", reason=reason
        )
    assert "reason" in excinfo.value.message_dict
    assert not Position.all_objects.exists()


@pytest.mark.django_db
def test_replacing_a_position_by_a_reasonless_objection_keeps_the_first(sec, written_decision, unhcr):
    services.position_record(actor=sec, decision=written_decision, organisation=unhcr, value="agree")
    with pytest.raises(ValidationError) as excinfo:
        services.position_record(actor=sec, decision=written_decision, organisation=unhcr, value="object")
    assert "reason" in excinfo.value.message_dict
    assert Position.objects.get(decision=written_decision, organisation=unhcr).value == "agree"


@pytest.mark.django_db
def test_positions_after_the_deadline_are_refused(sec, network, twg, twg_members, unhcr):
    late = DecisionFactory(
        network=network, body=twg, method=mc.DecisionMethod.SILENCE, deadline=timezone.now() - HOUR
    )
    with pytest.raises(ValidationError, match="positions are no longer accepted"):
        services.position_record(
            actor=sec, decision=late, organisation=unhcr, value="object", reason="Too late"
        )
    assert not Position.all_objects.exists()


@pytest.mark.django_db
def test_positions_on_a_closed_decision_are_refused(sec, written_decision, unhcr):
    services.decision_withdraw(actor=sec, instance=written_decision, reason="Superseded")
    with pytest.raises(ValidationError, match="This decision is closed"):
        services.position_record(actor=sec, decision=written_decision, organisation=unhcr, value="agree")
    assert not Position.all_objects.exists()


@pytest.mark.django_db
def test_a_partner_speaks_only_for_their_own_organisation(users, written_decision, unhcr, consortium):
    with pytest.raises(PermissionDenied):
        services.position_record(
            actor=users["partner"], decision=written_decision, organisation=unhcr, value="agree"
        )
    assert not Position.all_objects.exists()
    own = services.position_record(
        actor=users["partner"], decision=written_decision, organisation=consortium, value="stand_aside"
    )
    assert own.recorded_by == users["partner"]
    with pytest.raises(PermissionDenied):  # nor may they replace another organisation's position
        services.position_record(
            actor=users["member"], decision=written_decision, organisation=consortium, value="agree"
        )
    assert Position.objects.get(pk=own.pk).value == "stand_aside"


@pytest.mark.django_db
def test_the_chair_of_the_body_records_positions_in_the_room(users, written_decision, iom, plenary, network):
    position = services.position_record(
        actor=users["chair"], decision=written_decision, organisation=iom, value="agree"
    )
    assert position.recorded_by == users["chair"]
    # ... but not in a body they do not chair.
    plenary_decision = DecisionFactory(network=network, body=plenary, method=mc.DecisionMethod.WRITTEN)
    with pytest.raises(PermissionDenied):
        services.position_record(
            actor=users["chair"], decision=plenary_decision, organisation=iom, value="agree"
        )


@pytest.mark.django_db
def test_a_written_consultation_is_adopted_on_the_last_agreeing_answer(sec, written_decision, twg_members):
    unhcr, iom, csoa = twg_members["UNHCR"], twg_members["IOM"], twg_members["CSOA"]
    services.position_record(actor=sec, decision=written_decision, organisation=unhcr, value="agree")
    services.position_record(actor=sec, decision=written_decision, organisation=iom, value="stand_aside")
    written_decision.refresh_from_db()
    assert written_decision.status == mc.DecisionStatus.OPEN and written_decision.decided_at is None
    services.position_record(actor=sec, decision=written_decision, organisation=csoa, value="agree")
    written_decision.refresh_from_db()
    assert written_decision.status == mc.DecisionStatus.ADOPTED
    assert written_decision.decided_at is not None
    assert (
        written_decision.outcome
        == "Adopted by written consultation: every member answered and none objected."
    )
    with pytest.raises(ValidationError):
        services.position_record(
            actor=sec, decision=written_decision, organisation=csoa, value="object", reason="Changed our mind"
        )


@pytest.mark.django_db
def test_a_written_consultation_with_an_objection_stays_open_until_it_is_withdrawn(
    sec, written_decision, twg_members
):
    unhcr, iom, csoa = twg_members["UNHCR"], twg_members["IOM"], twg_members["CSOA"]
    services.position_record(actor=sec, decision=written_decision, organisation=unhcr, value="agree")
    services.position_record(actor=sec, decision=written_decision, organisation=iom, value="agree")
    services.position_record(
        actor=sec,
        decision=written_decision,
        organisation=csoa,
        value="object",
        reason="Civil society not consulted",
    )
    written_decision.refresh_from_db()
    assert written_decision.is_open
    services.position_record(actor=sec, decision=written_decision, organisation=csoa, value="agree")
    written_decision.refresh_from_db()
    assert written_decision.status == mc.DecisionStatus.ADOPTED


# --- Closing and settling


@pytest.fixture
def twg_meeting(network, twg):
    return MeetingFactory(network=network, body=twg, title="TWG meeting")


@pytest.mark.django_db
def test_the_chair_closes_a_consensus_item(users, network, twg, twg_members, twg_meeting):
    chair = users["chair"]
    decision = propose(chair, network, method=mc.DecisionMethod.CONSENSUS, meeting=twg_meeting)
    services.position_record(actor=chair, decision=decision, organisation=twg_members["IOM"], value="agree")
    services.position_record(
        actor=chair, decision=decision, organisation=twg_members["CSOA"], value="object", reason="Not yet"
    )
    services.decision_close(actor=chair, instance=decision)
    decision.refresh_from_db()
    assert decision.status == mc.DecisionStatus.NOT_ADOPTED
    assert decision.outcome == "No consensus: 1 member objected."
    with pytest.raises(ValidationError, match="already closed"):
        services.decision_close(actor=chair, instance=decision)


@pytest.mark.django_db
def test_a_consensus_item_closed_with_an_agreement_is_adopted(sec, network, twg, twg_members, twg_meeting):
    decision = propose(sec, network, method=mc.DecisionMethod.CONSENSUS, meeting=twg_meeting)
    decision = adopt_in_meeting(sec, decision, twg_members["UNHCR"])
    assert decision.status == mc.DecisionStatus.ADOPTED
    assert decision.outcome == "Adopted by consensus: 1 member agreed and none objected."


@pytest.mark.django_db
def test_a_silence_procedure_is_not_closed_before_its_deadline(sec, network, twg, twg_members):
    decision = propose(
        sec, network, body=twg, method=mc.DecisionMethod.SILENCE, deadline=timezone.now() + DAY
    )
    with pytest.raises(ValidationError, match="closes at its deadline"):
        services.decision_close(actor=sec, instance=decision)
    decision.refresh_from_db()
    assert decision.is_open


@pytest.mark.django_db
def test_a_silence_procedure_is_settled_at_its_deadline(sec, network, twg, twg_members):
    deadline = timezone.now() + 2 * DAY
    decision = propose(sec, network, body=twg, method=mc.DecisionMethod.SILENCE, deadline=deadline)
    services.position_record(
        actor=sec, decision=decision, organisation=twg_members["IOM"], value="stand_aside"
    )
    services.decision_settle(instance=decision, now=deadline - datetime.timedelta(seconds=1))
    decision.refresh_from_db()
    assert decision.is_open
    services.decision_settle(instance=decision, now=deadline)
    decision.refresh_from_db()
    assert decision.status == mc.DecisionStatus.ADOPTED
    assert decision.decided_at == deadline
    version = decision.version
    services.decision_settle(instance=decision, now=deadline + DAY)  # running again changes nothing
    decision.refresh_from_db()
    assert decision.version == version and decision.decided_at == deadline


@pytest.mark.django_db
def test_an_objection_breaks_silence(sec, network, twg, twg_members):
    deadline = timezone.now() + 2 * DAY
    decision = propose(sec, network, body=twg, method=mc.DecisionMethod.SILENCE, deadline=deadline)
    services.position_record(
        actor=sec,
        decision=decision,
        organisation=twg_members["UNHCR"],
        value="object",
        reason="Protection gap",
    )
    services.decision_settle(instance=decision, now=deadline + HOUR)
    decision.refresh_from_db()
    assert decision.status == mc.DecisionStatus.NOT_ADOPTED
    assert decision.decided_at == deadline
    assert decision.outcome == "Not adopted: 1 member broke silence with an objection."


# --- Decisions that change the structure


@pytest.mark.django_db
def test_a_new_twg_is_proposed_until_a_decision_establishes_it(sec, network, meeting, proposed_twg, iom):
    assert proposed_twg.status == nc.BodyStatus.PROPOSED and proposed_twg.established_on is None
    decision = propose(
        sec,
        network,
        method=mc.DecisionMethod.CONSENSUS,
        meeting=meeting,
        subject=mc.DecisionSubject.ESTABLISH_BODY,
        target_body=proposed_twg,
        title="Establishment of the Counter-Trafficking TWG",
    )
    proposed_twg.refresh_from_db()
    assert proposed_twg.status == nc.BodyStatus.PROPOSED
    decision = adopt_in_meeting(sec, decision, iom)
    assert decision.status == mc.DecisionStatus.ADOPTED
    proposed_twg.refresh_from_db()
    assert proposed_twg.status == nc.BodyStatus.ACTIVE and proposed_twg.is_active
    assert proposed_twg.established_on == network_day(decision)
    latest = proposed_twg.history.latest()
    assert latest.history_user == sec
    assert "Establishment of the Counter-Trafficking TWG" in latest.history_change_reason


@pytest.mark.django_db
def test_the_establishment_date_is_the_networks_date_of_the_decision(sec, network, plenary, proposed_twg):
    """A silence procedure settled by scheduled work (no time zone activated) is dated in the network's zone:
    a deadline at 01:00 in Dhaka is 19:00 UTC the day before."""
    day = timezone.localdate() + 3 * DAY
    deadline = datetime.datetime.combine(day, datetime.time(1, 0), tzinfo=DHAKA)
    assert deadline.astimezone(datetime.UTC).date() == day - DAY
    decision = propose(
        sec,
        network,
        body=plenary,
        method=mc.DecisionMethod.SILENCE,
        deadline=deadline,
        subject=mc.DecisionSubject.ESTABLISH_BODY,
        target_body=proposed_twg,
    )
    services.decision_settle(instance=decision, now=deadline)
    decision.refresh_from_db()
    assert decision.status == mc.DecisionStatus.ADOPTED
    proposed_twg.refresh_from_db()
    assert proposed_twg.established_on == day


@pytest.mark.django_db
def test_a_body_cannot_be_established_twice_at_once(sec, network, meeting, proposed_twg):
    establish = {
        "method": mc.DecisionMethod.CONSENSUS,
        "meeting": meeting,
        "subject": mc.DecisionSubject.ESTABLISH_BODY,
        "target_body": proposed_twg,
    }
    first = propose(sec, network, title="Establish the TWG", **establish)
    with pytest.raises(ValidationError) as excinfo:
        propose(sec, network, title="Establish the TWG again", **establish)
    assert (
        "Another open decision already concerns this: Establish the TWG."
        in excinfo.value.message_dict["target_body"]
    )
    assert list(Decision.objects.all()) == [first]


@pytest.mark.django_db
def test_an_active_body_is_not_established_again(sec, network, meeting, twg):
    with pytest.raises(ValidationError) as excinfo:
        propose(
            sec,
            network,
            method=mc.DecisionMethod.CONSENSUS,
            meeting=meeting,
            subject=mc.DecisionSubject.ESTABLISH_BODY,
            target_body=twg,
        )
    assert "target_body" in excinfo.value.message_dict


@pytest.mark.django_db
def test_abolishing_an_abolished_body_is_refused_at_proposal(sec, network, plenary, meeting):
    old = BodyFactory(
        network=network,
        name="Remittances TWG",
        parent=plenary,
        status=nc.BodyStatus.ABOLISHED,
        abolished_on=datetime.date(2024, 6, 30),
    )
    with pytest.raises(ValidationError) as excinfo:
        propose(
            sec,
            network,
            method=mc.DecisionMethod.CONSENSUS,
            meeting=meeting,
            subject=mc.DecisionSubject.ABOLISH_BODY,
            target_body=old,
        )
    assert excinfo.value.message_dict["target_body"] == ["Remittances TWG is already abolished."]
    assert not Decision.all_objects.exists()


@pytest.mark.django_db
def test_abolishing_a_twg_by_decision(sec, network, meeting, twg, iom):
    decision = propose(
        sec,
        network,
        method=mc.DecisionMethod.CONSENSUS,
        meeting=meeting,
        subject=mc.DecisionSubject.ABOLISH_BODY,
        target_body=twg,
    )
    decision = adopt_in_meeting(sec, decision, iom)
    twg.refresh_from_db()
    assert twg.status == nc.BodyStatus.ABOLISHED and twg.abolished_on == network_day(decision)
    assert not twg.is_active


@pytest.mark.django_db
def test_a_twgs_status_and_dates_are_not_edited_by_hand(sec, network, plenary, twg):
    for data in (
        {"status": nc.BodyStatus.ABOLISHED},
        {"established_on": datetime.date(2020, 1, 1)},
        {"abolished_on": datetime.date(2026, 1, 1)},
    ):
        with pytest.raises(ValidationError) as excinfo:
            network_services.body_update(actor=sec, instance=twg, version=twg.version, data=data)
        assert set(excinfo.value.message_dict) == set(data)
    twg.refresh_from_db()
    assert twg.status == nc.BodyStatus.ACTIVE and twg.abolished_on is None
    assert twg.established_on == datetime.date(2019, 7, 7)
    # Other details stay editable, with the same values sent back.
    network_services.body_update(
        actor=sec,
        instance=twg,
        version=twg.version,
        data={"mandate": "Labour migration.", "status": twg.status, "established_on": twg.established_on},
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field,value", [("established_on", datetime.date(2024, 1, 1)), ("status", nc.BodyStatus.ACTIVE)]
)
def test_a_new_twg_cannot_be_created_established(sec, network, plenary, field, value):
    with pytest.raises(ValidationError) as excinfo:
        network_services.body_create(
            actor=sec,
            network=network,
            data={"name": "Diaspora TWG", "kind": nc.BodyKind.TWG, "parent": plenary, field: value},
        )
    assert field in excinfo.value.message_dict
    assert not Body.all_objects.filter(name="Diaspora TWG").exists()


# --- Selecting co-chairs


def select_chairs(actor, network, twg, orgs, **extra):
    return propose(
        actor,
        network,
        body=twg,
        method=mc.DecisionMethod.WRITTEN,
        deadline=timezone.now() + 10 * DAY,
        subject=mc.DecisionSubject.SELECT_CHAIRS,
        target_body=twg,
        title="Selection of the co-chairs",
        chairs=[{"organisation": org} for org in orgs],
        **extra,
    )


@pytest.mark.django_db
def test_selected_co_chairs_get_terms_of_one_year_from_the_decision(sec, network, twg, twg_members):
    unhcr, iom = twg_members["UNHCR"], twg_members["IOM"]
    decision = select_chairs(sec, network, twg, [unhcr, iom])
    assert not ChairTerm.objects.filter(body=twg).exists()  # nothing before adoption
    decision = answer_all(sec, decision, twg_members.values())
    assert decision.status == mc.DecisionStatus.ADOPTED
    terms = ChairTerm.objects.filter(body=twg).order_by("organisation__acronym")
    assert [t.organisation for t in terms] == [iom, unhcr]
    start = network_day(decision)
    for term in terms:
        assert term.start_date == start
        assert term.end_date == years_from(start)
        assert term.role == nc.ChairRole.CO_CHAIR
        assert "Selection of the co-chairs" in term.selection_note


@pytest.mark.django_db
def test_a_two_year_term_when_the_body_says_so(sec, network, twg, twg_members):
    Body.objects.filter(pk=twg.pk).update(chair_term_months=24)
    twg.refresh_from_db()
    decision = answer_all(sec, select_chairs(sec, network, twg, [twg_members["IOM"]]), twg_members.values())
    term = ChairTerm.objects.get(body=twg)
    start = network_day(decision)
    assert term.end_date == years_from(start, 2)


@pytest.mark.django_db
def test_chairs_come_from_the_bodys_members(sec, network, twg, twg_members, ilo):
    with pytest.raises(ValidationError) as excinfo:
        select_chairs(sec, network, twg, [twg_members["IOM"], ilo])
    assert "is not a member" in excinfo.value.message_dict["chairs"][0]
    assert not Decision.all_objects.exists()


@pytest.mark.django_db
def test_a_chair_person_works_for_the_chair_organisation(sec, network, twg, twg_members):
    stranger = PersonFactory(network=network, organisation=twg_members["UNHCR"])
    with pytest.raises(ValidationError) as excinfo:
        propose(
            sec,
            network,
            body=twg,
            method=mc.DecisionMethod.WRITTEN,
            deadline=timezone.now() + DAY,
            subject=mc.DecisionSubject.SELECT_CHAIRS,
            target_body=twg,
            chairs=[{"organisation": twg_members["IOM"], "person": stranger}],
        )
    assert "chairs" in excinfo.value.message_dict


@pytest.fixture
def previous_term(network, twg, iom):
    """IOM co-chaired the TWG for the year that ended yesterday."""
    today = timezone.localdate()
    return ChairTermFactory(
        network=network, body=twg, organisation=iom, start_date=today - 365 * DAY, end_date=today - DAY
    )


@pytest.mark.django_db
def test_the_rotation_rule_needs_a_reason_to_reselect_the_previous_chair(
    sec, network, twg, twg_members, previous_term
):
    iom, unhcr = twg_members["IOM"], twg_members["UNHCR"]
    with pytest.raises(ValidationError) as excinfo:
        select_chairs(sec, network, twg, [iom, unhcr])
    message = excinfo.value.message_dict["override_reason"][0]
    assert str(iom) in message and "chaired the previous term" in message
    assert not Decision.all_objects.exists()
    # Another organisation: no conflict.
    other = select_chairs(sec, network, twg, [unhcr])
    services.decision_withdraw(actor=sec, instance=other, reason="Proposed again with a reason")
    # The same organisation with a reason: accepted, and adopted like any other selection.
    decision = select_chairs(
        sec, network, twg, [iom, unhcr], override_reason="No other member can chair during the transition."
    )
    decision = answer_all(sec, decision, twg_members.values())
    assert decision.status == mc.DecisionStatus.ADOPTED
    assert ChairTerm.objects.filter(body=twg, organisation=iom).count() == 2


@pytest.mark.django_db
def test_a_network_without_a_rotation_rule_reselects_freely(sec, network, twg, twg_members, previous_term):
    network.chair_rotation_rule = nc.ChairRotationRule.NONE
    network.save()
    decision = select_chairs(sec, network, twg, [twg_members["IOM"]])
    assert decision.is_open and decision.override_reason == ""


@pytest.mark.django_db
def test_a_chair_of_two_terms_ago_may_chair_again(sec, network, twg, twg_members, previous_term):
    today = timezone.localdate()
    ChairTermFactory(
        network=network,
        body=twg,
        organisation=twg_members["UNHCR"],
        start_date=today - 730 * DAY,
        end_date=today - 366 * DAY,
    )
    decision = select_chairs(sec, network, twg, [twg_members["UNHCR"]])
    assert decision.is_open


@pytest.mark.django_db
def test_a_decision_that_can_no_longer_apply_is_not_adopted(sec, network, meeting, twg, twg_members, iom):
    selection = select_chairs(sec, network, twg, [twg_members["UNHCR"], twg_members["CSOA"]])
    abolition = propose(
        sec,
        network,
        method=mc.DecisionMethod.CONSENSUS,
        meeting=meeting,
        subject=mc.DecisionSubject.ABOLISH_BODY,
        target_body=twg,
    )
    adopt_in_meeting(sec, abolition, iom)
    selection = answer_all(sec, selection, twg_members.values())
    assert selection.status == mc.DecisionStatus.NOT_ADOPTED
    assert selection.outcome.startswith("Adopted by written consultation")
    assert "It could not take effect: Chairs can be selected only for an active body." in selection.outcome
    assert not ChairTerm.objects.filter(body=twg).exists()


@pytest.mark.django_db
def test_nothing_is_half_applied_when_an_effect_fails_midway(sec, network, twg, twg_members):
    """The first chair term would be valid; the second person has since moved to another organisation."""
    unhcr, iom = twg_members["UNHCR"], twg_members["IOM"]
    mover = PersonFactory(network=network, organisation=iom, full_name="Tanvir Ahmed")
    decision = propose(
        sec,
        network,
        body=twg,
        method=mc.DecisionMethod.WRITTEN,
        deadline=timezone.now() + DAY,
        subject=mc.DecisionSubject.SELECT_CHAIRS,
        target_body=twg,
        chairs=[{"organisation": unhcr}, {"organisation": iom, "person": mover}],
    )
    mover.organisation = unhcr
    mover.save()
    decision = answer_all(sec, decision, twg_members.values())
    assert decision.status == mc.DecisionStatus.NOT_ADOPTED
    assert "It could not take effect" in decision.outcome
    assert not ChairTerm.objects.filter(body=twg).exists()


@pytest.mark.django_db
def test_chairs_are_not_selected_for_a_body_chaired_by_the_coordinator(sec, network, plenary, meeting):
    with pytest.raises(ValidationError) as excinfo:
        propose(
            sec,
            network,
            method=mc.DecisionMethod.CONSENSUS,
            meeting=meeting,
            subject=mc.DecisionSubject.SELECT_CHAIRS,
            target_body=plenary,
            chairs=[{"organisation": Organisation.objects.get(network=network, acronym="IOM")}],
        )
    assert "target_body" in excinfo.value.message_dict


# --- Action points


@pytest.mark.django_db
def test_the_owner_person_works_for_the_owner_organisation(sec, network, meeting, unhcr, iom):
    stranger = PersonFactory(network=network, organisation=iom)
    data = {
        "meeting": meeting,
        "title": "Share the labour migration mapping",
        "owner_organisation": unhcr,
        "owner_person": stranger,
        "due_date": timezone.localdate() + 14 * DAY,
    }
    with pytest.raises(ValidationError) as excinfo:
        services.action_point_create(actor=sec, network=network, data=data)
    assert "owner_person" in excinfo.value.message_dict
    assert not ActionPoint.all_objects.exists()
    point = services.action_point_create(
        actor=sec,
        network=network,
        data={**data, "owner_person": PersonFactory(network=network, organisation=unhcr)},
    )
    assert point.body == meeting.body and point.status == mc.ActionStatus.OPEN and point.completed_on is None


@pytest.mark.django_db
def test_closing_an_action_point_records_the_day_and_reopening_clears_it(sec, network, meeting, unhcr):
    point = services.action_point_create(
        actor=sec,
        network=network,
        data={
            "meeting": meeting,
            "title": "Draft the joint statement",
            "owner_organisation": unhcr,
            "due_date": timezone.localdate() + 7 * DAY,
        },
    )

    def set_status(status):
        nonlocal point
        point = services.action_point_update(
            actor=sec, instance=point, version=point.version, data={"status": status}
        )
        point.refresh_from_db()
        return point.completed_on

    today = timezone.localdate()
    assert set_status(mc.ActionStatus.IN_PROGRESS) is None
    assert set_status(mc.ActionStatus.DONE) == today
    assert set_status(mc.ActionStatus.OPEN) is None
    assert set_status(mc.ActionStatus.DROPPED) == today


@pytest.mark.django_db
def test_the_owner_organisation_updates_its_own_action_point(users, network, meeting, unhcr, iom):
    mine = ActionPointFactory(network=network, meeting=meeting, owner_organisation=unhcr)
    theirs = ActionPointFactory(network=network, meeting=meeting, owner_organisation=iom)
    member = users["member"]
    services.action_point_update(actor=member, instance=mine, version=mine.version, data={"status": "done"})
    with pytest.raises(PermissionDenied):
        services.action_point_update(
            actor=member, instance=theirs, version=theirs.version, data={"status": "done"}
        )


# --- Matters arising


@pytest.mark.django_db
def test_matters_arising_on_the_next_meeting(sec, network, plenary, twg, meeting, last_meeting, unhcr):
    today = timezone.localdate()

    def point(title, source=last_meeting, **extra):
        return ActionPointFactory(
            network=network, meeting=source, owner_organisation=unhcr, title=title, **extra
        )

    open_ = point("Open", due_date=today + 5 * DAY)
    overdue = point("Overdue", due_date=today - 5 * DAY)
    in_progress = point("In progress", status=mc.ActionStatus.IN_PROGRESS, due_date=today + DAY)
    point("Done", status=mc.ActionStatus.DONE, completed_on=today - DAY, due_date=today - 10 * DAY)
    point("Dropped", status=mc.ActionStatus.DROPPED, completed_on=today - DAY, due_date=today)
    point("Of the TWG", source=MeetingFactory(network=network, body=twg, starts_at=timezone.now() - 20 * DAY))
    point("From this meeting", source=meeting)
    decision = DecisionFactory(network=network, body=plenary)
    from_decision = ActionPointFactory(
        network=network,
        meeting=None,
        decision=decision,
        body=plenary,
        owner_organisation=unhcr,
        due_date=today,
    )

    arising = selectors.matters_arising(user=sec, meeting=meeting)
    assert arising == [overdue, from_decision, in_progress, open_]  # by due date
    assert overdue.is_overdue


@pytest.mark.django_db
def test_matters_arising_of_a_past_meeting_are_what_was_open_then(sec, network, plenary, unhcr):
    now = timezone.now()
    today = timezone.localdate()
    earlier = MeetingFactory(network=network, body=plenary, starts_at=now - 120 * DAY)
    past = MeetingFactory(network=network, body=plenary, starts_at=now - 60 * DAY)

    def point(title, created_days_ago, **extra):
        return ActionPointFactory(
            network=network,
            meeting=earlier,
            owner_organisation=unhcr,
            title=title,
            created_at=now - created_days_ago * DAY,
            due_date=today - 90 * DAY,
            **extra,
        )

    done_since = point(
        "Done after the meeting", 100, status=mc.ActionStatus.DONE, completed_on=today - 30 * DAY
    )
    point("Done before the meeting", 100, status=mc.ActionStatus.DONE, completed_on=today - 70 * DAY)
    point("Dropped before the meeting", 100, status=mc.ActionStatus.DROPPED, completed_on=today - 61 * DAY)
    still_open = point("Still open", 100)
    point("Assigned after the meeting", 50)
    assert selectors.matters_arising(user=sec, meeting=past) == [done_since, still_open]


# --- Cadence of the Network plenary


def dhaka(*args):
    return datetime.datetime(*args, tzinfo=DHAKA)


def states(network, user, today, quarters=4):
    with timezone.override(network.time_zone):
        return {
            q.label: q
            for q in selectors.meeting_cadence(user=user, network=network, quarters=quarters, today=today)
        }


@pytest.mark.django_db
def test_a_quarter_is_counted_in_the_networks_time_zone(sec, network, plenary):
    late_march = MeetingFactory(network=network, body=plenary, starts_at=dhaka(2025, 3, 31, 23, 30))
    early_april = MeetingFactory(network=network, body=plenary, starts_at=dhaka(2025, 4, 1, 0, 30))
    assert late_march.starts_at.astimezone(datetime.UTC) == datetime.datetime(
        2025, 3, 31, 17, 30, tzinfo=datetime.UTC
    )
    assert early_april.starts_at.astimezone(datetime.UTC) == datetime.datetime(
        2025, 3, 31, 18, 30, tzinfo=datetime.UTC
    )

    cadence = states(network, sec, today=datetime.date(2025, 5, 15))
    assert list(cadence) == ["Q2 2024", "Q3 2024", "Q4 2024", "Q1 2025", "Q2 2025"]
    assert cadence["Q1 2025"].state == "met" and cadence["Q1 2025"].meetings == [late_march]
    assert cadence["Q2 2025"].state == "met" and cadence["Q2 2025"].meetings == [early_april]
    assert cadence["Q4 2024"].state == "missed"
    assert cadence["Q1 2025"].end == datetime.date(2025, 3, 31)


@pytest.mark.django_db
def test_cadence_states_as_of_a_given_day(sec, network, plenary, twg):
    MeetingFactory(network=network, body=plenary, starts_at=dhaka(2025, 2, 10, 10, 0))  # Q1: held
    MeetingFactory(
        network=network, body=plenary, starts_at=dhaka(2025, 6, 10, 10, 0)
    )  # Q2: still ahead on 15 May
    MeetingFactory(
        network=network, body=twg, starts_at=dhaka(2024, 11, 5, 10, 0)
    )  # a TWG's meeting does not count
    cancelled = MeetingFactory(network=network, body=plenary, starts_at=dhaka(2024, 8, 5, 10, 0))
    cancelled.status = mc.MeetingStatus.CANCELLED
    cancelled.save()

    cadence = states(network, sec, today=datetime.date(2025, 5, 15))
    assert cadence["Q3 2024"].state == "missed"  # its only meeting was cancelled
    assert cadence["Q4 2024"].state == "missed"
    assert cadence["Q1 2025"].state == "met"
    assert cadence["Q2 2025"].state == "scheduled"
    assert states(network, sec, today=datetime.date(2025, 6, 11))["Q2 2025"].state == "met"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "today,state",
    [
        (datetime.date(2025, 4, 2), "due"),
        (datetime.date(2025, 5, 30), "due"),  # 31 days left
        (datetime.date(2025, 5, 31), "alert"),  # 30 days left, no meeting scheduled
        (datetime.date(2025, 6, 30), "alert"),
    ],
)
def test_a_quarter_without_a_meeting_alerts_thirty_days_before_it_ends(sec, network, plenary, today, state):
    assert states(network, sec, today=today)["Q2 2025"].state == state
