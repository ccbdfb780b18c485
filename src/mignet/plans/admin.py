"""Django admin for superusers (day-to-day work happens on the pages, which apply the policy)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models

for model in (
    models.FrameworkItem,
    models.Plan,
    models.PlanVersion,
    models.Result,
    models.JointPriority,
    models.Activity,
    models.Indicator,
    models.Target,
    models.Measurement,
    models.ProgressReport,
    models.ProgressUpdate,
    models.Impediment,
    models.ImpedimentStep,
    models.DuplicateReview,
):
    admin.site.register(model, SimpleHistoryAdmin)


@admin.register(models.ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("plan", "status", "requested_by", "rows_done", "total_rows", "created_at", "finished_at")
    list_filter = ("status",)
    readonly_fields = (
        "file_name",
        "digest",
        "requested_by",
        "summary",
        "errors",
        "started_at",
        "finished_at",
    )
