"""Joint-programming priorities through the services: proposed in a TWG by its chair or a member focal
point, supported by organisations, promoted into a draft plan as a linked activity (refused into an
approved plan), dropped with a reason; each refusal as a person would meet it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mignet.core.models import GCMObjective
from mignet.plans import choices as c
from mignet.plans.models import Activity
from mignet.plans.services.priorities import (
    priority_create,
    priority_drop,
    priority_promote,
    priority_support,
    priority_update,
)

Status = c.PriorityStatus


@pytest.fixture
def priority(users, network, twg):
    return priority_create(
        actor=users["chair"],
        network=network,
        data={
            "body": twg,
            "kind": c.PriorityKind.PROGRAMME,
            "title": "Joint reintegration programme for returnees",
            "description": "Counselling, skills and referral.",
        },
        m2m={"gcm_objectives": [GCMObjective.objects.get(number=21)]},
    )


def test_a_focal_point_proposes_for_their_organisation(users, network, twg, unhcr, iom):
    p = priority_create(
        actor=users["member"],
        network=network,
        data={"body": twg, "kind": c.PriorityKind.RESEARCH, "title": "Study"},
    )
    assert (p.proposed_by, p.status) == (unhcr, Status.PROPOSED)
    with pytest.raises(ValidationError) as exc:
        priority_create(
            actor=users["member"],
            network=network,
            data={"body": twg, "kind": c.PriorityKind.RESEARCH, "title": "Study", "proposed_by": iom},
        )
    assert "proposed_by" in exc.value.message_dict


@pytest.mark.parametrize("role", ["viewer", "partner"])
def test_viewers_and_partners_do_not_propose(users, network, twg, role):
    with pytest.raises(PermissionDenied):
        priority_create(
            actor=users[role], network=network, data={"body": twg, "kind": "research", "title": "X"}
        )


def test_support_and_withdraw(priority, users, unhcr, iom):
    priority_support(actor=users["member"], instance=priority)
    assert list(priority.supporters.all()) == [unhcr]
    with pytest.raises(ValidationError):
        priority_support(actor=users["member"], instance=priority, organisation=unhcr)
    with pytest.raises(PermissionDenied):  # a focal point supports for their own organisation only
        priority_support(actor=users["member"], instance=priority, organisation=iom)
    priority_support(actor=users["secretariat"], instance=priority, organisation=iom)
    assert set(priority.supporters.all()) == {unhcr, iom}
    priority_support(actor=users["member"], instance=priority, organisation=unhcr, support=False)
    assert list(priority.supporters.all()) == [iom]
    for role in ("chair", "viewer", "partner"):
        with pytest.raises(PermissionDenied):
            priority_support(actor=users[role], instance=priority, organisation=unhcr)
    with pytest.raises(ValidationError):  # supporters change only by their steps
        priority_update(
            actor=users["chair"],
            instance=priority,
            version=priority.version,
            data={},
            m2m={"supporters": [unhcr]},
        )


def test_promote_creates_a_linked_activity_in_a_draft_plan(priority, users, plan, output, unhcr, iom):
    priority_support(actor=users["member"], instance=priority)
    priority_support(actor=users["secretariat"], instance=priority, organisation=iom)
    activity = priority_promote(
        actor=users["chair"], instance=priority, plan=plan, output=output, lead_organisation=unhcr
    )
    activity = Activity.objects.get(pk=activity.pk)
    assert activity.joint_priority_id == priority.pk
    assert (activity.plan, activity.output, activity.lead_organisation) == (plan, output, unhcr)
    assert activity.title == priority.title and activity.description == priority.description
    assert (activity.start_date, activity.end_date) == (plan.start_date, plan.end_date)
    assert [o.number for o in activity.gcm_objectives.all()] == [21]
    assert list(activity.partners.all()) == [iom]
    assert activity.joint_programme and activity.code.startswith(output.code + ".")
    priority.refresh_from_db()
    assert priority.status == Status.PROMOTED
    assert list(priority.activities.all()) == [activity]


def test_promote_refused_into_an_approved_plan_and_with_a_lead_that_does_not_support(
    priority, users, plan, output, unhcr, iom
):
    priority_support(actor=users["member"], instance=priority)
    with pytest.raises(ValidationError) as exc:
        priority_promote(
            actor=users["chair"], instance=priority, plan=plan, output=output, lead_organisation=iom
        )
    assert "lead_organisation" in exc.value.message_dict
    plan.status = c.PlanStatus.APPROVED
    plan.save()
    with pytest.raises(ValidationError) as exc:
        priority_promote(
            actor=users["chair"], instance=priority, plan=plan, output=output, lead_organisation=unhcr
        )
    assert "plan" in exc.value.message_dict
    assert not Activity.objects.filter(joint_priority=priority).exists()
    priority.refresh_from_db()
    assert priority.status == Status.PROPOSED


@pytest.mark.parametrize("role", ["member", "partner", "viewer"])
def test_only_the_chair_or_the_secretariat_promotes_or_drops(priority, users, plan, output, unhcr, role):
    priority_support(actor=users["member"], instance=priority)
    with pytest.raises(PermissionDenied):
        priority_promote(
            actor=users[role], instance=priority, plan=plan, output=output, lead_organisation=unhcr
        )
    with pytest.raises(PermissionDenied):
        priority_drop(actor=users[role], instance=priority, reason="No funding")


def test_drop_needs_a_reason_and_a_dropped_priority_goes_nowhere(priority, users, plan, output, unhcr):
    with pytest.raises(ValidationError) as exc:
        priority_drop(actor=users["chair"], instance=priority, reason=" ")
    assert "reason" in exc.value.message_dict
    dropped = priority_drop(
        actor=users["secretariat"], instance=priority, reason="Covered by the UNSDCF programme."
    )
    assert dropped.status == Status.DROPPED
    assert dropped.history.first().history_change_reason == "Covered by the UNSDCF programme."
    with pytest.raises(ValidationError):
        priority_support(actor=users["member"], instance=dropped)
    with pytest.raises(ValidationError):
        priority_promote(
            actor=users["secretariat"], instance=dropped, plan=plan, output=output, lead_organisation=unhcr
        )
