"""API serializers of plans and their content: they present and validate; the plans services write.

Codes (1, 1.1, 1.1.1), a plan's status and approved version, and an activity's or indicator's plan are
set by the services, never sent."""

from __future__ import annotations

from rest_framework import serializers

from mignet.core.api.base import RecordSerializer

from ..models import Activity, FrameworkItem, Indicator, Measurement, Plan, PlanVersion, Result, Target

BASE = RecordSerializer.base_fields
READ_ONLY = RecordSerializer.read_only_fields


class FrameworkItemSerializer(RecordSerializer):
    """A UNSDCF outcome or Government priority (the secretariat keeps them)."""

    class Meta:
        model = FrameworkItem
        fields = [*BASE, "kind", "code", "title", "description", "source"]
        read_only_fields = READ_ONLY


class PlanSerializer(RecordSerializer):
    """A work plan or the national GCM action plan. Its status changes through the steps
    `submit/`, `withdraw/`, `revise/` and `close/`; approval comes from an adopted decision."""

    class Meta:
        model = Plan
        fields = [
            *BASE,
            "body",
            "kind",
            "title",
            "summary",
            "start_date",
            "end_date",
            "status",
            "approved_version",
            "submitted_at",
            "approved_at",
        ]
        read_only_fields = [*READ_ONLY, "status", "approved_version", "submitted_at", "approved_at"]


class PlanVersionSerializer(serializers.ModelSerializer):
    """A plan as approved: its results, activities and indicators frozen at the approval."""

    snapshot = serializers.JSONField(read_only=True)

    class Meta:
        model = PlanVersion
        fields = ["id", "plan", "number", "approved_at", "decision_title", "snapshot"]
        read_only_fields = fields


class ResultSerializer(RecordSerializer):
    """An outcome (no parent) or an output (under an outcome of the same plan); coded by the service."""

    class Meta:
        model = Result
        fields = [*BASE, "plan", "parent", "level", "code", "title", "description"]
        read_only_fields = [*READ_ONLY, "code"]


class ActivitySerializer(RecordSerializer):
    """An activity under an output; its plan follows from the output and its code from its place."""

    class Meta:
        model = Activity
        fields = [
            *BASE,
            "plan",
            "output",
            "code",
            "title",
            "description",
            "lead_organisation",
            "partners",
            "body",
            "gcm_objectives",
            "guiding_principles",
            "sdg_targets",
            "unsdcf_outcome",
            "government_priority",
            "thematic_areas",
            "districts",
            "national",
            "start_date",
            "end_date",
            "budget_required",
            "budget_available",
            "budget_spent",
            "funding_source",
            "status",
            "percent_complete",
            "gender_marker",
            "gender_justification",
            "human_rights_marker",
            "human_rights_justification",
            "joint_programme",
            "joint_priority",
            "overspent",
        ]
        read_only_fields = [*READ_ONLY, "plan", "code", "percent_complete", "overspent"]
        extra_kwargs = {"gcm_objectives": {"allow_empty": True, "required": False}}

    overspent = serializers.BooleanField(read_only=True, help_text="Spent more than available (a warning).")

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["output"].read_only = True  # an activity stays under its output
        return fields


class IndicatorSerializer(RecordSerializer):
    """An indicator of one result or one activity; its plan follows from it."""

    disaggregation = serializers.ListField(
        child=serializers.ChoiceField(choices=["sex", "age_group", "migrant_status", "district"]),
        required=False,
        help_text="Sex, age group, migrant status, district: the ways measurements may be disaggregated.",
    )

    class Meta:
        model = Indicator
        fields = [
            *BASE,
            "plan",
            "result",
            "activity",
            "code",
            "name",
            "unit",
            "direction",
            "baseline_value",
            "baseline_year",
            "disaggregation",
            "gcm_objectives",
            "means_of_verification",
        ]
        read_only_fields = [*READ_ONLY, "plan"]
        extra_kwargs = {"gcm_objectives": {"required": False}}


class TargetSerializer(RecordSerializer):
    class Meta:
        model = Target
        fields = [*BASE, "indicator", "period", "value"]
        read_only_fields = READ_ONLY


class MeasurementSerializer(RecordSerializer):
    class Meta:
        model = Measurement
        fields = [
            *BASE,
            "indicator",
            "period",
            "value",
            "source",
            "means_of_verification",
            "sex",
            "age_group",
            "migrant_status",
            "district",
            "report",
        ]
        read_only_fields = [*READ_ONLY, "report"]
