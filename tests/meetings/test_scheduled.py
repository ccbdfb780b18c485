"""Scheduled work: decisions close at their deadline and apply their effect, reminders and alerts go out
once, and running the work twice sends nothing twice."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from mignet.core.models import SentNotice
from mignet.meetings import choices as mc
from mignet.meetings import scheduled, services
from mignet.meetings.models import Decision
from mignet.network import choices as nc
from mignet.network.models import Body

from ..factories import (
    ActionPointFactory,
    BodyFactory,
    ChairTermFactory,
    DecisionFactory,
    MeetingFactory,
    PersonFactory,
)

DAY = datetime.timedelta(days=1)
UTC = datetime.UTC


@pytest.fixture
def sec(users):
    return users["secretariat"]


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def proposed_body(network, plenary):
    return BodyFactory(network=network, name="Returns TWG", parent=plenary, status=nc.BodyStatus.PROPOSED)


def silence(plenary, target, deadline):
    return DecisionFactory(
        body=plenary,
        method=mc.DecisionMethod.SILENCE,
        subject=mc.DecisionSubject.ESTABLISH_BODY,
        target_body=target,
        title="Establish the Returns TWG",
        deadline=deadline,
    )


def tick(run_on_commit, now):
    with run_on_commit():
        return scheduled.tick(now)


# --- Decisions at their deadline


def test_silence_procedure_is_adopted_at_the_deadline_and_applies_its_effect(
    network, plenary, proposed_body, users, run_on_commit
):
    deadline = timezone.now() + datetime.timedelta(hours=1)
    decision = silence(plenary, proposed_body, deadline)

    assert tick(run_on_commit, deadline - datetime.timedelta(minutes=1))["decisions_settled"] == 0
    decision.refresh_from_db()
    assert decision.status == mc.DecisionStatus.OPEN

    done = tick(run_on_commit, deadline + datetime.timedelta(minutes=5))
    assert done["decisions_settled"] == 1
    decision.refresh_from_db()
    assert decision.status == mc.DecisionStatus.ADOPTED
    assert decision.decided_at == deadline
    body = Body.objects.get(pk=proposed_body.pk)
    assert body.status == nc.BodyStatus.ACTIVE
    assert body.established_on == scheduled._today(network, deadline)  # the day in the network's zone
    assert any(m.subject == "Adopted: Establish the Returns TWG" for m in mail.outbox)


def test_an_objection_means_not_adopted(network, plenary, plenary_members, proposed_body, sec, run_on_commit):
    deadline = timezone.now() + datetime.timedelta(hours=1)
    decision = silence(plenary, proposed_body, deadline)
    services.position_record(
        actor=sec,
        decision=decision,
        organisation=plenary_members["UNHCR"],
        value=mc.PositionValue.OBJECT,
        reason="The mandate overlaps with the protection TWG.",
    )
    assert tick(run_on_commit, deadline + DAY)["decisions_settled"] == 1
    decision.refresh_from_db()
    assert decision.status == mc.DecisionStatus.NOT_ADOPTED
    assert Body.objects.get(pk=proposed_body.pk).status == nc.BodyStatus.PROPOSED


def test_written_consultation_not_answered_closes_at_the_deadline(written_decision, run_on_commit):
    assert tick(run_on_commit, written_decision.deadline + DAY)["decisions_settled"] == 1
    written_decision.refresh_from_db()
    assert written_decision.status == mc.DecisionStatus.NOT_ADOPTED


# --- Twice sends nothing twice


def test_tick_twice_sends_nothing_the_second_time(
    network, plenary, proposed_body, twg, twg_members, unhcr, iom, meeting, users, run_on_commit
):
    now = timezone.now()
    today = scheduled._today(network, now)
    silence(plenary, proposed_body, now - datetime.timedelta(minutes=1))
    owner = PersonFactory(network=network, organisation=unhcr, email="owner@unhcr.example.org")
    ActionPointFactory(
        meeting=meeting, owner_organisation=unhcr, owner_person=owner, due_date=today + 7 * DAY
    )
    ActionPointFactory(meeting=meeting, owner_organisation=unhcr, due_date=today)
    ChairTermFactory(
        network=network, body=twg, organisation=iom, start_date=today - 300 * DAY, end_date=today + 20 * DAY
    )

    first = tick(run_on_commit, now)
    assert first["decisions_settled"] == 1
    assert first["action_point_reminders"] == 2
    assert first["chair_term_alerts"] == 1
    sent = len(mail.outbox)
    notices = SentNotice.objects.count()
    assert sent > 0

    second = tick(run_on_commit, now + datetime.timedelta(minutes=15))
    assert second == dict.fromkeys(first, 0)
    assert len(mail.outbox) == sent
    assert SentNotice.objects.count() == notices


def test_mignet_tick_command_runs_in_process_and_twice_sends_nothing_twice(
    network, meeting, unhcr, users, run_on_commit, capsys
):
    today = scheduled._today(network, timezone.now())
    ActionPointFactory(meeting=meeting, owner_organisation=unhcr, due_date=today, title="Send the mapping")
    with run_on_commit():
        call_command("tick")
    out = capsys.readouterr().out
    assert "1 action-point reminders queued" in " ".join(out.split())
    count = len(mail.outbox)
    assert any(m.subject == "Action due today: Send the mapping" for m in mail.outbox)
    with run_on_commit():
        call_command("tick")
    assert len(mail.outbox) == count


def test_celery_task_calls_the_same_service(network, meeting, unhcr, users, run_on_commit):
    from mignet.meetings.tasks import tick as tick_task

    today = scheduled._today(network, timezone.now())
    ActionPointFactory(meeting=meeting, owner_organisation=unhcr, due_date=today)
    with run_on_commit():
        result = tick_task.apply().get()
    assert result["action_point_reminders"] == 1
    with run_on_commit():
        assert tick_task.apply().get()["action_point_reminders"] == 0


def test_beat_runs_the_tick_every_quarter_hour(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["meetings-tick"]
    assert entry["task"] == "mignet.meetings.tasks.tick"
    assert entry["schedule"] == 15 * 60


# --- Action-point reminders


def test_reminders_seven_days_before_and_on_the_day(network, meeting, unhcr, users, run_on_commit):
    start = timezone.now()
    today = scheduled._today(network, start)
    owner = PersonFactory(network=network, organisation=unhcr, email="owner@unhcr.example.org")
    action = ActionPointFactory(
        meeting=meeting,
        owner_organisation=unhcr,
        owner_person=owner,
        due_date=today + 10 * DAY,
        title="Map services",
    )

    def reminders(days):
        mail.outbox.clear()
        with run_on_commit():
            count = scheduled.action_point_reminders(start + days * DAY)
        return count, [(m.to, m.subject) for m in mail.outbox]

    assert reminders(2) == (0, [])  # due in 8 days
    count, sent = reminders(3)  # due in 7 days
    assert count == 1
    assert sent[0][0] == ["owner@unhcr.example.org"]
    assert sent[0][1].startswith("Reminder: action due on ") and sent[0][1].endswith(": Map services")
    assert reminders(4) == (0, [])  # already reminded this week
    assert reminders(9) == (0, [])
    count, sent = reminders(10)  # the due date
    assert (count, sent) == (1, [(["owner@unhcr.example.org"], "Action due today: Map services")])
    assert reminders(10) == (0, [])
    assert reminders(11) == (0, [])  # overdue: it shows on the next agenda, no daily nagging

    action.status = mc.ActionStatus.DONE
    action.save()
    assert reminders(10) == (0, [])


def test_a_moved_due_date_rearms_the_reminders(network, meeting, unhcr, users, run_on_commit):
    start = timezone.now()
    today = scheduled._today(network, start)
    action = ActionPointFactory(meeting=meeting, owner_organisation=unhcr, due_date=today + 7 * DAY)
    with run_on_commit():
        assert scheduled.action_point_reminders(start) == 1
    assert [m.to for m in mail.outbox] == [[users["member"].email]]  # no owner person: the focal point

    services.action_point_update(
        actor=users["secretariat"],
        instance=action,
        version=action.version,
        data={"due_date": today + 21 * DAY},
    )
    with run_on_commit():
        assert scheduled.action_point_reminders(start + DAY) == 0
        assert scheduled.action_point_reminders(start + 14 * DAY) == 1  # 7 days before the new date
        assert scheduled.action_point_reminders(start + 21 * DAY) == 1
        assert scheduled.action_point_reminders(start + 21 * DAY) == 0


def test_no_recipient_records_nothing(network, meeting, iom, run_on_commit):
    """IOM has no focal point account here: nothing is sent, and nothing recorded, so a focal point
    added later still gets the reminder."""
    today = scheduled._today(network, timezone.now())
    ActionPointFactory(meeting=meeting, owner_organisation=iom, due_date=today)
    with run_on_commit():
        assert scheduled.action_point_reminders(timezone.now()) == 0
    assert not SentNotice.objects.exists()


# --- Chair-term alerts


def test_chair_term_alert_once(network, twg, twg_members, iom, users, run_on_commit):
    today = timezone.localdate()
    ChairTermFactory(
        network=network, body=twg, organisation=iom, start_date=today - 300 * DAY, end_date=today + 40 * DAY
    )
    now = timezone.now()
    with run_on_commit():
        assert scheduled.chair_term_alerts(now - 30 * DAY) == 0  # 70 days ahead: not yet
        assert scheduled.chair_term_alerts(now) == 1
    recipients = {m.to[0] for m in mail.outbox}
    assert users["secretariat"].email in recipients
    assert "rep@unhcr.example.org" in recipients
    assert users["viewer"].email not in recipients
    assert "Labour Migration TWG" in mail.outbox[0].subject
    count = len(mail.outbox)
    with run_on_commit():
        assert scheduled.chair_term_alerts(now + DAY) == 0
        assert scheduled.chair_term_alerts(now + 10 * DAY) == 0
    assert len(mail.outbox) == count


def test_no_chair_term_alert_when_a_successor_is_selected(network, twg, iom, unhcr, users, run_on_commit):
    today = timezone.localdate()
    ChairTermFactory(
        network=network, body=twg, organisation=iom, start_date=today - 300 * DAY, end_date=today + 20 * DAY
    )
    ChairTermFactory(
        network=network, body=twg, organisation=unhcr, start_date=today + 21 * DAY, end_date=today + 385 * DAY
    )
    with run_on_commit():
        assert scheduled.chair_term_alerts(timezone.now()) == 0
    assert mail.outbox == []


# --- Cadence alerts


def at(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def test_cadence_alert_once_per_quarter(network, plenary, users, run_on_commit):
    with run_on_commit():
        assert scheduled.cadence_alerts(at(2030, 2, 1, 9)) == 0  # Q1 2030 ends in 58 days: not yet
        assert scheduled.cadence_alerts(at(2030, 3, 10, 9)) == 1
        assert scheduled.cadence_alerts(at(2030, 3, 20, 9)) == 0  # same quarter
        assert scheduled.cadence_alerts(at(2030, 6, 15, 9)) == 1  # the next quarter
    assert [m.to for m in mail.outbox] == [[users["secretariat"].email]] * 2
    assert mail.outbox[0].subject == "No Network meeting scheduled in Q1 2030"
    assert mail.outbox[1].subject == "No Network meeting scheduled in Q2 2030"


def test_no_cadence_alert_when_the_plenary_meeting_is_scheduled(network, plenary, users, run_on_commit):
    starts = at(2030, 3, 25, 4)
    MeetingFactory(
        network=network, body=plenary, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    with run_on_commit():
        assert scheduled.cadence_alerts(at(2030, 3, 10, 9)) == 0
    assert mail.outbox == []


def test_decisions_settle_due_leaves_open_ones_with_time_left(written_decision, run_on_commit):
    with run_on_commit():
        assert scheduled.decisions_settle_due(timezone.now()) == 0
    assert Decision.objects.get(pk=written_decision.pk).is_open
