"""Reads of plans and their content: frameworks and the pages of each framework item, plans with their
results tree and approved versions, results, activities, indicators (with computed progress), targets and
measurements. Each starts from the policy's restricted queryset (`scoped`, `record_get`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from mignet.core import policy
from mignet.core.choices import Role
from mignet.core.models import GCMObjective, GuidingPrinciple, SDGTarget
from mignet.core.selectors import record_get, scoped
from mignet.network.models import ThematicArea

from .. import choices as c
from ..models import (
    Activity,
    FrameworkItem,
    Indicator,
    Measurement,
    Plan,
    PlanVersion,
    Result,
    Target,
    period_bounds,
)

# --- Indicator progress (pure: the dashboards import it too)


@dataclass(frozen=True)
class TargetProgress:
    """One target period: the target, the latest total measured in that period and the share achieved."""

    period: str
    target: Decimal
    value: Decimal | None  # the latest total measurement in the period, if any
    measured_period: str | None
    percent: Decimal | None  # 0 or more (above 100 when the target is passed); None when not measured


def _bounds(period: str):
    try:
        return period_bounds(period)
    except ValueError:
        return None


def _is_total(m) -> bool:
    return not (
        getattr(m, "sex", "")
        or getattr(m, "age_group", "")
        or getattr(m, "migrant_status", "")
        or getattr(m, "district_id", None)
    )


def progress_percent(*, baseline, target, value, direction) -> Decimal | None:
    """How far `value` has gone from `baseline` towards `target`, in percent, never below 0.

    Increase: (value − baseline) / (target − baseline); decrease: (baseline − value) / (baseline − target).
    A target equal to the baseline counts as reached (100) once the value is at or past it."""
    if value is None or target is None:
        return None
    baseline = Decimal(baseline or 0)
    target, value = Decimal(target), Decimal(value)
    if direction == c.Direction.DECREASE:
        gap, done = baseline - target, baseline - value
    else:
        gap, done = target - baseline, value - baseline
    if gap <= 0:
        return Decimal(100) if done >= gap else Decimal(0)
    percent = done / gap * 100
    return max(Decimal(0), percent.quantize(Decimal("0.1")))


def indicator_progress(indicator, targets, measurements) -> list[TargetProgress]:
    """Progress per target period: the latest total (not disaggregated) measurement whose period lies
    within the target's period, against the target, from the indicator's baseline in its direction."""
    totals = []
    for m in measurements:
        bounds = _bounds(m.period)
        if bounds is not None and _is_total(m) and getattr(m, "deleted_at", None) is None:
            totals.append((bounds, getattr(m, "pk", 0) or 0, m))
    rows = []
    for t in sorted(targets, key=lambda t: (_bounds(t.period) or (None, None))[1] or 0):
        bounds = _bounds(t.period)
        if bounds is None or getattr(t, "deleted_at", None) is not None:
            continue
        inside = [x for x in totals if bounds[0] <= x[0][0] and x[0][1] <= bounds[1]]
        latest = max(inside, key=lambda x: (x[0][1], x[1]))[2] if inside else None
        value = latest.value if latest is not None else None
        rows.append(
            TargetProgress(
                period=t.period,
                target=t.value,
                value=value,
                measured_period=latest.period if latest is not None else None,
                percent=progress_percent(
                    baseline=indicator.baseline_value,
                    target=t.value,
                    value=value,
                    direction=indicator.direction,
                ),
            )
        )
    return rows


# --- Framework items


def framework_item_list(*, user, network=None) -> QuerySet[FrameworkItem]:
    """UNSDCF outcomes and Government priorities the user may read."""
    return scoped(FrameworkItem.objects.select_related("network"), user=user, network=network)


def framework_item_get(*, user, network, pk, include_deleted=False) -> FrameworkItem:
    return record_get(
        FrameworkItem.all_objects.select_related("network"),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def frameworks_overview(*, user, network) -> dict:
    """Every framework activities are tied to, with the number of the network's activities under each."""
    activities = activity_list(user=user, network=network)
    ids = activities.values("pk")

    def counts(model, column):
        through = getattr(Activity, model).through
        rows = (
            through.objects.filter(activity_id__in=ids)
            .values(column)
            .annotate(n=Count("id"))
            .values_list(column, "n")
        )
        return dict(rows)

    gcm_counts = counts("gcm_objectives", "gcmobjective_id")
    principle_counts = counts("guiding_principles", "guidingprinciple_id")
    sdg_counts = counts("sdg_targets", "sdgtarget_id")
    theme_counts = counts("thematic_areas", "thematicarea_id")
    items = list(framework_item_list(user=user, network=network).order_by("kind", "code"))
    gcm = list(GCMObjective.objects.order_by("number"))
    principles = list(GuidingPrinciple.objects.order_by("number"))
    sdg = list(SDGTarget.objects.select_related("goal").order_by("goal__number", "code"))
    themes = list(scoped(ThematicArea.objects.all(), user=user, network=network).order_by("name"))
    for group, found in (
        (gcm, gcm_counts),
        (principles, principle_counts),
        (sdg, sdg_counts),
        (themes, theme_counts),
    ):
        for obj in group:
            obj.activity_count = found.get(obj.pk, 0)
    return {
        "gcm_objectives": gcm,
        "guiding_principles": principles,
        "sdg_targets": sdg,
        "thematic_areas": themes,
        "unsdcf_outcomes": [i for i in items if i.kind == c.FrameworkKind.UNSDCF_OUTCOME],
        "government_priorities": [i for i in items if i.kind == c.FrameworkKind.GOVERNMENT_PRIORITY],
        "can_add_item": policy.can(user, "add", model=FrameworkItem, network=network),
    }


