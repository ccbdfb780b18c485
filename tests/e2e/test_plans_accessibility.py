"""axe-core on the pages of the plans issue, on a laptop (1280×800) and a phone (390×844).

`plans_fixtures.plans_world` builds the plans through the services (the Labour Migration TWG's approved work
plan with an indicator, a likely duplicate pair, the Network's draft plan, the plenary's next meeting, an
impediment raised by the TWG); here UNHCR also submits a quarterly report, one impediment is escalated to
the Network and the TWG proposes a joint study. Each case opens one page as the role that uses it, does what
that person does before looking (submit a form wrongly, upload a workbook with an error), then runs axe at
both widths.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import assert_accessible, sign_in
from .plans_fixtures import (  # noqa: F401 - plans_world_fixture is the fixture `plans_world`
    current_quarter,
    download,
    edited_workbook,
    plans_world_fixture,
)

LAPTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
VIEWPORTS = {"laptop": LAPTOP, "phone": PHONE}


@pytest.fixture
def world(plans_world):
    """plans_world, plus a submitted quarterly report of UNHCR, an impediment with the Network and a joint
    priority proposed in the TWG."""
    from mignet.core.models import GCMObjective
    from mignet.plans.services import impediments, priorities, progress

    w = dict(plans_world)
    user, net = w["users"], w["network"]
    year, quarter = current_quarter()
    # The report of the quarter before (or, in the first quarter, of the second: the plan is this year's).
    report_quarter = quarter - 1 if quarter > 1 else 2
    activity, indicator = w["unhcr_activity"], w["indicator"]
    report = progress.report_save(
        actor=user["member"],
        plan=w["plan"],
        organisation=activity.lead_organisation,
        year=year,
        quarter=report_quarter,
        lines=[
            progress.LineInput(
                activity=activity,
                status="ongoing",
                percent_complete=30,
                spent_to_date=Decimal("25000"),
                narrative="Eight sessions in Sylhet; the venue in Beanibazar fell through.",
                measurements=[
                    progress.MeasurementInput(
                        indicator=indicator, value=Decimal("180"), source="Attendance sheets"
                    )
                ],
            )
        ],
        summary="Sessions started in the district town; the upazilas follow next quarter.",
    )
    w["report"] = progress.report_submit(actor=user["member"], instance=report)
    escalated = impediments.impediment_create(
        actor=user["chair"],
        network=net,
        data={
            "title": "Visa processing delays stop women workers from leaving on time",
            "description": "Visas now take ten weeks; workers lose the jobs they were recruited for.",
            "category": "policy",
            "severity": "critical",
            "raised_by_body": w["lm"],
        },
        m2m={"activities": [activity, w["iom_activity"]]},
    )
    w["escalated"] = impediments.impediment_escalate(
        actor=user["chair"],
        instance=escalated,
        to_stage="network",
        note="Only the Ministry can ask the embassies to speed up processing.",
    )
    w["priority"] = priorities.priority_create(
        actor=user["chair"],
        network=net,
        data={
            "body": w["lm"],
            "kind": "research",
            "title": "Joint study on recruitment costs in the Gulf corridor",
            "description": "What workers from Sylhet and Cumilla pay, to whom, and how it is financed.",
        },
        m2m={"gcm_objectives": [GCMObjective.objects.get(number=6)]},
    )
    w["today"] = datetime.date.today()
    return w


def _url(name: str, key: str | None = None, query: str = "", **kwargs):
    """A path on the demo network: `name` with the pk of world[key], if any."""

    def build(world):
        args = {"network": "bd", **kwargs}
        if key:
            args["pk"] = world[key].pk
        return reverse(name, kwargs=args) + query

    return build


def _report_form(world):
    year, quarter = current_quarter()
    return reverse(
        "plans:progressreport-form",
        kwargs={"network": "bd", "plan_pk": world["plan"].pk, "year": year, "quarter": quarter},
    )


def _activities_of(key):
    def build(world):
        return reverse("plans:activity-list", kwargs={"network": "bd"}) + f"?plan={world[key].pk}"

    return build


def _submit_empty(page) -> None:
    page.locator("main form[method=post]").last.locator("button[type=submit]").last.click()
    expect(page.locator(".error-summary")).to_be_visible()


def _percent_out_of_range(page) -> None:
    line = page.get_by_role("region").filter(has=page.get_by_label("Percent complete")).first
    line.get_by_label("Percent complete").fill("150")
    page.get_by_role("button", name="Submit the report").click()
    expect(page.locator(".error-summary")).to_contain_text("Give a percentage from 0 to 100.")


def _escalate_without_reason(page) -> None:
    page.get_by_label("Escalated to the Network", exact=True).check()
    page.get_by_role("button", name="Record the step").click()
    expect(page.locator(".field-error")).to_contain_text("Say why the Network should take it up.")


def _preview_with_an_error(page) -> None:
    from mignet.plans.models import Activity

    activity = Activity.objects.get(title__startswith="Joint advocacy")
    workbook, _row = edited_workbook(
        download(page, "Export the plan to Excel"),
        activity_pk=activity.pk,
        title="Joint advocacy on recruitment costs",
        new_title="District dialogues on fair recruitment",
        district="Dhakka",
    )
    page.get_by_label("Edited workbook (XLSX)").set_input_files(
        {
            "name": "plan.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": workbook,
        }
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import preview")
    expect(page.locator(".error-summary")).to_contain_text("Dhakka")


def _preview_of_changes(page) -> None:
    from mignet.plans.models import Activity

    activity = Activity.objects.get(title__startswith="Joint advocacy")
    workbook, _row = edited_workbook(
        download(page, "Export the plan to Excel"),
        activity_pk=activity.pk,
        title="Joint advocacy on recruitment costs",
        new_title="District dialogues on fair recruitment",
        district="Dhaka",
    )
    page.get_by_label("Edited workbook (XLSX)").set_input_files(
        {
            "name": "plan.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": workbook,
        }
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("button", name="Apply these changes")).to_be_visible()


def case(name, role, path, action=None):
    return pytest.param(role, path, action, id=name)


CASES = [
    # Plans and their content
    case("plan-approved", "member", _url("plans:plan-detail", "plan")),
    case("plan-draft", "secretariat", _url("plans:plan-detail", "draft")),
    case("plan-list", "viewer", _url("plans:plan-list")),
    case("plan-version", "member", _url("plans:plan-version", "plan", number=1)),
    case("activity-list", "member", _url("plans:activity-list")),
    case("activity-list-of-a-plan", "chair", _activities_of("plan")),
    case("activity-detail", "member", _url("plans:activity-detail", "unhcr_activity")),
    case("activity-detail-as-viewer", "viewer", _url("plans:activity-detail", "iom_activity")),
    case("activity-edit", "secretariat", _url("plans:activity-update", "network_activity")),
    case("indicator-detail", "member", _url("plans:indicator-detail", "indicator")),
    case("frameworks", "member", _url("plans:frameworks")),
    # Quarterly progress
    case("progress-overview", "secretariat", _url("plans:progressreport-list")),
    case("progress-mine", "member", _url("plans:progressreport-mine")),
    case("report-form", "member", _report_form),
    case("report-form-with-errors", "member", _report_form, _percent_out_of_range),
    case("report-detail", "member", _url("plans:progressreport-detail", "report")),
    case("report-detail-as-secretariat", "secretariat", _url("plans:progressreport-detail", "report")),
    # Impediments
    case("impediment-list", "chair", _url("plans:impediment-list")),
    case("impediment-detail", "secretariat", _url("plans:impediment-detail", "escalated")),
    case("impediment-detail-raised", "chair", _url("plans:impediment-detail", "impediment")),
    case("impediment-new", "chair", _url("plans:impediment-create")),
    case("impediment-new-with-errors", "chair", _url("plans:impediment-create"), _submit_empty),
    case(
        "impediment-escalate-without-reason",
        "chair",
        _url("plans:impediment-escalate", "impediment"),
        _escalate_without_reason,
    ),
    case("meeting-with-impediments", "secretariat", _url("meetings:meeting-detail", "meeting")),
    # Joint-programming priorities
    case("joint-priorities", "member", _url("plans:jointpriority-list")),
    case("joint-priority", "member", _url("plans:jointpriority-detail", "priority")),
    # Dashboards
    case("dashboard", "secretariat", _url("plans:dashboard")),
    case("dashboard-as-viewer", "viewer", _url("plans:dashboard")),
    case("duplicates", "chair", _url("plans:duplicates")),
    # Excel
    case("import", "secretariat", _url("plans:plan-import", "draft")),
    case(
        "import-preview-with-an-error",
        "secretariat",
        _url("plans:plan-import", "draft"),
        _preview_with_an_error,
    ),
    case("import-preview", "secretariat", _url("plans:plan-import", "draft"), _preview_of_changes),
]


@pytest.mark.parametrize(("role", "path", "action"), CASES)
def test_plans_page_has_no_serious_accessibility_violation(
    context_factory, accounts, world, role, path, action
):
    url = path(world)
    for width, options in VIEWPORTS.items():
        page = context_factory(**options).new_page()
        if role:
            sign_in(page, accounts[role])
        response = page.goto(url)
        assert response is not None and response.status == 200, (width, url, response and response.status)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        if action:
            action(page)
        assert_accessible(page)
        no_sideways_scroll = "document.documentElement.scrollWidth <= window.innerWidth"
        assert page.evaluate(no_sideways_scroll), f"{url} scrolls sideways at the {width} width"
