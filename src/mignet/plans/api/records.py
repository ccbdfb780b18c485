"""API of plans and their content: framework items, plans (with their steps and approved versions),
results, activities, indicators, targets and measurements. The selectors read, the services write, the
policy decides; the FilterSets are those of the HTML lists."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from mignet.core.api.base import RecordViewSet

from ..filters import records as filters
from ..models import PlanVersion
from ..selectors import records as selectors
from ..services import plans as services
from . import serializers_records as s


def _viewset(name, serializer, filterset, selector, prefix, doc, m2m=(), base=RecordViewSet, **extra):
    return type(
        name,
        (base,),
        {
            "__doc__": doc,
            "serializer_class": serializer,
            "filterset_class": filterset,
            "selector": staticmethod(selector),
            "create_service": staticmethod(getattr(services, f"{prefix}_create")),
            "update_service": staticmethod(getattr(services, f"{prefix}_update")),
            "delete_service": staticmethod(getattr(services, f"{prefix}_delete")),
            "restore_service": staticmethod(getattr(services, f"{prefix}_restore")),
            "m2m_fields": m2m,
            **extra,
        },
    )


class PlanSteps(RecordViewSet):
    """The steps of a plan: submit, take back (withdraw), revise, close; and its approved versions."""

    def _step(self, request, service):
        instance = service(actor=request.user, instance=self.get_object())
        return Response(self.get_serializer(instance).data)

    @extend_schema(request=None, responses=s.PlanSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send a draft plan for approval (it needs at least one activity)."""
        return self._step(request, services.plan_submit)

    @extend_schema(request=None, responses=s.PlanSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Take a submitted plan back to draft (refused while a decision on it is open)."""
        return self._step(request, services.plan_withdraw)

    @extend_schema(request=None, responses=s.PlanSerializer)
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        """Start a revision of an approved plan; the approved version stays readable."""
        return self._step(request, services.plan_revise)

    @extend_schema(request=None, responses=s.PlanSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close an approved plan."""
        return self._step(request, services.plan_close)

    @extend_schema(responses=s.PlanVersionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def versions(self, request, pk=None):
        """The plan's approved versions, newest first, each with its frozen content."""
        plan = self.get_object()
        rows = PlanVersion.objects.filter(plan=plan).order_by("-number")
        return Response(s.PlanVersionSerializer(rows, many=True).data)


FrameworkItemViewSet = _viewset(
    "FrameworkItemViewSet",
    s.FrameworkItemSerializer,
    filters.FrameworkItemFilter,
    selectors.framework_item_list,
    "framework_item",
    "UNSDCF outcomes and Government priorities activities are tied to (kept by the secretariat).",
)
PlanViewSet = _viewset(
    "PlanViewSet",
    s.PlanSerializer,
    filters.PlanFilter,
    selectors.plan_list,
    "plan",
    "Work plans and the national GCM action plan: draft → submitted → approved by a decision → closed.",
    base=PlanSteps,
)
ResultViewSet = _viewset(
    "ResultViewSet",
    s.ResultSerializer,
    filters.ResultFilter,
    selectors.result_list,
    "result",
    "Outcomes and outputs of plans, coded 1, 1.1… (changed while the plan is a draft).",
)
ActivityViewSet = _viewset(
    "ActivityViewSet",
    s.ActivitySerializer,
    filters.ActivityFilter,
    lambda *, user: selectors.activity_list(user=user).prefetch_related(
        "partners", "gcm_objectives", "guiding_principles", "sdg_targets", "thematic_areas", "districts"
    ),
    "activity",
    "Activities under outputs: lead and partner organisations, frameworks, places, dates, budget, status and "
    "markers. A member focal point changes their own organisation's activities only.",
    m2m=("partners", "gcm_objectives", "guiding_principles", "sdg_targets", "thematic_areas", "districts"),
)
IndicatorViewSet = _viewset(
    "IndicatorViewSet",
    s.IndicatorSerializer,
    filters.IndicatorFilter,
    lambda *, user: selectors.indicator_list(user=user).prefetch_related("gcm_objectives"),
    "indicator",
    "Indicators of results and activities: unit, direction, baseline and disaggregation.",
    m2m=("gcm_objectives",),
)
TargetViewSet = _viewset(
    "TargetViewSet",
    s.TargetSerializer,
    filters.TargetFilter,
    selectors.target_list,
    "target",
    "Targets of indicators per period (2026, 2026-Q2).",
)
MeasurementViewSet = _viewset(
    "MeasurementViewSet",
    s.MeasurementSerializer,
    filters.MeasurementFilter,
    selectors.measurement_list,
    "measurement",
    "Measured values of indicators per period, totals or disaggregated, with source.",
)

routes = [
    ("framework-items", FrameworkItemViewSet, "framework-item"),
    ("plans", PlanViewSet, "plan"),
    ("results", ResultViewSet, "result"),
    ("activities", ActivityViewSet, "activity"),
    ("indicators", IndicatorViewSet, "indicator"),
    ("targets", TargetViewSet, "target"),
    ("measurements", MeasurementViewSet, "measurement"),
]
