"""Issue 4's story, played in the browser by the people who live it.

1. UNHCR's focal point (Maria Lindqvist) opens UNHCR's quarterly report on the Labour Migration TWG's approved
   work plan, writes the quarter for the activity UNHCR leads (status, percent complete, spent to date, what
   happened, and the indicator's value with its source) and submits it; the activity's page then shows the
   new status and percentage.
2. The TWG's chair (Tanvir Hossain, ILO) raises an impediment for the TWG and escalates it to the Network
   with a reason; on the Network plenary's next meeting page it is among the impediments for the Network.
3. The secretariat exports the Network's draft work plan to Excel, retitles one activity and adds one in a
   district that does not exist ("Dhakka"); the import's preview names the sheet, row and column of that one
   error and nothing changes; with the district fixed the preview lists the changes, and once applied the
   plan's page shows the new title and the new activity.

The plans, the meeting and the TWG's first impediment are made by `plans_fixtures.plans_world`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import sign_in
from .plans_fixtures import (  # noqa: F401 - plans_world_fixture is the fixture `plans_world`
    IMPEDIMENT,
    NETWORK_ACTIVITY,
    NEXT_MEETING,
    current_quarter,
    download,
    edited_workbook,
    plans_world_fixture,
)

NARRATIVE = "Twelve orientation sessions in Sylhet reached 310 women before departure."
NEW_IMPEDIMENT = "Visa processing delays stop women workers from leaving on time"
ESCALATION_REASON = (
    "Only the Ministry can ask the embassies to speed up processing; the Network should raise it."
)
RETITLED = "Joint advocacy on the costs migrant workers pay to recruiters"
NEW_ACTIVITY = "District dialogues on fair recruitment"


def _person_page(context_factory, email: str):
    page = context_factory().new_page()
    sign_in(page, email)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def _flash(page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text).first).to_be_visible()


def _record_value(page, term: str):
    """The value beside a term in the record's facts (dt/dd)."""
    return (
        page.locator("dl.record dt")
        .filter(has_text=re.compile(rf"^\s*{re.escape(term)}\s*$"))
        .locator("xpath=following-sibling::dd[1]")
    )


def _url(name: str, **kwargs) -> str:
    return reverse(name, kwargs={"network": "bd", **kwargs})


# --- 1. A focal point's quarterly report


def test_a_focal_point_submits_the_quarterly_report_and_the_activity_shows_it(
    context_factory, accounts, plans_world
):
    from mignet.plans.models import Activity, Measurement, ProgressReport

    world = plans_world
    plan, activity, indicator = world["plan"], world["unhcr_activity"], world["indicator"]
    year, quarter = current_quarter()
    unhcr = _person_page(context_factory, accounts["member"])

    # From "My reports", the focal point opens UNHCR's report on the plan for this quarter.
    period = f"{year}-Q{quarter}"
    unhcr.goto(_url("plans:progressreport-mine"))
    expect(unhcr.get_by_role("heading", level=1)).to_have_text("My progress reports")
    row = (
        unhcr.get_by_role("row")
        .filter(has=unhcr.get_by_role("rowheader", name=period, exact=True))
        .filter(has_text=plan.title)
    )
    expect(row).to_contain_text("Not started")
    row.get_by_role("link", name="Report", exact=True).click()
    expect(unhcr.get_by_role("heading", level=1)).to_have_text(
        f"Quarterly report {period} — {activity.lead_organisation.name}"
    )
    # One section per activity UNHCR leads: only 1.1.1 (IOM leads 1.1.2).
    expect(unhcr.get_by_role("region", name=re.compile(r"^1\.1\.2 "))).to_have_count(0)
    line = unhcr.get_by_role("region", name=f"{activity.code} {activity.title}")
    line.get_by_label("Status").select_option(label="Ongoing")
    line.get_by_label("Percent complete").fill("45")
    line.get_by_label("Spent to date (USD)").fill("38000")
    line.get_by_label(re.compile("^What happened this quarter")).fill(NARRATIVE)
    measurement = line.get_by_role("group", name=f"Indicator: {indicator.name}")
    measurement.get_by_label(re.compile(r"^Value \(people\)")).fill("310")
    measurement.get_by_label(re.compile("^Source")).fill("Attendance sheets of the sessions")
    unhcr.get_by_role("button", name="Submit the report").click()
    _flash(unhcr, f"Your report for {period} was submitted.")

    report = ProgressReport.objects.get(
        plan=plan, organisation=activity.lead_organisation, year=year, quarter=quarter
    )
    assert report.status == "submitted"
    assert Measurement.objects.get(indicator=indicator, report=report).value == Decimal("310")
    # The report's page, where the submit leads, shows the line as written.
    expect(unhcr.get_by_role("heading", level=1)).to_contain_text(period)
    written = unhcr.get_by_role("row").filter(has_text=activity.title)
    expect(written).to_contain_text("Ongoing")
    expect(written).to_contain_text("45%")
    expect(written).to_contain_text(NARRATIVE)
    expect(written).to_contain_text(f"{indicator.name}: 310")
    # The activity's page shows the new status, percentage and spending, and the quarter's narrative.
    written.get_by_role("link", name=activity.code, exact=True).click()
    expect(unhcr.get_by_role("heading", level=1)).to_contain_text(activity.title)
    expect(_record_value(unhcr, "Status")).to_have_text(re.compile(r"Ongoing\s*·\s*45 % complete"))
    expect(_record_value(unhcr, "Spent")).to_have_text("38,000.00")
    expect(unhcr.get_by_text(NARRATIVE)).to_be_visible()
    fresh = Activity.objects.get(pk=activity.pk)
    assert (fresh.status, fresh.percent_complete, fresh.budget_spent) == ("ongoing", 45, Decimal("38000"))


