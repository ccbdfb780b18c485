"""FilterSets of plans and their content, serving both the HTML lists and the API lists."""

from __future__ import annotations

import django_filters as df
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mignet.core.filters import RecordFilter
from mignet.core.models import District, GCMObjective
from mignet.network.models import Body, Organisation, ThematicArea

from .. import choices as c
from ..models import Activity, FrameworkItem, Indicator, Measurement, Plan, Result, Target


def _scoped(model):
    """Choices limited to the page's network (HTML) or left open (API: the selector filters the rows)."""

    def queryset(request):
        qs = model.objects.all()
        network = getattr(request, "network", None) if request is not None else None
        return qs.filter(network=network) if network is not None else qs

    return queryset


def _all(model):
    def queryset(request):
        return model.objects.all()

    return queryset


def _through(field: str, column: str, value):
    """Activities linked to `value` through a many-to-many field, as a subquery (no join, no DISTINCT)."""
    through = getattr(Activity, field).through
    return Q(pk__in=through.objects.filter(**{column: value}).values("activity_id"))


class FrameworkItemFilter(RecordFilter):
    search_fields = ("code", "title", "description")
    kind = df.ChoiceFilter(choices=c.FrameworkKind.choices, label=_("Framework"))

    class Meta:
        model = FrameworkItem
        fields = ["q", "kind", "network", "visibility"]


class PlanFilter(RecordFilter):
    search_fields = ("title", "summary")
    body = df.ModelChoiceFilter(queryset=_scoped(Body), label=_("Body"))
    kind = df.ChoiceFilter(choices=c.PlanKind.choices, label=_("Type"))
    status = df.ChoiceFilter(choices=c.PlanStatus.choices, label=_("Status"))
    year = df.NumberFilter(method="filter_year", label=_("In force in year"))

    class Meta:
        model = Plan
        fields = ["q", "body", "kind", "status", "year", "network", "visibility"]

    def filter_year(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(start_date__year__lte=int(value), end_date__year__gte=int(value))


class ResultFilter(RecordFilter):
    search_fields = ("code", "title")
    plan = df.NumberFilter(field_name="plan_id", label=_("Plan"))
    level = df.ChoiceFilter(choices=c.ResultLevel.choices, label=_("Level"))
    parent = df.NumberFilter(field_name="parent_id", label=_("Outcome"))

    class Meta:
        model = Result
        fields = ["q", "plan", "level", "parent", "network", "visibility"]


class ActivityFilter(RecordFilter):
    search_fields = ("code", "title", "description", "lead_organisation__acronym", "lead_organisation__name")
    plan = df.ModelChoiceFilter(queryset=_scoped(Plan), label=_("Plan"))
    body = df.ModelChoiceFilter(queryset=_scoped(Body), method="filter_body", label=_("Body"))
    lead_organisation = df.ModelChoiceFilter(queryset=_scoped(Organisation), label=_("Lead organisation"))
    status = df.ChoiceFilter(choices=c.ActivityStatus.choices, label=_("Status"))
    gcm_objective = df.ModelChoiceFilter(
        queryset=_all(GCMObjective),
        field_name="gcm_objectives",
        method="filter_gcm_objective",
        label=_("GCM objective"),
    )
    district = df.ModelChoiceFilter(
        queryset=_all(District), field_name="districts", method="filter_district", label=_("District")
    )
    thematic_area = df.ModelChoiceFilter(
        queryset=_scoped(ThematicArea),
        field_name="thematic_areas",
        method="filter_thematic_area",
        label=_("Thematic area"),
    )
    joint_programme = df.BooleanFilter(label=_("Joint programme"))
    output = df.NumberFilter(field_name="output_id", label=_("Output"))

    class Meta:
        model = Activity
        fields = [
            "q",
            "plan",
            "body",
            "lead_organisation",
            "status",
            "gcm_objective",
            "district",
            "thematic_area",
            "joint_programme",
            "output",
            "network",
            "visibility",
        ]

    def filter_body(self, queryset, name, value):
        """The body coordinating the activity: its own, or else its plan's."""
        if value is None:
            return queryset
        return queryset.filter(Q(body=value) | Q(body__isnull=True, plan__body=value))

    def filter_gcm_objective(self, queryset, name, value):
        return (
            queryset if value is None else queryset.filter(_through("gcm_objectives", "gcmobjective", value))
        )

    def filter_district(self, queryset, name, value):
        """Activities in the district, and the national ones (all districts)."""
        if value is None:
            return queryset
        return queryset.filter(_through("districts", "district", value) | Q(national=True))

    def filter_thematic_area(self, queryset, name, value):
        return (
            queryset if value is None else queryset.filter(_through("thematic_areas", "thematicarea", value))
        )


class IndicatorFilter(RecordFilter):
    search_fields = ("code", "name", "unit")
    plan = df.NumberFilter(field_name="plan_id", label=_("Plan"))
    result = df.NumberFilter(field_name="result_id", label=_("Result"))
    activity = df.NumberFilter(field_name="activity_id", label=_("Activity"))
    direction = df.ChoiceFilter(choices=c.Direction.choices, label=_("Direction"))

    class Meta:
        model = Indicator
        fields = ["q", "plan", "result", "activity", "direction", "network", "visibility"]


class TargetFilter(RecordFilter):
    search_fields = ("period",)
    indicator = df.NumberFilter(field_name="indicator_id", label=_("Indicator"))
    period = df.CharFilter(label=_("Period"))

    class Meta:
        model = Target
        fields = ["q", "indicator", "period", "network", "visibility"]


class MeasurementFilter(RecordFilter):
    search_fields = ("period", "source", "means_of_verification")
    indicator = df.NumberFilter(field_name="indicator_id", label=_("Indicator"))
    period = df.CharFilter(label=_("Period"))
    sex = df.ChoiceFilter(choices=c.Sex.choices, label=_("Sex"))
    age_group = df.ChoiceFilter(choices=c.AgeGroup.choices, label=_("Age group"))
    migrant_status = df.ChoiceFilter(choices=c.MigrantStatus.choices, label=_("Migrant status"))
    district = df.NumberFilter(field_name="district_id", label=_("District"))

    class Meta:
        model = Measurement
        fields = [
            "q",
            "indicator",
            "period",
            "sex",
            "age_group",
            "migrant_status",
            "district",
            "network",
            "visibility",
        ]
