"""The apply of an Excel import runs as a background job: the apply redirects to the job page, which
shows the outcome (or the progress while it runs, asking again every 2 seconds); the file is deleted when
the job ends; a job never stays "running" after an error; only who may import, and the requester, see it."""

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from mignet.plans import choices as c
from mignet.plans.models import Activity, ImportJob
from mignet.plans.services import transfer as transfer_services

from .transfer_helpers import (
    apply,
    column,
    export_bytes,
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


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def _edited(client, plan, a) -> bytes:
    wb = load(export_bytes(client, plan))
    ws = wb["Activities"]
    row = row_of(ws, "ID", a.pk)
    ws.append([cell.value for cell in ws[row]])
    new = ws.max_row
    ws.cell(row=new, column=column(ws, "ID")).value = None
    ws.cell(row=new, column=column(ws, "Code")).value = None
    set_cell(ws, new, "Title", "A brand new activity")
    set_cell(ws, row, "Title", "Changed title")
    return save(wb)


def test_apply_runs_a_job_that_reports_its_counts_and_deletes_the_file(client_for, plan, filled, users):
    a, _b = filled
    client = client_for("chair")
    response = upload(client, plan, _edited(client, plan, a))
    assert [str(e) for e in response.context["preview"].errors] == []
    done = apply(client, plan, response)
    job = last_job()
    assert done.status_code == 302 and done["Location"] == job.get_absolute_url()
    assert job.status == c.ImportStatus.DONE
    assert job.requested_by == users["chair"] and job.plan == plan
    assert job.summary == {"created": 1, "updated": 1} and job.errors == []
    assert job.started_at and job.finished_at and job.total_rows >= 2 and job.rows_done == job.total_rows
    assert not default_storage.exists(job.file_name)
    assert Activity.objects.get(pk=a.pk).title == "Changed title"
    assert Activity.objects.filter(plan=plan, title="A brand new activity").exists()
    page = client.get(job.get_absolute_url())
    text = _text(page)
    assert "Imported: 1 created, 1 updated." in text
    assert "Back to the plan" in text and 'hx-trigger="every 2s"' not in text


def test_an_unexpected_error_ends_the_job_failed_and_writes_nothing(client_for, plan, filled, monkeypatch):
    a, _b = filled
    client = client_for("secretariat")
    response = upload(client, plan, _edited(client, plan, a))
    before = snapshot()

    def broken(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(transfer_services.SERVICES, "activities", (broken, broken))
    apply(client, plan, response)
    job = last_job()
    assert job.status == c.ImportStatus.FAILED and job.finished_at is not None
    assert job.errors == [
        {"sheet": "", "row": None, "column": "", "message": "The import stopped: disk on fire"}
    ]
    assert snapshot() == before
    assert not default_storage.exists(job.file_name)


def _running(plan, users, **extra) -> ImportJob:
    return ImportJob.objects.create(
        network=plan.network,
        plan=plan,
        file_name="imports/x.xlsx",
        requested_by=users["secretariat"],
        status=c.ImportStatus.RUNNING,
        started_at=timezone.now(),
        **extra,
    )


def test_a_running_job_shows_its_progress_and_polls(client_for, plan, users):
    job = _running(plan, users, total_rows=5000, rows_done=1200)
    page = client_for("chair").get(job.get_absolute_url())
    assert page.status_code == 200
    text = _text(page)
    assert 'role="progressbar"' in text and 'aria-valuenow="1200"' in text and 'max="5000"' in text
    assert "1\u00a0200 of 5\u00a0000 rows" in page.content.decode()
    assert 'hx-get="' + job.get_absolute_url() + '"' in text and 'hx-trigger="every 2s"' in text
    assert 'hx-select="#import-job-status"' in text and "style=" not in text
    fragment = client_for("chair").get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert _text(fragment).startswith('<div id="import-job-status"') and "<html" not in _text(fragment)
    ImportJob.objects.filter(pk=job.pk).update(saving=True)
    assert "Saving…" in _text(client_for("chair").get(job.get_absolute_url(), HTTP_HX_REQUEST="true"))


def test_a_queued_job_that_is_run_twice_runs_once(plan, users):
    job = _running(plan, users)
    assert transfer_services.plan_import_run(job).status == c.ImportStatus.RUNNING


@pytest.mark.parametrize(
    "role, status",
    [("viewer", 403), ("partner", 403), ("member", 403), ("chair", 200), ("secretariat", 200)],
)
def test_the_job_page_by_role(client_for, plan, users, role, status):
    job = _running(plan, users)
    assert client_for(role).get(job.get_absolute_url()).status_code == status


def test_the_requester_sees_the_job_even_without_the_right_to_import(client_for, plan, users):
    job = _running(plan, users)
    ImportJob.objects.filter(pk=job.pk).update(requested_by=users["member"])
    assert client_for("member").get(job.get_absolute_url()).status_code == 200
    assert client_for("anonymous").get(job.get_absolute_url()).status_code == 302
