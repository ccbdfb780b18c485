"""Reads of quarterly progress reports: the reports and their lines, the activities an organisation reports
on in a quarter, the secretariat's overview of who has and has not reported, and a focal point's reports
and quarters due. Each starts from the policy's restricted queryset (`scoped`, `record_get`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Max, Min, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from mignet.core import policy
from mignet.core.choices import Role
from mignet.core.selectors import record_get, scoped
from mignet.network.models import Organisation

from .. import choices as c
from ..models import Activity, Indicator, Measurement, Plan, ProgressReport, ProgressUpdate, period_bounds

# --- Quarters


def quarter_of(day: datetime.date) -> tuple[int, int]:
    """(year, quarter) of a date."""
    return day.year, (day.month - 1) // 3 + 1


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def latest_ended_quarter(today: datetime.date | None = None) -> tuple[int, int]:
    """The last quarter that has ended by `today` (the one reports are now due for)."""
    return previous_quarter(*quarter_of(today or timezone.localdate()))


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    return period_bounds(f"{year}-Q{quarter}")


def due_date(year: int, quarter: int) -> datetime.date:
    """When a quarter's report is due: MIGNET_PROGRESS_DUE_DAYS after the quarter ends."""
    return quarter_bounds(year, quarter)[1] + datetime.timedelta(days=settings.MIGNET_PROGRESS_DUE_DAYS)


def plan_quarters(plan: Plan, *, until: datetime.date | None = None) -> list[tuple[int, int]]:
    """The quarters of a plan's period, oldest first, up to the quarter holding `until` when given."""
    year, quarter = quarter_of(plan.start_date)
    last = quarter_of(min(plan.end_date, until) if until else plan.end_date)
    quarters = []
    while (year, quarter) <= last:
        quarters.append((year, quarter))
        year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    return quarters


# --- Reports and lines


def _reports() -> QuerySet:
    return ProgressReport.objects.filter(plan__deleted_at__isnull=True).select_related(
        "network", "plan", "organisation", "submitted_by"
    )


def progress_report_list(*, user, network=None) -> QuerySet:
    """Reports the user may read (a report is read by whoever reads its plan)."""
    return scoped(_reports(), user=user, network=network)


def progress_report_get(*, user, network, pk, include_deleted: bool = False) -> ProgressReport:
    """One report, or 404 when the user may not read it."""
    qs = ProgressReport.all_objects.filter(plan__deleted_at__isnull=True).select_related(
        "network", "plan__network", "organisation__network", "submitted_by"
    )
    return record_get(qs, user=user, network=network, pk=pk, include_deleted=include_deleted)


def progress_update_list(*, user, network=None) -> QuerySet:
    """Lines of the reports the user may read."""
    qs = ProgressUpdate.objects.filter(report__deleted_at__isnull=True).select_related(
        "network", "report", "activity"
    )
    return scoped(qs, user=user, network=network)


def report_activities(*, plan: Plan, organisation_id: int, year: int, quarter: int) -> list[Activity]:
    """The activities an organisation leads in a plan that run during the quarter, in code order, with
    their activity indicators."""
    start, end = quarter_bounds(year, quarter)
    return list(
        Activity.objects.filter(
            plan=plan, lead_organisation_id=organisation_id, start_date__lte=end, end_date__gte=start
        )
        .select_related("network", "plan", "lead_organisation")
        .prefetch_related(
            Prefetch(
                "indicators", queryset=Indicator.objects.order_by("code", "pk"), to_attr="live_indicators"
            )
        )
        .order_by("output__parent__position", "output__position", "position", "pk")
    )


