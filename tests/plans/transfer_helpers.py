"""Helpers of the transfer tests: a plan with every kind of content, workbook editing, upload and apply."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from mignet.core.models import District, GCMObjective, GuidingPrinciple, SDGTarget
from mignet.network.models import ThematicArea
from mignet.plans import choices as c
from mignet.plans.models import Activity, ImportJob, Indicator, Measurement, Result, Target

from .factories import ActivityFactory, IndicatorFactory, MeasurementFactory, TargetFactory

MODELS = (Result, Activity, Indicator, Target, Measurement)


def rich_plan(plan, output, unhcr, iom, consortium):
    """Fill the plan: two activities with every tag, indicators, targets and measurements."""
    theme = ThematicArea.objects.filter(network=plan.network).order_by("name").first()
    a = ActivityFactory(
        output=output,
        lead_organisation=unhcr,
        title="Orientation sessions in Sylhet",
        description="Pre-departure sessions\nwith returnees",
        districts=[District.objects.get(name="Sylhet"), District.objects.get(name="Dhaka")],
        gcm_objectives=[GCMObjective.objects.get(number=6), GCMObjective.objects.get(number=7)],
        budget_required=Decimal("120000.50"),
        funding_source="EU",
        gender_marker=2,
        gender_justification="Women are half the participants",
    )
    a.partners.set([iom, consortium])
    a.guiding_principles.set(GuidingPrinciple.objects.filter(number__in=[1, 4]))
    a.sdg_targets.set(SDGTarget.objects.filter(code__in=["10.7", "8.8"]))
    if theme:
        a.thematic_areas.set([theme])
    b = ActivityFactory(
        output=output, lead_organisation=iom, title="Returnee counselling", districts=[], national=True
    )
    ind = IndicatorFactory(activity=a, code="A1", disaggregation=["sex"])
    IndicatorFactory(
        activity=None, result=output, plan=plan, code="O1", baseline_value=None, baseline_year=None
    )
    TargetFactory(indicator=ind, period="2026", value=Decimal("1000"))
    MeasurementFactory(indicator=ind, period="2026-Q2", value=Decimal("400"))
    MeasurementFactory(indicator=ind, period="2026-Q2", value=Decimal("250"), sex=c.Sex.FEMALE, source="")
    return a, b


def counts() -> dict:
    return {m.__name__: m.all_objects.count() for m in MODELS}


def snapshot() -> dict:
    """Every row's version: an unchanged import changes none."""
    return {m.__name__: sorted(m.all_objects.values_list("pk", "version")) for m in MODELS}


def export_bytes(client, plan) -> bytes:
    response = client.get(
        reverse("plans:plan-export-xlsx", kwargs={"network": plan.network.slug, "pk": plan.pk})
    )
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def load(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def save(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def column(ws, header: str) -> int:
    """1-based column index of a header."""
    for cell in ws[1]:
        if cell.value == header:
            return cell.column
    raise KeyError(header)


def row_of(ws, header: str, value) -> int:
    col = column(ws, header)
    for row in ws.iter_rows(min_row=2):
        if row[col - 1].value == value:
            return row[0].row
    raise KeyError(value)


def set_cell(ws, row: int, header: str, value) -> None:
    ws.cell(row=row, column=column(ws, header), value=value)


def import_url(plan) -> str:
    return reverse("plans:plan-import", kwargs={"network": plan.network.slug, "pk": plan.pk})


def upload(client, plan, content: bytes, name="plan.xlsx"):
    return client.post(import_url(plan), {"upload": SimpleUploadedFile(name, content)})


def apply(client, plan, response):
    """Post the preview's token; the import job runs when the request's transaction commits (Celery is
    eager in tests), so the job has ended when this returns. The answer redirects to the job page."""
    token = response.context["apply_form"].initial["token"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(import_url(plan), {"token": token})


def last_job():
    return ImportJob.objects.order_by("-pk").first()


def errors(response) -> list[str]:
    preview = response.context.get("preview")
    return [str(p) for p in preview.errors] if preview else []
