"""Who may export and import a plan, only drafts take an import, the apply is all or nothing, and the
activities' CSV (with its HXL row) reads back with the csv module."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mignet.core.choices import Visibility
from mignet.plans import choices as c
from mignet.plans.models import Activity, Target
from mignet.plans.services import transfer as transfer_services

from .transfer_helpers import (
    apply,
    export_bytes,
    import_url,
    last_job,
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


def _url(name, plan):
    return reverse(f"plans:{name}", kwargs={"network": plan.network.slug, "pk": plan.pk})


@pytest.mark.parametrize(
    ("role", "export", "import_page"),
    [
        ("anonymous", 302, 302),
        ("viewer", 200, 403),
        ("partner", 200, 403),
        ("member", 200, 403),
        ("chair", 200, 200),
        ("secretariat", 200, 200),
    ],
)
def test_who_may_export_and_import(client_for, plan, filled, role, export, import_page):
    client = client_for(role)
    assert client.get(_url("plan-export-xlsx", plan)).status_code == export
    assert client.get(_url("plan-export-csv", plan)).status_code == export
    assert client.get(import_url(plan)).status_code == import_page


def test_member_may_not_post_an_import(client_for, plan, filled):
    content = export_bytes(client_for("secretariat"), plan)
    before = snapshot()
    assert upload(client_for("member"), plan, content).status_code == 403
    assert snapshot() == before


def test_a_plan_the_user_may_not_read_is_404(client_for, plan, filled):
    plan.visibility = Visibility.INTERNAL
    plan.save()
    assert client_for("viewer").get(_url("plan-export-xlsx", plan)).status_code == 404
    assert client_for("partner").get(import_url(plan)).status_code == 404


def test_only_a_draft_plan_takes_an_import(client_for, plan, filled):
    client = client_for("secretariat")
    content = export_bytes(client, plan)
    plan.status = c.PlanStatus.SUBMITTED
    plan.save()
    page = client.get(import_url(plan))
    assert "only a draft plan can be imported into" in page.content.decode()
    assert page.context["refusal"]
    before = snapshot()
    assert upload(client, plan, content).status_code == 400
    assert snapshot() == before


def test_apply_is_all_or_nothing(client_for, plan, filled, monkeypatch):
    a, _b = filled
    client = client_for("secretariat")
    wb = load(export_bytes(client, plan))
    ws = wb["Activities"]
    set_cell(ws, row_of(ws, "ID", a.pk), "Title", "Changed title")
    wb["Targets"].append([None, "A1", "2026-Q4", 300])
    response = upload(client, plan, save(wb))
    assert len(response.context["preview"].changed) == 2
    before = snapshot()

    def refuse(**kwargs):
        raise ValidationError({"value": "Refused by the service."})

    create, update = transfer_services.SERVICES["targets"]
    monkeypatch.setitem(transfer_services.SERVICES, "targets", (refuse, update))
    failed = apply(client, plan, response)
    job = last_job()
    assert failed.status_code == 302 and failed["Location"] == job.get_absolute_url()
    assert job.status == "failed" and job.finished_at is not None
    row = wb["Targets"].max_row
    assert job.errors == [
        {"sheet": "Targets", "row": row, "column": "Value", "message": "Refused by the service."}
    ]
    assert snapshot() == before
    assert Activity.objects.get(pk=a.pk).title != "Changed title"
    page = client.get(job.get_absolute_url())
    assert page.status_code == 200
    text = " ".join(page.content.decode().split())
    assert "The import failed. Nothing was saved." in text
    assert f"Targets, row {row}, column Value: Refused by the service." in text
    assert "Import again" in text and 'hx-trigger="every 2s"' not in text


def test_apply_needs_the_preview_token_of_the_same_person(client_for, plan, filled):
    a, _b = filled
    chair, secretariat = client_for("chair"), client_for("secretariat")
    wb = load(export_bytes(chair, plan))
    ws = wb["Activities"]
    set_cell(ws, row_of(ws, "ID", a.pk), "Title", "Changed title")
    response = upload(chair, plan, save(wb))
    token = response.context["apply_form"].initial["token"]
    assert secretariat.post(import_url(plan), {"token": token}).status_code == 400
    assert secretariat.post(import_url(plan), {"token": "forged"}).status_code == 400
    assert Activity.objects.get(pk=a.pk).title != "Changed title"
    assert apply(chair, plan, response).status_code == 302
    assert Activity.objects.get(pk=a.pk).title == "Changed title"
    assert Target.objects.count() == 1


def test_csv_with_hxl_row(client_for, plan, filled):
    a, b = filled
    response = client_for("viewer").get(_url("plan-export-csv", plan) + "?hxl=1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, tags, *data = rows
    assert header[:2] == ["Code", "Title"]
    assert tags[:2] == ["#activity+code", "#activity+name"]
    assert {
        "#org+lead",
        "#org+partner+list",
        "#sector+list",
        "#adm2+name+list",
        "#date+start",
        "#date+end",
    } <= set(tags)
    assert {
        "#value+budget+required+usd",
        "#value+budget+available+usd",
        "#value+spent+usd",
        "#status",
    } <= set(tags)
    by_code = {row[0]: dict(zip(tags, row, strict=True)) for row in data}
    first = by_code[a.code]
    assert first["#org+lead"] == "UNHCR" and first["#org+partner+list"] == "CSOA; IOM"
    assert first["#adm2+name+list"] == "Dhaka; Sylhet"
    assert first["#date+start"] == "2026-01-01" and first["#value+budget+required+usd"] == "120000.50"
    assert by_code[b.code]["#adm2+name+list"] == "National"
    plain = client_for("viewer").get(_url("plan-export-csv", plan))
    assert list(csv.reader(io.StringIO(plain.content.decode("utf-8-sig"))))[1][0] == a.code
