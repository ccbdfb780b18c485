"""Who besides the secretariat may plan, report and escalate (DESIGN.md section 2; issue 4).

Chairs keep their body's plans (results, activities, indicators) while a plan is a draft; a member focal
point edits their own organisation's activities only, and reports on them each quarter. Impediments are
raised by a TWG's chair or an organisation's focal point; the TWG's chair escalates to the Network; only
the secretariat raises one with the Government or closes it. Joint priorities are proposed in a TWG by its
chair or a member and supported by any member organisation."""

from mignet.core.choices import Role
from mignet.core.policy import rule, secretariat_fields


def _plan(obj):
    for path in ("plan", "indicator.plan", "report.plan"):
        target = obj
        for part in path.split("."):
            target = getattr(target, part, None)
            if target is None:
                break
        if target is not None:
            return target
    return None


def _chairs_plan(p, obj, network_id) -> bool:
    plan = _plan(obj)
    return plan is not None and plan.body_id in p.chaired_body_ids(network_id)


@rule("plans.plan", "add", "change", "delete")
def plan_edit(p, obj, network_id) -> bool:
    """A chair keeps the plans of the body they chair."""
    bodies = p.chaired_body_ids(network_id)
    if obj is None:
        return bool(bodies)
    return obj.body_id in bodies


@rule("plans.result", "add", "change", "delete")
@rule("plans.target", "add", "change", "delete")
def chair_edits_plan_content(p, obj, network_id) -> bool:
    """The chair of the plan's body shapes its results and targets."""
    if obj is None:
        return bool(p.chaired_body_ids(network_id))
    return _chairs_plan(p, obj, network_id)


@rule("plans.activity", "add", "change", "delete")
def activity_edit(p, obj, network_id) -> bool:
    """The plan's chair, and a member focal point for activities their own organisation leads."""
    own = p.organisation_ids(network_id, Role.MEMBER)
    if obj is None:
        return bool(own or p.chaired_body_ids(network_id))
    return _chairs_plan(p, obj, network_id) or obj.lead_organisation_id in own


def _owner_org(obj) -> int | None:
    indicator = getattr(obj, "indicator", None) or obj
    activity = getattr(indicator, "activity", None)
    return activity.lead_organisation_id if activity is not None else None


@rule("plans.indicator", "add", "change", "delete")
def indicator_edit(p, obj, network_id) -> bool:
    """The plan's chair; a member focal point for indicators of their own organisation's activities."""
    if obj is None:
        return bool(p.organisation_ids(network_id, Role.MEMBER) or p.chaired_body_ids(network_id))
    return _chairs_plan(p, obj, network_id) or _owner_org(obj) in p.organisation_ids(network_id, Role.MEMBER)


@rule("plans.measurement", "add", "change", "delete")
def measurement_edit(p, obj, network_id) -> bool:
    """The plan's chair, and focal points of the organisation leading the measured activity."""
    own = p.organisation_ids(network_id, Role.MEMBER)
    if obj is None:
        return bool(own or p.chaired_body_ids(network_id))
    return _chairs_plan(p, obj, network_id) or _owner_org(obj) in own


@rule("plans.progressreport", "add", "change")
@rule("plans.progressupdate", "add", "change", "delete")
def progress_report_edit(p, obj, network_id) -> bool:
    """A member focal point writes their own organisation's quarterly report."""
    own = p.organisation_ids(network_id, Role.MEMBER)
    if obj is None:
        return bool(own)
    report = getattr(obj, "report", None) or obj
    return report.organisation_id in own


@rule("plans.impediment", "add", "change")
def impediment_raise(p, obj, network_id) -> bool:
    """A chair raises an impediment for their body; a member focal point for their organisation."""
    own = p.organisation_ids(network_id, Role.MEMBER)
    bodies = p.chaired_body_ids(network_id)
    if obj is None:
        return bool(own or bodies)
    return obj.raised_by_body_id in bodies or (
        obj.raised_by_body_id is None and obj.raised_by_organisation_id in own
    )


@rule("plans.jointpriority", "add", "change")
def joint_priority_edit(p, obj, network_id) -> bool:
    """Chairs and member focal points propose joint priorities; they edit what they proposed."""
    own = p.organisation_ids(network_id, Role.MEMBER)
    bodies = p.chaired_body_ids(network_id)
    if obj is None:
        return bool(own or bodies)
    return obj.body_id in bodies or (obj.proposed_by_id is not None and obj.proposed_by_id in own)


@rule("plans.duplicatereview", "add", "change")
def duplicate_review(p, obj, network_id) -> bool:
    """The chair of a TWG coordinating either activity reviews a flagged pair."""
    bodies = p.chaired_body_ids(network_id)
    if obj is None:
        return bool(bodies)
    return any((a.body_id or a.plan.body_id) in bodies for a in (obj.first, obj.second) if a is not None)


# Activity fields that only the secretariat and the plan's chair would change are guarded by services;
# the status of a plan is set by its steps, never by a form.
secretariat_fields("plans.frameworkitem")


@rule("plans.jointpriority", "promote", "drop")
def joint_priority_promote(p, obj, network_id) -> bool:
    """The chair of the TWG it was proposed in promotes a joint priority into a plan, or drops it."""
    bodies = p.chaired_body_ids(network_id)
    if obj is None:
        return bool(bodies)
    return obj.body_id in bodies


@rule("plans.jointpriority", "support")
def joint_priority_support(p, obj, network_id) -> bool:
    """Any member focal point supports a joint priority for their organisation (or withdraws it)."""
    return bool(p.organisation_ids(network_id, Role.MEMBER))
