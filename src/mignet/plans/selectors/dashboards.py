"""Reads of the dashboards: GCM coverage (objectives × lead organisations), gaps, progress by status and by
body, budgets, activities by district, indicator progress against targets, and the likely duplicate pairs.

Every panel aggregates in the database (GROUP BY with COUNT/SUM) over the activities the user may read
(`scoped`, in plans the user may read), so the number of queries does not grow with the activities. The
data is plain (dicts, lists, Decimals): the pages, the API and later the reports render the same data."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import caches
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from mignet.core import policy
from mignet.core.models import District, GCMObjective
from mignet.core.selectors import scoped
from mignet.network.models import Body

from .. import choices as c
from .. import similarity
from ..models import Activity, DuplicateReview, Indicator, Measurement, Plan, Target

HEAT_BINS = 5  # heat-0 (none) … heat-4 (the most)
MAX_INDICATORS = 200
MAX_PAIRS = 300
ZERO = Decimal("0")


@dataclass(frozen=True)
class DashboardFilters:
    """What the dashboard shows: one plan (or every approved plan), one body, one year; cell measure."""

    plan: Plan | None = None
    body: Body | None = None
    year: int | None = None
    measure: str = "count"  # or "budget"

    def as_params(self) -> dict:
        params = {}
        if self.plan is not None:
            params["plan"] = self.plan.pk
        if self.body is not None:
            params["body"] = self.body.pk
        if self.year:
            params["year"] = self.year
        if self.measure != "count":
            params["measure"] = self.measure
        return params


# --- What can be chosen


def dashboard_plans(*, user, network) -> list[Plan]:
    """The plans the user may read in the network, newest first, for the plan filter."""
    return list(
        scoped(Plan.objects.select_related("body"), user=user, network=network).order_by(
            "-start_date", "title"
        )
    )


def dashboard_bodies(*, user, network) -> list[Body]:
    """The network's bodies the user may read, for the body filter."""
    return list(scoped(Body.objects.all(), user=user, network=network).order_by("name"))


def current_plans(plans: list[Plan]) -> list[Plan]:
    """Plans approved at least once (approved, in revision or closed): what "all plans" means."""
    return [p for p in plans if p.status == c.PlanStatus.APPROVED or p.approved_version > 0]


def plan_years(plans: list[Plan]) -> list[int]:
    """Every year some plan covers, newest first."""
    years = set()
    for p in plans:
        years.update(range(p.start_date.year, p.end_date.year + 1))
    return sorted(years, reverse=True)


# --- The activities a dashboard counts


def dashboard_activities(*, user, network, filters: DashboardFilters) -> QuerySet[Activity]:
    """The activities the user may read, in plans they may read, narrowed by the filters (no ordering:
    the panels group it)."""
    plans = scoped(Plan.objects.all(), user=user, network=network)
    if filters.plan is not None:
        plans = plans.filter(pk=filters.plan.pk)
    else:
        plans = plans.filter(Q(status=c.PlanStatus.APPROVED) | Q(approved_version__gt=0))
    acts = scoped(Activity.objects.all(), user=user, network=network).filter(plan__in=plans.values("pk"))
    if filters.body is not None:
        acts = acts.filter(Q(body=filters.body) | Q(body__isnull=True, plan__body=filters.body))
    if filters.year:
        acts = acts.filter(
            start_date__lte=datetime.date(filters.year, 12, 31),
            end_date__gte=datetime.date(filters.year, 1, 1),
        )
    return acts.order_by()


def _bin(value, top) -> int:
    """Which of the HEAT_BINS shades a value gets: 0 for nothing, then four equal steps up to `top`."""
    if not value or not top:
        return 0
    return min(
        HEAT_BINS - 1, 1 + int((HEAT_BINS - 1) * (Decimal(value) / Decimal(top)) - Decimal("0.000001"))
    )