def _tied(*, user, network, activity_q: Q, indicator_q: Q, resource_q: Q | None) -> dict:
    """Activities, indicators and library resources tied to one framework item, as the user may read them."""
    from mignet.library import selectors as library

    activities = list(
        activity_list(user=user, network=network).filter(activity_q).order_by("plan__title", "code")[:500]
    )
    indicators = list(
        indicator_list(user=user, network=network)
        .filter(indicator_q)
        .distinct()
        .order_by("plan__title", "code")[:500]
    )
    resources = None
    if resource_q is not None:
        resources = list(
            library.resource_list(user=user, network=network)
            .filter(resource_q)
            .distinct()
            .order_by("-created_at")[:200]
        )
    return {"activities": activities, "indicators": indicators, "resources": resources}


def gcm_objective_page(*, user, network, number: int) -> dict:
    """One GCM objective: the activities, indicators and library resources tied to it."""
    obj = GCMObjective.objects.filter(number=number).first()
    if obj is None:
        raise Http404
    activity_ids = Activity.gcm_objectives.through.objects.filter(gcmobjective=obj).values("activity_id")
    return {
        "item": obj,
        "kind_label": GCMObjective._meta.verbose_name,
        **_tied(
            user=user,
            network=network,
            activity_q=Q(pk__in=activity_ids),
            indicator_q=Q(gcm_objectives=obj) | Q(activity_id__in=activity_ids),
            resource_q=Q(gcm_objectives=obj),
        ),
    }


def guiding_principle_page(*, user, network, number: int) -> dict:
    """One guiding principle: what is tied to it."""
    obj = GuidingPrinciple.objects.filter(number=number).first()
    if obj is None:
        raise Http404
    activity_ids = Activity.guiding_principles.through.objects.filter(guidingprinciple=obj).values(
        "activity_id"
    )
    return {
        "item": obj,
        "kind_label": GuidingPrinciple._meta.verbose_name,
        **_tied(
            user=user,
            network=network,
            activity_q=Q(pk__in=activity_ids),
            indicator_q=Q(activity_id__in=activity_ids),
            resource_q=Q(guiding_principles=obj),
        ),
    }


def sdg_target_page(*, user, network, code: str) -> dict:
    """One SDG target: what is tied to it."""
    obj = SDGTarget.objects.select_related("goal").filter(code=code).first()
    if obj is None:
        raise Http404
    activity_ids = Activity.sdg_targets.through.objects.filter(sdgtarget=obj).values("activity_id")
    return {
        "item": obj,
        "kind_label": SDGTarget._meta.verbose_name,
        **_tied(
            user=user,
            network=network,
            activity_q=Q(pk__in=activity_ids),
            indicator_q=Q(activity_id__in=activity_ids),
            resource_q=Q(sdg_targets=obj),
        ),
    }


