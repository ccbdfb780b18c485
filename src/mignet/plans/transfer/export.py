"""A plan as an XLSX workbook in the import template: one sheet per kind of record, each row carrying its
record's ID, dropdown lists from a "Lists" sheet, an "About" sheet on how to edit and re-import."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ..models import Activity, Indicator, Measurement, Result, Target
from . import template as t
from .reference import Reference, org_label

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Multi-valued columns keep a dropdown to pick from but accept several names separated by ";".
LOOSE_LISTS = {"districts"}


def _join(values) -> str:
    return f"{t.SEPARATOR} ".join(str(v) for v in values)


def indicator_ref(indicator) -> str:
    """How Targets and Measurements name an indicator: its code, or #ID when it has none."""
    return indicator.code or f"#{indicator.pk}"


def activity_values(a: Activity) -> dict:
    """One activity as the template's cell values (related rows prefetched)."""
    districts = sorted(d.name for d in a.districts.all())
    return {
        "id": a.pk,
        "code": a.code,
        "output": a.output.code,
        "title": a.title,
        "description": a.description,
        "lead_organisation": org_label(a.lead_organisation),
        "partners": _join(sorted(org_label(o) for o in a.partners.all())),
        "body": a.body.name if a.body_id else "",
        "gcm_objectives": _join(sorted(o.number for o in a.gcm_objectives.all())),
        "guiding_principles": _join(sorted(p.number for p in a.guiding_principles.all())),
        "sdg_targets": _join(sorted(s.code for s in a.sdg_targets.all())),
        "unsdcf_outcome": a.unsdcf_outcome.code if a.unsdcf_outcome_id else "",
        "government_priority": a.government_priority.code if a.government_priority_id else "",
        "thematic_areas": _join(sorted(th.name for th in a.thematic_areas.all())),
        "districts": _join([str(t.NATIONAL)] * a.national + districts),
        "start_date": a.start_date,
        "end_date": a.end_date,
        "budget_required": a.budget_required,
        "budget_available": a.budget_available,
        "budget_spent": a.budget_spent,
        "funding_source": a.funding_source,
        "status": a.status,
        "gender_marker": a.gender_marker,
        "gender_justification": a.gender_justification,
        "human_rights_marker": a.human_rights_marker,
        "human_rights_justification": a.human_rights_justification,
        "joint_programme": _("Yes") if a.joint_programme else _("No"),
    }


def plan_activities(plan):
    """The plan's live activities with everything their rows name, in code order (a fixed query count)."""
    return (
        Activity.objects.filter(plan=plan)
        .select_related("output", "lead_organisation", "body", "unsdcf_outcome", "government_priority")
        .prefetch_related(
            "partners", "gcm_objectives", "guiding_principles", "sdg_targets", "thematic_areas", "districts"
        )
        .order_by("output__parent__position", "output__position", "position", "pk")
    )


def plan_rows(plan) -> dict[str, list[dict]]:
    """Every sheet's rows for `plan`, keyed by the template's column keys."""
    results = (
        Result.objects.filter(plan=plan)
        .select_related("parent")
        .order_by("parent__position", "position", "pk")
    )
    results = sorted(
        results, key=lambda r: (r.parent_id is not None, [int(p) for p in r.code.split(".") if p.isdigit()])
    )
    indicators = list(
        Indicator.objects.filter(plan=plan).select_related("result", "activity").order_by("code", "pk")
    )
    live = [i.pk for i in indicators]
    targets = (
        Target.objects.filter(indicator_id__in=live)
        .select_related("indicator")
        .order_by("indicator__code", "indicator_id", "period_end", "pk")
    )
    measurements = (
        Measurement.objects.filter(indicator_id__in=live)
        .select_related("indicator", "district")
        .order_by("indicator__code", "indicator_id", "period_end", "pk")
    )
    return {
        "results": [
            {
                "id": r.pk,
                "code": r.code,
                "level": r.level,
                "parent": r.parent.code if r.parent_id else "",
                "title": r.title,
                "description": r.description,
            }
            for r in results
        ],
        "activities": [activity_values(a) for a in plan_activities(plan)],
        "indicators": [
            {
                "id": i.pk,
                "code": i.code,
                "of": (i.result or i.activity).code if (i.result_id or i.activity_id) else "",
                "name": i.name,
                "unit": i.unit,
                "direction": i.direction,
                "baseline_value": i.baseline_value,
                "baseline_year": i.baseline_year,
                "disaggregation": _join(i.disaggregation or []),
            }
            for i in indicators
        ],
        "targets": [
            {"id": x.pk, "indicator": indicator_ref(x.indicator), "period": x.period, "value": x.value}
            for x in targets
        ],
        "measurements": [
            {
                "id": x.pk,
                "indicator": indicator_ref(x.indicator),
                "period": x.period,
                "value": x.value,
                "source": x.source,
                "means_of_verification": x.means_of_verification,
                "sex": x.sex,
                "age_group": x.age_group,
                "migrant_status": x.migrant_status,
                "district": x.district.name if x.district_id else "",
            }
            for x in measurements
        ],
    }