def coverage(acts: QuerySet[Activity], *, measure: str = "count") -> dict:
    """GCM objectives (all 23, rows) × lead organisations (columns): activities and budget required per
    cell (an activity tied to several objectives counts under each), shaded by `measure`; the gaps are
    the objectives with no activity."""
    through = Activity.gcm_objectives.through
    rows = list(
        through.objects.filter(activity_id__in=acts.values("pk"))
        .values(
            "gcmobjective_id",
            org_id=F("activity__lead_organisation_id"),
            org_name=F("activity__lead_organisation__name"),
            org_acronym=F("activity__lead_organisation__acronym"),
        )
        .annotate(n=Count("activity_id"), budget=Sum("activity__budget_required"))
        .order_by()
    )
    objectives = list(GCMObjective.objects.order_by("number"))
    orgs: dict[int, dict] = {}
    cells: dict[tuple[int, int], dict] = {}
    for r in rows:
        orgs.setdefault(
            r["org_id"],
            {"id": r["org_id"], "name": r["org_name"], "label": r["org_acronym"] or r["org_name"]},
        )
        cells[(r["gcmobjective_id"], r["org_id"])] = {"count": r["n"], "budget": r["budget"] or ZERO}
    organisations = sorted(orgs.values(), key=lambda o: o["label"].lower())
    key = "budget" if measure == "budget" else "count"
    top = max((cell[key] for cell in cells.values()), default=0)
    table = []
    for o in objectives:
        line = []
        for org in organisations:
            cell = cells.get((o.pk, org["id"]), {"count": 0, "budget": ZERO})
            line.append({**cell, "value": cell[key], "bin": _bin(cell[key], top)})
        table.append(
            {
                "number": o.number,
                "title": o.short_title,
                "cells": line,
                "count": sum(x["count"] for x in line),
                "budget": sum((x["budget"] for x in line), ZERO),
            }
        )
    return {
        "measure": key,
        "organisations": organisations,
        "rows": table,
        "gaps": [{"number": r["number"], "title": r["title"]} for r in table if not r["count"]],
    }


def progress_and_budget(acts: QuerySet[Activity]) -> dict:
    """Activities per status, per body and status, average percent complete, and budget required /
    available / spent in total and per body — from one grouped query."""
    rows = list(
        acts.values(
            "status",
            "national",
            body_id_=Coalesce("body_id", "plan__body_id"),
            body_name=Coalesce("body__name", "plan__body__name"),
        )
        .annotate(
            n=Count("pk"),
            pct=Sum("percent_complete"),
            required=Sum("budget_required"),
            available=Sum("budget_available"),
            spent=Sum("budget_spent"),
        )
        .order_by()
    )
    statuses = [{"value": v, "label": label, "count": 0} for v, label in c.ActivityStatus.choices]
    by_status = {s["value"]: s for s in statuses}
    bodies: dict[int, dict] = {}
    totals = {"count": 0, "percent_sum": 0, "required": ZERO, "available": ZERO, "spent": ZERO}
    national = {"count": 0, "budget": ZERO}
    for r in rows:
        by_status[r["status"]]["count"] += r["n"]
        body = bodies.setdefault(
            r["body_id_"],
            {
                "id": r["body_id_"],
                "name": r["body_name"],
                "statuses": dict.fromkeys(by_status, 0),
                "count": 0,
                "percent_sum": 0,
                "required": ZERO,
                "available": ZERO,
                "spent": ZERO,
            },
        )
        body["statuses"][r["status"]] += r["n"]
        for target in (body, totals):
            target["count"] += r["n"]
            target["percent_sum"] += r["pct"] or 0
            target["required"] += r["required"] or ZERO
            target["available"] += r["available"] or ZERO
            target["spent"] += r["spent"] or ZERO
        if r["national"]:
            national["count"] += r["n"]
            national["budget"] += r["required"] or ZERO
    body_rows = sorted(bodies.values(), key=lambda b: (b["name"] or "").lower())
    for row in [*body_rows, totals]:
        row["average_percent"] = round(row["percent_sum"] / row["count"], 1) if row["count"] else None
        row["overspent"] = row["spent"] > row["available"]
        row["gap"] = max(row["required"] - row["available"], ZERO)
    for b in body_rows:
        b["status_counts"] = [b["statuses"][s["value"]] for s in statuses]
    return {"statuses": statuses, "bodies": body_rows, "totals": totals, "national": national}