def thematic_area_page(*, user, network, pk: int) -> dict:
    """One of the network's thematic areas: what is tied to it."""
    obj = scoped(ThematicArea.objects.all(), user=user, network=network).filter(pk=pk).first()
    if obj is None:
        raise Http404
    activity_ids = Activity.thematic_areas.through.objects.filter(thematicarea=obj).values("activity_id")
    return {
        "item": obj,
        "kind_label": ThematicArea._meta.verbose_name,
        **_tied(
            user=user,
            network=network,
            activity_q=Q(pk__in=activity_ids),
            indicator_q=Q(activity_id__in=activity_ids),
            resource_q=Q(thematic_areas=obj),
        ),
    }


def framework_item_detail(*, user, obj: FrameworkItem) -> dict:
    """A UNSDCF outcome or Government priority: the activities and indicators tied to it."""
    tied = Q(unsdcf_outcome=obj) | Q(government_priority=obj)
    return _tied(
        user=user,
        network=obj.network,
        activity_q=tied,
        indicator_q=Q(activity__unsdcf_outcome=obj) | Q(activity__government_priority=obj),
        resource_q=None,
    )


# --- Plans


def plan_list(*, user, network=None) -> QuerySet[Plan]:
    """Plans the user may read, with their body."""
    return scoped(Plan.objects.select_related("network", "body"), user=user, network=network)


def plan_get(*, user, network, pk, include_deleted=False) -> Plan:
    return record_get(
        Plan.all_objects.select_related("network", "body__network"),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def _indicators_qs():
    return (
        Indicator.objects.select_related("network")
        .prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("period_end")),
            Prefetch("measurements", queryset=Measurement.objects.order_by("period_end", "pk")),
        )
        .order_by("code", "pk")
    )


def _with_progress(indicators):
    for i in indicators:
        i.progress = indicator_progress(i, i.targets.all(), i.measurements.all())
    return indicators


def plan_detail(*, user, obj: Plan) -> dict:
    """The results tree (outcome → outputs → activities) with indicators under each, budget totals,
    approved versions and which steps the user may take. Queries do not grow with the plan's size."""
    results = list(
        scoped(Result.objects.filter(plan=obj), user=user, network=None)
        .select_related("network")
        .order_by("parent__position", "position")
    )
    activities = list(
        scoped(Activity.objects.filter(plan=obj), user=user, network=None)
        .select_related("lead_organisation__network", "network")
        .order_by("output_id", "position")
    )
    indicators = _with_progress(list(scoped(_indicators_qs().filter(plan=obj), user=user, network=None)))
    by_result: dict[int, list] = {}
    by_activity: dict[int, list] = {}
    for i in indicators:
        if i.result_id:
            by_result.setdefault(i.result_id, []).append(i)
        elif i.activity_id:
            by_activity.setdefault(i.activity_id, []).append(i)
    acts_by_output: dict[int, list] = {}
    for a in activities:
        a.indicator_rows = by_activity.get(a.pk, [])
        acts_by_output.setdefault(a.output_id, []).append(a)
    outcomes = [r for r in results if r.level == c.ResultLevel.OUTCOME]
    outputs: dict[int, list] = {}
    for r in results:
        r.indicator_rows = by_result.get(r.pk, [])
        if r.level == c.ResultLevel.OUTPUT:
            r.activity_rows = acts_by_output.get(r.pk, [])
            outputs.setdefault(r.parent_id, []).append(r)
    for o in outcomes:
        o.output_rows = outputs.get(o.pk, [])
    budget = {
        "required": sum((a.budget_required for a in activities), Decimal(0)),
        "available": sum((a.budget_available for a in activities), Decimal(0)),
        "spent": sum((a.budget_spent for a in activities), Decimal(0)),
    }
    may_change = policy.can(user, "change", obj) and not obj.is_deleted
    return {
        "outcomes": outcomes,
        "activity_count": len(activities),
        "budget": budget,
        "overspent": budget["spent"] > budget["available"],
        "versions": list(PlanVersion.objects.filter(plan=obj).order_by("-number")),
        # Content is changed only while the plan is a draft, by whoever may change it.
        "can_edit_content": may_change and obj.is_editable,
        "can_add_activity": obj.is_editable
        and not obj.is_deleted
        and policy.can(user, "add", model=Activity, network=obj.network_id),
        "can_submit": may_change and obj.status == c.PlanStatus.DRAFT,
        "can_withdraw": may_change and obj.status == c.PlanStatus.SUBMITTED,
        "can_revise": may_change and obj.status == c.PlanStatus.APPROVED,
        "can_close": may_change and obj.status == c.PlanStatus.APPROVED,
        "can_propose_approval": obj.status == c.PlanStatus.SUBMITTED
        and policy.can(user, "add", model=_decision_model(), network=obj.network_id),
    }


