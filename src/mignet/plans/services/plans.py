"""Writes of plans and their content: frameworks, plans and their steps (submit, approve by decision,
revise, close), results, activities, indicators, targets and measurements."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mignet.core import policy
from mignet.core.services import (
    record_create,
    record_lock,
    record_restore,
    record_save,
    record_soft_delete,
    record_update,
)

from .. import choices as c
from ..models import Activity, FrameworkItem, Indicator, Measurement, Plan, PlanVersion, Result, Target

MAX_SDG_TARGETS = 10


# --- Framework items (UNSDCF outcomes, Government priorities)


def framework_item_create(*, actor, network, data, m2m=None) -> FrameworkItem:
    """Add a UNSDCF outcome or Government priority activities can be tied to (secretariat)."""
    return record_create(FrameworkItem, actor=actor, network=network, data=data, m2m=m2m)


def framework_item_update(*, actor, instance, version, data, m2m=None) -> FrameworkItem:
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def framework_item_delete(*, actor, instance, reason="") -> FrameworkItem:
    """Remove a framework item; refused while activities are tied to it."""
    in_use = (
        Activity.objects.filter(unsdcf_outcome=instance).exists()
        or Activity.objects.filter(government_priority=instance).exists()
    )
    if in_use:
        raise ValidationError(_("Activities are tied to %(item)s. Change them first.") % {"item": instance})
    return record_soft_delete(instance, actor=actor, reason=reason)


def framework_item_restore(*, actor, instance) -> FrameworkItem:
    return record_restore(instance, actor=actor)


# --- Plans


def plan_create(*, actor, network, data, m2m=None) -> Plan:
    """Start a plan as a draft (a chair for their body, or the secretariat)."""
    return record_create(Plan, actor=actor, network=network, data=data, m2m=m2m)


def _content_outside(plan: Plan, start, end) -> str | None:
    outside = Activity.objects.filter(plan=plan).exclude(start_date__gte=start, end_date__lte=end).first()
    return outside.code if outside else None


def plan_update(*, actor, instance, version, data, m2m=None) -> Plan:
    """Change a draft plan's title, summary or period; refused once submitted, or if activities would
    fall outside the new period."""
    if not instance.is_editable:
        raise ValidationError(_("Only a draft plan can be changed. Start a revision first."))
    start, end = data.get("start_date", instance.start_date), data.get("end_date", instance.end_date)
    if start and end:
        code = _content_outside(instance, start, end)
        if code:
            raise ValidationError(
                {
                    "start_date": _("Activity %(code)s falls outside this period; change its dates first.")
                    % {"code": code}
                }
            )
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def plan_delete(*, actor, instance, reason="") -> Plan:
    """Delete a plan that was never approved."""
    if instance.approved_version:
        raise ValidationError(_("An approved plan is kept; close it instead."))
    return record_soft_delete(instance, actor=actor, reason=reason)


def plan_restore(*, actor, instance) -> Plan:
    return record_restore(instance, actor=actor)


def _locked(plan: Plan) -> Plan:
    return record_lock(plan)


def plan_submit(*, actor, instance: Plan) -> Plan:
    """Send a draft plan for approval: it needs at least one outcome with an output and an activity."""
    with transaction.atomic():
        plan = _locked(instance)
        policy.require(actor, "change", plan)
        if plan.status != c.PlanStatus.DRAFT:
            raise ValidationError(_("Only a draft plan can be submitted."))
        if not Activity.objects.filter(plan=plan).exists():
            raise ValidationError(_("Add at least one activity before submitting the plan."))
        plan.status = c.PlanStatus.SUBMITTED
        plan.submitted_at = timezone.now()
        record_save(plan, actor=actor, reason=_("Submitted for approval"))
    return plan


def plan_withdraw(*, actor, instance: Plan) -> Plan:
    """Take a submitted plan back to draft (refused while a decision to approve it is open)."""
    from mignet.meetings import choices as mc

    with transaction.atomic():
        plan = _locked(instance)
        policy.require(actor, "change", plan)
        if plan.status != c.PlanStatus.SUBMITTED:
            raise ValidationError(_("Only a submitted plan can be taken back."))
        if plan.approval_decisions.filter(status=mc.DecisionStatus.OPEN, deleted_at__isnull=True).exists():
            raise ValidationError(_("A decision to approve this plan is open; withdraw the decision first."))
        plan.status = c.PlanStatus.DRAFT
        record_save(plan, actor=actor, reason=_("Taken back to draft"))
    return plan


def plan_snapshot(plan: Plan) -> dict:
    """The plan's content as approved, as plain values (kept in `PlanVersion`)."""
    results = list(
        Result.objects.filter(plan=plan).order_by("code").values("id", "code", "level", "title", "parent_id")
    )
    activities = []
    for a in (
        Activity.objects.filter(plan=plan)
        .select_related("lead_organisation", "output")
        .prefetch_related("gcm_objectives", "districts", "partners")
        .order_by("code")
    ):
        activities.append(
            {
                "code": a.code,
                "output": a.output.code,
                "title": a.title,
                "lead": str(a.lead_organisation),
                "partners": [str(o) for o in a.partners.all()],
                "gcm": sorted(o.number for o in a.gcm_objectives.all()),
                "districts": sorted(d.name for d in a.districts.all()),
                "national": a.national,
                "start": a.start_date.isoformat(),
                "end": a.end_date.isoformat(),
                "budget_required": str(a.budget_required),
                "budget_available": str(a.budget_available),
                "status": a.status,
            }
        )
    indicators = []
    for i in (
        Indicator.objects.filter(plan=plan).prefetch_related("targets").select_related("result", "activity")
    ):
        indicators.append(
            {
                "code": i.code,
                "name": i.name,
                "unit": i.unit,
                "of": (i.result or i.activity).code,
                "baseline": None if i.baseline_value is None else str(i.baseline_value),
                "baseline_year": i.baseline_year,
                "targets": {t.period: str(t.value) for t in i.targets.all() if t.deleted_at is None},
            }
        )
    return {
        "title": plan.title,
        "start": plan.start_date.isoformat(),
        "end": plan.end_date.isoformat(),
        "results": [{k: v for k, v in r.items() if k != "id"} for r in results],
        "activities": activities,
        "indicators": indicators,
    }


