"""List tables (django-tables2): dense, sortable, each row linking to its record."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import (
    Body,
    ChairTerm,
    Membership,
    Nomination,
    Organisation,
    Person,
    Representative,
    RoleAssignment,
    TermsOfReference,
    ThematicArea,
)

ATTRS = {"class": "table table-sm table-hover align-middle"}


class OrganisationTable(tables.Table):
    name = tables.Column(linkify=True)
    acronym = tables.Column()
    kind = tables.Column()
    consortium = tables.Column(verbose_name=_("Consortium"))

    class Meta:
        model = Organisation
        fields = ("name", "acronym", "kind", "consortium", "country")
        attrs = ATTRS
        empty_text = _("No organisations match. Clear the search or add one.")


class PersonTable(tables.Table):
    full_name = tables.Column(linkify=True)

    class Meta:
        model = Person
        fields = ("full_name", "position", "organisation", "email")
        attrs = ATTRS
        empty_text = _("No people match. Clear the search or add someone.")


class BodyTable(tables.Table):
    name = tables.Column(linkify=True)
    member_count = tables.Column(verbose_name=_("Members"), orderable=True)

    class Meta:
        model = Body
        fields = (
            "name",
            "kind",
            "required_level",
            "cadence",
            "member_count",
            "established_on",
            "abolished_on",
        )
        attrs = ATTRS
        empty_text = _("No bodies yet. The plenary and each TWG are bodies: add the first.")


class MembershipTable(tables.Table):
    organisation = tables.Column(linkify=lambda record: record.get_absolute_url())
    body = tables.Column(linkify=lambda record: record.body.get_absolute_url())

    class Meta:
        model = Membership
        fields = ("organisation", "body", "kind", "status", "start_date", "end_date")
        attrs = ATTRS
        empty_text = _("No memberships match.")


class RepresentativeTable(tables.Table):
    person = tables.Column(linkify=lambda record: record.get_absolute_url())
    organisation = tables.Column(accessor="membership__organisation", verbose_name=_("Organisation"))
    body = tables.Column(accessor="membership__body", verbose_name=_("Body"))

    class Meta:
        model = Representative
        fields = ("person", "organisation", "body", "role", "level", "start_date", "end_date")
        attrs = ATTRS
        empty_text = _("No representatives match.")


class ChairTermTable(tables.Table):
    body = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta:
        model = ChairTerm
        fields = ("body", "role", "organisation", "person", "start_date", "end_date")
        attrs = ATTRS
        empty_text = _("No chair terms recorded.")


class NominationTable(tables.Table):
    person = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta:
        model = Nomination
        fields = ("person", "consortium", "body", "status", "nominated_on", "decided_on")
        attrs = ATTRS
        empty_text = _("No nominations.")


class RoleAssignmentTable(tables.Table):
    user = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta:
        model = RoleAssignment
        fields = ("user", "role", "organisation", "body")
        attrs = ATTRS
        empty_text = _("Nobody has a role yet.")


class TermsTable(tables.Table):
    title = tables.Column(linkify=True)

    class Meta:
        model = TermsOfReference
        fields = ("number", "title", "adopted_on")
        attrs = ATTRS
        empty_text = _("No Terms of Reference recorded.")


class ThematicAreaTable(tables.Table):
    name = tables.Column(linkify=lambda record: record.get_absolute_url())
    body_count = tables.Column(verbose_name=_("Bodies"))

    class Meta:
        model = ThematicArea
        fields = ("name", "description", "body_count")
        attrs = ATTRS
        empty_text = _("No thematic areas yet.")