def _decision_model():
    from mignet.meetings.models import Decision

    return Decision


def plan_version_get(*, user, network, pk, number) -> tuple[Plan, PlanVersion]:
    """A plan's approved version `number`, as frozen at its approval (404 if the plan is unseen)."""
    plan = plan_get(user=user, network=network, pk=pk)
    version = scoped(PlanVersion.objects.filter(plan=plan, number=number), user=user, network=network).first()
    if version is None:
        raise Http404
    return plan, version


def plan_version_tree(version: PlanVersion) -> list[dict]:
    """The snapshot as a tree for reading: outcomes → outputs → activities, indicators beside each."""
    snap = version.snapshot or {}
    indicators: dict[str, list] = {}
    for i in snap.get("indicators", []):
        indicators.setdefault(i.get("of"), []).append(i)
    activities: dict[str, list] = {}
    for a in snap.get("activities", []):
        a = {**a, "indicators": indicators.get(a.get("code"), [])}
        activities.setdefault(a.get("output"), []).append(a)
    results = snap.get("results", [])
    outcomes = []
    for r in results:
        if r.get("level") == c.ResultLevel.OUTCOME:
            outputs = [
                {
                    **o,
                    "indicators": indicators.get(o["code"], []),
                    "activities": activities.get(o["code"], []),
                }
                for o in results
                if o.get("level") == c.ResultLevel.OUTPUT and o["code"].split(".")[0] == r["code"]
            ]
            outcomes.append({**r, "indicators": indicators.get(r["code"], []), "outputs": outputs})
    return outcomes


# --- Results


def result_list(*, user, network=None) -> QuerySet[Result]:
    return scoped(Result.objects.select_related("network", "plan", "parent"), user=user, network=network)