def report_organisations_due(*, plan: Plan, year: int, quarter: int) -> list[Organisation]:
    """Organisations leading activities in the plan during the quarter that have not submitted."""
    start, end = quarter_bounds(year, quarter)
    submitted = ProgressReport.objects.filter(
        plan=plan, year=year, quarter=quarter, status=c.ReportStatus.SUBMITTED
    ).values("organisation_id")
    ids = (
        Activity.objects.filter(plan=plan, start_date__lte=end, end_date__gte=start)
        .exclude(lead_organisation_id__in=submitted)
        .values("lead_organisation_id")
    )
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def visible_plan(*, user, network, pk) -> Plan:
    """A plan the user may read, or 404."""
    plan = (
        scoped(Plan.objects.select_related("network", "body"), user=user, network=network)
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def reportable_plans(*, user, network) -> QuerySet:
    """Approved plans the user may read: the ones progress is reported on."""
    return scoped(Plan.objects.filter(status=c.PlanStatus.APPROVED), user=user, network=network).order_by(
        "-start_date", "title"
    )


@dataclass
class ReportRow:
    """One activity's row on the report form: the activity, its current line and its measurements."""

    activity: Activity
    update: ProgressUpdate | None
    measurements: dict[int, Measurement] = field(default_factory=dict)  # by indicator

    @property
    def overspent(self) -> bool:
        """Spent to date above the activity's available budget: a warning, never a refusal."""
        spent = self.update.spent_to_date if self.update else None
        return spent is not None and spent > (self.activity.budget_available or Decimal("0"))


def report_form(
    *, plan: Plan, organisation_id: int, year: int, quarter: int
) -> tuple[ProgressReport | None, list[ReportRow]]:
    """The report (if saved) and one row per activity due, with the saved line and the quarter's total
    measurements — a fixed number of queries however many activities and indicators."""
    activities = report_activities(plan=plan, organisation_id=organisation_id, year=year, quarter=quarter)
    report = _reports().filter(plan=plan, organisation_id=organisation_id, year=year, quarter=quarter).first()
    updates = {}
    if report is not None:
        updates = {u.activity_id: u for u in ProgressUpdate.objects.filter(report=report)}
    indicator_ids = [i.pk for a in activities for i in a.live_indicators]
    measured: dict[int, Measurement] = {}
    if indicator_ids:
        for m in Measurement.objects.filter(
            indicator_id__in=indicator_ids,
            period=f"{year}-Q{quarter}",
            sex="",
            age_group="",
            migrant_status="",
            district__isnull=True,
        ).order_by("pk"):
            measured[m.indicator_id] = m
    rows = [
        ReportRow(
            activity=a,
            update=updates.get(a.pk),
            measurements={i.pk: measured[i.pk] for i in a.live_indicators if i.pk in measured},
        )
        for a in activities
    ]
    return report, rows


def report_warnings(rows: list[ReportRow]) -> list[ReportRow]:
    """Rows whose spent to date is above the activity's available budget."""
    return [r for r in rows if r.overspent]


def report_detail(*, user, obj: ProgressReport) -> dict:
    """What the report page shows beside the report: its lines with their activities and the measurements
    reported in it."""
    updates = list(
        ProgressUpdate.objects.filter(report=obj)
        .select_related("activity__network")
        .order_by("activity__code", "pk")
    )
    measurements = list(
        Measurement.objects.filter(report=obj)
        .select_related("indicator", "indicator__activity")
        .order_by("indicator__code", "pk")
    )
    by_activity: dict[int, list[Measurement]] = {}
    for m in measurements:
        by_activity.setdefault(m.indicator.activity_id, []).append(m)
    lines = [
        {
            "update": u,
            "measurements": by_activity.get(u.activity_id, []),
            "overspent": u.spent_to_date > (u.activity.budget_available or Decimal("0")),
        }
        for u in updates
    ]
    return {
        "lines": lines,
        "can_reopen": obj.status == c.ReportStatus.SUBMITTED
        and policy.principal(user).is_secretariat(obj.network_id),
        "can_edit": obj.status == c.ReportStatus.DRAFT and policy.can(user, "change", obj),
    }


# --- The secretariat's overview


@dataclass
class OverviewRow:
    """One organisation's standing for a quarter of a plan."""

    organisation: Organisation
    activities: int
    report: ProgressReport | None
    due: datetime.date
    today: datetime.date

    @property
    def state(self) -> str:
        if self.report is None:
            return "missing"
        return self.report.status

    @property
    def late(self) -> bool:
        """Submitted after the due date, or not submitted and the due date has passed."""
        if self.report is not None and self.report.submitted_at is not None:
            return timezone.localdate(self.report.submitted_at) > self.due
        return self.today > self.due


def progress_overview(*, user, network, plan: Plan, year: int, quarter: int, today=None) -> list[OverviewRow]:
    """Every organisation leading activities in the plan during the quarter, with its report (if any), its
    number of activities and whether it is late: three queries however many organisations."""
    today = today or timezone.localdate()
    start, end = quarter_bounds(year, quarter)
    counts = dict(
        Activity.objects.filter(plan=plan, start_date__lte=end, end_date__gte=start)
        .order_by()
        .values_list("lead_organisation_id")
        .annotate(n=Count("pk"))
    )
    organisations = Organisation.objects.filter(pk__in=list(counts)).order_by("name")
    reports = {
        r.organisation_id: r
        for r in progress_report_list(user=user, network=network).filter(
            plan=plan, year=year, quarter=quarter
        )
    }
    due = due_date(year, quarter)
    return [
        OverviewRow(organisation=o, activities=counts[o.pk], report=reports.get(o.pk), due=due, today=today)
        for o in organisations
    ]


# --- A focal point's reports


@dataclass
class MyQuarter:
    """A quarter a focal point's organisation reports on for a plan, with the report if started."""

    plan: Plan
    organisation: Organisation
    year: int
    quarter: int
    report: ProgressReport | None
    due: datetime.date
    today: datetime.date

    @property
    def period(self) -> str:
        return f"{self.year}-Q{self.quarter}"

    @property
    def late(self) -> bool:
        if self.report is not None and self.report.submitted_at is not None:
            return timezone.localdate(self.report.submitted_at) > self.due
        return self.today > self.due

    @property
    def ended(self) -> bool:
        return quarter_bounds(self.year, self.quarter)[1] < self.today


def my_reports(*, user, network, today=None) -> list[MyQuarter]:
    """For each organisation the user is a member focal point of: every quarter (newest first) of each
    approved plan in which it leads activities, up to the current quarter, with its report if started."""
    today = today or timezone.localdate()
    own = policy.principal(user).organisation_ids(network.pk, Role.MEMBER)
    if not own:
        return []
    plans = {p.pk: p for p in reportable_plans(user=user, network=network)}
    spans = (
        Activity.objects.filter(plan_id__in=list(plans), lead_organisation_id__in=own)
        .order_by()
        .values("plan_id", "lead_organisation_id")
        .annotate(first=Min("start_date"), last=Max("end_date"))
    )
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=own)}
    reports = {
        (r.plan_id, r.organisation_id, r.year, r.quarter): r
        for r in progress_report_list(user=user, network=network).filter(
            plan_id__in=list(plans), organisation_id__in=own
        )
    }
    rows = []
    for span in spans:
        plan = plans[span["plan_id"]]
        for year, quarter in plan_quarters(plan, until=today):
            start, end = quarter_bounds(year, quarter)
            if span["first"] > end or span["last"] < start:
                continue
            key = (plan.pk, span["lead_organisation_id"], year, quarter)
            rows.append(
                MyQuarter(
                    plan=plan,
                    organisation=organisations[span["lead_organisation_id"]],
                    year=year,
                    quarter=quarter,
                    report=reports.get(key),
                    due=due_date(year, quarter),
                    today=today,
                )
            )
    rows.sort(key=lambda r: (-r.year, -r.quarter, r.plan.title, r.organisation.name))
    return rows
