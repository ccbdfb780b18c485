"""Plans and their content through the services, as a person checks them: codes, the tree, dates, budgets,
markers, frameworks, who may change what, submitting, and the approval by an adopted decision with the
approved version kept readable after a revision."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mignet.core.models import District, GCMObjective, SDGTarget
from mignet.meetings import choices as mc
from mignet.meetings import services as meetings
from mignet.plans import choices as c
from mignet.plans.models import PlanVersion
from mignet.plans.services import plans as services

from ..factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sec(users):
    return users["secretariat"]


def activity_data(output, lead, **extra):
    return {
        "output": output,
        "title": "Community dialogues",
        "lead_organisation": lead,
        "start_date": datetime.date(2026, 3, 1),
        "end_date": datetime.date(2026, 9, 30),
        "budget_required": Decimal("50000"),
        **extra,
    }


def gcm(*numbers):
    return {"gcm_objectives": list(GCMObjective.objects.filter(number__in=numbers or (6,)))}


def new_plan(actor, network, body, **extra):
    return services.plan_create(
        actor=actor,
        network=network,
        data={
            "body": body,
            "title": "TWG work plan 2026",
            "start_date": datetime.date(2026, 1, 1),
            "end_date": datetime.date(2026, 12, 31),
            **extra,
        },
    )


def test_codes_follow_the_tree(sec, network, twg, unhcr):
    plan = new_plan(sec, network, twg)
    one = services.result_create(
        actor=sec, network=network, data={"plan": plan, "level": "outcome", "title": "A"}
    )
    two = services.result_create(
        actor=sec, network=network, data={"plan": plan, "level": "outcome", "title": "B"}
    )
    out = services.result_create(
        actor=sec, network=network, data={"plan": plan, "level": "output", "parent": one, "title": "A.1"}
    )
    out2 = services.result_create(
        actor=sec, network=network, data={"plan": plan, "level": "output", "parent": one, "title": "A.2"}
    )
    a1 = services.activity_create(actor=sec, network=network, data=activity_data(out, unhcr), m2m=gcm())
    a2 = services.activity_create(actor=sec, network=network, data=activity_data(out, unhcr), m2m=gcm())
    assert (one.code, two.code, out.code, out2.code) == ("1", "2", "1.1", "1.2")
    assert (a1.code, a2.code) == ("1.1.1", "1.1.2")
    assert a1.plan == plan  # the plan follows from the output


def test_an_output_needs_an_outcome(sec, network, plan, output):
    with pytest.raises(ValidationError) as e:
        services.result_create(
            actor=sec, network=network, data={"plan": plan, "level": "output", "title": "Lost"}
        )
    assert "parent" in e.value.message_dict
    with pytest.raises(ValidationError) as e:  # nor under another output
        services.result_create(
            actor=sec, network=network, data={"plan": plan, "level": "output", "parent": output, "title": "x"}
        )
    assert "parent" in e.value.message_dict


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"start_date": datetime.date(2025, 12, 1)}, "start_date"),
        ({"end_date": datetime.date(2027, 1, 31)}, "end_date"),
        ({"budget_required": Decimal("-1")}, "budget_required"),
        ({"budget_available": Decimal("-0.01")}, "budget_available"),
        ({"gender_marker": c.Marker.SIGNIFICANT}, "gender_justification"),
        (
            {"human_rights_marker": c.Marker.PRINCIPAL, "human_rights_justification": "  "},
            "human_rights_justification",
        ),
    ],
)
def test_bad_activity_input_is_refused_on_its_field_and_nothing_saved(
    sec, network, output, unhcr, extra, field
):
    with pytest.raises(ValidationError) as e:
        services.activity_create(
            actor=sec, network=network, data=activity_data(output, unhcr, **extra), m2m=gcm()
        )
    assert field in e.value.message_dict
    assert not output.activities.exists()


def test_frameworks_an_activity_needs_and_may_have(sec, network, output, unhcr):
    with pytest.raises(ValidationError) as e:
        services.activity_create(actor=sec, network=network, data=activity_data(output, unhcr), m2m={})
    assert "gcm_objectives" in e.value.message_dict
    eleven = list(SDGTarget.objects.all()[:11])
    assert len(eleven) == 11
    with pytest.raises(ValidationError) as e:
        services.activity_create(
            actor=sec,
            network=network,
            data=activity_data(output, unhcr),
            m2m={**gcm(), "sdg_targets": eleven},
        )
    assert "sdg_targets" in e.value.message_dict
    ok = services.activity_create(
        actor=sec,
        network=network,
        data=activity_data(output, unhcr),
        m2m={**gcm(2, 6), "sdg_targets": eleven[:10]},
    )
    assert ok.sdg_targets.count() == 10 and ok.gcm_objectives.count() == 2


def test_spent_above_available_is_a_warning_not_a_refusal(sec, network, output, unhcr):
    a = services.activity_create(
        actor=sec,
        network=network,
        data=activity_data(output, unhcr, budget_available=Decimal("10"), budget_spent=Decimal("20")),
        m2m=gcm(),
    )
    assert a.overspent


def test_a_focal_point_changes_their_own_organisations_activities_only(
    users, network, unhcr_activity, iom_activity, iom
):
    member = users["member"]  # UNHCR's focal point
    services.activity_update(
        actor=member,
        instance=unhcr_activity,
        version=unhcr_activity.version,
        data={"title": "Sessions in Sylhet"},
    )
    unhcr_activity.refresh_from_db()
    assert unhcr_activity.title == "Sessions in Sylhet"
    with pytest.raises(PermissionDenied):
        services.activity_update(
            actor=member, instance=iom_activity, version=iom_activity.version, data={"title": "x"}
        )
    with pytest.raises(PermissionDenied):  # nor hand their own to IOM
        services.activity_update(
            actor=member,
            instance=unhcr_activity,
            version=unhcr_activity.version,
            data={"lead_organisation": iom},
        )
    with pytest.raises(PermissionDenied):  # nor add one led by IOM
        services.activity_create(
            actor=member, network=network, data=activity_data(unhcr_activity.output, iom), m2m=gcm()
        )


def test_submit_needs_an_activity_and_freezes_the_content(users, network, plan, output, unhcr):
    chair = users["chair"]  # chairs the TWG whose plan it is
    with pytest.raises(ValidationError):
        services.plan_submit(actor=chair, instance=plan)
    a = services.activity_create(actor=chair, network=network, data=activity_data(output, unhcr), m2m=gcm())
    plan = services.plan_submit(actor=chair, instance=plan)
    assert plan.status == c.PlanStatus.SUBMITTED and plan.submitted_at
    a.refresh_from_db()
    with pytest.raises(ValidationError):  # draft-only edits
        services.activity_update(actor=chair, instance=a, version=a.version, data={"title": "Changed"})
    with pytest.raises(ValidationError):
        services.result_create(
            actor=chair, network=network, data={"plan": plan, "level": "outcome", "title": "x"}
        )
    plan = services.plan_withdraw(actor=chair, instance=plan)
    assert plan.status == c.PlanStatus.DRAFT


def test_a_viewer_and_a_partner_change_nothing(users, network, plan, unhcr_activity):
    for role in ("viewer", "partner"):
        with pytest.raises(PermissionDenied):
            services.plan_submit(actor=users[role], instance=plan)
        with pytest.raises(PermissionDenied):
            services.activity_update(
                actor=users[role],
                instance=unhcr_activity,
                version=unhcr_activity.version,
                data={"title": "x"},
            )


def test_a_plan_is_approved_by_an_adopted_decision_and_a_revision_keeps_version_1(
    sec, network, plenary, plan, unhcr_activity, iom
):
    plan = services.plan_submit(actor=sec, instance=plan)
    meeting = MeetingFactory(network=network, body=plenary)
    decision = meetings.decision_propose(
        actor=sec,
        network=network,
        data={
            "title": "Approval of the TWG work plan 2026",
            "text": "The Network approves the plan.",
            "body": plenary,
            "meeting": meeting,
            "method": mc.DecisionMethod.CONSENSUS,
            "subject": mc.DecisionSubject.APPROVE_PLAN,
            "plan": plan,
        },
        chairs=None,
    )
    plan.refresh_from_db()
    assert plan.status == c.PlanStatus.SUBMITTED  # nothing happens before adoption
    with pytest.raises(ValidationError):  # nor can it be taken back while the decision is open
        services.plan_withdraw(actor=sec, instance=plan)
    meetings.position_record(actor=sec, decision=decision, organisation=iom, value="agree")
    meetings.decision_close(actor=sec, instance=decision)
    decision.refresh_from_db()
    assert decision.status == mc.DecisionStatus.ADOPTED
    plan.refresh_from_db()
    assert plan.status == c.PlanStatus.APPROVED and plan.approved_version == 1
    version = PlanVersion.objects.get(plan=plan, number=1)
    assert version.snapshot["title"] == "Labour Migration TWG work plan 2026"
    assert [a["code"] for a in version.snapshot["activities"]] == [unhcr_activity.code]
    assert version.decision_title == "Approval of the TWG work plan 2026"

    plan = services.plan_revise(actor=sec, instance=plan)
    assert plan.status == c.PlanStatus.DRAFT and plan.is_revision
    plan = services.plan_update(
        actor=sec, instance=plan, version=plan.version, data={"title": "Revised plan 2026"}
    )
    version.refresh_from_db()
    assert version.snapshot["title"] == "Labour Migration TWG work plan 2026"


def test_close_only_an_approved_plan(sec, plan, unhcr_activity):
    with pytest.raises(ValidationError):
        services.plan_close(actor=sec, instance=plan)
    with pytest.raises(ValidationError):
        services.plan_revise(actor=sec, instance=plan)


def test_targets_and_measurements_stay_within_the_plan(sec, network, unhcr_activity):
    indicator = services.indicator_create(
        actor=sec,
        network=network,
        data={
            "activity": unhcr_activity,
            "name": "People reached",
            "unit": "people",
            "disaggregation": ["sex"],
        },
    )
    assert indicator.plan == unhcr_activity.plan
    with pytest.raises(ValidationError) as e:
        services.target_create(
            actor=sec, network=network, data={"indicator": indicator, "period": "2027", "value": 5}
        )
    assert "period" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        services.target_create(
            actor=sec, network=network, data={"indicator": indicator, "period": "26-Q5", "value": 5}
        )
    assert "period" in e.value.message_dict
    t = services.target_create(
        actor=sec, network=network, data={"indicator": indicator, "period": "2026-Q2", "value": 5}
    )
    assert t.period_end == datetime.date(2026, 6, 30)
    with pytest.raises(ValidationError) as e:  # not disaggregated by district
        services.measurement_create(
            actor=sec,
            network=network,
            data={
                "indicator": indicator,
                "period": "2026-Q1",
                "value": 3,
                "district": District.objects.first(),
            },
        )
    assert "district" in e.value.message_dict
    m = services.measurement_create(
        actor=sec,
        network=network,
        data={"indicator": indicator, "period": "2026-Q1", "value": 3, "sex": "female"},
    )
    assert not m.is_total