def districts_table(acts: QuerySet[Activity], *, network, national: dict) -> dict:
    """Every district of the network's country grouped by division, with the activities in it and their
    budget required (an activity in several districts counts in each); "National" for national ones."""
    through = Activity.districts.through
    found = {
        r["district_id"]: r
        for r in through.objects.filter(activity_id__in=acts.values("pk"))
        .values("district_id")
        .annotate(n=Count("activity_id"), budget=Sum("activity__budget_required"))
        .order_by()
    }
    districts = District.objects.select_related("division").order_by("division__name", "name")
    country = str(getattr(network, "country", "") or "")
    if country:
        districts = districts.filter(division__country=country)
    divisions: list[dict] = []
    for d in districts:
        if not divisions or divisions[-1]["name"] != d.division.name:
            divisions.append({"name": d.division.name, "districts": [], "count": 0, "budget": ZERO})
        r = found.get(d.pk, {})
        row = {"id": d.pk, "name": d.name, "count": r.get("n", 0), "budget": r.get("budget") or ZERO}
        divisions[-1]["districts"].append(row)
        divisions[-1]["count"] += row["count"]
        divisions[-1]["budget"] += row["budget"]
    covered = sum(1 for div in divisions for d in div["districts"] if d["count"])
    total = sum(len(div["districts"]) for div in divisions)
    return {"divisions": divisions, "national": national, "covered": covered, "total": total}


def indicator_progress_rows(*, user, network, acts: QuerySet[Activity], filters: DashboardFilters) -> dict:
    """For each indicator (of the activities shown, or of results in the plans shown) with a target in
    the year (any target without a year): the latest total measurement against that target, in percent
    in the indicator's direction (see `records.progress_percent`)."""
    from .records import indicator_progress

    plans = acts.values("plan_id")
    owner = Q(activity_id__in=acts.values("pk")) | Q(result__isnull=False, plan_id__in=plans)
    if filters.body is not None:
        owner = Q(activity_id__in=acts.values("pk")) | Q(
            result__isnull=False, plan_id__in=plans, plan__body=filters.body
        )
    targets = scoped(Target.objects.all(), user=user, network=network)
    if filters.year:
        targets = targets.filter(period__startswith=str(filters.year))
    totals = scoped(Measurement.objects.all(), user=user, network=network).filter(
        sex="", age_group="", migrant_status="", district__isnull=True
    )
    qs = (
        scoped(Indicator.objects.all(), user=user, network=network)
        .filter(owner)
        .filter(pk__in=targets.values("indicator_id"))
        .select_related("plan", "network")
        .prefetch_related(
            Prefetch("targets", queryset=targets.order_by("period_end"), to_attr="shown_targets"),
            Prefetch(
                "measurements", queryset=totals.order_by("period_end", "pk"), to_attr="total_measurements"
            ),
        )
        .order_by("plan__title", "code", "pk")
    )
    indicators = list(qs[: MAX_INDICATORS + 1])
    rows = []
    for i in indicators[:MAX_INDICATORS]:
        progress = indicator_progress(i, i.shown_targets, i.total_measurements)
        if not progress:
            continue
        # The latest target that has a measurement, else the latest target.
        measured = [p for p in progress if p.value is not None]
        latest = (measured or progress)[-1]
        rows.append(
            {
                "id": i.pk,
                "code": i.code,
                "name": i.name,
                "plan": i.plan.title,
                "unit": i.unit,
                "direction": i.direction,
                "direction_label": i.get_direction_display(),
                "baseline": i.baseline_value,
                "period": latest.period,
                "target": latest.target,
                "value": latest.value,
                "measured_period": latest.measured_period,
                "percent": latest.percent,
                "url": i.get_absolute_url(),
            }
        )
    return {"rows": rows, "truncated": len(indicators) > MAX_INDICATORS}


