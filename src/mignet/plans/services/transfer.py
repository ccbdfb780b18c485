"""Writes of the Excel round-trip: apply an edited plan workbook, all or nothing, through the plan
services (so the policy and every rule are those of the forms)."""

from __future__ import annotations

import logging

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mignet.core import policy
from mignet.core.services import record_lock

from .. import choices as c
from ..forms.transfer import not_xlsx_message
from ..models import ImportJob, Plan
from ..transfer.importer import CREATE, UPDATE, NotXlsx, Preview, Problem, read_workbook
from . import plans as s

log = logging.getLogger("mignet.plans")

SERVICES = {
    "results": (s.result_create, s.result_update),
    "activities": (s.activity_create, s.activity_update),
    "indicators": (s.indicator_create, s.indicator_update),
    "targets": (s.target_create, s.target_update),
    "measurements": (s.measurement_create, s.measurement_update),
}


class ImportRefused(ValidationError):
    """The workbook has errors (found again at apply time); nothing was written. Carries the preview."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        super().__init__([str(p) for p in preview.errors] or [_("The import was refused.")])


def plan_import_check(*, actor, plan: Plan) -> None:
    """Only who may change the plan imports into it (the chair of its body, the secretariat), and only
    while it is a draft."""
    policy.require(actor, "change", plan)
    if not plan.is_editable:
        raise ValidationError(
            _("This plan is %(status)s; only a draft plan can be imported into. Start a revision first.")
            % {"status": plan.get_status_display().lower()}
        )


def plan_import_apply(*, actor, plan: Plan, source, digest: str | None = None) -> Preview:
    """Read `source` again against the locked plan and write every change in one transaction; any error
    (in the file, or refused by a service) rolls everything back and raises ImportRefused."""
    with transaction.atomic():
        plan = record_lock(plan)
        plan_import_check(actor=actor, plan=plan)
        preview = _read_checked(plan=plan, source=source, digest=digest)
        _write(actor=actor, plan=plan, preview=preview)
    return preview


def _read_checked(*, plan: Plan, source, digest: str | None, progress=None) -> Preview:
    """The dry run of `source`; ImportRefused when it has errors or differs from the preview shown."""
    preview = read_workbook(source, plan=plan, progress=progress)
    if preview.errors:
        raise ImportRefused(preview)
    if digest is not None and digest != preview.digest():
        preview.error(_("The plan changed since the preview was made. Check the new preview, then apply it."))
        raise ImportRefused(preview)
    return preview


def _write(*, actor, plan: Plan, preview: Preview) -> None:
    """Write the preview's rows through the plan services (inside the caller's transaction). An update
    carries the version read with the file, so a record changed since then is refused, not overwritten."""
    for row in preview.rows:
        if row.action not in (CREATE, UPDATE):
            continue
        create, update = SERVICES[row.sheet.key]
        data = {**row.data, **{name: node.instance for name, node in row.refs.items()}}
        try:
            if row.action == CREATE:
                obj = create(actor=actor, network=plan.network, data=data, m2m=row.m2m or None)
                if row.node is not None:
                    if row.sheet.key in ("results", "activities") and obj.code != row.code:
                        raise ValidationError(
                            {
                                "code": _("This row would be numbered %(code)s; import the file again.")
                                % {"code": obj.code}
                            }
                        )
                    row.node.instance = obj
            else:
                current = type(row.instance).objects.get(pk=row.instance.pk)
                update(
                    actor=actor,
                    instance=current,
                    version=row.instance.version,
                    data=data,
                    m2m=row.m2m or None,
                )
        except (ValidationError, ObjectDoesNotExist) as exc:
            if isinstance(exc, ObjectDoesNotExist):
                exc = ValidationError(_("This record was deleted since the file was read; import it again."))
            failed = Preview(rows=preview.rows)
            messages = exc.message_dict.items() if hasattr(exc, "error_dict") else [("", exc.messages)]
            columns = {col.key: col for col in row.sheet.columns}
            for name, texts in messages:
                name = {"national": "districts", "result": "of", "activity": "of"}.get(name, name)
                for text in texts:
                    failed.problems.append(
                        Problem(
                            message=text,
                            sheet=str(row.sheet.title),
                            row=row.number,
                            column=str(columns[name].header) if name in columns else "",
                        )
                    )
            raise ImportRefused(failed) from exc


# --- The apply in the background


def plan_import_start(*, actor, plan: Plan, name: str, digest: str) -> ImportJob:
    """Queue the apply of the stored upload `name` (checked by the preview) as an ImportJob; the task is
    sent when the surrounding transaction commits (run here and now when no broker answers)."""
    plan_import_check(actor=actor, plan=plan)
    job = ImportJob.objects.create(
        network=plan.network, plan=plan, file_name=name, digest=digest, requested_by=actor
    )
    transaction.on_commit(lambda: _run_later(job.pk))
    return job


def _run_later(job_id: int) -> None:
    """Send the task; when the broker cannot be reached, run it in this process (as e-mail does) rather
    than leave the job queued for ever."""
    from ..tasks import import_apply

    try:
        import_apply.delay(job_id)
    except Exception:  # noqa: BLE001 — broker down
        log.warning("broker unavailable; applying import job %s in this process", job_id)
        import_apply.apply(args=[job_id])


def _problems(problems) -> list[dict]:
    return [{"sheet": p.sheet, "row": p.row, "column": p.column, "message": str(p.message)} for p in problems]


def plan_import_run(job: ImportJob) -> ImportJob:
    """Run a queued import job: read and check the file (progress saved every few hundred rows), then
    write it all or nothing in one transaction. Ends done or failed, never running, and deletes the file."""
    jobs = ImportJob.objects.filter(pk=job.pk)
    if not jobs.filter(status=c.ImportStatus.QUEUED).update(
        status=c.ImportStatus.RUNNING, started_at=timezone.now()
    ):
        job.refresh_from_db()
        return job  # already run (a task delivered twice)
    outcome = {"status": c.ImportStatus.FAILED, "errors": [], "summary": {}}
    try:
        actor = job.requested_by
        plan = Plan.all_objects.select_related("network", "body").get(pk=job.plan_id)
        if actor is None:
            raise ValidationError(_("The person who asked for this import no longer has an account."))
        plan_import_check(actor=actor, plan=plan)

        def progress(done: int, total: int) -> None:
            jobs.update(rows_done=done, total_rows=total)

        with default_storage.open(job.file_name, "rb") as source:
            preview = _read_checked(plan=plan, source=source, digest=job.digest or None, progress=progress)
        jobs.update(saving=True)
        with transaction.atomic():
            plan = Plan.all_objects.select_for_update().select_related("network", "body").get(pk=plan.pk)
            plan_import_check(actor=actor, plan=plan)
            _write(actor=actor, plan=plan, preview=preview)
        outcome = {
            "status": c.ImportStatus.DONE,
            "errors": [],
            "summary": {"created": preview.count(CREATE), "updated": preview.count(UPDATE)},
        }
    except ImportRefused as refused:
        outcome["errors"] = _problems(refused.preview.errors)
    except NotXlsx:
        outcome["errors"] = _problems([Problem(message=str(not_xlsx_message()))])
    except ValidationError as exc:
        outcome["errors"] = _problems([Problem(message=m) for m in exc.messages])
    except Exception as exc:  # noqa: BLE001 — whatever broke, the job ends failed with its message
        log.exception("import job %s failed", job.pk)
        outcome["errors"] = _problems([Problem(message=_("The import stopped: %(error)s") % {"error": exc})])
    finally:
        try:
            default_storage.delete(job.file_name)
        except Exception:  # noqa: BLE001 — a file left behind is purged by the tick
            log.warning("could not delete %s", job.file_name)
        jobs.update(saving=False, finished_at=timezone.now(), **outcome)
    job.refresh_from_db()
    return job
