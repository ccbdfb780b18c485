"""The quarterly report pages as people use them: the focal point's one form for their organisation's
activities (rows for UNHCR's activities only, errors on the row's field with nothing saved, the overspend
warning after saving, submit), the secretariat's overview with late flags and the reminders button, the
report page, reopen, and "My reports"."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from mignet.plans import choices as c
from mignet.plans.models import Measurement, ProgressReport, ProgressUpdate
from mignet.plans.services import progress as svc

from .factories import ActivityFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(plan):
    plan.status = c.PlanStatus.APPROVED
    plan.approved_version = 1
    plan.save()
    return plan


def form_url(plan, year=2026, quarter=2):
    return reverse(
        "plans:progressreport-form",
        kwargs={"network": plan.network.slug, "plan_pk": plan.pk, "year": year, "quarter": quarter},
    )


def post_data(activities, **overrides):
    data = {
        "lines-TOTAL_FORMS": str(len(activities)),
        "lines-INITIAL_FORMS": str(len(activities)),
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "summary": "A good quarter.",
        "save": "1",
    }
    for i, a in enumerate(activities):
        data.update(
            {
                f"lines-{i}-activity": str(a.pk),
                f"lines-{i}-status": "ongoing",
                f"lines-{i}-percent_complete": "50",
                f"lines-{i}-spent_to_date": "25000",
                f"lines-{i}-narrative": f"Progress on {a.code}",
            }
        )
    data.update(overrides)
    return data


def test_form_lists_only_the_focal_points_organisation_activities(
    approved, unhcr_activity, iom_activity, client_for
):
    response = client_for("member").get(form_url(approved))
    assert response.status_code == 200
    html = response.content.decode()
    assert unhcr_activity.title in html
    assert iom_activity.title not in html
    assert html.count('name="lines-') > 0 and "lines-1-activity" not in html


def test_form_refused_to_those_who_are_not_focal_points(approved, unhcr_activity, client_for):
    assert client_for("anonymous").get(form_url(approved)).status_code == 302
    for role in ("viewer", "partner", "chair"):
        assert client_for(role).get(form_url(approved)).status_code == 403, role


def test_form_outside_the_plan_is_404(approved, unhcr_activity, client_for):
    assert client_for("member").get(form_url(approved, 2027, 1)).status_code == 404


def test_row_errors_on_the_field_and_nothing_saved(approved, unhcr, output, unhcr_activity, client_for):
    second = ActivityFactory(output=output, lead_organisation=unhcr, title="Hotline for returnees")
    data = post_data(
        [unhcr_activity, second], **{"lines-1-percent_complete": "120", "lines-0-spent_to_date": "-3"}
    )
    response = client_for("member").post(form_url(approved), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give a percentage from 0 to 100." in html
    assert "Give an amount in USD of 0 or more." in html
    assert 'id="id_lines-1-percent_complete_error"' in html
    assert not ProgressReport.objects.exists() and not ProgressUpdate.objects.exists()


def test_save_draft_with_measurement_and_overspend_warning(approved, unhcr_activity, client_for):
    indicator = IndicatorFactory(activity=unhcr_activity, name="People oriented", unit="people")
    data = post_data(
        [unhcr_activity],
        **{
            "lines-0-spent_to_date": "70000",
            f"lines-0-m{indicator.pk}_value": "320",
            f"lines-0-m{indicator.pk}_source": "Attendance sheets",
            f"lines-0-m{indicator.pk}_mov": "Signed lists",
        },
    )
    client = client_for("member")
    response = client.post(form_url(approved), data, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your draft was saved" in html
    assert "more than the budget available" in html  # a warning, the draft is saved
    report = ProgressReport.objects.get()
    assert report.status == c.ReportStatus.DRAFT and report.summary == "A good quarter."
    assert ProgressUpdate.objects.get().spent_to_date == Decimal("70000")
    m = Measurement.objects.get()
    assert (m.value, m.period, m.report, m.means_of_verification) == (
        Decimal("320"),
        "2026-Q2",
        report,
        "Signed lists",
    )
    # the form shows what was saved
    html = client.get(form_url(approved)).content.decode()
    assert 'value="320' in html and "Attendance sheets" in html


def test_submit_updates_activities_and_shows_the_report(approved, unhcr_activity, client_for, users):
    data = post_data([unhcr_activity], save="", submit="1")
    data.pop("save")
    response = client_for("member").post(form_url(approved), data)
    report = ProgressReport.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.status == c.ReportStatus.SUBMITTED and report.submitted_by == users["member"]
    unhcr_activity.refresh_from_db()
    assert (unhcr_activity.percent_complete, unhcr_activity.budget_spent) == (50, Decimal("25000"))
    # The report is read by the network; the form no longer edits it
    page = client_for("viewer").get(report.get_absolute_url())
    assert page.status_code == 200
    assert unhcr_activity.title in page.content.decode() and str(users["member"]) in page.content.decode()
    again = client_for("member").get(form_url(approved)).content.decode()
    assert "Only the secretariat can reopen it" in again


def test_reopen_page_secretariat_only(approved, unhcr, unhcr_activity, users, client_for):
    report = svc.report_save(
        actor=users["member"],
        plan=approved,
        organisation=unhcr,
        year=2026,
        quarter=2,
        lines=[svc.LineInput(unhcr_activity, "ongoing", 10, Decimal("1"))],
    )
    svc.report_submit(actor=users["member"], instance=report)
    url = reverse("plans:progressreport-reopen", kwargs={"network": approved.network.slug, "pk": report.pk})
    assert client_for("member").get(url).status_code == 403
    assert client_for("member").post(url, {"reason": "x"}).status_code == 403
    assert client_for("secretariat").post(url, {"reason": ""}).status_code == 400
    assert client_for("secretariat").post(url, {"reason": "Figures to correct"}).status_code == 302
    report.refresh_from_db()
    assert report.status == c.ReportStatus.DRAFT


def test_overview_flags_late_and_missing(approved, unhcr, unhcr_activity, iom_activity, users, client_for):
    report = svc.report_save(
        actor=users["member"],
        plan=approved,
        organisation=unhcr,
        year=2026,
        quarter=2,
        lines=[svc.LineInput(unhcr_activity, "ongoing", 10, Decimal("1"))],
    )
    svc.report_submit(actor=users["member"], instance=report)
    url = reverse("plans:progressreport-list", kwargs={"network": approved.network.slug})
    response = client_for("secretariat").get(url, {"plan": approved.pk, "period": "2026-Q2"})
    assert response.status_code == 200
    rows = {r.organisation.acronym: r for r in response.context["rows"]}
    assert rows["UNHCR"].state == "submitted" and rows["IOM"].state == "missing"
    assert rows["IOM"].late  # Q2 was due on 15 July and today is later
    html = response.content.decode()
    assert "Send reminders" in html and "LATE" in html
    viewer = client_for("viewer").get(url, {"plan": approved.pk, "period": "2026-Q2"})
    assert viewer.status_code == 200 and "Send reminders" not in viewer.content.decode()


def test_my_reports_lists_quarters_due(approved, unhcr_activity, client_for):
    url = reverse("plans:progressreport-mine", kwargs={"network": approved.network.slug})
    response = client_for("member").get(url)
    assert response.status_code == 200
    periods = [r.period for r in response.context["rows"]]
    today = datetime.date.today()
    assert "2026-Q1" in periods and periods == sorted(periods, reverse=True)
    assert len(periods) == min(4, (today.month - 1) // 3 + 1) if today.year == 2026 else True
    assert form_url(approved, 2026, 1) in response.content.decode()