def _cell_value(column: t.Column, value):
    if value is None:
        return None
    if column.kind in (t.MONEY, t.NUMBER):
        return float(value)  # Excel holds numbers as doubles; 2 decimals survive the trip
    return value


def _readme(ws, plan) -> None:
    lines = [
        _("%(plan)s — exported from Mignet") % {"plan": plan.title},
        "",
        _("How to edit and import this workbook"),
        _(
            "• Each sheet holds one kind of record. Change the cells you need, then import the file on the plan's "
            "“Import from Excel” page. You will see every change and every problem before anything is saved."
        ),
        _("• The first column, ID, ties a row to its record. Do not change it. Leave it empty on a new row."),
        _("• Columns may be moved, but keep their headers exactly as they are."),
        _(
            "• New outcomes, outputs and activities are numbered in order: leave Code empty, or write the next "
            "number (e.g. 1.3 after 1.2) so that other rows can refer to it."
        ),
        _(
            "• Several values in one cell are separated by “;” (partners, GCM objectives, districts…). "
            "Write “National” in Districts for an activity that covers the whole country."
        ),
        _(
            "• Periods are a year (2026) or a quarter (2026-Q2). Dates are real dates within the plan's period."
        ),
        _("• Deleting a row here does not delete the record; delete it on its page instead."),
        _("• The “Lists” sheet holds the values the dropdowns offer."),
    ]
    for line in lines:
        ws.append([line])
    ws["A1"].font = Font(bold=True, size=14)
    ws["A3"].font = Font(bold=True)
    ws.column_dimensions["A"].width = 120
    for row in ws.iter_rows(min_row=4):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def plan_workbook(plan, *, reference: Reference | None = None) -> bytes:
    """The plan as XLSX bytes, ready to edit and import again."""
    ref = reference or Reference(plan.network)
    rows = plan_rows(plan)
    wb = Workbook()
    about = wb.active
    about.title = str(t.README_TITLE)[:31]
    _readme(about, plan)

    lists_ws = wb.create_sheet(str(t.LISTS_TITLE)[:31])
    ranges: dict[str, str] = {}
    for col, (name, (heading, values)) in enumerate(ref.lists().items(), start=1):
        letter = get_column_letter(col)
        lists_ws.cell(row=1, column=col, value=str(heading)).font = Font(bold=True)
        for r, value in enumerate(values, start=2):
            lists_ws.cell(row=r, column=col, value=str(value) if not isinstance(value, int) else value)
        lists_ws.column_dimensions[letter].width = 24
        last = max(len(values) + 1, 2)
        ranges[name] = f"{quote_sheetname(lists_ws.title)}!${letter}$2:${letter}${last}"

    bold = Font(bold=True)
    for sheet in t.SHEETS:
        ws = wb.create_sheet(str(sheet.title)[:31], index=len(wb.sheetnames) - 1)
        ws.append([str(col.header) for col in sheet.columns])
        for cell in ws[1]:
            cell.font = bold
        ws.freeze_panes = "B2"
        for row in rows[sheet.key]:
            ws.append([_cell_value(col, row.get(col.key)) for col in sheet.columns])
        last_row = max(ws.max_row, 2)
        for index, col in enumerate(sheet.columns, start=1):
            letter = get_column_letter(index)
            ws.column_dimensions[letter].width = col.width
            fmt = {t.DATE: "yyyy-mm-dd", t.MONEY: "#,##0.00", t.CODE: "@"}.get(col.kind)
            if fmt:
                for (cell,) in ws.iter_rows(min_row=2, max_row=last_row, min_col=index, max_col=index):
                    cell.number_format = fmt
            if col.choices and col.choices in ranges:
                dv = DataValidation(type="list", formula1=ranges[col.choices], allow_blank=True)
                dv.showErrorMessage = col.choices not in LOOSE_LISTS
                dv.errorTitle = str(_("Not in the list"))
                dv.error = str(_("Choose a value from the list (see the Lists sheet)."))
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}{last_row + 1000}")
    lists_ws.sheet_state = "hidden"
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def export_filename(plan, extension: str) -> str:
    """e.g. plan-12-labour-migration-twg-work-plan-2026.xlsx (ASCII, for the Content-Disposition header)."""
    from django.utils.text import slugify

    return f"plan-{plan.pk}-{slugify(plan.title)[:60] or 'plan'}.{extension}"
