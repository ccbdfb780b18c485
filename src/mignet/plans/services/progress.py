"""Writes of quarterly progress reports: one report per organisation, plan and quarter, with one line per
activity the organisation leads and the quarter's measurements of those activities' indicators. A draft is
saved as often as needed; submitting applies each line to its activity (status, percent complete, spent)
with history; only the secretariat reopens a submitted report. Reminders go to the organisations that have
not submitted."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mignet.core import policy
from mignet.core.models import SentNotice
from mignet.core.services import record_create, record_save, record_soft_delete, record_update

from .. import choices as c
from ..models import Activity, Indicator, Measurement, Plan, ProgressReport, ProgressUpdate
from ..selectors.progress import report_activities, report_organisations_due
from .plans import measurement_create

LINE_FIELDS = ("status", "percent_complete", "spent_to_date", "narrative")


@dataclass
class MeasurementInput:
    """The quarter's value of one indicator of the activity, with where it comes from (None: no value)."""

    indicator: Indicator
    value: Decimal | None
    source: str = ""
    means_of_verification: str = ""


@dataclass
class LineInput:
    """What a focal point typed for one activity in the report."""

    activity: Activity
    status: str
    percent_complete: int
    spent_to_date: Decimal
    narrative: str = ""
    measurements: list[MeasurementInput] = field(default_factory=list)


class ReportLineErrors(ValidationError):
    """Some lines were wrong; nothing was saved. `lines` maps the line's index to {field: [messages]}."""

    def __init__(self, lines: dict[int, dict[str, list[str]]]) -> None:
        self.lines = lines
        flat: dict[str, list[str]] = {}
        for errors in lines.values():
            for name, messages in errors.items():
                flat.setdefault(name, []).extend(messages)
        super().__init__(flat)


def _period(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def _check_quarter(plan: Plan, year: int, quarter: int) -> None:
    from ..models import period_bounds

    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("Choose a quarter from 1 to 4.")})
    start, end = period_bounds(_period(year, quarter))
    if end < plan.start_date or start > plan.end_date:
        raise ValidationError({"quarter": _("This quarter is outside the plan's period.")})


def _check_plan(plan: Plan) -> None:
    if plan.approved_version < 1 or plan.status == c.PlanStatus.CLOSED:
        raise ValidationError(_("Progress is reported on an approved plan that is not closed."))


def _check_line(line: LineInput) -> dict[str, list[str]]:
    """The line's own bounds: percent 0–100, money not negative, a known status."""
    errors: dict[str, list[str]] = {}
    if line.status not in c.ActivityStatus.values:
        errors["status"] = [_("Choose a status from the list.")]
    if line.percent_complete is None or not 0 <= int(line.percent_complete) <= 100:
        errors["percent_complete"] = [_("Give a percentage from 0 to 100.")]
    if line.spent_to_date is None or Decimal(line.spent_to_date) < 0:
        errors["spent_to_date"] = [_("Give an amount in USD of 0 or more.")]
    for m in line.measurements:
        if m.indicator.activity_id != line.activity.pk:
            errors.setdefault("measurements", []).append(_("This indicator belongs to another activity."))
    return errors


def _locked_report(plan, organisation, year, quarter) -> ProgressReport | None:
    return (
        ProgressReport.objects.select_for_update()
        .filter(plan=plan, organisation=organisation, year=year, quarter=quarter)
        .first()
    )


def _report_create(*, actor, plan, organisation, year, quarter, summary="") -> ProgressReport:
    return record_create(
        ProgressReport,
        actor=actor,
        network=plan.network,
        data={
            "plan": plan,
            "organisation": organisation,
            "year": year,
            "quarter": quarter,
            "summary": summary,
        },
        set_by_service={"visibility": plan.visibility},  # the report is read by whoever reads the plan
    )


def _require_draft(report: ProgressReport) -> None:
    if report.status != c.ReportStatus.DRAFT:
        raise ValidationError(
            _("This report has been submitted. Ask the secretariat to reopen it if it needs a change.")
        )


def _save_measurements(*, actor, report: ProgressReport, line: LineInput) -> None:
    """Create, replace or remove the quarter's total measurement of each indicator, tied to the report."""
    period = report.period
    existing = {
        m.indicator_id: m
        for m in Measurement.objects.filter(
            indicator__in=[m.indicator for m in line.measurements],
            period=period,
            sex="",
            age_group="",
            migrant_status="",
            district__isnull=True,
        ).order_by("pk")
    }
    for item in line.measurements:
        current = existing.get(item.indicator.pk)
        if item.value is None:
            if current is not None and current.report_id == report.pk:
                record_soft_delete(current, actor=actor, reason=_("Removed from the quarterly report"))
            continue
        values = {
            "value": Decimal(item.value),
            "source": item.source or "",
            "means_of_verification": item.means_of_verification or "",
        }
        if current is None:
            measurement_create(
                actor=actor,
                network=report.network,
                data={"indicator": item.indicator, "period": period, **values},
                report=report,
            )
            continue
        changed = current.report_id != report.pk or any(getattr(current, k) != v for k, v in values.items())
        if changed:
            policy.require(actor, "change", current)
            for name, value in values.items():
                setattr(current, name, value)
            current.report = report
            current.full_clean()
            record_save(current, actor=actor, reason=_("Quarterly report %(period)s") % {"period": period})


