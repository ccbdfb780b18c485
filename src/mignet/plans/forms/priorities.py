"""Forms of joint-programming priorities: propose or edit one, support it (or withdraw), promote it into a
draft plan, drop it with a reason."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mignet.core.choices import Role
from mignet.core.forms import RecordForm
from mignet.core.policy import principal
from mignet.network.models import Organisation

from ..models import JointPriority, Plan, Result


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        RecordForm._style(field)


class JointPriorityForm(RecordForm):
    """A joint research, advocacy or programme idea, proposed in a TWG."""

    class Meta:
        model = JointPriority
        fields = ["body", "kind", "title", "description", "proposed_by", "gcm_objectives", "visibility"]
        widgets = {"gcm_objectives": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ..selectors.priorities import proposing_bodies

        network_id = getattr(self.network, "pk", None)
        p = principal(self.user)
        self.fields["body"].queryset = proposing_bodies(user=self.user, network=self.network)
        self.fields["body"].help_text = _("The TWG it is proposed in.")
        if not p.is_secretariat(network_id):
            own = Organisation.objects.filter(pk__in=p.organisation_ids(network_id, Role.MEMBER)).order_by(
                "name"
            )
            self.fields["proposed_by"].queryset = own
            if len(own) == 1 and not self.instance.pk:
                self.fields["proposed_by"].initial = own[0].pk
        self.fields["proposed_by"].help_text = _("Your organisation, if it proposes it.")
        self.fields["gcm_objectives"].help_text = _("Needed before it can go into a plan.")


class SupportForm(forms.Form):
    """Which organisation supports (or withdraws its support)."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Organisation"))

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations is not None and len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
        _style(self)


class OutputChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.plan.title} — {obj.code} {obj.title}"


class PromoteForm(forms.Form):
    """Where the priority goes: a draft plan, one of its outputs, and the lead among the supporters."""

    plan = forms.ModelChoiceField(
        queryset=Plan.objects.none(), label=_("Plan"), help_text=_("A draft plan (or a plan under revision).")
    )
    output = OutputChoice(
        queryset=Result.objects.none(), label=_("Output"), help_text=_("An output of that plan.")
    )
    lead_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Lead organisation"),
        help_text=_("One of the supporting organisations; the others become partners."),
    )

    def __init__(self, *args, plans=None, outputs=None, supporters=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["output"].queryset = outputs
        self.fields["lead_organisation"].queryset = supporters
        _style(self)


class DropForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is dropped"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Kept in the priority's history."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
