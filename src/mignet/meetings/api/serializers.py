"""API serializers of the meetings app: they present and validate; the meetings services write.

Times are ISO 8601 with an offset. They are stored in UTC and shown in the record's network's time
zone (a meeting at 10:00 in Dhaka reads `…T10:00:00+06:00`); a time sent without an offset is UTC."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from mignet.core.api.base import RecordSerializer
from mignet.network.choices import ChairRole
from mignet.network.models import Organisation, Person

from .. import choices as c
from .. import services
from ..models import ActionPoint, AgendaItem, Attendance, Decision, Meeting, Minutes, Position

BASE = RecordSerializer.base_fields
READ_ONLY = RecordSerializer.read_only_fields


class MeetingsRecordSerializer(RecordSerializer):
    """Times in the record's network's zone (the selectors join `network`, so this costs no query)."""

    def to_representation(self, instance):
        network = getattr(instance, "network", None)
        if network is None or not getattr(network, "time_zone", ""):
            return super().to_representation(instance)
        with timezone.override(network.time_zone):
            return super().to_representation(instance)


class MeetingSerializer(MeetingsRecordSerializer):
    invite = serializers.BooleanField(
        write_only=True,
        required=False,
        default=True,
        help_text="On creation: e-mail the body's representatives an invitation with an ICS file (default).",
    )

    class Meta:
        model = Meeting
        fields = [
            *BASE,
            "body",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "location",
            "online_link",
            "notes",
            "status",
            "cancel_reason",
            "uid",
            "sequence",
            "invitations_sent_at",
            "agenda_circulated_at",
            "invite",
        ]
        read_only_fields = (
            *READ_ONLY,
            "status",
            "cancel_reason",
            "uid",
            "sequence",
            "invitations_sent_at",
            "agenda_circulated_at",
        )


class AgendaItemSerializer(MeetingsRecordSerializer):
    position = serializers.IntegerField(
        required=False, min_value=1, help_text="Order on the agenda. Empty: after the last item."
    )

    class Meta:
        model = AgendaItem
        fields = [*BASE, "meeting", "position", "title", "presenter", "minutes_allotted", "description"]
        read_only_fields = READ_ONLY


class AttendanceSerializer(MeetingsRecordSerializer):
    class Meta:
        model = Attendance
        fields = [*BASE, "meeting", "person", "organisation", "status", "level", "note"]
        read_only_fields = READ_ONLY


class MinutesSerializer(MeetingsRecordSerializer):
    class Meta:
        model = Minutes
        fields = [
            *BASE,
            "meeting",
            "revision",
            "text",
            "status",
            "circulated_at",
            "approved_at",
            "corrects",
            "correction_reason",
        ]
        read_only_fields = (
            *READ_ONLY,
            "revision",
            "status",
            "circulated_at",
            "approved_at",
            "corrects",
            "correction_reason",
        )


class ChairRowSerializer(serializers.Serializer):
    """One organisation (and person) a chair-selection decision names."""

    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, allow_null=True
    )
    role = serializers.ChoiceField(choices=ChairRole.choices, required=False, default=ChairRole.CO_CHAIR)


class TallySerializer(serializers.Serializer):
    """Where a decision stands now by its method's rule, why, and the members' positions counted."""

    status = serializers.CharField(help_text="open, adopted or not_adopted.")
    explanation = serializers.CharField()
    agree = serializers.IntegerField()
    stand_aside = serializers.IntegerField()
    object = serializers.IntegerField()
    no_response = serializers.IntegerField()


@extend_schema_serializer(component_name="BodyDecision")  # "Decision…" names the nominations' request
class DecisionSerializer(MeetingsRecordSerializer):
    """A decision, its chair selections and its tally: the status now by its method's rule, why, and the
    counts. Lists (context `brief`) leave the tally null, so a page of decisions costs no query per row."""

    chairs = ChairRowSerializer(
        many=True,
        required=False,
        source="chair_selections",
        help_text="Subject select_chairs: the organisations (and persons) selected. Set when proposing.",
    )
    tally = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            *BASE,
            "body",
            "meeting",
            "method",
            "subject",
            "title",
            "text",
            "deadline",
            "target_body",
            "minutes",
            "override_reason",
            "status",
            "decided_at",
            "outcome",
            "chairs",
            "tally",
        ]
        read_only_fields = (*READ_ONLY, "status", "decided_at", "outcome")
        extra_kwargs = {
            "body": {"required": False, "help_text": "Empty for a consensus decision: the meeting's body."}
        }

    @extend_schema_field(TallySerializer(allow_null=True))
    def get_tally(self, obj):
        if self.context.get("brief"):
            return None
        outcome = services.decision_tally(obj)
        return {
            "status": outcome.status,
            "explanation": outcome.explanation,
            "agree": outcome.agree,
            "stand_aside": outcome.stand_aside,
            "object": outcome.object,
            "no_response": outcome.no_response,
        }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is not None and "chair_selections" in attrs:
            raise serializers.ValidationError(
                {
                    "chairs": _(
                        "The chairs are named when the decision is proposed. Withdraw it and propose a new one."
                    )
                }
            )
        network = attrs.get("network")
        for row in attrs.get("chair_selections") or []:
            for item in (row.get("organisation"), row.get("person")):
                if network is not None and item is not None and item.network_id != network.pk:
                    raise serializers.ValidationError(
                        {"chairs": _("This record belongs to another network.")}
                    )
        return attrs


class PositionSerializer(MeetingsRecordSerializer):
    recorded_by = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)

    class Meta:
        model = Position
        fields = [*BASE, "decision", "organisation", "value", "reason", "recorded_by", "recorded_at"]
        read_only_fields = (*READ_ONLY, "recorded_by", "recorded_at")


class PositionRecordSerializer(serializers.Serializer):
    """Record an organisation's position on a decision. A second position replaces the first."""

    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    value = serializers.ChoiceField(choices=c.PositionValue.choices)
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Needed for an objection."
    )


class MemberPositionSerializer(serializers.Serializer):
    """A member organisation of the body and its position (null while it has not answered)."""

    organisation = serializers.IntegerField(source="organisation.pk", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    organisation_acronym = serializers.CharField(source="organisation.acronym", read_only=True)
    value = serializers.ChoiceField(
        choices=c.PositionValue.choices,
        source="position.value",
        read_only=True,
        allow_null=True,
        default=None,
    )
    reason = serializers.CharField(source="position.reason", read_only=True, allow_null=True, default=None)
    recorded_by = serializers.EmailField(
        source="position.recorded_by.email", read_only=True, allow_null=True, default=None
    )
    recorded_at = serializers.DateTimeField(
        source="position.recorded_at", read_only=True, allow_null=True, default=None
    )
    can_record = serializers.BooleanField(
        read_only=True, help_text="Whether you may record this organisation's position now."
    )


class ActionPointSerializer(MeetingsRecordSerializer):
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = ActionPoint
        fields = [
            *BASE,
            "body",
            "meeting",
            "decision",
            "title",
            "description",
            "owner_organisation",
            "owner_person",
            "due_date",
            "status",
            "completed_on",
            "is_overdue",
        ]
        read_only_fields = (*READ_ONLY, "completed_on")
        extra_kwargs = {
            "body": {"required": False, "help_text": "Empty: the body of the meeting or decision."}
        }


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class RequiredReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)
