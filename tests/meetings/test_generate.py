"""`mignet generate` for the meetings app: meetings, attendance, minutes, decisions with positions and action
points, valid, consistent with the outcome rules, reproducible with --seed, and deleted by --replace."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from mignet.meetings import choices as mc
from mignet.meetings.models import ActionPoint, AgendaItem, Attendance, Decision, Meeting, Minutes, Position
from mignet.meetings.rules import decision_outcome
from mignet.network import choices as nc
from mignet.network.models import Membership, Network

MODELS = [Meeting, AgendaItem, Attendance, Minutes, Decision, Position, ActionPoint]


def run(*args: str) -> str:
    out = StringIO()
    call_command("generate", *args, stdout=out)
    return out.getvalue()


def fingerprint() -> dict[str, list]:
    """The generated meetings rows by natural values (primary keys differ between runs)."""
    return {
        "meetings": sorted(
            Meeting.objects.values_list(
                "body__name", "starts_at", "ends_at", "location", "online_link", "kind", "uid", "created_at"
            ),
            key=str,
        ),
        "agenda": sorted(
            AgendaItem.objects.values_list("meeting__uid", "position", "title", "presenter__name"), key=str
        ),
        "attendance": sorted(
            Attendance.objects.values_list("meeting__uid", "person__email", "status", "level"), key=str
        ),
        "minutes": sorted(Minutes.objects.values_list("meeting__uid", "status", "approved_at"), key=str),
        "decisions": sorted(
            Decision.objects.values_list("body__name", "title", "method", "status", "decided_at", "deadline"),
            key=str,
        ),
        "positions": sorted(
            Position.objects.values_list("decision__title", "organisation__name", "value", "reason"), key=str
        ),
        "actions": sorted(
            ActionPoint.objects.values_list(
                "meeting__uid",
                "title",
                "owner_organisation__name",
                "owner_person__email",
                "status",
                "due_date",
            ),
            key=str,
        ),
    }


@pytest.mark.django_db
def test_small_scale_creates_meetings_decisions_positions_and_action_points():
    output = run("--scale", "small", "--seed", "3")
    network = Network.objects.get(slug="gen-bd")
    for model in MODELS:
        assert model.objects.filter(network=network).count() > 10, model.__name__
        # Each row has its "created" history entry, dated when it was created.
        assert model.history.filter(network=network).count() == model.objects.filter(network=network).count()
        assert not model.all_objects.filter(is_demo=True).exists()
    assert "meetings" in output and "action points" in output
    # The plenary meets quarterly over the years; the next meeting of a body is scheduled.
    plenary = Meeting.objects.filter(network=network, body__kind=nc.BodyKind.PLENARY)
    years = {m.starts_at.year for m in plenary}
    assert len(years) >= 9
    assert Meeting.objects.filter(network=network, starts_at__gt=timezone.now()).exists()
    # Agendas of 3–8 items; attendance of 5–20 where the body has that many representatives.
    for meeting in Meeting.objects.filter(network=network)[:50]:
        assert 3 <= meeting.agenda_items.count() <= 8
        if meeting.starts_at < timezone.now():
            assert meeting.attendances.count() <= 20
    assert Attendance.objects.filter(network=network, status=mc.AttendanceStatus.APOLOGIES).exists()
    # Minutes in every state; decisions adopted, not adopted and open; action points open, overdue and done.
    assert set(Minutes.objects.values_list("status", flat=True)) == set(mc.MinutesStatus.values)
    statuses = set(Decision.objects.values_list("status", flat=True))
    assert {mc.DecisionStatus.ADOPTED, mc.DecisionStatus.NOT_ADOPTED, mc.DecisionStatus.OPEN} <= statuses
    assert Position.objects.filter(value=mc.PositionValue.OBJECT).exclude(reason="").exists()
    today = timezone.localdate()
    assert ActionPoint.objects.filter(status=mc.ActionStatus.DONE, completed_on__isnull=False).exists()
    assert ActionPoint.objects.filter(status=mc.ActionStatus.OPEN, due_date__lt=today).exists()
    assert ActionPoint.objects.filter(status__in=mc.OPEN_ACTION_STATUSES, due_date__gte=today).exists()
    # Approved minutes were approved by a decision at the next meeting.
    for minutes in Minutes.objects.filter(status=mc.MinutesStatus.APPROVED)[:30]:
        decision = minutes.approval_decisions.get()
        assert decision.status == mc.DecisionStatus.ADOPTED
        assert decision.meeting.starts_at > minutes.meeting.starts_at


@pytest.mark.django_db
def test_generated_meetings_rows_are_valid_and_outcomes_follow_the_rules():
    run("--scale", "small", "--seed", "5")
    for model in MODELS:
        for obj in model.objects.all():
            obj.full_clean()
    for decision in Decision.objects.exclude(status=mc.DecisionStatus.OPEN).prefetch_related("positions"):
        day = timezone.localdate(decision.decided_at)
        members = set(
            Membership.objects.filter(
                body=decision.body,
                status=nc.MembershipStatus.ACTIVE,
                kind=nc.MembershipKind.MEMBER,
                start_date__lte=day,
            )
            .exclude(end_date__lt=day)
            .values_list("organisation_id", flat=True)
        )
        outcome = decision_outcome(
            method=decision.method,
            positions={p.organisation_id: p.value for p in decision.positions.all()},
            members=members,
            now=decision.decided_at,
            deadline=decision.deadline,
            closing=True,
        )
        assert outcome.status == decision.status, decision.title
    for decision in Decision.objects.filter(status=mc.DecisionStatus.OPEN):
        assert decision.deadline and decision.deadline > timezone.now()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_meetings_and_replace_deletes_them():
    run("--scale", "small", "--seed", "7")
    first = fingerprint()
    assert first["meetings"] and first["positions"]
    run("--scale", "small", "--seed", "7", "--replace")
    assert fingerprint() == first
    assert Meeting.all_objects.count() == len(first["meetings"])
    run("--scale", "small", "--seed", "8", "--replace")
    other = fingerprint()
    assert other["meetings"] != first["meetings"]
    assert Meeting.history.count() == Meeting.all_objects.count()