def plan_approve_by_decision(*, plan: Plan, decision, actor) -> Plan:
    """Approve a submitted plan: called by the "approve a plan" decision effect inside the adoption."""
    plan = _locked(plan)
    plan.status = c.PlanStatus.APPROVED
    plan.approved_at = decision.decided_at or timezone.now()
    plan.approved_version += 1
    record_save(plan, actor=actor, reason=_("Approved by decision: %(title)s") % {"title": decision.title})
    version = PlanVersion(
        network_id=plan.network_id,
        plan=plan,
        number=plan.approved_version,
        approved_at=plan.approved_at,
        decision_title=decision.title[:300],
        snapshot=plan_snapshot(plan),
        visibility=plan.visibility,
    )
    version._history_user = actor
    version.save()
    return plan


def plan_revise(*, actor, instance: Plan) -> Plan:
    """Open a revision of an approved plan: it becomes a draft again; the approved version stays readable."""
    with transaction.atomic():
        plan = _locked(instance)
        policy.require(actor, "change", plan)
        if plan.status != c.PlanStatus.APPROVED:
            raise ValidationError(_("Only an approved plan is revised."))
        plan.status = c.PlanStatus.DRAFT
        record_save(plan, actor=actor, reason=_("Revision %(n)s started") % {"n": plan.approved_version + 1})
    return plan


def plan_close(*, actor, instance: Plan) -> Plan:
    """Close an approved plan at the end of its period (the secretariat or the body's chair)."""
    with transaction.atomic():
        plan = _locked(instance)
        policy.require(actor, "change", plan)
        if plan.status != c.PlanStatus.APPROVED:
            raise ValidationError(_("Only an approved plan can be closed."))
        plan.status = c.PlanStatus.CLOSED
        record_save(plan, actor=actor, reason=_("Closed"))
    return plan


def _require_draft(plan: Plan) -> None:
    if not plan.is_editable:
        raise ValidationError(
            _("This plan is %(status)s; its content changes through a revision.")
            % {"status": plan.get_status_display().lower()}
        )


# --- Results


def _next_position(qs) -> int:
    return (qs.aggregate(m=Max("position"))["m"] or 0) + 1


def result_create(*, actor, network, data, m2m=None) -> Result:
    """Add an outcome (coded 1, 2…) or an output under an outcome (coded 1.1, 1.2…) to a draft plan."""
    plan = data.get("plan")
    if plan is not None:
        _require_draft(plan)
    parent = data.get("parent")
    siblings = Result.all_objects.filter(plan=plan, parent=parent)
    position = _next_position(siblings)
    code = f"{parent.code}.{position}" if parent is not None else str(position)
    return record_create(
        Result,
        actor=actor,
        network=network,
        data=data,
        m2m=m2m,
        set_by_service={"position": position, "code": code},
    )


def result_update(*, actor, instance, version, data, m2m=None) -> Result:
    """Reword a result; its level, plan and place in the tree stay as they are."""
    _require_draft(instance.plan)
    for fixed in ("plan", "parent", "level"):
        if fixed in data and data[fixed] != getattr(instance, fixed):
            raise ValidationError(
                {fixed: _("A result stays where it is in the tree; add a new one instead.")}
            )
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def result_delete(*, actor, instance, reason="") -> Result:
    """Delete a result with nothing under it."""
    _require_draft(instance.plan)
    if instance.outputs.exists() or instance.activities.exists():
        raise ValidationError(
            _("%(code)s still has outputs or activities under it.") % {"code": instance.code}
        )
    return record_soft_delete(instance, actor=actor, reason=reason)


def result_restore(*, actor, instance) -> Result:
    return record_restore(instance, actor=actor)


# --- Activities


