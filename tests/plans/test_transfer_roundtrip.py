"""Excel round trip: export a plan, import it unchanged (no changes), with edits (exactly those), with new
rows (created with their codes); the workbook's shape (sheets, validations, frozen bold headers)."""

import datetime
from decimal import Decimal

import pytest

from mignet.plans.models import Activity, Indicator, Result, Target

from .transfer_helpers import (
    apply,
    counts,
    errors,
    export_bytes,
    load,
    rich_plan,
    row_of,
    save,
    set_cell,
    snapshot,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(plan, output, unhcr, iom, consortium):
    return rich_plan(plan, output, unhcr, iom, consortium)


def test_export_has_one_sheet_per_kind_with_dropdowns(client_for, plan, filled):
    wb = load(export_bytes(client_for("viewer"), plan))
    assert {"About", "Results", "Activities", "Indicators", "Targets", "Measurements", "Lists"} <= set(
        wb.sheetnames
    )
    assert wb["Lists"].sheet_state == "hidden"
    ws = wb["Activities"]
    assert ws.freeze_panes == "B2"
    assert ws["A1"].value == "ID" and ws["A1"].font.bold
    headers = [cell.value for cell in ws[1]]
    validated = set()
    for dv in ws.data_validations.dataValidation:
        assert dv.type == "list" and "Lists" in dv.formula1
        for rng in dv.sqref.ranges:
            validated.add(headers[rng.min_col - 1])
    assert {"Lead organisation", "Districts", "Status", "Gender marker", "HR marker"} <= validated
    assert {
        rng.min_col for dv in wb["Results"].data_validations.dataValidation for rng in dv.sqref.ranges
    } == {3}
    a, b = filled
    row = row_of(ws, "ID", a.pk)
    values = dict(zip(headers, [cell.value for cell in ws[row]], strict=False))
    assert values["Code"] == a.code and values["Output code"] == "1.1"
    assert values["Lead organisation"] == "UNHCR"
    assert values["Partners"] == "CSOA; IOM"
    assert values["GCM objectives"] == "6; 7"
    assert values["Districts"] == "Dhaka; Sylhet"
    assert isinstance(values["Start"], datetime.datetime) and values["Start"].date() == plan.start_date
    assert values["Budget required (USD)"] == pytest.approx(120000.5)
    assert ws.cell(row=row_of(ws, "ID", b.pk), column=headers.index("Districts") + 1).value == "National"
    assert any(cell.value == "Dhaka" for col in wb["Lists"].iter_cols() for cell in col)


def test_unchanged_file_reports_no_changes_and_writes_nothing(client_for, plan, filled):
    client = client_for("secretariat")
    before = snapshot()
    response = upload(client, plan, export_bytes(client, plan))
    assert response.status_code == 200
    assert errors(response) == []
    assert response.context["preview"].changed == []
    assert "No changes" in response.content.decode()
    assert response.context["apply_form"] is None
    assert snapshot() == before


def test_two_edited_cells_are_exactly_the_changes(client_for, plan, filled):
    a, _b = filled
    client = client_for("chair")
    wb = load(export_bytes(client, plan))
    ws = wb["Activities"]
    row = row_of(ws, "ID", a.pk)
    set_cell(ws, row, "Title", "Orientation sessions in Sylhet and Sunamganj")
    set_cell(ws, row, "Districts", "Sylhet; Dhaka; Sunamganj")
    response = upload(client, plan, save(wb))
    assert errors(response) == []
    changed = response.context["preview"].changed
    assert [(r.sheet.key, r.number) for r in changed] == [("activities", row)]
    assert [h for h, _before, _after in changed[0].changes] == ["Title", "Districts"]
    assert Activity.objects.get(pk=a.pk).title == "Orientation sessions in Sylhet"  # nothing written yet
    done = apply(client, plan, response)
    assert done.status_code == 302
    a.refresh_from_db()
    assert a.title == "Orientation sessions in Sylhet and Sunamganj"
    assert sorted(d.name for d in a.districts.all()) == ["Dhaka", "Sunamganj", "Sylhet"]
    again = upload(client, plan, export_bytes(client, plan))
    assert again.context["preview"].changed == []


def test_new_rows_are_created_with_their_codes(client_for, plan, filled, iom):
    client = client_for("secretariat")
    before = counts()
    wb = load(export_bytes(client, plan))
    wb["Results"].append([None, "2", "outcome", None, "Social cohesion in host districts", ""])
    wb["Results"].append([None, "2.1", "output", "2", "Dialogue forums held", ""])
    acts = wb["Activities"]
    headers = [cell.value for cell in acts[1]]
    new = dict.fromkeys(headers)
    new.update(
        {
            "Code": "2.1.1",
            "Output code": "2.1",
            "Title": "Community dialogue in Cox's Bazar",
            "Lead organisation": "IOM",
            "GCM objectives": "16",
            "Districts": "Cox's Bazar",
            "Start": datetime.date(2026, 3, 1),
            "End": datetime.date(2026, 9, 30),
            "Budget required (USD)": 50000,
            "Budget available (USD)": 10000,
            "Spent (USD)": 0,
            "Status": "planned",
            "Gender marker": 0,
            "HR marker": 0,
            "Joint programme": "Yes",
        }
    )
    acts.append([new[h] for h in headers])
    wb["Indicators"].append([None, "C1", "2.1.1", "Forums held", "forums", "increase", 0, 2025, ""])
    wb["Targets"].append([None, "C1", "2026", 12])
    response = upload(client, plan, save(wb))
    assert errors(response) == []
    preview = response.context["preview"]
    assert [(r.sheet.key, r.action, r.code) for r in preview.changed] == [
        ("results", "create", "2"),
        ("results", "create", "2.1"),
        ("activities", "create", "2.1.1"),
        ("indicators", "create", "C1"),
        ("targets", "create", "C1 2026"),
    ]
    assert counts() == before
    assert apply(client, plan, response).status_code == 302
    activity = Activity.objects.get(plan=plan, code="2.1.1")
    assert activity.output.code == "2.1" and activity.output.parent.code == "2"
    assert activity.joint_programme and activity.lead_organisation == iom
    assert [d.name for d in activity.districts.all()] == ["Cox's Bazar"]
    indicator = Indicator.objects.get(plan=plan, code="C1")
    assert indicator.activity == activity
    assert Target.objects.get(indicator=indicator).value == Decimal("12.00")
    assert Result.objects.filter(plan=plan).count() == 4
