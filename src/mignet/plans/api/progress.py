"""API of quarterly progress reports: `progress-reports` (list, read, start a draft, change its narrative,
`submit/`, `reopen/` by the secretariat, history) and `progress-updates` (one line per activity of a draft
report: list, read, add, change). The services validate (own organisation only, percent 0–100, money ≥ 0)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from mignet.core.api.base import RecordSerializer, RecordViewSet

from ..filters.progress import ProgressReportFilter, ProgressUpdateFilter
from ..models import ProgressReport, ProgressUpdate
from ..selectors import progress as selectors
from ..services import progress as services


class ProgressReportSerializer(RecordSerializer):
    """A quarterly report: plan, organisation, quarter, status, who submitted when and whether it is late."""

    period = serializers.CharField(read_only=True)
    due_date = serializers.DateField(read_only=True)
    is_late = serializers.BooleanField(read_only=True)
    submitted_by = serializers.SlugRelatedField(slug_field="email", read_only=True)

    class Meta:
        model = ProgressReport
        fields = [
            *RecordSerializer.base_fields,
            "plan",
            "organisation",
            "year",
            "quarter",
            "period",
            "status",
            "submitted_at",
            "submitted_by",
            "due_date",
            "is_late",
            "summary",
        ]
        read_only_fields = [*RecordSerializer.read_only_fields, "status", "submitted_at", "visibility"]


class ProgressUpdateSerializer(RecordSerializer):
    """One activity's line in a report."""

    class Meta:
        model = ProgressUpdate
        fields = [
            *RecordSerializer.base_fields,
            "report",
            "activity",
            "status",
            "percent_complete",
            "spent_to_date",
            "narrative",
        ]
        read_only_fields = [*RecordSerializer.read_only_fields, "visibility"]


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=100, required=False, allow_blank=True)


class ProgressReportViewSet(RecordViewSet):
    """Quarterly progress reports, read by whoever reads the plan; written by the organisation's focal
    points (a draft), submitted once every activity has a line; reopened only by the secretariat."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    restore = None  # reports and their lines are never deleted, so there is nothing to restore
    policy_action = None  # per action; None: the HTTP method's (POST: change)
    serializer_class = ProgressReportSerializer
    filterset_class = ProgressReportFilter
    selector = staticmethod(selectors.progress_report_list)
    create_service = staticmethod(services.report_create)
    update_service = staticmethod(services.report_update)

    @extend_schema(
        request=None,
        responses={
            200: ProgressReportSerializer,
            400: OpenApiResponse(description="Already submitted, or an activity has no line."),
            403: OpenApiResponse(description="Not your organisation's report."),
        },
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit a draft report; each line then updates its activity's status, percent complete and spent."""
        report = services.report_submit(actor=request.user, instance=self.get_object())
        return Response(self.get_serializer(self.get_queryset().get(pk=report.pk)).data)

    @extend_schema(
        request=ReopenSerializer,
        responses={
            200: ProgressReportSerializer,
            400: OpenApiResponse(description="The report is not submitted."),
            403: OpenApiResponse(description="Only the secretariat reopens a report."),
        },
    )
    @action(detail=True, methods=["post"], policy_action="view")
    def reopen(self, request, pk=None):
        """Take a submitted report back to draft (the secretariat)."""
        body = ReopenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report = services.report_reopen(
            actor=request.user, instance=self.get_object(), reason=body.validated_data.get("reason", "")
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=report.pk)).data)


class ProgressUpdateViewSet(RecordViewSet):
    """Lines of quarterly reports, one per activity; added and changed while the report is a draft."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    restore = None  # reports and their lines are never deleted, so there is nothing to restore
    serializer_class = ProgressUpdateSerializer
    filterset_class = ProgressUpdateFilter
    selector = staticmethod(selectors.progress_update_list)
    create_service = staticmethod(services.progress_update_create)
    update_service = staticmethod(services.progress_update_update)


routes = [
    ("progress-reports", ProgressReportViewSet, "progress-report"),
    ("progress-updates", ProgressUpdateViewSet, "progress-update"),
]
