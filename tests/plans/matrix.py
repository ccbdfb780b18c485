"""The plans app's rows of the permission matrix (tests/core/test_permission_matrix.py): every plans page
and API endpoint × the six roles, the objects they need, and the bodies of state-changing requests.

The TWG's draft 2026 work plan is kept by its chair (the `chair` role) and the secretariat; UNHCR's focal
point (`member`) edits UNHCR's activity and reports on it, not IOM's; partners and viewers read."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from mignet.core.models import District, GCMObjective, GovernmentBody
from mignet.plans import choices as c
from mignet.plans import models as m

LOGIN = 302
ROLES = ("anonymous", "viewer", "partner", "member", "chair", "secretariat")


def row(*codes):
    assert len(codes) == len(ROLES)
    return dict(zip(ROLES, codes, strict=True))


ALL_200 = row(200, 200, 200, 200, 200, 200)
SIGNED_IN = row(LOGIN, 200, 200, 200, 200, 200)
SECRETARIAT_ONLY = row(LOGIN, 403, 403, 403, 403, 200)
RUNS_TWG = row(LOGIN, 403, 403, 403, 200, 200)
RESTORE = row(LOGIN, 404, 404, 404, 404, 302)
API_READ = row(404, 200, 200, 200, 200, 200)
API_RESTORE = row(401, 404, 404, 404, 404, 200)

HTML: dict = {}
API: dict = {}
PAYLOAD_KEYS: set[str] = set()


def _soft_delete(obj):
    type(obj).all_objects.filter(pk=obj.pk).update(deleted_at=timezone.now())
    return obj


def _plan(network, twg, **extra):
    return m.Plan.objects.create(
        network=network,
        body=twg,
        title=extra.pop("title", "TWG work plan 2026"),
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        **extra,
    )


def _tree(plan):
    outcome = m.Result.objects.create(
        network=plan.network, plan=plan, level=c.ResultLevel.OUTCOME, code="1", position=1, title="Outcome"
    )
    output = m.Result.objects.create(
        network=plan.network,
        plan=plan,
        parent=outcome,
        level=c.ResultLevel.OUTPUT,
        code="1.1",
        position=1,
        title="Output",
    )
    return outcome, output


def _activity(plan, output, org, position, title):
    activity = m.Activity.objects.create(
        network=plan.network,
        plan=plan,
        output=output,
        code=f"{output.code}.{position}",
        position=position,
        title=title,
        lead_organisation=org,
        start_date=plan.start_date,
        end_date=plan.end_date,
        budget_required=Decimal("1000"),
    )
    activity.gcm_objectives.set([GCMObjective.objects.get(number=6)])
    activity.districts.set([District.objects.get(name="Dhaka")])
    return activity


def objects(network, twg, users, unhcr, iom) -> dict:
    """Plans records of each kind in the Bangladesh Network (and deleted ones for restore)."""
    plan = _plan(network, twg)
    outcome, output = _tree(plan)
    activity = _activity(plan, output, iom, 1, "IOM reintegration counselling")
    own_activity = _activity(plan, output, unhcr, 2, "UNHCR orientation sessions")
    indicator = m.Indicator.objects.create(
        network=network, plan=plan, activity=own_activity, code="I1", name="People reached", unit="people"
    )
    approved = _plan(network, twg, title="Approved plan", status=c.PlanStatus.APPROVED, approved_version=1)
    a_outcome, a_output = _tree(approved)
    approved_activity = _activity(approved, a_output, unhcr, 1, "Approved UNHCR activity")
    version = m.PlanVersion.objects.create(
        network=network, plan=approved, number=1, approved_at=timezone.now(), snapshot={"title": "Approved plan"}
    )
    objs = {
        "plan": plan,
        "approved_plan": approved,
        "plan_version": version,
        "outcome": outcome,
        "output": output,
        "activity": activity,
        "own_activity": own_activity,
        "approved_activity": approved_activity,
        "indicator": indicator,
        "target": m.Target.objects.create(
            network=network, indicator=indicator, period="2026", period_end=datetime.date(2026, 12, 31), value=100
        ),
        "measurement": m.Measurement.objects.create(
            network=network, indicator=indicator, period="2026-Q1", period_end=datetime.date(2026, 3, 31), value=40
        ),
        "framework_item": m.FrameworkItem.objects.create(
            network=network, kind=c.FrameworkKind.UNSDCF_OUTCOME, code="1", title="Inclusive growth"
        ),
        "impediment": m.Impediment.objects.create(
            network=network, title="Visa processing delays", category="policy", raised_by_body=twg
        ),
        "joint_priority": m.JointPriority.objects.create(
            network=network, body=twg, kind=c.PriorityKind.RESEARCH, title="Joint study on recruitment fees"
        ),
        "progress_report": m.ProgressReport.objects.create(
            network=network, plan=approved, organisation=unhcr, year=2026, quarter=1
        ),
        "gcm": GCMObjective.objects.get(number=6),
        "government_body": GovernmentBody.objects.first(),
    }
    deleted_plan = _plan(network, twg, title="Deleted plan")
    d_outcome, d_output = _tree(deleted_plan)
    deleted = {
        "deleted_plan": deleted_plan,
        "deleted_result": m.Result.objects.create(
            network=network, plan=plan, level=c.ResultLevel.OUTCOME, code="9", position=9, title="Old outcome"
        ),
        "deleted_activity": _activity(plan, output, unhcr, 9, "Old activity"),
        "deleted_indicator": m.Indicator.objects.create(
            network=network, plan=plan, activity=own_activity, code="I9", name="Old", unit="people"
        ),
        "deleted_framework_item": m.FrameworkItem.objects.create(
            network=network, kind=c.FrameworkKind.GOVERNMENT_PRIORITY, code="9", title="Old priority"
        ),
        "deleted_impediment": m.Impediment.objects.create(
            network=network, title="Old impediment", category="other", raised_by_body=twg
        ),
        "deleted_joint_priority": m.JointPriority.objects.create(
            network=network, body=twg, kind=c.PriorityKind.ADVOCACY, title="Old priority"
        ),
    }
    deleted["deleted_target"] = m.Target.objects.create(
        network=network, indicator=indicator, period="2026-Q4", period_end=datetime.date(2026, 12, 31), value=1
    )
    deleted["deleted_measurement"] = m.Measurement.objects.create(
        network=network, indicator=indicator, period="2026-Q2", period_end=datetime.date(2026, 6, 30), value=1
    )
    for obj in deleted.values():
        _soft_delete(obj)
    objs.update(deleted)
    return objs


def fresh(key: str, objects, network, twg):
    """A new object for each role, for steps that change it (submit, escalate…)."""
    raise KeyError(key)


def kwargs(name: str, key: str | None, objects) -> dict | None:
    """URL arguments other than `network` and `pk`, or None to use the defaults."""
    return None


def payload(key, objects, network, twg) -> dict:
    return {}
