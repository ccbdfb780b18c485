"""Forms of the network app. Labels say what to type; choices are limited to what the user may pick."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mignet.core.choices import Role
from mignet.core.forms import RecordForm
from mignet.core.policy import fields_reserved_for_secretariat, principal

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


class SecretariatFieldsMixin:
    """Fields the policy reserves for the secretariat are not offered to anyone else."""

    def limit_for_role(self) -> bool:
        """Drop the reserved fields; True when the user is not the secretariat."""
        network_id = getattr(self.network, "pk", None)
        reserved = fields_reserved_for_secretariat(self.user, self._meta.model, network_id)
        for name in reserved:
            self.fields.pop(name, None)
        return not principal(self.user).is_secretariat(network_id)


class NetworkForm(RecordForm):
    mfa_required_roles = forms.MultipleChoiceField(
        label=_("Roles that must use two-factor sign-in"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Network
        fields = [
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
            "mfa_required_roles",
            "visibility",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = Organisation.objects.filter(network=self.instance)


class OrganisationForm(SecretariatFieldsMixin, RecordForm):
    class Meta:
        model = Organisation
        fields = [
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
            "visibility",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_for_role()


class PersonForm(SecretariatFieldsMixin, RecordForm):
    class Meta:
        model = Person
        fields = ["full_name", "position", "organisation", "email", "phone", "user", "visibility"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "user" in self.fields:  # accounts that hold a role in this network (or the one already linked)
            self.fields["user"].queryset = (
                self.fields["user"]
                .queryset.filter(
                    Q(role_assignments__network=self.network, role_assignments__deleted_at__isnull=True)
                    | Q(pk=self.instance.user_id or 0)
                )
                .distinct()
            )
        if self.limit_for_role():
            own = principal(self.user).organisation_ids(self.network.pk)
            self.fields["organisation"].queryset = self.fields["organisation"].queryset.filter(pk__in=own)
            self.fields["organisation"].required = True


class BodyForm(RecordForm):
    class Meta:
        model = Body
        fields = [
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
            "established_on",
            "abolished_on",
            "visibility",
        ]


class MembershipForm(SecretariatFieldsMixin, RecordForm):
    class Meta:
        model = Membership
        fields = ["body", "organisation", "kind", "status", "start_date", "end_date", "note", "visibility"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.limit_for_role():
            self.fields["body"].queryset = self.fields["body"].queryset.filter(
                pk__in=principal(self.user).chaired_body_ids(self.network.pk)
            )
            self.fields["body"].help_text = _("The secretariat confirms memberships proposed by a chair.")


class RepresentativeForm(SecretariatFieldsMixin, RecordForm):
    class Meta:
        model = Representative
        fields = ["membership", "person", "role", "level", "start_date", "end_date", "visibility"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = self.fields["membership"].queryset.select_related(
            "body", "organisation"
        )
        self.fields["level"].help_text = _(
            "The body states the level it expects; below it is shown on the home page."
        )
        if self.limit_for_role():
            own = principal(self.user).organisation_ids(self.network.pk, Role.MEMBER, Role.PARTNER)
            self.fields["membership"].queryset = self.fields["membership"].queryset.filter(
                organisation_id__in=own
            )
            self.fields["person"].queryset = self.fields["person"].queryset.filter(organisation_id__in=own)


class ChairTermForm(RecordForm):
    class Meta:
        model = ChairTerm
        fields = [
            "body",
            "organisation",
            "person",
            "role",
            "start_date",
            "end_date",
            "selection_note",
            "visibility",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].required = False
        self.fields["end_date"].help_text = _("Leave empty for the body's usual term (one year).")


class NominationForm(SecretariatFieldsMixin, RecordForm):
    class Meta:
        model = Nomination
        fields = ["consortium", "body", "person", "nominated_on", "note", "visibility"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consortium"].queryset = self.fields["consortium"].queryset.filter(
            kind=c.OrganisationKind.CSO_CONSORTIUM
        )
        if self.limit_for_role():
            own = principal(self.user).organisation_ids(self.network.pk, Role.PARTNER)
            self.fields["consortium"].queryset = self.fields["consortium"].queryset.filter(pk__in=own)


class DecisionForm(forms.Form):
    """Accept or decline a nomination or a proposed membership."""

    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Accept")), ("0", _("Decline"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note for the record"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class RoleAssignmentForm(RecordForm):
    email = forms.EmailField(
        label=_("E-mail address of the user"),
        help_text=_(
            "If nobody has an account with this address yet, one is created and they receive an e-mail to set a password."
        ),
    )

    class Meta:
        model = RoleAssignment
        fields = ["role", "organisation", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["email", "role", "organisation", "body"])
        self._style(self.fields["email"])
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email
            self.fields["email"].disabled = True


class TermsForm(RecordForm):
    network_objectives = forms.CharField(
        label=_("Network objectives"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One objective per line, in order: line 1 becomes N1, line 2 N2…"),
    )
    twg_objectives = forms.CharField(
        label=_("Technical Working Group objectives"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One objective per line, in order: line 1 becomes T1, line 2 T2…"),
    )

    class Meta:
        model = TermsOfReference
        fields = ["number", "title", "adopted_on", "text", "visibility"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        self.fields["number"].help_text = _("Leave empty for the next version number.")
        for name in ("network_objectives", "twg_objectives"):
            self._style(self.fields[name])
        if self.instance.pk:
            objectives = list(self.instance.objectives.order_by("number"))
            self.fields["network_objectives"].initial = "\n".join(
                o.text for o in objectives if o.scope == c.ObjectiveScope.NETWORK
            )
            self.fields["twg_objectives"].initial = "\n".join(
                o.text for o in objectives if o.scope == c.ObjectiveScope.TWG
            )

    def service_data(self) -> tuple[dict, dict]:
        data, m2m = super().service_data()
        data["objectives"] = {
            c.ObjectiveScope.NETWORK: [
                line.strip() for line in self.cleaned_data["network_objectives"].splitlines() if line.strip()
            ],
            c.ObjectiveScope.TWG: [
                line.strip() for line in self.cleaned_data["twg_objectives"].splitlines() if line.strip()
            ],
        }
        return data, m2m


class ThematicAreaForm(RecordForm):
    class Meta:
        model = ThematicArea
        fields = ["name", "description", "visibility"]
