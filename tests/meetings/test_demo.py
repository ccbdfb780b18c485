"""The meetings demo: loads twice without duplicating, and shows what each page needs to have something to show."""

from __future__ import annotations

import datetime
import zoneinfo
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from mignet.accounts.models import User
from mignet.meetings import choices as mc
from mignet.meetings import selectors
from mignet.meetings.effects import rotation_conflicts
from mignet.meetings.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    ChairSelection,
    Decision,
    Meeting,
    Minutes,
    Position,
)
from mignet.network import choices as nc
from mignet.network.demo import ACCOUNTS
from mignet.network.models import Body, ChairTerm, Network

MODELS = [Meeting, AgendaItem, Attendance, Minutes, Decision, Position, ChairSelection, ActionPoint]
DHAKA = zoneinfo.ZoneInfo("Asia/Dhaka")
TWGS = ["Labour Migration TWG", "Counter-Trafficking TWG", "Diaspora & Development TWG"]


def load_demo() -> None:
    call_command("demo", stdout=StringIO())


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module inside a transaction that is rolled back at its end (each test
    runs in a savepoint within it)."""
    with (
        django_db_blocker.unblock(),
        override_settings(MIGNET_DEMO_PASSWORD="demo-password-for-tests"),
        transaction.atomic(),
    ):
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def bd(_demo_loaded, db, settings):
    settings.MIGNET_DEMO_PASSWORD = "demo-password-for-tests"
    return Network.objects.get(slug="bd")


@pytest.fixture
def secretariat(bd):
    return User.objects.get(email=ACCOUNTS["secretariat"])


def counts() -> dict[str, tuple[int, int]]:
    return {m.__name__: (m.all_objects.count(), m.history.count()) for m in [*MODELS, Body, ChairTerm]}


def test_the_demo_loads_twice_without_duplicating_or_changing_anything(bd):
    before = counts()
    assert all(n for n, _ in before.values())
    assert not any(m.all_objects.filter(is_demo=False).exists() for m in MODELS)
    updated = {
        m.__name__: list(m.all_objects.order_by("pk").values_list("updated_at", flat=True)) for m in MODELS
    }
    load_demo()
    assert counts() == before
    assert {
        m.__name__: list(m.all_objects.order_by("pk").values_list("updated_at", flat=True)) for m in MODELS
    } == updated


def test_cadence_shows_one_missed_quarter_and_the_next_meeting_scheduled(bd, secretariat):
    quarters = selectors.meeting_cadence(user=secretariat, network=bd)
    states = [q.state for q in quarters]
    assert states.count("missed") == 1, states
    assert states[-1] in ("scheduled", "met"), states
    assert set(states[:-1]) == {"met", "missed"}, states
    upcoming = (
        Meeting.objects.filter(body__network=bd, body__kind=nc.BodyKind.PLENARY, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    assert upcoming is not None and upcoming.status == mc.MeetingStatus.SCHEDULED
    assert upcoming.agenda_items.count() >= 4
    # The missed quarter's meeting was cancelled, with the reason on record.
    missed = next(q for q in quarters if q.state == "missed")
    cancelled = Meeting.objects.filter(
        network=bd, body__kind=nc.BodyKind.PLENARY, status=mc.MeetingStatus.CANCELLED
    )
    assert any(
        missed.start <= timezone.localdate(m.starts_at) <= missed.end and m.cancel_reason for m in cancelled
    )
    first = Meeting.objects.filter(network=bd, body__kind=nc.BodyKind.PLENARY).order_by("starts_at").first()
    assert timezone.localtime(first.starts_at, DHAKA).date() == datetime.date(2019, 7, 7)
    assert timezone.localtime(first.starts_at, DHAKA).time() == datetime.time(10, 0)


def test_meetings_have_attendance_minutes_and_decisions_on_record(bd):
    past = Meeting.objects.filter(
        network=bd,
        body__kind=nc.BodyKind.PLENARY,
        status=mc.MeetingStatus.SCHEDULED,
        ends_at__lt=timezone.now(),
    )
    assert past.count() >= 25
    assert not past.filter(attendances__isnull=True).exists()
    levels = {a.status for a in Attendance.objects.filter(meeting__in=past)}
    assert levels == {mc.AttendanceStatus.PRESENT, mc.AttendanceStatus.APOLOGIES, mc.AttendanceStatus.ABSENT}
    below = [
        row
        for meeting in past[:3]
        for row in selectors.meeting_detail(
            user=User.objects.get(email=ACCOUNTS["secretariat"]), obj=meeting
        )["attendance_rows"]
        if row.below_level
    ]
    assert below
    statuses = list(Minutes.objects.filter(network=bd).values_list("status", flat=True))
    assert statuses.count(mc.MinutesStatus.CIRCULATED) == 1
    assert statuses.count(mc.MinutesStatus.DRAFT) == 1
    for minutes in Minutes.objects.filter(network=bd, status=mc.MinutesStatus.APPROVED):
        decision = minutes.approval_decisions.get()
        assert decision.status == mc.DecisionStatus.ADOPTED and decision.decided_at == minutes.approved_at
        # History tells the story: created open, then closed on the day it was decided.
        assert list(decision.history.order_by("history_date").values_list("status", "history_date")) == [
            (mc.DecisionStatus.OPEN, decision.created_at),
            (mc.DecisionStatus.ADOPTED, decision.decided_at),
        ]
    # The joint statement, the open written consultation with an objection, the abolition not adopted.
    assert Decision.objects.filter(
        network=bd,
        subject=mc.DecisionSubject.ADOPT_STATEMENT,
        method=mc.DecisionMethod.SILENCE,
        status=mc.DecisionStatus.ADOPTED,
    ).exists()
    consultation = Decision.objects.get(
        network=bd, method=mc.DecisionMethod.WRITTEN, status=mc.DecisionStatus.OPEN
    )
    assert timezone.now() < consultation.deadline <= timezone.now() + datetime.timedelta(days=8)
    objection = consultation.positions.get(value=mc.PositionValue.OBJECT)
    assert objection.reason
    abolish = Decision.objects.get(network=bd, subject=mc.DecisionSubject.ABOLISH_BODY)
    assert abolish.status == mc.DecisionStatus.NOT_ADOPTED
    assert abolish.target_body.is_active
    # Every row is valid.
    for model in MODELS:
        for obj in model.objects.filter(network=bd):
            obj.full_clean()


def test_the_establishing_decisions_exist_and_are_adopted_on_the_establishment_dates(bd):
    for short_name in TWGS:
        twg = Body.objects.get(network=bd, short_name=short_name)
        assert twg.status == nc.BodyStatus.ACTIVE
        decision = Decision.objects.get(target_body=twg, subject=mc.DecisionSubject.ESTABLISH_BODY)
        assert decision.status == mc.DecisionStatus.ADOPTED
        assert decision.method == mc.DecisionMethod.CONSENSUS and decision.meeting is not None
        assert timezone.localdate(decision.decided_at, DHAKA) == twg.established_on
        assert decision.positions.filter(value=mc.PositionValue.AGREE).exists()
        assert twg.history.count() == 1  # the effect was not applied again


def test_chair_terms_rotate_or_the_selection_says_why_not(bd):
    for short_name in TWGS:
        twg = Body.objects.get(network=bd, short_name=short_name)
        starts = sorted(set(ChairTerm.objects.filter(body=twg).values_list("start_date", flat=True)))
        assert len(starts) >= 3
        for previous, start in zip(starts, starts[1:], strict=False):
            before = set(
                ChairTerm.objects.filter(body=twg, start_date=previous).values_list("organisation", flat=True)
            )
            now = set(
                ChairTerm.objects.filter(body=twg, start_date=start).values_list("organisation", flat=True)
            )
            decision = Decision.objects.get(
                target_body=twg,
                subject=mc.DecisionSubject.SELECT_CHAIRS,
                title__contains=f"for {start:%Y}–",
            )
            assert decision.status == mc.DecisionStatus.ADOPTED
            assert set(decision.chair_selections.values_list("organisation", flat=True)) == now
            if before & now:
                assert decision.override_reason.strip(), decision.title
                assert rotation_conflicts(decision, list(now), start)
            else:
                assert not decision.override_reason


def test_matters_arising_and_my_actions_have_content(bd, secretariat):
    upcoming = (
        Meeting.objects.filter(network=bd, body__kind=nc.BodyKind.PLENARY, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    arising = selectors.matters_arising(user=secretariat, meeting=upcoming)
    assert arising
    assert any(a.is_overdue for a in arising)
    statuses = set(ActionPoint.objects.filter(network=bd).values_list("status", flat=True))
    assert {mc.ActionStatus.OPEN, mc.ActionStatus.DONE} <= statuses
    focal = User.objects.get(email=ACCOUNTS["member"])
    mine = selectors.action_points_mine(user=focal, network=bd)
    assert mine["open"] and mine["overdue"] and mine["closed"]
    assert all(a.owner_organisation.acronym == "UNHCR" for a in mine["open"] + mine["overdue"])
