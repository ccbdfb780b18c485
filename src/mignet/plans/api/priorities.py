"""API of joint-programming priorities: list, read (with supporters and the activities that came of
them), propose, edit, delete, restore, history, and the steps `support`, `unsupport`, `promote`, `drop`."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from mignet.core.api.base import RecordSerializer, RecordViewSet
from mignet.network.models import Organisation

from ..filters.priorities import JointPriorityFilter
from ..models import JointPriority, Plan, Result
from ..selectors import priorities as selectors
from ..services import priorities as services


class JointPrioritySerializer(RecordSerializer):
    """A joint priority. `status` and `supporters` change only through its steps; `activities` are those
    promoted from it."""

    activities = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = JointPriority
        fields = [
            *RecordSerializer.base_fields,
            "body",
            "kind",
            "title",
            "description",
            "proposed_by",
            "gcm_objectives",
            "supporters",
            "status",
            "activities",
        ]
        read_only_fields = (*RecordSerializer.read_only_fields, "status", "supporters")


class SupportSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Default: your own organisation (a focal point of one).",
    )


class PromoteSerializer(serializers.Serializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all(), help_text="A draft plan.")
    output = serializers.PrimaryKeyRelatedField(
        queryset=Result.objects.all(), help_text="An output of that plan."
    )
    lead_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), help_text="One of the supporting organisations."
    )


class DropSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, help_text="Why it is dropped (required).")


class PromotedActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    plan = serializers.IntegerField(source="plan_id")


class JointPriorityViewSet(RecordViewSet):
    """Joint research, advocacy and programme priorities proposed in TWGs (by the chair or a member focal
    point), supported by member organisations, promoted into a draft plan by the TWG's chair or the
    secretariat (the activity keeps the link), or dropped with a reason."""

    serializer_class = JointPrioritySerializer
    filterset_class = JointPriorityFilter
    selector = staticmethod(selectors.priority_list)
    create_service = staticmethod(services.priority_create)
    update_service = staticmethod(services.priority_update)
    delete_service = staticmethod(services.priority_delete)
    restore_service = staticmethod(services.priority_restore)
    m2m_fields = ("gcm_objectives",)
    policy_action = None  # set per step: "view" (the service decides who may take it)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("gcm_objectives", "supporters", "activities")

    def _answer(self, instance):
        return Response(self.get_serializer(self.get_queryset().get(pk=instance.pk)).data)

    def _support(self, request, support: bool):
        instance = self.get_object()
        body = SupportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.priority_support(
            actor=request.user, instance=instance, support=support, **body.validated_data
        )
        return self._answer(instance)

    @extend_schema(
        request=SupportSerializer,
        responses={
            200: JointPrioritySerializer,
            403: OpenApiResponse(description="Not a focal point of it."),
        },
    )
    @action(detail=True, methods=["post"], policy_action="view")
    def support(self, request, pk=None):
        """Your organisation supports the priority (a member focal point; the secretariat for any)."""
        return self._support(request, True)

    @extend_schema(
        request=SupportSerializer,
        responses={
            200: JointPrioritySerializer,
            403: OpenApiResponse(description="Not a focal point of it."),
        },
    )
    @action(detail=True, methods=["post"], policy_action="view")
    def unsupport(self, request, pk=None):
        """Your organisation withdraws its support."""
        return self._support(request, False)

    @extend_schema(
        request=PromoteSerializer,
        responses={
            201: PromotedActivitySerializer,
            400: OpenApiResponse(
                description="Not a draft plan, an output of another plan, or a lead that does not support it."
            ),
            403: OpenApiResponse(description="Only the TWG's chair or the secretariat promotes."),
        },
    )
    @action(detail=True, methods=["post"], policy_action="view")
    def promote(self, request, pk=None):
        """Add an activity to a draft plan from this priority (title, description, GCM objectives, the
        plan's dates), led by a supporting organisation; the priority becomes "in a plan"."""
        instance = self.get_object()
        body = PromoteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        activity = services.priority_promote(actor=request.user, instance=instance, **body.validated_data)
        return Response(PromotedActivitySerializer(activity).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=DropSerializer,
        responses={
            200: JointPrioritySerializer,
            400: OpenApiResponse(description="No reason, or not proposed."),
        },
    )
    @action(detail=True, methods=["post"], policy_action="view")
    def drop(self, request, pk=None):
        """Drop a proposed priority, saying why (the TWG's chair or the secretariat)."""
        instance = self.get_object()
        body = DropSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.priority_drop(actor=request.user, instance=instance, reason=body.validated_data["reason"])
        return self._answer(instance)


routes: list = [("joint-priorities", JointPriorityViewSet, "joint-priority")]
