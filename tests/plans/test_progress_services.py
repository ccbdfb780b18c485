"""Quarterly progress reports through the services, as a focal point and the secretariat check them: one
report per organisation and quarter, only your own organisation's activities, percent 0–100 and money
≥ 0 refused on the line with nothing saved, submitting updates the activities with history, only the
secretariat reopens, late flags across the due date, and a warning (not a refusal) when spent > available."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from mignet.plans import choices as c
from mignet.plans.models import Activity, Measurement, ProgressReport, ProgressUpdate
from mignet.plans.selectors import progress as sel
from mignet.plans.services import progress as svc

from .factories import ActivityFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(plan):
    plan.status = c.PlanStatus.APPROVED
    plan.approved_version = 1
    plan.save()
    return plan


def line(activity, **kw):
    values = {
        "activity": activity,
        "status": c.ActivityStatus.ONGOING,
        "percent_complete": 40,
        "spent_to_date": Decimal("30000"),
        "narrative": "Six sessions held.",
    }
    values.update(kw)
    return svc.LineInput(**values)


def save(user, plan, org, lines, **kw):
    return svc.report_save(actor=user, plan=plan, organisation=org, year=2026, quarter=2, lines=lines, **kw)


def test_focal_point_saves_a_draft_with_lines_and_measurements(approved, unhcr, unhcr_activity, users):
    indicator = IndicatorFactory(activity=unhcr_activity, unit="people")
    report = save(
        users["member"],
        approved,
        unhcr,
        [
            line(
                unhcr_activity,
                measurements=[svc.MeasurementInput(indicator, Decimal("250"), "Attendance sheets", "Lists")],
            )
        ],
    )
    assert report.status == c.ReportStatus.DRAFT and report.visibility == approved.visibility
    update = ProgressUpdate.objects.get(report=report)
    assert (update.percent_complete, update.spent_to_date) == (40, Decimal("30000"))
    m = Measurement.objects.get(indicator=indicator)
    assert (m.period, m.value, m.report_id, m.source) == (
        "2026-Q2",
        Decimal("250"),
        report.pk,
        "Attendance sheets",
    )
    # Saving again replaces the line and the quarter's measurement; still one report
    save(
        users["member"],
        approved,
        unhcr,
        [
            line(
                unhcr_activity,
                percent_complete=55,
                measurements=[svc.MeasurementInput(indicator, Decimal("300"))],
            )
        ],
    )
    assert ProgressReport.objects.count() == 1
    assert ProgressUpdate.objects.get(report=report).percent_complete == 55
    assert list(Measurement.objects.filter(indicator=indicator).values_list("value", flat=True)) == [
        Decimal("300")
    ]
    # The activity itself is unchanged until the report is submitted
    unhcr_activity.refresh_from_db()
    assert unhcr_activity.percent_complete == 0


def test_only_own_organisation(approved, unhcr, iom, unhcr_activity, iom_activity, users):
    with pytest.raises(PermissionDenied):
        save(users["member"], approved, iom, [line(iom_activity)])
    with pytest.raises(svc.ReportLineErrors) as exc:
        save(users["member"], approved, unhcr, [line(unhcr_activity), line(iom_activity)])
    assert set(exc.value.lines) == {1} and "activity" in exc.value.lines[1]
    assert not ProgressReport.objects.exists()
    for role in ("viewer", "partner", "chair"):
        with pytest.raises(PermissionDenied):
            save(users[role], approved, unhcr, [line(unhcr_activity)])


@pytest.mark.parametrize(
    ("field", "value"),
    [("percent_complete", 101), ("percent_complete", -1), ("spent_to_date", Decimal("-5"))],
)
def test_bounds_refused_on_the_line_and_nothing_saved(
    approved, unhcr, output, unhcr_activity, users, field, value
):
    second = ActivityFactory(output=output, lead_organisation=unhcr)
    with pytest.raises(svc.ReportLineErrors) as exc:
        save(users["member"], approved, unhcr, [line(unhcr_activity), line(second, **{field: value})])
    assert list(exc.value.lines) == [1] and field in exc.value.lines[1]
    assert not ProgressReport.objects.exists() and not ProgressUpdate.objects.exists()


def test_draft_plan_refused(plan, unhcr, unhcr_activity, users):
    with pytest.raises(ValidationError):
        save(users["member"], plan, unhcr, [line(unhcr_activity)])


def test_submit_applies_lines_to_activities_with_history(approved, unhcr, output, unhcr_activity, users):
    second = ActivityFactory(output=output, lead_organisation=unhcr)
    report = save(users["member"], approved, unhcr, [line(unhcr_activity)])
    with pytest.raises(ValidationError, match=second.code):  # every activity needs its line
        svc.report_submit(actor=users["member"], instance=report)
    report = save(
        users["member"],
        approved,
        unhcr,
        [line(unhcr_activity), line(second, status=c.ActivityStatus.COMPLETED, percent_complete=100)],
    )
    svc.report_submit(actor=users["member"], instance=report)
    report.refresh_from_db()
    assert report.status == c.ReportStatus.SUBMITTED and report.submitted_by == users["member"]
    assert report.submitted_at is not None
    unhcr_activity.refresh_from_db()
    second.refresh_from_db()
    assert (unhcr_activity.status, unhcr_activity.percent_complete, unhcr_activity.budget_spent) == (
        c.ActivityStatus.ONGOING,
        40,
        Decimal("30000"),
    )
    assert (second.status, second.percent_complete) == (c.ActivityStatus.COMPLETED, 100)
    last = unhcr_activity.history.first()
    assert last.history_user == users["member"] and last.history_change_reason == "Quarterly report 2026-Q2"
    # A submitted report is no longer changed by its focal point
    with pytest.raises(ValidationError):
        save(users["member"], approved, unhcr, [line(unhcr_activity), line(second)])
    with pytest.raises(ValidationError):
        svc.report_submit(actor=users["member"], instance=report)


def test_reopen_by_secretariat_only(approved, unhcr, unhcr_activity, users):
    report = save(users["member"], approved, unhcr, [line(unhcr_activity)])
    svc.report_submit(actor=users["member"], instance=report)
    for role in ("member", "chair", "viewer"):
        with pytest.raises(PermissionDenied):
            svc.report_reopen(actor=users[role], instance=report)
    svc.report_reopen(actor=users["secretariat"], instance=report, reason="Wrong figures")
    report.refresh_from_db()
    assert report.status == c.ReportStatus.DRAFT and report.submitted_at is None
    assert report.history.first().history_change_reason == "Wrong figures"
    with pytest.raises(ValidationError):
        svc.report_reopen(actor=users["secretariat"], instance=report)
    save(users["member"], approved, unhcr, [line(unhcr_activity, percent_complete=45)])  # editable again


@override_settings(MIGNET_PROGRESS_DUE_DAYS=15)
def test_late_across_the_due_date(approved, unhcr, unhcr_activity, users, monkeypatch):
    from django.utils import timezone

    report = save(users["member"], approved, unhcr, [line(unhcr_activity)])
    assert report.due_date == datetime.date(2026, 7, 15) == sel.due_date(2026, 2)

    def on(day):
        monkeypatch.setattr(
            timezone,
            "localdate",
            lambda value=None, timezone=None: day if value is None else datetime.datetime.date(value),
        )

    on(datetime.date(2026, 7, 15))
    assert not report.is_late
    on(datetime.date(2026, 7, 16))
    assert report.is_late  # missing past due
    report.submitted_at = datetime.datetime(2026, 7, 15, 12, tzinfo=datetime.UTC)
    assert not report.is_late  # submitted on the due date
    report.submitted_at = datetime.datetime(2026, 7, 16, 12, tzinfo=datetime.UTC)
    assert report.is_late
    # the overview computes the same, for a missing report too
    rows = sel.progress_overview(
        user=users["secretariat"],
        network=approved.network,
        plan=approved,
        year=2026,
        quarter=3,
        today=datetime.date(2026, 10, 16),
    )
    assert [r.late for r in rows] == [True]
    rows = sel.progress_overview(
        user=users["secretariat"],
        network=approved.network,
        plan=approved,
        year=2026,
        quarter=3,
        today=datetime.date(2026, 10, 15),
    )
    assert [r.late for r in rows] == [False]


def test_quarter_boundaries():
    assert sel.latest_ended_quarter(datetime.date(2026, 7, 1)) == (2026, 2)
    assert sel.latest_ended_quarter(datetime.date(2026, 6, 30)) == (2026, 1)
    assert sel.latest_ended_quarter(datetime.date(2026, 1, 5)) == (2025, 4)
    assert sel.quarter_bounds(2026, 4) == (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))


def test_spent_above_available_is_a_warning_not_a_refusal(approved, unhcr, unhcr_activity, users):
    assert unhcr_activity.budget_available == Decimal("60000")
    save(users["member"], approved, unhcr, [line(unhcr_activity, spent_to_date=Decimal("75000"))])
    _report, rows = sel.report_form(plan=approved, organisation_id=unhcr.pk, year=2026, quarter=2)
    assert [r.activity for r in sel.report_warnings(rows)] == [unhcr_activity]


def test_activities_outside_the_quarter_are_not_due(approved, unhcr, output, unhcr_activity, users):
    later = ActivityFactory(output=output, lead_organisation=unhcr, start_date=datetime.date(2026, 10, 1))
    due = sel.report_activities(plan=approved, organisation_id=unhcr.pk, year=2026, quarter=2)
    assert due == [unhcr_activity]
    with pytest.raises(svc.ReportLineErrors):
        save(users["member"], approved, unhcr, [line(unhcr_activity), line(later)])
    assert Activity.objects.count() == 2