def dashboard(*, user, network, filters: DashboardFilters) -> dict:
    """Every panel of the dashboard for the activities the filters select, as plain data."""
    acts = dashboard_activities(user=user, network=network, filters=filters)
    cov = coverage(acts, measure=filters.measure)
    progress = progress_and_budget(acts)
    return {
        "filters": filters,
        "coverage": cov,
        "gaps": cov["gaps"],
        "progress": progress,
        "budget": {
            "totals": {k: progress["totals"][k] for k in ("required", "available", "spent", "gap")},
            "bodies": [
                {k: b[k] for k in ("name", "required", "available", "spent", "gap")}
                for b in progress["bodies"]
            ],
        },
        "districts": districts_table(acts, network=network, national=progress["national"]),
        "indicators": indicator_progress_rows(user=user, network=network, acts=acts, filters=filters),
    }


# --- Duplicates


@dataclass
class CandidatePair:
    """Two activities by different lead organisations sharing a district (or both national) and a GCM
    objective, with similar titles and descriptions; the review, once a TWG chair has given one."""

    first: Activity
    second: Activity
    score: float
    objectives: list
    districts: list
    national: bool
    review: DuplicateReview | None = None
    can_review: bool = False


def _fingerprint(items) -> str:
    return hashlib.sha256(json.dumps(items, sort_keys=True, default=str).encode()).hexdigest()


def _scored_pairs(
    texts: list[str], groups: list[list[int]], owners: list[int]
) -> list[tuple[int, int, float]]:
    """The similar pairs at the lowest threshold a page may ask for, kept in the cache under what went in
    (texts, groups, owners): an unchanged set of activities is not compared again."""
    key = "plans:duplicates:" + _fingerprint([texts, groups, owners])
    cache = caches["shared"]  # Redis when configured, else this process's memory; never the database
    found = cache.get(key)
    if found is None:
        pairs = similarity.similar_pairs(texts, groups, threshold=MIN_THRESHOLD, owners=owners)
        found = [(p.first, p.second, p.score) for p in pairs]
        cache.set(key, found, 24 * 3600)
    return found


MIN_THRESHOLD = 0.1
MAX_THRESHOLD = 0.95


def default_threshold() -> float:
    """The similarity from which pairs are flagged, unless the page asks for another."""
    return float(getattr(settings, "MIGNET_DUPLICATE_THRESHOLD", 0.35))


