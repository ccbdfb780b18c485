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
PAYLOAD_KEYS: set[str] = {
    "new_duplicate_review",
    "fresh_impediment",
    "fresh_joint_priority",
    "fresh_supported_priority",
    "fresh_submitted_report",
}
MEMBER_OR_SECRETARIAT = row(LOGIN, 403, 403, 200, 403, 200)
RAISES = row(LOGIN, 403, 403, 200, 200, 200)

# Plans and their content: the TWG's chair keeps the TWG's plan; UNHCR's focal point edits UNHCR's activity
# (and its indicators and measurements), not IOM's; the secretariat keeps the framework items.
EDITS_OWN = row(LOGIN, 403, 403, 200, 200, 200)
HTML.update(
    {
        ("plans:frameworks", "get", None): SIGNED_IN,
        ("plans:framework-gcm", "get", None): SIGNED_IN,
        ("plans:framework-principle", "get", None): SIGNED_IN,
        ("plans:framework-sdg", "get", None): SIGNED_IN,
        ("plans:framework-theme", "get", "theme"): SIGNED_IN,
    }
)
for model, key, editors in (
    ("frameworkitem", "framework_item", SECRETARIAT_ONLY),
    ("plan", "plan", RUNS_TWG),
    ("result", "outcome", RUNS_TWG),
    ("target", "target", RUNS_TWG),
    ("activity", "own_activity", EDITS_OWN),
    ("indicator", "indicator", EDITS_OWN),
    ("measurement", "measurement", EDITS_OWN),
):
    HTML[(f"plans:{model}-list", "get", None)] = SIGNED_IN
    HTML[(f"plans:{model}-create", "get", None)] = editors
    HTML[(f"plans:{model}-detail", "get", key)] = SIGNED_IN
    HTML[(f"plans:{model}-history", "get", key)] = SIGNED_IN
    HTML[(f"plans:{model}-update", "get", key)] = editors
    HTML[(f"plans:{model}-delete", "get", key)] = editors
    HTML[
        (
            f"plans:{model}-restore",
            "post",
            f"deleted_{model if model != 'frameworkitem' else 'framework_item'}",
        )
    ] = RESTORE
HTML.update(
    {
        ("plans:activity-update", "get", "activity"): RUNS_TWG,  # IOM's: not UNHCR's focal point's
        ("plans:plan-submit", "get", "plan"): RUNS_TWG,
        ("plans:plan-withdraw", "get", "plan"): RUNS_TWG,
        ("plans:plan-revise", "get", "approved_plan"): RUNS_TWG,
        ("plans:plan-close", "get", "approved_plan"): RUNS_TWG,
        ("plans:plan-version", "get", "approved_plan"): SIGNED_IN,
        # Excel and CSV: whoever reads the plan exports it; whoever keeps it imports into it.
        ("plans:plan-export-xlsx", "get", "plan"): SIGNED_IN,
        ("plans:plan-export-csv", "get", "plan"): SIGNED_IN,
        ("plans:plan-import", "get", "plan"): RUNS_TWG,
        ("plans:import-job", "get", "import_job"): RUNS_TWG,
    }
)
for basename, key in (
    ("framework-item", "framework_item"),
    ("plan", "plan"),
    ("result", "outcome"),
    ("activity", "own_activity"),
    ("indicator", "indicator"),
    ("target", "target"),
    ("measurement", "measurement"),
):
    API[(f"{basename}-list", "get", None)] = row(200, 200, 200, 200, 200, 200)
    API[(f"{basename}-detail", "get", key)] = API_READ
    API[(f"{basename}-history", "get", key)] = API_READ
    deleted = "deleted_" + ("result" if basename == "result" else key.replace("own_", ""))
    API[(f"{basename}-restore", "post", deleted)] = API_RESTORE
API.update(
    {
        ("plan-versions", "get", "approved_plan"): API_READ,
        ("plan-submit", "post", "fresh_plan"): row(401, 403, 403, 403, 200, 200),
        ("plan-withdraw", "post", "fresh_submitted_plan"): row(401, 403, 403, 403, 200, 200),
        ("plan-revise", "post", "fresh_approved_plan"): row(401, 403, 403, 403, 200, 200),
        ("plan-close", "post", "fresh_approved_plan"): row(401, 403, 403, 403, 200, 200),
        ("activity-detail", "patch", "own_activity"): row(401, 403, 403, 200, 200, 200),
        ("activity-detail", "patch", "activity"): row(401, 403, 403, 403, 200, 200),
    }
)