def report_save(
    *, actor, plan: Plan, organisation, year: int, quarter: int, lines: list[LineInput], summary: str = ""
) -> ProgressReport:
    """Save an organisation's quarterly report as a draft: the report (made on first save), one line per
    activity it leads that runs in the quarter, and the quarter's measurements. All or nothing."""
    _check_plan(plan)
    _check_quarter(plan, year, quarter)
    allowed = {
        a.pk
        for a in report_activities(plan=plan, organisation_id=organisation.pk, year=year, quarter=quarter)
    }
    errors: dict[int, dict[str, list[str]]] = {}
    for index, line in enumerate(lines):
        line_errors = _check_line(line)
        if line.activity.pk not in allowed:
            line_errors.setdefault("activity", []).append(
                _("Report only on activities your organisation leads in this plan during this quarter.")
            )
        if line_errors:
            errors[index] = line_errors
    if errors:
        raise ReportLineErrors(errors)
    with transaction.atomic():
        report = _locked_report(plan, organisation, year, quarter)
        if report is None:
            report = _report_create(
                actor=actor, plan=plan, organisation=organisation, year=year, quarter=quarter, summary=summary
            )
        else:
            policy.require(actor, "change", report)
            _require_draft(report)
            if report.summary != summary:
                report.summary = summary
                record_save(report, actor=actor, reason=_("Draft saved"))
        current = {u.activity_id: u for u in ProgressUpdate.objects.filter(report=report).select_for_update()}
        for line in lines:
            values = {name: getattr(line, name) for name in LINE_FIELDS}
            values["spent_to_date"] = Decimal(values["spent_to_date"])
            values["percent_complete"] = int(values["percent_complete"])
            update = current.get(line.activity.pk)
            if update is None:
                record_create(
                    ProgressUpdate,
                    actor=actor,
                    network=report.network,
                    data={"report": report, "activity": line.activity, **values},
                    set_by_service={"visibility": report.visibility},
                )
            elif any(getattr(update, k) != v for k, v in values.items()):
                policy.require(actor, "change", update)
                for name, value in values.items():
                    setattr(update, name, value)
                update.full_clean()
                record_save(update, actor=actor, reason=_("Draft saved"))
            _save_measurements(actor=actor, report=report, line=line)
    return report


def report_create(*, actor, network, data, m2m=None) -> ProgressReport:
    """Start an organisation's draft report for a quarter of an approved plan (the API's way in; the
    form makes it on first save)."""
    plan, organisation = data.get("plan"), data.get("organisation")
    if plan is None or organisation is None:
        raise ValidationError({"plan": _("Choose the plan and the organisation.")})
    _check_plan(plan)
    _check_quarter(plan, data.get("year") or 0, data.get("quarter") or 0)
    return _report_create(
        actor=actor,
        plan=plan,
        organisation=organisation,
        year=data["year"],
        quarter=data["quarter"],
        summary=data.get("summary", ""),
    )


def report_update(*, actor, instance, version, data, m2m=None) -> ProgressReport:
    """Change a draft report's overall narrative; its plan, organisation and quarter stay as they are."""
    _require_draft(instance)
    for fixed in ("plan", "organisation", "year", "quarter"):
        if fixed in data and data[fixed] != getattr(instance, fixed):
            raise ValidationError({fixed: _("A report stays with its plan, organisation and quarter.")})
    return record_update(
        instance, actor=actor, version=version, data={"summary": data.get("summary", instance.summary)}
    )


def report_submit(*, actor, instance: ProgressReport) -> ProgressReport:
    """Submit a draft report: it needs a line for every activity due; each line then updates its activity
    (status, percent complete, spent) in the activity's history, with the actor and the quarter."""
    with transaction.atomic():
        report = (
            ProgressReport.objects.select_for_update().select_related("plan", "network").get(pk=instance.pk)
        )
        policy.require(actor, "change", report)
        _require_draft(report)
        _check_plan(report.plan)
        due = report_activities(
            plan=report.plan, organisation_id=report.organisation_id, year=report.year, quarter=report.quarter
        )
        updates = {u.activity_id: u for u in ProgressUpdate.objects.filter(report=report)}
        missing = [a.code for a in due if a.pk not in updates]
        if missing:
            raise ValidationError(
                _("Report on every activity before submitting: %(codes)s.") % {"codes": ", ".join(missing)}
            )
        report.status = c.ReportStatus.SUBMITTED
        report.submitted_at = timezone.now()
        report.submitted_by = actor
        record_save(report, actor=actor, reason=_("Submitted"))
        reason = _("Quarterly report %(period)s") % {"period": report.period}
        for activity in Activity.objects.select_for_update().filter(pk__in=list(updates)).order_by("pk"):
            line = updates[activity.pk]
            activity.status = line.status
            activity.percent_complete = line.percent_complete
            activity.budget_spent = line.spent_to_date
            record_save(activity, actor=actor, reason=reason)
    return report