def _check_tags(m2m: dict | None, *, creating: bool) -> None:
    m2m = m2m or {}
    if ("gcm_objectives" in m2m or creating) and not list(m2m.get("gcm_objectives") or []):
        raise ValidationError({"gcm_objectives": _("Tie the activity to at least one GCM objective.")})
    if len(list(m2m.get("sdg_targets") or [])) > MAX_SDG_TARGETS:
        raise ValidationError(
            {"sdg_targets": _("Choose at most %(n)s SDG targets.") % {"n": MAX_SDG_TARGETS}}
        )


def activity_create(*, actor, network, data, m2m=None) -> Activity:
    """Add an activity under an output of a draft plan, coded after its output (1.1.1, 1.1.2…)."""
    plan, output = data.get("plan"), data.get("output")
    if plan is None and output is not None:
        data = {**data, "plan": output.plan}
        plan = output.plan
    if plan is not None:
        _require_draft(plan)
    _check_tags(m2m, creating=True)
    position = _next_position(Activity.all_objects.filter(output=output)) if output is not None else 1
    code = f"{output.code}.{position}" if output is not None else str(position)
    return record_create(
        Activity,
        actor=actor,
        network=network,
        data=data,
        m2m=m2m,
        set_by_service={"position": position, "code": code},
    )


def activity_update(*, actor, instance, version, data, m2m=None) -> Activity:
    """Change an activity of a draft plan; a focal point may not hand it to another organisation."""
    _require_draft(instance.plan)
    _check_tags(m2m, creating=False)
    for fixed in ("plan", "output"):
        if fixed in data and data[fixed] != getattr(instance, fixed):
            raise ValidationError({fixed: _("An activity stays under its output; add a new one instead.")})
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def activity_delete(*, actor, instance, reason="") -> Activity:
    _require_draft(instance.plan)
    return record_soft_delete(instance, actor=actor, reason=reason)


def activity_restore(*, actor, instance) -> Activity:
    return record_restore(instance, actor=actor)


# --- Indicators, targets and measurements


def indicator_create(*, actor, network, data, m2m=None) -> Indicator:
    """Add an indicator to a result or an activity of a draft plan."""
    owner = data.get("result") or data.get("activity")
    if owner is not None and data.get("plan") is None:
        data = {**data, "plan": owner.plan}
    if data.get("plan") is not None:
        _require_draft(data["plan"])
    return record_create(Indicator, actor=actor, network=network, data=data, m2m=m2m)


def indicator_update(*, actor, instance, version, data, m2m=None) -> Indicator:
    _require_draft(instance.plan)
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def indicator_delete(*, actor, instance, reason="") -> Indicator:
    _require_draft(instance.plan)
    return record_soft_delete(instance, actor=actor, reason=reason)


def indicator_restore(*, actor, instance) -> Indicator:
    return record_restore(instance, actor=actor)


def target_create(*, actor, network, data, m2m=None) -> Target:
    """Set an indicator's target for a period within the plan (a draft plan)."""
    indicator = data.get("indicator")
    if indicator is not None:
        _require_draft(indicator.plan)
        _period_in_plan(indicator.plan, data.get("period", ""))
    return record_create(Target, actor=actor, network=network, data=data, m2m=m2m)


def target_update(*, actor, instance, version, data, m2m=None) -> Target:
    _require_draft(instance.indicator.plan)
    _period_in_plan(instance.indicator.plan, data.get("period", instance.period))
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def target_delete(*, actor, instance, reason="") -> Target:
    _require_draft(instance.indicator.plan)
    return record_soft_delete(instance, actor=actor, reason=reason)


def target_restore(*, actor, instance) -> Target:
    return record_restore(instance, actor=actor)


def _period_in_plan(plan: Plan, period: str) -> None:
    from ..models import period_bounds

    try:
        start, end = period_bounds(period)
    except ValueError:
        return  # the field's own validator explains the format
    if end < plan.start_date or start > plan.end_date:
        raise ValidationError(
            {
                "period": _("%(period)s is outside the plan's period (%(start)s to %(end)s).")
                % {"period": period, "start": plan.start_date.isoformat(), "end": plan.end_date.isoformat()}
            }
        )


def measurement_create(*, actor, network, data, m2m=None, report=None) -> Measurement:
    """Record an indicator's value for a period (any time the plan is in force: monitoring goes on after
    approval)."""
    indicator = data.get("indicator")
    if indicator is not None:
        if indicator.plan.status == c.PlanStatus.CLOSED:
            raise ValidationError(_("This plan is closed."))
        _period_in_plan(indicator.plan, data.get("period", ""))
    extra = {"report": report} if report is not None else None
    return record_create(Measurement, actor=actor, network=network, data=data, m2m=m2m, set_by_service=extra)


def measurement_update(*, actor, instance, version, data, m2m=None) -> Measurement:
    _period_in_plan(instance.indicator.plan, data.get("period", instance.period))
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def measurement_delete(*, actor, instance, reason="") -> Measurement:
    return record_soft_delete(instance, actor=actor, reason=reason)


def measurement_restore(*, actor, instance) -> Measurement:
    return record_restore(instance, actor=actor)