# Quarterly reports: UNHCR's focal point writes UNHCR's report; the secretariat reminds, reopens and may
# submit on an organisation's behalf; everyone in the network reads the overview and the reports.
HTML.update(
    {
        ("plans:progressreport-list", "get", None): SIGNED_IN,
        ("plans:progressreport-mine", "get", None): SIGNED_IN,
        ("plans:progressreport-form", "get", "approved_plan"): row(LOGIN, 403, 403, 200, 403, 403),
        ("plans:progressreport-remind", "get", "approved_plan"): SECRETARIAT_ONLY,
        ("plans:progressreport-detail", "get", "progress_report"): SIGNED_IN,
        ("plans:progressreport-history", "get", "progress_report"): SIGNED_IN,
        ("plans:progressreport-submit", "get", "progress_report"): MEMBER_OR_SECRETARIAT,
        ("plans:progressreport-reopen", "get", "submitted_report"): SECRETARIAT_ONLY,
    }
)
# Impediments: raised by a TWG's chair or a focal point; the chair escalates the TWG's to the Network.
for model, key in (("impediment", "impediment"), ("jointpriority", "joint_priority")):
    HTML[(f"plans:{model}-list", "get", None)] = SIGNED_IN
    HTML[(f"plans:{model}-create", "get", None)] = RAISES
    HTML[(f"plans:{model}-detail", "get", key)] = SIGNED_IN
    HTML[(f"plans:{model}-history", "get", key)] = SIGNED_IN
    HTML[(f"plans:{model}-update", "get", key)] = RUNS_TWG
    HTML[(f"plans:{model}-delete", "get", key)] = SECRETARIAT_ONLY
    HTML[(f"plans:{model}-restore", "post", f"deleted_{key}")] = RESTORE
HTML.update(
    {
        ("plans:impediment-escalate", "get", "impediment"): RUNS_TWG,
        ("plans:jointpriority-support", "get", "joint_priority"): MEMBER_OR_SECRETARIAT,
        ("plans:jointpriority-unsupport", "get", "supported_priority"): MEMBER_OR_SECRETARIAT,
        ("plans:jointpriority-promote", "get", "joint_priority"): RUNS_TWG,
        ("plans:jointpriority-drop", "get", "joint_priority"): RUNS_TWG,
        # Dashboards read what each person may see; a TWG's chair (or the secretariat) rules on a pair.
        ("plans:dashboard", "get", None): SIGNED_IN,
        ("plans:dashboard-chart", "get", None): SIGNED_IN,
        ("plans:duplicates", "get", None): SIGNED_IN,
    }
)
API_LIST = row(200, 200, 200, 200, 200, 200)
for basename, key in (
    ("progress-report", "progress_report"),
    ("progress-update", "progress_update"),
    ("impediment", "impediment"),
    ("joint-priority", "joint_priority"),
):
    API[(f"{basename}-list", "get", None)] = API_LIST
    API[(f"{basename}-detail", "get", key)] = API_READ
    API[(f"{basename}-history", "get", key)] = API_READ
API[("duplicate-review-list", "get", None)] = API_LIST
API[("duplicate-review-detail", "get", "duplicate_review")] = API_READ
API.update(
    {
        ("impediment-restore", "post", "deleted_impediment"): API_RESTORE,
        ("joint-priority-restore", "post", "deleted_joint_priority"): API_RESTORE,
        ("progress-report-submit", "post", "fresh_progress_report"): row(401, 403, 403, 200, 403, 200),
        ("progress-report-reopen", "post", "fresh_submitted_report"): row(401, 403, 403, 403, 403, 200),
        ("impediment-escalate", "post", "fresh_impediment"): row(401, 403, 403, 403, 200, 200),
        ("joint-priority-support", "post", "fresh_joint_priority"): row(401, 403, 403, 200, 403, 200),
        ("joint-priority-unsupport", "post", "fresh_supported_priority"): row(401, 403, 403, 200, 403, 200),
        ("joint-priority-promote", "post", "fresh_supported_priority"): row(401, 403, 403, 403, 201, 201),
        ("joint-priority-drop", "post", "fresh_joint_priority"): row(401, 403, 403, 403, 200, 200),
        ("duplicate-review-list", "post", "new_duplicate_review"): row(401, 403, 403, 403, 201, 201),
        # The dashboard and the flagged pairs are per network: asked without ?network= they say so (400).
        ("plans-dashboard-list", "get", None): row(400, 400, 400, 400, 400, 400),
        ("duplicate-candidate-list", "get", None): row(400, 400, 400, 400, 400, 400),
    }
)


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


def _line(report, activity):
    return m.ProgressUpdate.objects.create(
        network=report.network,
        report=report,
        activity=activity,
        status=c.ActivityStatus.ONGOING,
        percent_complete=10,
    )


