"""Pages of the Excel round-trip and the CSV/HXL export: a plan as XLSX, the import (upload → dry-run
preview → apply) and the plan's activities as CSV."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views import View

from mignet.core import policy
from mignet.core.selectors import record_get
from mignet.core.views import NetworkMixin

from ..forms.transfer import ImportApplyForm, ImportUploadForm, make_token, not_xlsx_message
from ..models import ImportJob, Plan
from ..services.transfer import plan_import_check, plan_import_start
from ..transfer import csv_hxl, export
from ..transfer.importer import CREATE, UPDATE, NotXlsx, read_workbook

IMPORT_DIR = "imports"


def plan_get(*, user, network, pk) -> Plan:
    """A plan the user may read, or 404."""
    return record_get(Plan.all_objects.select_related("network", "body"), user=user, network=network, pk=pk)


def _download(content, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class PlanExportXlsxView(NetworkMixin, View):
    """GET: the plan as an XLSX workbook in the import template (anyone who may read the plan)."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        plan = plan_get(user=request.user, network=self.network, pk=kwargs["pk"])
        return _download(
            export.plan_workbook(plan),
            content_type=export.XLSX_TYPE,
            filename=export.export_filename(plan, "xlsx"),
        )


class PlanExportCsvView(NetworkMixin, View):
    """GET: the plan's activities as CSV; `?hxl=1` adds the HXL hashtag row under the header."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        plan = plan_get(user=request.user, network=self.network, pk=kwargs["pk"])
        hxl = request.GET.get("hxl") in ("1", "true", "yes")
        text = csv_hxl.activities_csv(export.plan_activities(plan), hxl=hxl)
        name = export.export_filename(plan, "csv").replace(
            ".csv", "-activities-hxl.csv" if hxl else "-activities.csv"
        )
        return _download(text.encode("utf-8"), content_type="text/csv; charset=utf-8", filename=name)


def _plan_url(plan: Plan) -> str | None:
    try:
        return plan.get_absolute_url()
    except NoReverseMatch:  # the plan pages live in the records area
        return None


class PlanImportView(NetworkMixin, View):
    """GET: the upload form. POST with a file: the dry-run preview (nothing written). POST with the
    preview's token: apply, all or nothing. Only who may change the plan, and only into a draft."""

    template_name = "plans/transfer_import.html"
    preview_template = "plans/transfer_preview.html"

    def plan(self):
        plan = plan_get(user=self.request.user, network=self.network, pk=self.kwargs["pk"])
        if not policy.can(self.request.user, "change", plan):
            policy.deny(self.request.user, "change", plan)
        return plan

    def context(self, plan, **kwargs):
        return {"network": self.network, "plan": plan, "plan_url": _plan_url(plan), **kwargs}

    def refused(self, plan):
        try:
            plan_import_check(actor=self.request.user, plan=plan)
        except ValidationError as exc:
            return " ".join(exc.messages)
        return None

    def get(self, request, *args, **kwargs):
        plan = self.plan()
        ctx = self.context(plan, form=ImportUploadForm(), refusal=self.refused(plan))
        return render(request, self.template_name, ctx)

    def post(self, request, *args, **kwargs):
        plan = self.plan()
        refusal = self.refused(plan)
        if refusal:
            return render(
                request,
                self.template_name,
                self.context(plan, form=ImportUploadForm(), refusal=refusal),
                status=400,
            )
        if "token" in request.POST:
            return self.apply(plan)
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, self.context(plan, form=form), status=400)
        name = default_storage.save(f"{IMPORT_DIR}/{uuid.uuid4().hex}.xlsx", form.cleaned_data["upload"])
        try:
            with default_storage.open(name, "rb") as source:
                preview = read_workbook(source, plan=plan)
        except NotXlsx:
            default_storage.delete(name)
            form.add_error("upload", not_xlsx_message())
            return render(request, self.template_name, self.context(plan, form=form), status=400)
        token = None
        if preview.errors or not preview.changed:
            default_storage.delete(name)
        else:
            token = make_token(name=name, plan=plan, user=request.user, digest=preview.digest())
        return render(request, self.preview_template, self.preview_context(plan, preview, token))

    def preview_context(self, plan, preview, token):
        sheets = []
        for summary in preview.summary():
            sheets.append(
                {
                    **summary,
                    "rows": [r for r in preview.changed if str(r.sheet.title) == summary["sheet"]],
                    "errors": [p for p in preview.errors if p.sheet == summary["sheet"]],
                    "warnings": [p for p in preview.warnings if p.sheet == summary["sheet"]],
                }
            )
        return self.context(
            plan,
            preview=preview,
            sheets=sheets,
            general_errors=[p for p in preview.errors if not p.sheet],
            general_warnings=[p for p in preview.warnings if not p.sheet],
            apply_form=ImportApplyForm(initial={"token": token}) if token else None,
            CREATE=CREATE,
            UPDATE=UPDATE,
        )

    def apply(self, plan):
        request = self.request
        form = ImportApplyForm(request.POST, plan=plan, user=request.user)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("token", [])))
            return render(
                request, self.template_name, self.context(plan, form=ImportUploadForm()), status=400
            )
        data = form.cleaned_data["token"]
        name = data["name"]
        if not name.startswith(f"{IMPORT_DIR}/") or ".." in name or not default_storage.exists(name):
            messages.error(request, _("This preview has expired. Upload the file again."))
            return render(
                request, self.template_name, self.context(plan, form=ImportUploadForm()), status=400
            )
        try:
            job = plan_import_start(actor=request.user, plan=plan, name=name, digest=data["digest"])
        except ValidationError as exc:
            default_storage.delete(name)
            messages.error(request, " ".join(exc.messages))
            return render(
                request, self.template_name, self.context(plan, form=ImportUploadForm()), status=400
            )
        return HttpResponseRedirect(job_url(job))


def job_url(job: ImportJob) -> str:
    return reverse(
        "plans:import-job", kwargs={"network": job.network.slug, "pk": job.plan_id, "job_pk": job.pk}
    )


def _count(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


class ImportJobView(NetworkMixin, View):
    """GET: an import job's status and progress; while it runs the page asks again every 2 seconds (htmx)
    and swaps its status block. Who may import into the plan, and the person who asked, see it."""

    template_name = "plans/importjob_detail.html"
    partial_template = "plans/partials/importjob_status.html"
    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        plan = plan_get(user=request.user, network=self.network, pk=kwargs["pk"])
        job = get_object_or_404(
            ImportJob.objects.select_related("network", "requested_by"),
            network=self.network,
            plan=plan,
            pk=kwargs["job_pk"],
        )
        own = request.user.is_authenticated and job.requested_by_id == request.user.pk
        if not own and not policy.can(request.user, "change", plan):
            policy.deny(request.user, "change", plan)
        ctx = {
            "network": self.network,
            "plan": plan,
            "plan_url": _plan_url(plan),
            "job": job,
            "job_url": request.path,
            "import_url": reverse("plans:plan-import", kwargs={"network": self.network.slug, "pk": plan.pk}),
            "rows_done": _count(job.rows_done),
            "total_rows": _count(job.total_rows),
            "created": job.summary.get("created", 0),
            "updated": job.summary.get("updated", 0),
        }
        if request.headers.get("HX-Request"):
            return render(request, self.partial_template, ctx)
        return render(request, self.template_name, ctx)