# --- 2. An impediment escalated by a TWG, on the Network's agenda


def test_a_twg_escalates_an_impediment_and_it_shows_on_the_networks_next_meeting(
    context_factory, accounts, plans_world
):
    from mignet.plans.models import Impediment

    world = plans_world
    activity = world["unhcr_activity"]
    chair = _person_page(context_factory, accounts["chair"])

    # The chair raises it for the TWG, against UNHCR's activity.
    chair.goto(_url("plans:impediment-list"))
    expect(chair.get_by_role("heading", level=1)).to_have_text("Impediments")
    expect(chair.get_by_role("link", name=IMPEDIMENT)).to_be_visible()
    chair.get_by_role("link", name=re.compile("^Add")).first.click()
    main = chair.get_by_role("main")
    main.get_by_label("Impediment", exact=True).fill(NEW_IMPEDIMENT)
    main.get_by_label("Details").fill("Visas for Saudi Arabia now take ten weeks; workers lose their jobs.")
    main.get_by_label("Category").select_option(label="Policy or regulatory")
    main.get_by_label("Severity").select_option(label="High")
    main.get_by_label("Raised by (body)").select_option(label="Labour Migration TWG")
    main.get_by_label("Activities affected").select_option(label=f"{activity.code} {activity.title}")
    chair.get_by_role("button", name="Add", exact=True).click()
    expect(chair.get_by_role("heading", level=1)).to_contain_text(NEW_IMPEDIMENT)
    _flash(chair, "was added")
    expect(_record_value(chair, "Stage")).to_contain_text("Raised")
    impediment_url = chair.url

    # …and escalates it to the Network, saying why.
    chair.get_by_role("link", name="Escalate").click()
    expect(chair.get_by_role("heading", level=1)).to_have_text("Move the impediment on")
    chair.get_by_label("Escalated to the Network", exact=True).check()
    chair.get_by_label(re.compile(r"^Why")).fill(ESCALATION_REASON)
    chair.get_by_role("button", name="Record the step").click()
    expect(chair).to_have_url(impediment_url)
    _flash(chair, "The impediment's step was recorded.")
    expect(_record_value(chair, "Stage")).to_contain_text("Escalated to the Network")
    steps = chair.get_by_role("heading", name="Steps").locator("xpath=following-sibling::ol[1]")
    expect(steps.get_by_role("listitem").last).to_contain_text("Escalated to the Network")
    expect(steps.get_by_role("listitem").last).to_contain_text(ESCALATION_REASON)
    expect(steps.get_by_role("listitem").last).to_contain_text("Tanvir Hossain")
    assert Impediment.objects.get(title=NEW_IMPEDIMENT).stage == "network"

    # The secretariat opens the plenary's next meeting: the impediment is there for the Network; the one
    # still with the TWG is not.
    secretariat = _person_page(context_factory, accounts["secretariat"])
    secretariat.goto(world["meeting"].get_absolute_url())
    expect(secretariat.get_by_role("heading", level=1)).to_have_text(NEXT_MEETING)
    section = secretariat.get_by_role("heading", name=re.compile("^Impediments for the Network")).locator(
        "xpath=.."
    )
    expect(section.get_by_role("link", name=NEW_IMPEDIMENT)).to_be_visible()
    expect(section).not_to_contain_text(IMPEDIMENT)
    # The link leads to the impediment.
    section.get_by_role("link", name=NEW_IMPEDIMENT).click()
    expect(secretariat.get_by_role("heading", level=1)).to_contain_text(NEW_IMPEDIMENT)


