"""Filters of quarterly progress reports and their lines (the API lists)."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _

from mignet.core.filters import RecordFilter

from .. import choices as c
from ..models import ProgressReport, ProgressUpdate


class ProgressReportFilter(RecordFilter):
    """Reports by plan, organisation, year, quarter and status."""

    plan = df.NumberFilter(field_name="plan_id", label=_("Plan"))
    organisation = df.NumberFilter(field_name="organisation_id", label=_("Organisation"))
    year = df.NumberFilter(label=_("Year"))
    quarter = df.NumberFilter(label=_("Quarter"))
    status = df.ChoiceFilter(choices=c.ReportStatus.choices, label=_("Status"))
    search_fields = ("organisation__name", "organisation__acronym", "summary")

    class Meta:
        model = ProgressReport
        fields = ["plan", "organisation", "year", "quarter", "status"]


class ProgressUpdateFilter(RecordFilter):
    """Lines by report, activity and status."""

    report = df.NumberFilter(field_name="report_id", label=_("Report"))
    activity = df.NumberFilter(field_name="activity_id", label=_("Activity"))
    status = df.ChoiceFilter(choices=c.ActivityStatus.choices, label=_("Status"))
    search_fields = ("narrative", "activity__title", "activity__code")

    class Meta:
        model = ProgressUpdate
        fields = ["report", "activity", "status"]
