"""API serializers of the network app: they present and validate; services write."""

from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from mignet.core.api.base import RecordSerializer

from ..models import (
    Body,
    ChairTerm,
    Membership,
    Network,
    Nomination,
    Organisation,
    Person,
    Representative,
    RoleAssignment,
    TermsOfReference,
    ThematicArea,
    ToRObjective,
)

BASE = RecordSerializer.base_fields


class NetworkSerializer(CountryFieldMixin, serializers.ModelSerializer):
    coordinator = serializers.PrimaryKeyRelatedField(read_only=True)
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Network
        fields = [
            "id",
            "slug",
            "name",
            "short_name",
            "level",
            "country",
            "region",
            "time_zone",
            "coordinator",
            "established_on",
            "description",
            "chair_rotation_rule",
            "visibility",
            "version",
        ]
        read_only_fields = ["id", "slug"]


class OrganisationSerializer(RecordSerializer):
    class Meta:
        model = Organisation
        fields = [
            *BASE,
            "name",
            "acronym",
            "kind",
            "un_entity",
            "government_body",
            "stakeholder_category",
            "consortium",
            "country",
            "website",
            "email",
            "phone",
            "description",
        ]
        read_only_fields = RecordSerializer.read_only_fields


class PersonSerializer(RecordSerializer):
    class Meta:
        model = Person
        fields = [*BASE, "full_name", "position", "organisation", "email", "phone"]
        read_only_fields = RecordSerializer.read_only_fields


class BodySerializer(RecordSerializer):
    class Meta:
        model = Body
        fields = [
            *BASE,
            "name",
            "short_name",
            "kind",
            "parent",
            "mandate",
            "required_level",
            "cadence",
            "chair_arrangement",
            "chair_term_months",
            "chair_selection",
            "membership_rule",
            "thematic_areas",
            "district",
            "status",
            "established_on",
            "abolished_on",
        ]
        read_only_fields = (*RecordSerializer.read_only_fields, "status")


class MembershipSerializer(RecordSerializer):
    class Meta:
        model = Membership
        fields = [*BASE, "body", "organisation", "kind", "status", "start_date", "end_date", "note"]
        read_only_fields = RecordSerializer.read_only_fields


class RepresentativeSerializer(RecordSerializer):
    class Meta:
        model = Representative
        fields = [*BASE, "membership", "person", "role", "level", "start_date", "end_date"]
        read_only_fields = RecordSerializer.read_only_fields


class ChairTermSerializer(RecordSerializer):
    end_date = serializers.DateField(
        required=False, help_text="Empty: the body's term length from start_date."
    )

    class Meta:
        model = ChairTerm
        fields = [*BASE, "body", "organisation", "person", "role", "start_date", "end_date", "selection_note"]
        read_only_fields = RecordSerializer.read_only_fields


class NominationSerializer(RecordSerializer):
    class Meta:
        model = Nomination
        fields = [*BASE, "consortium", "body", "person", "status", "nominated_on", "decided_on", "note"]
        read_only_fields = (*RecordSerializer.read_only_fields, "status", "decided_on")


class DecisionSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class RoleAssignmentSerializer(RecordSerializer):
    user = serializers.SlugRelatedField(
        slug_field="email", queryset=RoleAssignment._meta.get_field("user").related_model.objects.all()
    )

    class Meta:
        model = RoleAssignment
        fields = [*BASE, "user", "role", "organisation", "body"]
        read_only_fields = RecordSerializer.read_only_fields


class ToRObjectiveSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)

    class Meta:
        model = ToRObjective
        fields = ["id", "code", "scope", "number", "text"]


class TermsSerializer(RecordSerializer):
    objectives = ToRObjectiveSerializer(many=True, read_only=True)
    number = serializers.IntegerField(required=False)

    class Meta:
        model = TermsOfReference
        fields = [*BASE, "number", "title", "adopted_on", "text", "objectives"]
        read_only_fields = RecordSerializer.read_only_fields


class ThematicAreaSerializer(RecordSerializer):
    class Meta:
        model = ThematicArea
        fields = [*BASE, "name", "description"]
        read_only_fields = RecordSerializer.read_only_fields