def duplicate_candidates(
    *,
    user,
    network,
    filters: DashboardFilters | None = None,
    threshold: float | None = None,
    unreviewed_only: bool = False,
) -> dict:
    """Pairs of activities the user may read, by different lead organisations, sharing a GCM objective
    and a district (or both national), whose texts score `threshold` or more; with their reviews."""
    filters = filters or DashboardFilters()
    threshold = default_threshold() if threshold is None else threshold
    acts = dashboard_activities(user=user, network=network, filters=filters).exclude(
        status=c.ActivityStatus.CANCELLED
    )
    rows = list(
        acts.values_list("pk", "title", "description", "lead_organisation_id", "national").order_by("pk")
    )
    position = {pk: i for i, (pk, *_rest) in enumerate(rows)}
    ids = acts.values("pk")
    objectives: dict[int, list[int]] = {}
    for activity_id, objective_id in Activity.gcm_objectives.through.objects.filter(
        activity_id__in=ids
    ).values_list("activity_id", "gcmobjective_id"):
        objectives.setdefault(activity_id, []).append(objective_id)
    places: dict[int, list[int]] = {}
    for activity_id, district_id in Activity.districts.through.objects.filter(
        activity_id__in=ids
    ).values_list("activity_id", "district_id"):
        places.setdefault(activity_id, []).append(district_id)
    blocks: dict[tuple, list[int]] = {}
    for pk, _title, _desc, _org, is_national in rows:
        where = ["national"] if is_national else places.get(pk, [])
        for objective_id in objectives.get(pk, []):
            for place in where:
                blocks.setdefault((objective_id, place), []).append(position[pk])
    groups = [members for members in blocks.values() if len(members) > 1]
    groups.sort(key=lambda g: g[0])
    texts = [f"{title}\n{desc}" for _pk, title, desc, _org, _nat in rows]
    owners = [org for _pk, _t, _d, org, _n in rows]
    scored = [p for p in _scored_pairs(texts, groups, owners) if p[2] >= threshold] if groups else []
    pair_ids = [(rows[i][0], rows[j][0], score) for i, j, score in scored]
    reviews = (
        {
            (r.first_id, r.second_id): r
            for r in scoped(
                DuplicateReview.objects.select_related("reviewed_by"), user=user, network=network
            ).filter(first_id__in={a for a, _b, _s in pair_ids}, second_id__in={b for _a, b, _s in pair_ids})
        }
        if pair_ids
        else {}
    )
    if unreviewed_only:
        pair_ids = [p for p in pair_ids if (p[0], p[1]) not in reviews]
    total = len(pair_ids)
    pair_ids = pair_ids[:MAX_PAIRS]
    shown = {pk for a, b, _s in pair_ids for pk in (a, b)}
    activities = {
        a.pk: a
        for a in Activity.objects.filter(pk__in=shown).select_related(
            "network", "lead_organisation", "plan__body", "body"
        )
    }
    gcm = {o.pk: o for o in GCMObjective.objects.all()} if pair_ids else {}
    district_names = (
        dict(
            District.objects.filter(pk__in={d for pk in shown for d in places.get(pk, [])}).values_list(
                "pk", "name"
            )
        )
        if pair_ids
        else {}
    )
    pairs = []
    for a, b, score in pair_ids:
        first, second = activities[a], activities[b]
        shared_objectives = sorted(set(objectives.get(a, [])) & set(objectives.get(b, [])))
        both_national = first.national and second.national
        shared_places = sorted(set(places.get(a, [])) & set(places.get(b, [])))
        pair = CandidatePair(
            first=first,
            second=second,
            score=score,
            objectives=[gcm[o] for o in shared_objectives if o in gcm],
            districts=sorted(district_names.get(d, "") for d in shared_places),
            national=both_national,
            review=reviews.get((a, b)),
        )
        # The rule reads the pair's activities (loaded here), never the review's own links.
        probe = DuplicateReview(network=network, first=first, second=second)
        pair.can_review = policy.can(user, "change" if pair.review else "add", probe)
        pairs.append(pair)
    return {
        "pairs": pairs,
        "total": total,
        "truncated": total > len(pairs),
        "threshold": threshold,
        "compared": len(rows),
    }


def duplicate_pair_activity(*, user, network, pk) -> Activity:
    """One activity of a pair under review, with what the review rule reads (its plan's body), or 404."""
    from django.http import Http404

    activity = (
        scoped(
            Activity.objects.select_related("network", "plan__body", "body", "lead_organisation"),
            user=user,
            network=network,
        )
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def duplicate_review_list(*, user, network=None) -> QuerySet[DuplicateReview]:
    """Reviews of flagged pairs the user may read, with both activities and the reviewer."""
    return scoped(
        DuplicateReview.objects.select_related(
            "network", "first__plan__body", "first__body", "second__plan__body", "second__body", "reviewed_by"
        ),
        user=user,
        network=network,
    )