def report_reopen(*, actor, instance: ProgressReport, reason: str = "") -> ProgressReport:
    """Take a submitted report back to draft so it can be corrected (the secretariat only)."""
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=instance.pk)
        if not policy.principal(actor).is_secretariat(report.network_id):
            policy.deny(actor, "change", report)
        if report.status != c.ReportStatus.SUBMITTED:
            raise ValidationError(_("Only a submitted report can be reopened."))
        report.status = c.ReportStatus.DRAFT
        report.submitted_at = None
        report.submitted_by = None
        record_save(report, actor=actor, reason=reason or _("Reopened"))
    return report


# --- Lines, one at a time (the API)


def _line_from(data: dict, instance: ProgressUpdate | None = None) -> LineInput:
    def pick(name, default=None):
        return data.get(name, getattr(instance, name, default) if instance is not None else default)

    return LineInput(
        activity=pick("activity"),
        status=pick("status", c.ActivityStatus.ONGOING),
        percent_complete=pick("percent_complete", 0),
        spent_to_date=pick("spent_to_date", Decimal("0")),
        narrative=pick("narrative", "") or "",
    )


def _check_single(report: ProgressReport, line: LineInput) -> None:
    errors = _check_line(line)
    if line.activity is None:
        errors["activity"] = [_("Choose the activity.")]
    else:
        due = report_activities(
            plan=report.plan, organisation_id=report.organisation_id, year=report.year, quarter=report.quarter
        )
        if line.activity.pk not in {a.pk for a in due}:
            errors["activity"] = [
                _("Report only on activities your organisation leads in this plan during this quarter.")
            ]
    if errors:
        raise ValidationError(errors)


def progress_update_create(*, actor, network, data, m2m=None) -> ProgressUpdate:
    """Add one activity's line to a draft report."""
    report = data.get("report")
    if report is None:
        raise ValidationError({"report": _("Choose the report.")})
    policy.require(actor, "change", report)
    _require_draft(report)
    _check_single(report, _line_from(data))
    return record_create(
        ProgressUpdate,
        actor=actor,
        network=network,
        data=data,
        set_by_service={"visibility": report.visibility},
    )


def progress_update_update(*, actor, instance, version, data, m2m=None) -> ProgressUpdate:
    """Change one line of a draft report; it stays with its report and activity."""
    _require_draft(instance.report)
    for fixed in ("report", "activity"):
        if fixed in data and data[fixed] != getattr(instance, fixed):
            raise ValidationError({fixed: _("A line stays with its report and activity.")})
    _check_single(instance.report, _line_from(data, instance))
    data = {k: v for k, v in data.items() if k in LINE_FIELDS}
    return record_update(instance, actor=actor, version=version, data=data)


# --- Reminders


def reminder_key(plan_id: int, organisation_id: int, period: str, kind: str) -> str:
    """The SentNotice key of one reminder to one organisation about one quarter."""
    return f"plans:progress:{plan_id}:{organisation_id}:{period}:{kind}"


def remind_once(key: str, send) -> bool:
    """Record `key` and run `send` in one transaction; False if it was already sent, or nobody received it
    (then nothing is recorded and it is tried again next time)."""
    with transaction.atomic():
        _notice, created = SentNotice.objects.get_or_create(key=key)
        if not created:
            return False
        if not send():
            transaction.set_rollback(True)
            return False
    return True


def report_reminders_send(
    *, actor, plan: Plan, year: int, quarter: int, today: datetime.date | None = None
) -> int:
    """E-mail the focal points of every organisation that has not submitted its report for the quarter
    (the secretariat; at most once a day per organisation). Returns how many organisations were reminded."""
    from .. import notify_progress

    if not policy.principal(actor).is_secretariat(plan.network_id):
        policy.deny(actor, "change", plan)
    _check_plan(plan)
    _check_quarter(plan, year, quarter)
    today = today or timezone.localdate()
    period = _period(year, quarter)
    sent = 0
    for organisation in report_organisations_due(plan=plan, year=year, quarter=quarter):
        key = reminder_key(plan.pk, organisation.pk, period, f"manual:{today.isoformat()}")
        if remind_once(
            key,
            lambda o=organisation: notify_progress.progress_reminder(
                plan=plan, organisation=o, year=year, quarter=quarter, kind="manual"
            ),
        ):
            sent += 1
    return sent
