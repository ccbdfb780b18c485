"""Forms of impediments: raise or edit one (a chair for their body, a focal point for their organisation,
against the network's activities), and take its next step."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mignet.core.choices import Role
from mignet.core.forms import RecordForm
from mignet.core.models import GovernmentBody
from mignet.core.policy import principal
from mignet.network.models import Body, Organisation

from ..models import Activity, Impediment


class ActivityChoices(forms.ModelMultipleChoiceField):
    """Activities shown as "1.1.2 Orientation sessions in Sylhet"."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.code} {obj.title}"


class ImpedimentForm(RecordForm):
    """What is in the way, who raises it and which activities it holds up."""

    activities = ActivityChoices(
        queryset=Activity.objects.none(),
        required=False,
        label=_("Activities affected"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The activities this impediment holds up, by code."),
    )

    class Meta:
        model = Impediment
        fields = [
            "title",
            "description",
            "category",
            "severity",
            "raised_by_body",
            "raised_by_organisation",
            "activities",
            "visibility",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ..selectors.impediments import activities_offered

        self.fields["activities"].queryset = activities_offered(
            network=self.network, impediment=self.instance
        )
        self.fields["activities"].widget.attrs["class"] = "form-select"
        network_id = getattr(self.network, "pk", None)
        p = principal(self.user)
        bodies = Body.objects.filter(network=self.network).order_by("name")
        organisations = Organisation.objects.filter(network=self.network).order_by("name")
        if not p.is_secretariat(network_id):
            # A chair raises for the body they chair; a focal point for their own organisation.
            bodies = bodies.filter(pk__in=p.chaired_body_ids(network_id))
            organisations = organisations.filter(pk__in=p.organisation_ids(network_id, Role.MEMBER))
        self.fields["raised_by_body"].queryset = bodies
        self.fields["raised_by_organisation"].queryset = organisations
        self.fields["raised_by_body"].help_text = _("The TWG or body raising it (its chair raises it).")
        self.fields["raised_by_organisation"].help_text = _(
            "Or the organisation raising it (its focal point raises it)."
        )


class EscalateForm(forms.Form):
    """The next step of an impediment: where it goes, why, and for the Government the body raised with."""

    to_stage = forms.ChoiceField(label=_("Next step"), widget=forms.RadioSelect)
    government_body = forms.ModelChoiceField(
        queryset=GovernmentBody.objects.none(),
        required=False,
        label=_("Government body"),
        help_text=_("Needed when the Network raises it with the Government."),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    note = forms.CharField(
        label=_("Why"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_("Why it moves: what the Network should do, or how it was resolved."),
    )

    def __init__(self, *args, choices=(), network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [(s.value, s.label) for s in choices]
        if len(choices) == 1:
            self.fields["to_stage"].initial = choices[0].value
        bodies = GovernmentBody.objects.order_by("name")
        country = str(getattr(network, "country", "") or "")
        if country and bodies.filter(country=country).exists():
            bodies = bodies.filter(country=country)
        self.fields["government_body"].queryset = bodies