def result_get(*, user, network, pk, include_deleted=False) -> Result:
    return record_get(
        Result.all_objects.select_related("network", "plan__network", "plan__body", "parent__network"),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def result_detail(*, user, obj: Result) -> dict:
    """An outcome's outputs, an output's activities, and the result's indicators with progress."""
    return {
        "outputs": list(
            scoped(Result.objects.filter(parent=obj), user=user, network=None).select_related("network")
        ),
        "activities": list(
            scoped(Activity.objects.filter(output=obj), user=user, network=None).select_related(
                "network", "lead_organisation__network"
            )
        ),
        "indicators": _with_progress(
            list(scoped(_indicators_qs().filter(result=obj), user=user, network=None))
        ),
        "can_edit_content": policy.can(user, "change", obj) and obj.plan.is_editable and not obj.is_deleted,
        "can_add_activity": obj.plan.is_editable
        and obj.level == c.ResultLevel.OUTPUT
        and policy.can(user, "add", model=Activity, network=obj.network_id),
    }


# --- Activities


def activity_list(*, user, network=None) -> QuerySet[Activity]:
    """Activities the user may read, with what their rows show."""
    return scoped(
        Activity.objects.select_related(
            "network", "plan__network", "lead_organisation__network", "body", "plan__body"
        ),
        user=user,
        network=network,
    )


def activity_get(*, user, network, pk, include_deleted=False) -> Activity:
    return record_get(
        Activity.all_objects.select_related(
            "network",
            "plan__network",
            "plan__body",
            "output__network",
            "lead_organisation__network",
            "body__network",
            "unsdcf_outcome__network",
            "government_priority__network",
            "joint_priority__network",
        ),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def activity_detail(*, user, obj: Activity) -> dict:
    """Tags, places, indicators with progress, and the activity's impediments and progress updates."""
    from ..models import Impediment, ProgressUpdate

    return {
        "partners": list(obj.partners.select_related("network").order_by("name")),
        "gcm_objectives": list(obj.gcm_objectives.all()),
        "guiding_principles": list(obj.guiding_principles.all()),
        "sdg_targets": list(obj.sdg_targets.all()),
        "thematic_areas": list(obj.thematic_areas.all()),
        "districts": list(obj.districts.all()),
        "indicators": _with_progress(
            list(scoped(_indicators_qs().filter(activity=obj), user=user, network=None))
        ),
        "impediments": list(
            scoped(Impediment.objects.filter(activities=obj), user=user, network=None).select_related(
                "network"
            )
        ),
        "updates": list(
            scoped(ProgressUpdate.objects.filter(activity=obj), user=user, network=None)
            .select_related("report__network", "report__organisation")
            .order_by("-report__year", "-report__quarter")
        ),
        "can_add_indicator": obj.plan.is_editable
        and policy.can(user, "add", model=Indicator, network=obj.network_id),
    }


def lead_organisation_ids(*, user, network) -> set[int] | None:
    """The organisations a user may name as an activity's lead: None for any (secretariat, chairs);
    otherwise a member focal point's own organisations."""
    p = policy.principal(user)
    network_id = getattr(network, "pk", network)
    if p.is_secretariat(network_id) or p.chaired_body_ids(network_id):
        return None
    return p.organisation_ids(network_id, Role.MEMBER)


# --- Indicators, targets, measurements


def indicator_list(*, user, network=None) -> QuerySet[Indicator]:
    return scoped(
        Indicator.objects.select_related("network", "plan__network", "result__network", "activity__network"),
        user=user,
        network=network,
    )


def indicator_get(*, user, network, pk, include_deleted=False) -> Indicator:
    return record_get(
        Indicator.all_objects.select_related(
            "network", "plan__network", "plan__body", "result__network", "activity__network", "activity__plan"
        ),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def indicator_detail(*, user, obj: Indicator) -> dict:
    """Baseline, targets, measurements (totals and disaggregated) and progress per target period."""
    targets = list(
        scoped(Target.objects.filter(indicator=obj), user=user, network=None).order_by("period_end")
    )
    measurements = list(
        scoped(Measurement.objects.filter(indicator=obj), user=user, network=None)
        .select_related("district", "network", "indicator__network")
        .order_by("period_end", "pk")
    )
    return {
        "targets": targets,
        "totals": [m for m in measurements if m.is_total],
        "disaggregated": [m for m in measurements if not m.is_total],
        "progress": indicator_progress(obj, targets, measurements),
        "gcm_objectives": list(obj.gcm_objectives.all()),
        "disaggregation_labels": [
            label for value, label in c.Disaggregation.choices if value in (obj.disaggregation or [])
        ],
        "can_add_target": obj.plan.is_editable
        and not obj.is_deleted
        and policy.can(user, "add", model=Target, network=obj.network_id),
        "can_add_measurement": obj.plan.status != c.PlanStatus.CLOSED
        and not obj.is_deleted
        and policy.can(user, "add", model=Measurement, network=obj.network_id),
    }


def target_list(*, user, network=None) -> QuerySet[Target]:
    return scoped(Target.objects.select_related("network", "indicator__network"), user=user, network=network)


def target_get(*, user, network, pk, include_deleted=False) -> Target:
    return record_get(
        Target.all_objects.select_related("network", "indicator__network", "indicator__plan"),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def measurement_list(*, user, network=None) -> QuerySet[Measurement]:
    return scoped(
        Measurement.objects.select_related("network", "indicator__network", "district"),
        user=user,
        network=network,
    )


def measurement_get(*, user, network, pk, include_deleted=False) -> Measurement:
    return record_get(
        Measurement.all_objects.select_related(
            "network", "indicator__network", "indicator__plan", "district"
        ),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )
