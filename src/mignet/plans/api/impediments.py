"""API of impediments: list, read (with the dated steps nested), raise, edit, delete, restore, history,
and `POST …/escalate/` to move one along (the service decides who may take which step)."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from mignet.core.api.base import RecordSerializer, RecordViewSet
from mignet.core.models import GovernmentBody

from .. import choices as c
from ..filters.impediments import ImpedimentFilter
from ..models import Impediment, ImpedimentStep
from ..selectors import impediments as selectors
from ..services import impediments as services


class ImpedimentStepSerializer(serializers.ModelSerializer):
    """One dated step: from where to where, who, why, and the Government body when raised with it."""

    by = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)

    class Meta:
        model = ImpedimentStep
        fields = ["from_stage", "to_stage", "government_body", "note", "at", "by"]
        read_only_fields = fields


class ImpedimentSerializer(RecordSerializer):
    """An impediment and its path. `stage`, `government_body` and `stage_changed_at` move only with
    `POST …/escalate/`."""

    steps = ImpedimentStepSerializer(many=True, read_only=True)
    next_stages = serializers.SerializerMethodField(help_text="The steps you may take from here.")

    class Meta:
        model = Impediment
        fields = [
            *RecordSerializer.base_fields,
            "title",
            "description",
            "category",
            "severity",
            "raised_by_body",
            "raised_by_organisation",
            "activities",
            "stage",
            "government_body",
            "stage_changed_at",
            "steps",
            "next_stages",
        ]
        read_only_fields = (
            *RecordSerializer.read_only_fields,
            "stage",
            "government_body",
            "stage_changed_at",
        )

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=c.ImpedimentStage.choices))
    )
    def get_next_stages(self, obj):
        request = self.context.get("request")
        return [str(s) for s in services.next_stages_for(getattr(request, "user", None), obj)]


class EscalateSerializer(serializers.Serializer):
    to_stage = serializers.ChoiceField(
        choices=c.ImpedimentStage.choices, required=False, help_text="Default: the next stage up."
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Why: required except when raised with the Government.",
    )
    government_body = serializers.PrimaryKeyRelatedField(
        queryset=GovernmentBody.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Required to raise it with the Government.",
    )
    version = serializers.IntegerField(
        required=False, help_text="The version you read; a stale one answers 409."
    )


class ImpedimentViewSet(RecordViewSet):
    """Impediments raised by a TWG's chair (for their body) or a focal point (for their organisation)
    against activities, escalated to the Network, raised with the Government, resolved."""

    serializer_class = ImpedimentSerializer
    filterset_class = ImpedimentFilter
    selector = staticmethod(selectors.impediment_list)
    create_service = staticmethod(services.impediment_create)
    update_service = staticmethod(services.impediment_update)
    delete_service = staticmethod(services.impediment_delete)
    restore_service = staticmethod(services.impediment_restore)
    m2m_fields = ("activities",)
    policy_action = None  # set per step: "view" (the service decides who may take it)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "activities",
                Prefetch("steps", queryset=ImpedimentStep.objects.select_related("by").order_by("at", "pk")),
            )
        )

    @extend_schema(
        request=EscalateSerializer,
        responses={
            200: ImpedimentSerializer,
            400: OpenApiResponse(description="Not a next step, no reason, or no Government body."),
            403: OpenApiResponse(description="You may not take this step."),
            409: OpenApiResponse(description="Someone changed it since the version you read."),
        },
    )
    @action(detail=True, methods=["post"], policy_action="view")
    def escalate(self, request, pk=None):
        """Move the impediment one step: to the Network (why), raised with the Government (the Government
        body), or resolved (how); dated now and signed with your name."""
        instance = self.get_object()
        body = EscalateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.impediment_escalate(actor=request.user, instance=instance, **body.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=instance.pk)).data)


routes: list = [("impediments", ImpedimentViewSet, "impediment")]
