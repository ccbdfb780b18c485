"""List tables of plans and their content."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ..models import Activity, FrameworkItem, Indicator, Measurement, Plan, Result, Target

ATTRS = {"class": "table table-sm table-hover align-middle"}


class FrameworkItemTable(tables.Table):
    code = tables.Column(linkify=True)

    class Meta:
        model = FrameworkItem
        fields = ("code", "title", "kind", "source")
        attrs = ATTRS
        empty_text = _("No UNSDCF outcomes or Government priorities yet. The secretariat adds them.")


class PlanTable(tables.Table):
    title = tables.Column(linkify=True)
    start_date = tables.DateColumn(format="j M Y")
    end_date = tables.DateColumn(format="j M Y")

    class Meta:
        model = Plan
        fields = ("title", "body", "kind", "start_date", "end_date", "status")
        attrs = ATTRS
        empty_text = _("No plans match. Clear the filters or start a plan.")


class ResultTable(tables.Table):
    code = tables.Column(linkify=True)
    plan = tables.Column(linkify=True)

    class Meta:
        model = Result
        fields = ("code", "title", "level", "plan")
        attrs = ATTRS
        empty_text = _("No results match. Add outcomes and outputs from a plan's page.")


class ActivityTable(tables.Table):
    code = tables.Column(linkify=True)
    title = tables.Column(linkify=True)
    plan = tables.Column(linkify=True)
    lead_organisation = tables.Column(linkify=True)
    start_date = tables.DateColumn(format="j M Y")
    end_date = tables.DateColumn(format="j M Y")

    class Meta:
        model = Activity
        fields = (
            "code",
            "title",
            "plan",
            "lead_organisation",
            "status",
            "start_date",
            "end_date",
            "budget_required",
        )
        attrs = ATTRS
        empty_text = _("No activities match. Clear the filters, or add one under an output of a draft plan.")


class IndicatorTable(tables.Table):
    name = tables.Column(linkify=True)
    plan = tables.Column(linkify=True)

    class Meta:
        model = Indicator
        fields = ("code", "name", "unit", "direction", "baseline_value", "plan")
        attrs = ATTRS
        empty_text = _("No indicators match. Add them from a result's or an activity's page.")


class TargetTable(tables.Table):
    period = tables.Column(linkify=True)
    indicator = tables.Column(linkify=True)

    class Meta:
        model = Target
        fields = ("period", "value", "indicator")
        attrs = ATTRS
        empty_text = _("No targets match. Add them from an indicator's page.")


class MeasurementTable(tables.Table):
    period = tables.Column(linkify=True)
    indicator = tables.Column(linkify=True)

    class Meta:
        model = Measurement
        fields = ("period", "value", "indicator", "sex", "age_group", "migrant_status", "district", "source")
        attrs = ATTRS
        empty_text = _("No measurements match. Record them from an indicator's page.")