# --- 3. The Excel round trip


def _import(page, data: bytes) -> None:
    page.get_by_label("Edited workbook (XLSX)").set_input_files(
        {
            "name": "network-work-plan.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": data,
        }
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import preview")


def test_the_secretariat_imports_an_edited_workbook_after_fixing_its_one_error(
    context_factory, accounts, plans_world
):
    from mignet.plans.models import Activity

    world = plans_world
    draft, activity = world["draft"], world["network_activity"]
    s = _person_page(context_factory, accounts["secretariat"])

    def snapshot():
        return sorted(
            Activity.all_objects.filter(plan=draft).values_list("pk", "title", "version", "deleted_at")
        )

    before = snapshot()

    # The import page says how: export the plan, edit the workbook, upload it.
    s.goto(_url("plans:plan-import", pk=draft.pk))
    expect(s.get_by_role("heading", level=1)).to_have_text("Import from Excel")
    exported = download(s, "Export the plan to Excel")
    assert exported[:2] == b"PK", "the export is not an XLSX (zip) file"

    # One unknown district: the preview names the sheet, the row and the column; nothing is saved.
    bad, new_row = edited_workbook(
        exported, activity_pk=activity.pk, title=RETITLED, new_title=NEW_ACTIVITY, district="Dhakka"
    )
    _import(s, bad)
    problems = s.get_by_role("alert").filter(has_text="before importing")
    expect(problems.get_by_role("heading")).to_have_text("1 problem to fix before importing")
    expect(problems).to_contain_text("Nothing has been saved.")
    expect(problems.get_by_role("listitem")).to_have_count(1)
    expect(problems.get_by_role("listitem")).to_contain_text(
        re.compile(rf"^Activities, row {new_row}, column Districts: .*Dhakka")
    )
    expect(s.get_by_role("button", name="Apply these changes")).to_have_count(0)
    assert snapshot() == before

    # The district fixed: the preview lists the retitled activity and the new one, still saving nothing.
    good, _row = edited_workbook(
        exported, activity_pk=activity.pk, title=RETITLED, new_title=NEW_ACTIVITY, district="Dhaka"
    )
    s.get_by_role("link", name="Upload a file").click()
    _import(s, good)
    expect(s.get_by_role("alert").filter(has_text="before importing")).to_have_count(0)
    expect(
        s.get_by_text("Nothing has been saved yet. Check the changes below, then apply them.")
    ).to_be_visible()
    summary = s.get_by_role("table", name="Rows by sheet").get_by_role("row").filter(has_text="Activities")
    expect(summary.get_by_role("cell")).to_have_text(["1", "1", "0"])
    changed = s.get_by_role("row").filter(has=s.get_by_role("cell", name=activity.code, exact=True))
    expect(changed).to_contain_text("Changed")
    expect(changed).to_contain_text(f"Title: {NETWORK_ACTIVITY} → {RETITLED}")
    added = s.get_by_role("row").filter(has=s.get_by_role("cell", name=str(new_row), exact=True))
    expect(added).to_contain_text("New")
    assert snapshot() == before

    # The apply runs as a background job; its page tells how it ended and leads back to the plan.
    s.get_by_role("button", name="Apply these changes").click()
    _flash(s, "Imported: 1 created, 1 updated.")
    s.get_by_role("link", name="Back to the plan").click()
    expect(s.get_by_role("heading", level=1)).to_contain_text(draft.title)
    tree = s.get_by_role("main")
    expect(tree).to_contain_text(f"{activity.code} {RETITLED}")
    expect(tree).to_contain_text(NEW_ACTIVITY)
    expect(tree).not_to_contain_text(NETWORK_ACTIVITY)
    titles = set(Activity.objects.filter(plan=draft).values_list("title", flat=True))
    assert titles == {RETITLED, NEW_ACTIVITY}
    new = Activity.objects.get(plan=draft, title=NEW_ACTIVITY)
    assert [d.name for d in new.districts.all()] == ["Dhaka"]
    assert new.lead_organisation.acronym == "IOM"