def _approved_with_report(network, twg, unhcr, *, submitted: bool):
    """An approved plan of its own with one UNHCR activity and UNHCR's 2026-Q1 report (a line for it)."""
    plan = _plan(
        network, twg, title="Approved plan (fresh)", status=c.PlanStatus.APPROVED, approved_version=1
    )
    _outcome, output = _tree(plan)
    activity = _activity(plan, output, unhcr, 1, "UNHCR activity (fresh)")
    report = m.ProgressReport.objects.create(
        network=network,
        plan=plan,
        organisation=unhcr,
        year=2026,
        quarter=1,
        status=c.ReportStatus.SUBMITTED if submitted else c.ReportStatus.DRAFT,
        submitted_at=timezone.now() if submitted else None,
    )
    _line(report, activity)
    return report


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
        network=network,
        plan=approved,
        number=1,
        approved_at=timezone.now(),
        snapshot={"title": "Approved plan"},
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
            network=network,
            indicator=indicator,
            period="2026",
            period_end=datetime.date(2026, 12, 31),
            value=100,
        ),
        "measurement": m.Measurement.objects.create(
            network=network,
            indicator=indicator,
            period="2026-Q1",
            period_end=datetime.date(2026, 3, 31),
            value=40,
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
    objs["import_job"] = m.ImportJob.objects.create(
        network=network,
        plan=plan,
        file_name="imports/done.xlsx",
        requested_by=users["secretariat"],
        status=c.ImportStatus.DONE,
        summary={"created": 1, "updated": 0},
    )
    objs["submitted_report"] = m.ProgressReport.objects.create(
        network=network,
        plan=approved,
        organisation=unhcr,
        year=2026,
        quarter=2,
        status=c.ReportStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    objs["progress_update"] = _line(objs["progress_report"], approved_activity)
    supported = m.JointPriority.objects.create(
        network=network, body=twg, kind=c.PriorityKind.ADVOCACY, title="Joint advocacy on fees"
    )
    supported.supporters.set([unhcr])
    objs["supported_priority"] = supported
    objs["duplicate_review"] = m.DuplicateReview.objects.create(
        network=network, first=activity, second=own_activity, verdict="complementary", similarity=0.5
    )
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
        network=network,
        indicator=indicator,
        period="2026-Q4",
        period_end=datetime.date(2026, 12, 31),
        value=1,
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
    unhcr = objects["own_organisation"]
    if key in ("fresh_plan", "fresh_submitted_plan", "fresh_approved_plan"):
        status = {"fresh_plan": c.PlanStatus.DRAFT, "fresh_submitted_plan": c.PlanStatus.SUBMITTED}
        plan = _plan(
            network,
            twg,
            title=f"Plan ({key})",
            status=status.get(key, c.PlanStatus.APPROVED),
            approved_version=1 if key == "fresh_approved_plan" else 0,
        )
        _outcome, output = _tree(plan)
        _activity(plan, output, unhcr, 1, "UNHCR activity")
        return plan
    if key in ("fresh_progress_report", "fresh_submitted_report"):
        return _approved_with_report(network, twg, unhcr, submitted=key == "fresh_submitted_report")
    if key == "fresh_impediment":
        return m.Impediment.objects.create(
            network=network, title="Work permits withheld", category="policy", raised_by_body=twg
        )
    if key in ("fresh_joint_priority", "fresh_supported_priority"):
        priority = m.JointPriority.objects.create(
            network=network, body=twg, kind=c.PriorityKind.PROGRAMME, title="Joint reintegration programme"
        )
        priority.gcm_objectives.set([objects["gcm"]])
        if key == "fresh_supported_priority":  # UNHCR supports it: it may withdraw, or lead it in a plan
            priority.supporters.set([unhcr])
        return priority
    raise KeyError(key)


def kwargs(name: str, key: str | None, objects) -> dict | None:
    """URL arguments other than `network` and `pk`, or None to use the defaults."""
    if name in ("plans:progressreport-form", "plans:progressreport-remind"):
        return {"plan_pk": objects[key].pk, "year": 2026, "quarter": 1}
    if name == "plans:dashboard-chart":
        return {"name": "coverage"}
    if name in ("plans:framework-gcm", "plans:framework-principle"):
        return {"number": 6 if name.endswith("gcm") else 1}
    if name == "plans:framework-sdg":
        return {"code": "10.7"}
    if name == "plans:import-job":
        return {"pk": objects[key].plan_id, "job_pk": objects[key].pk}
    if name == "plans:plan-version":
        return {"pk": objects[key].pk, "number": 1}
    if key in ("new_duplicate_review", "new_plan", "new_activity"):
        return {}
    return None


def payload(key, objects, network, twg) -> dict:
    """The body of a state-changing API request in the matrix."""
    if key == "fresh_impediment":
        return {"note": "The TWG cannot solve this alone."}
    if key == "fresh_submitted_report":
        return {"reason": "A figure was wrong."}
    if key in ("fresh_joint_priority", "fresh_supported_priority"):
        return {
            "organisation": objects["own_organisation"].pk,
            "plan": objects["plan"].pk,
            "output": objects["output"].pk,
            "lead_organisation": objects["own_organisation"].pk,
            "reason": "Covered by the national programme.",
        }
    if key == "new_duplicate_review":
        return {
            "first": objects["activity"].pk,
            "second": objects["approved_activity"].pk,
            "verdict": "duplicate",
            "note": "Same sessions, same district.",
        }
    return {}
