"""API views of the meetings app: the meetings selectors read, the meetings services write, the policy
decides. Extra actions take a small request body, call one service and answer with the record."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from mignet.core import policy
from mignet.core.api.base import RecordViewSet

from .. import filters, selectors, services
from ..models import Position
from . import serializers as s


def _in_zone(network):
    """Times of a hand-built answer in the network's zone, like the serializers' (see serializers.py)."""
    return (
        timezone.override(network.time_zone) if getattr(network, "time_zone", "") else timezone.override(None)
    )


class MeetingsViewSet(RecordViewSet):
    """RecordViewSet plus the pattern of the extra actions: fetch the record (404 if unseen, 403 unless the
    policy allows `policy_action`, by default change), parse the small body, call the service."""

    def _run(self, request, service, *, body=None, **kwargs):
        instance = self.get_object()
        if body is not None:
            parsed = body(data=request.data)
            parsed.is_valid(raise_exception=True)
            kwargs.update(parsed.validated_data)
        return service(actor=request.user, instance=instance, **kwargs)

    def _answer(self, instance, code=status.HTTP_200_OK):
        return Response(self.get_serializer(instance).data, status=code)


# --- Meetings


class MeetingViewSet(MeetingsViewSet):
    """Meetings of the networks' bodies. Creating one schedules it and, unless `invite` is false, e-mails
    the body's representatives an invitation with an ICS file; a new time or place sends an update."""

    serializer_class = s.MeetingSerializer
    filterset_class = filters.MeetingFilter
    selector = staticmethod(selectors.meeting_list)
    update_service = staticmethod(services.meeting_update)
    delete_service = staticmethod(services.meeting_delete)
    restore_service = staticmethod(services.meeting_restore)

    def perform_create(self, serializer):
        invite = serializer.validated_data.pop("invite", True)
        data, m2m = self._split(serializer.validated_data)
        network = data.pop("network")
        serializer.instance = services.meeting_schedule(
            actor=self.request.user, network=network, data=data, m2m=m2m, invite=invite
        )

    def perform_update(self, serializer):
        serializer.validated_data.pop("invite", None)  # invitations are sent by the `invite` action
        super().perform_update(serializer)

    @extend_schema(request=s.ReasonSerializer, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel the meeting; everyone invited receives the cancellation for their calendar."""
        return self._answer(self._run(request, services.meeting_cancel, body=s.ReasonSerializer))

    @extend_schema(request=None, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        """Send (or send again) the invitations to the body's representatives."""
        return self._answer(self._run(request, services.meeting_invite))

    @extend_schema(request=None, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"], url_path="circulate-agenda", url_name="circulate-agenda")
    def circulate_agenda(self, request, pk=None):
        """Send the agenda to the body (refused while it has no items)."""
        return self._answer(self._run(request, services.agenda_circulate))


class AgendaItemViewSet(MeetingsViewSet):
    """Items of meetings' agendas, in order, with who presents them and the time they have."""

    serializer_class = s.AgendaItemSerializer
    filterset_class = filters.AgendaItemFilter
    selector = staticmethod(selectors.agenda_item_list)
    create_service = staticmethod(services.agenda_item_create)
    update_service = staticmethod(services.agenda_item_update)
    delete_service = staticmethod(services.agenda_item_delete)
    restore_service = staticmethod(services.agenda_item_restore)


class AttendanceViewSet(MeetingsViewSet):
    """Who attended which meeting for which organisation, sent apologies or was absent."""

    serializer_class = s.AttendanceSerializer
    filterset_class = filters.AttendanceFilter
    selector = staticmethod(selectors.attendance_list)
    create_service = staticmethod(services.attendance_create)
    update_service = staticmethod(services.attendance_update)
    delete_service = staticmethod(services.attendance_delete)
    restore_service = staticmethod(services.attendance_restore)


class MinutesViewSet(MeetingsViewSet):
    """Minutes of meetings: draft → circulated → approved (by a decision). Approved minutes are locked;
    a correction makes a new revision."""

    serializer_class = s.MinutesSerializer
    filterset_class = filters.MinutesFilter
    selector = staticmethod(selectors.minutes_list)
    create_service = staticmethod(services.minutes_create)
    update_service = staticmethod(services.minutes_update)
    delete_service = staticmethod(services.minutes_delete)
    restore_service = staticmethod(services.minutes_restore)

    @extend_schema(request=None, responses=s.MinutesSerializer)
    @action(detail=True, methods=["post"])
    def circulate(self, request, pk=None):
        """Send draft minutes to the body for comment and approval."""
        return self._answer(self._run(request, services.minutes_circulate))

    @extend_schema(request=s.ReasonSerializer, responses={201: s.MinutesSerializer})
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        """Correct approved minutes: answers the new draft revision (the approved one stays readable)."""
        revision = self._run(request, services.minutes_correct, body=s.ReasonSerializer)
        return self._answer(revision, status.HTTP_201_CREATED)


# --- Decisions and positions


class DecisionViewSet(MeetingsViewSet):
    """Decisions of bodies: consensus in a meeting, silence procedure or written consultation. Member
    organisations record positions; the outcome follows the method's rule, and an adopted decision on
    the structure (establish or abolish a body, select chairs, approve minutes) takes effect.

    A single decision carries its `tally` (status now by its rule, why, and counts); in lists the tally
    is null and `status`/`outcome` are what was recorded."""

    serializer_class = s.DecisionSerializer
    filterset_class = filters.DecisionFilter
    selector = staticmethod(selectors.decision_list)
    update_service = staticmethod(services.decision_update)
    delete_service = staticmethod(services.decision_delete)
    restore_service = staticmethod(services.decision_restore)

    def get_queryset(self):
        # The chair selections each decision shows, in one query per page.
        return super().get_queryset().prefetch_related("chair_selections")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "brief": self.action == "list"}

    def perform_create(self, serializer):
        chairs = serializer.validated_data.pop("chair_selections", None)
        data, m2m = self._split(serializer.validated_data)
        network = data.pop("network")
        serializer.instance = services.decision_propose(
            actor=self.request.user,
            network=network,
            data=data,
            m2m=m2m,
            chairs=[dict(row) for row in chairs] if chairs is not None else None,
        )

    @extend_schema(request=None, responses=s.DecisionSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the decision now (the chair, in the meeting); the outcome follows its method's rule."""
        return self._answer(self._run(request, services.decision_close))

    @extend_schema(request=s.ReasonSerializer, responses=s.DecisionSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw an open decision; the positions stay on record."""
        return self._answer(self._run(request, services.decision_withdraw, body=s.ReasonSerializer))

    @extend_schema(
        methods=["GET"],
        request=None,
        responses=s.MemberPositionSerializer(many=True),
        summary="Every member organisation's position, or none yet",
    )
    @extend_schema(
        methods=["POST"],
        request=s.PositionRecordSerializer,
        responses={
            200: s.PositionSerializer,
            400: OpenApiResponse(
                description="Not a member of the body, the deadline has passed, the decision is closed, "
                "or an objection without a reason."
            ),
            403: OpenApiResponse(description="You may not speak for this organisation."),
        },
        summary="Record an organisation's position",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def positions(self, request, pk=None):
        """GET: each member organisation of the body with its position (null while it has not answered).
        POST: record a position for an organisation; a second one replaces the first and history keeps
        both. Focal points and partners speak for their own organisation, chairs for the members in the room."""
        self.policy_action = "view"  # taking part is decided below, per organisation, by the policy
        decision = self.get_object()
        if request.method == "GET":
            rows = selectors.decision_detail(user=request.user, obj=decision)["member_rows"]
            with _in_zone(decision.network):
                return Response(s.MemberPositionSerializer(rows, many=True).data)
        body = s.PositionRecordSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        organisation = body.validated_data["organisation"]
        # Whether the user may speak for this organisation is asked first, so someone who may not learns
        # nothing about the decision's state from the answer.
        policy.require(
            request.user,
            "add",
            Position(network=decision.network, decision=decision, organisation=organisation),
        )
        position = services.position_record(
            actor=request.user,
            decision=decision,
            organisation=organisation,
            value=body.validated_data["value"],
            reason=body.validated_data["reason"],
        )
        return Response(s.PositionSerializer(position, context=self.get_serializer_context()).data)


class PositionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Member organisations' positions on decisions, with their history (a replaced position stays in
    it). Positions are recorded with `POST /decisions/{id}/positions/`."""

    serializer_class = s.PositionSerializer
    filterset_class = filters.PositionFilter

    def get_queryset(self):
        return selectors.position_list(user=self.request.user).order_by("pk")

    history = RecordViewSet.history


# --- Action points


class ActionPointViewSet(MeetingsViewSet):
    """Follow-ups from meetings and decisions: who does what by when. The owner organisation's focal
    point keeps the status up to date; open ones return to the body's next agenda."""

    serializer_class = s.ActionPointSerializer
    filterset_class = filters.ActionPointFilter
    selector = staticmethod(selectors.action_point_list)
    create_service = staticmethod(services.action_point_create)
    update_service = staticmethod(services.action_point_update)
    delete_service = staticmethod(services.action_point_delete)
    restore_service = staticmethod(services.action_point_restore)
