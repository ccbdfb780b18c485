"""One FilterSet per model, serving both the HTML list and the API list."""

from __future__ import annotations

import django_filters as df
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mignet.core.choices import Role
from mignet.core.filters import RecordFilter, StyledFilterSet

from . import choices as c
from .models import (
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
)


def _scoped(model):
    """Choices limited to the network of the page (HTML) or left open (API: filtered by the selector)."""

    def queryset(request):
        qs = model.objects.all()
        network = getattr(request, "network", None) if request is not None else None
        return qs.filter(network=network) if network is not None else qs

    return queryset


class NetworkFilter(StyledFilterSet):
    q = df.CharFilter(method="search", label=_("Search"))
    level = df.ChoiceFilter(choices=c.NetworkLevel.choices)
    country = df.CharFilter(field_name="country", lookup_expr="iexact", label=_("Country (ISO code)"))

    class Meta:
        model = Network
        fields = ["q", "level", "country"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(short_name__icontains=value) | Q(slug__iexact=value)
        )


class OrganisationFilter(RecordFilter):
    search_fields = ("name", "acronym", "description")
    kind = df.ChoiceFilter(choices=c.OrganisationKind.choices, label=_("Kind"))
    body = df.ModelChoiceFilter(
        queryset=_scoped(Body), field_name="memberships__body", label=_("Member of"), distinct=True
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "body", "network", "visibility"]


class PersonFilter(RecordFilter):
    search_fields = ("full_name", "position", "email", "organisation__name", "organisation__acronym")
    organisation = df.ModelChoiceFilter(queryset=_scoped(Organisation), label=_("Organisation"))

    class Meta:
        model = Person
        fields = ["q", "organisation", "network", "visibility"]


class BodyFilter(RecordFilter):
    search_fields = ("name", "short_name", "mandate")
    kind = df.ChoiceFilter(choices=c.BodyKind.choices, label=_("Kind"))
    active = df.BooleanFilter(method="filter_active", label=_("Active"))

    class Meta:
        model = Body
        fields = ["q", "kind", "active", "network", "visibility"]

    def filter_active(self, queryset, name, value):
        if value is None:
            return queryset
        condition = Body.active_q()
        return queryset.filter(condition) if value else queryset.exclude(condition)


class MembershipFilter(RecordFilter):
    search_fields = ("organisation__name", "organisation__acronym", "body__name")
    body = df.ModelChoiceFilter(queryset=_scoped(Body), label=_("Body"))
    organisation = df.ModelChoiceFilter(queryset=_scoped(Organisation), label=_("Organisation"))
    status = df.ChoiceFilter(choices=c.MembershipStatus.choices, label=_("Status"))

    class Meta:
        model = Membership
        fields = ["q", "body", "organisation", "status", "kind", "network", "visibility"]


class RepresentativeFilter(RecordFilter):
    search_fields = ("person__full_name", "membership__organisation__name", "membership__body__name")
    body = df.ModelChoiceFilter(queryset=_scoped(Body), field_name="membership__body", label=_("Body"))
    organisation = df.ModelChoiceFilter(
        queryset=_scoped(Organisation), field_name="membership__organisation", label=_("Organisation")
    )
    level = df.ChoiceFilter(choices=c.ParticipationLevel.choices, label=_("Participation level"))

    class Meta:
        model = Representative
        fields = ["q", "body", "organisation", "role", "level", "network", "visibility"]


class ChairTermFilter(RecordFilter):
    search_fields = ("organisation__name", "person__full_name", "body__name")
    body = df.ModelChoiceFilter(queryset=_scoped(Body), label=_("Body"))
    organisation = df.ModelChoiceFilter(queryset=_scoped(Organisation), label=_("Organisation"))

    class Meta:
        model = ChairTerm
        fields = ["q", "body", "organisation", "role", "network", "visibility"]


class NominationFilter(RecordFilter):
    search_fields = ("person__full_name", "consortium__name", "body__name")
    status = df.ChoiceFilter(choices=c.NominationStatus.choices, label=_("Status"))
    body = df.ModelChoiceFilter(queryset=_scoped(Body), label=_("Body"))

    class Meta:
        model = Nomination
        fields = ["q", "status", "body", "consortium", "network", "visibility"]


class RoleAssignmentFilter(RecordFilter):
    search_fields = ("user__email", "user__full_name")
    role = df.ChoiceFilter(choices=Role.choices, label=_("Role"))

    class Meta:
        model = RoleAssignment
        fields = ["q", "role", "network"]


class TermsFilter(RecordFilter):
    search_fields = ("title", "text")

    class Meta:
        model = TermsOfReference
        fields = ["q", "network"]


class ThematicAreaFilter(RecordFilter):
    search_fields = ("name", "description")

    class Meta:
        model = ThematicArea
        fields = ["q", "network", "visibility"]
