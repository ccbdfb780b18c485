"""Bad input to the Excel import: each gets a message by sheet, row and column, and nothing is written."""

import datetime
import io

import openpyxl
import pytest

from mignet.plans.models import Activity
from mignet.plans.transfer.template import ACTIVITIES

from .transfer_helpers import (
    apply,
    column,
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


@pytest.fixture
def exported(client_for, plan, filled):
    return export_bytes(client_for("secretariat"), plan)


def _activity_row(wb, activity):
    ws = wb["Activities"]
    return ws, row_of(ws, "ID", activity.pk)


CELL_CASES = [
    ("Budget required (USD)", -5, "Budget required (USD): A budget cannot be negative."),
    ("Budget available (USD)", "lots", "Budget available (USD): “lots” is not a number."),
    ("Start", datetime.date(2025, 6, 1), "Start: Start within the plan's period (2026-01-01 to 2026-12-31)."),
    ("End", datetime.date(2027, 2, 1), "End: End within the plan's period"),
    ("Start", "next spring", "Start: “next spring” is not a date"),
    ("Districts", "Sylhet; Dhakka", "Districts: “Dhakka” is not a district of Bangladesh."),
    ("Lead organisation", "WHOO", "Lead organisation: “WHOO” is not an organisation of this network."),
    ("Partners", "IOM; Nobody Inc", "Partners: “Nobody Inc” is not an organisation of this network."),
    ("GCM objectives", "6; 25", "GCM objectives: “25” is not a GCM objective number (1–23)."),
    ("GCM objectives", "", "GCM objectives: Tie the activity to at least one GCM objective."),
    (
        "Gender justification",
        "",
        "Gender justification: Say why the activity has this gender-equality marker.",
    ),
    ("HR marker", 5, "HR marker: “5” is not one of: 0, 1, 2, 3."),
    ("Status", "finished", "Status: “finished” is not one of"),
    ("Output code", "1", "Output code: 1 is an outcome; activities sit under an output."),
    ("Code", "1.1.9", "Code: The code of an existing row cannot change"),
    ("ID", 999999, "ID: ID 999999 is not an activity of this plan."),
    ("SDG targets", "10.7; 99.9", "SDG targets: “99.9” is not an SDG target"),
]


@pytest.mark.parametrize(("header", "value", "expected"), CELL_CASES)
def test_bad_activity_cell_is_a_row_error_and_nothing_is_written(
    client_for, plan, filled, exported, header, value, expected
):
    a, _b = filled
    wb = load(exported)
    ws, row = _activity_row(wb, a)
    set_cell(ws, row, header, value)
    before = snapshot()
    response = upload(client_for("secretariat"), plan, save(wb))
    found = errors(response)
    assert any(e.startswith(f"Activities, row {row}, column ") and expected in e for e in found), found
    assert response.context["apply_form"] is None
    assert snapshot() == before


@pytest.mark.parametrize(
    ("sheet", "new_row", "expected"),
    [
        (
            "Results",
            [None, None, "output", "9", "Orphan output", ""],
            "column Parent code: “9” is not an outcome of this plan.",
        ),
        (
            "Results",
            [None, None, "output", None, "Orphan output", ""],
            "column Parent code: An output must belong to an outcome",
        ),
        (
            "Results",
            [None, "7", "outcome", None, "Out of order", ""],
            "column Code: New rows are numbered in order: this one will be 2.",
        ),
        ("Targets", [None, "A1", "2026/Q2", 5], "column Period: Write a year (2026) or a quarter (2026-Q2)."),
        (
            "Targets",
            [None, "A1", "2026", 5],
            "column Period: This indicator already has a target for this period.",
        ),
        ("Targets", [None, "ZZ", "2026", 5], "column Indicator code: “ZZ” is not an indicator of this plan."),
        ("Measurements", [None, "A1", "2031", 5], "column Period: 2031 is outside the plan's period"),
        (
            "Measurements",
            [None, "A1", "2026-Q3", 5, "", "", "", "18-24", "", ""],
            "column Age group: This indicator is not disaggregated this way.",
        ),
        (
            "Measurements",
            [None, "A1", "2026-Q3", 5, "", "", "", "", "", "Dhakka"],
            "column District: “Dhakka” is not a district of Bangladesh.",
        ),
        (
            "Indicators",
            [None, "X1", "1.1.77", "Reached", "people", "increase", "", "", ""],
            "column Of (result or activity code): “1.1.77”",
        ),
        (
            "Indicators",
            [None, "X1", "1", "Reached", "people", "up", "", "", ""],
            "column Direction: “up” is not one of",
        ),
    ],
)
def test_bad_new_row_is_refused(client_for, plan, filled, exported, sheet, new_row, expected):
    wb = load(exported)
    ws = wb[sheet]
    ws.append(new_row)
    before = counts()
    response = upload(client_for("secretariat"), plan, save(wb))
    found = errors(response)
    assert any(e.startswith(f"{sheet}, row {ws.max_row}, ") and expected in e for e in found), found
    assert counts() == before


def test_spent_above_available_is_a_warning_not_an_error(client_for, plan, filled, exported):
    a, _b = filled
    wb = load(exported)
    ws, row = _activity_row(wb, a)
    set_cell(ws, row, "Spent (USD)", 70000)
    client = client_for("secretariat")
    response = upload(client, plan, save(wb))
    assert errors(response) == []
    warnings = [str(w) for w in response.context["preview"].warnings]
    assert any(w.startswith(f"Activities, row {row}, column Spent (USD): Spent") for w in warnings), warnings
    assert apply(client, plan, response).status_code == 302
    assert Activity.objects.get(pk=a.pk).budget_spent == 70000


def test_reordered_columns_are_matched_by_name(client_for, plan, filled, exported):
    wb = load(exported)
    ws = wb["Activities"]
    rows = [[cell.value for cell in row][::-1] for row in ws.iter_rows()]
    ws.delete_rows(1, ws.max_row)
    for values in rows:
        ws.append(values)
    response = upload(client_for("secretariat"), plan, save(wb))
    assert errors(response) == []
    assert response.context["preview"].changed == []


def test_renamed_column_is_one_clear_error(client_for, plan, filled, exported):
    wb = load(exported)
    ws = wb["Activities"]
    ws.cell(row=1, column=column(ws, "Districts"), value="Distrikt")
    before = snapshot()
    response = upload(client_for("secretariat"), plan, save(wb))
    found = errors(response)
    assert found == [
        "Activities, row 1, column Districts: The column “Districts” is missing. Keep the headers as they were "
        "exported. Columns not in the template: Distrikt."
    ]
    assert snapshot() == before


NOT_XLSX = {
    "a PDF": b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    "random bytes": bytes(range(256)) * 8,
    "a CSV named .xlsx": b"code,title\n1.1.1,Orientation\n",
}


@pytest.mark.parametrize("content", NOT_XLSX.values(), ids=NOT_XLSX.keys())
def test_not_an_xlsx_is_refused_on_the_file_field(client_for, plan, filled, content):
    before = snapshot()
    response = upload(client_for("secretariat"), plan, content, name="plan.xlsx")
    assert response.status_code == 400
    assert response.context["form"].errors["upload"] == [
        "This is not an Excel workbook (XLSX). Export the plan to Excel, edit that file, save it as .xlsx and upload it."
    ]
    assert snapshot() == before


def test_fifty_thousand_rows_are_refused(client_for, plan, filled, settings):
    settings.MIGNET_IMPORT_MAX_ROWS = 20000
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Activities")
    headers = [str(col.header) for col in ACTIVITIES.columns]
    ws.append(headers)
    for n in range(50_000):
        ws.append([None, None, "1.1", f"Activity {n}", "", "IOM", *[None] * (len(headers) - 6)])
    buffer = io.BytesIO()
    wb.save(buffer)
    before = counts()
    response = upload(client_for("secretariat"), plan, buffer.getvalue())
    assert errors(response) == [
        "This file has more than 20,000 data rows; an import can hold at most 20,000. "
        "Split it into smaller files and import them one after another."
    ]
    assert counts() == before
