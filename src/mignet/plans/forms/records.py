"""Forms of plans and their content: framework items, plans, results, activities, indicators, targets and
measurements. They parse and offer choices; the services in `plans.services.plans` decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mignet.core.forms import RecordForm
from mignet.network.models import Body, Organisation

from .. import choices as c
from ..models import Activity, FrameworkItem, Indicator, Measurement, Plan, Result, Target

MULTI = {"size": 6}


class FrameworkItemForm(RecordForm):
    class Meta:
        model = FrameworkItem
        fields = ["kind", "code", "title", "description", "source", "visibility"]


class PlanForm(RecordForm):
    """A plan's body, type, title, summary and period (its status is set by its steps)."""

    class Meta:
        model = Plan
        fields = ["body", "kind", "title", "summary", "start_date", "end_date", "visibility"]
        widgets = {"start_date": forms.DateInput, "end_date": forms.DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(network=self.network).filter(Body.active_q())
        if self.instance.pk:  # a plan stays with its body
            self.fields.pop("body")


def _plan_from(form, key: str = "plan"):
    """The plan a content form is about: the instance's, or the one posted, or the one in the link."""
    value = form.data.get(key) if form.is_bound else form.initial.get(key)
    if value in (None, ""):
        return None
    try:
        return Plan.objects.filter(network=form.network, pk=int(getattr(value, "pk", value))).first()
    except (TypeError, ValueError):
        return None


class ResultForm(RecordForm):
    """An outcome, or an output under one of the plan's outcomes; the code follows from its place."""

    class Meta:
        model = Result
        fields = ["plan", "level", "parent", "title", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a result stays where it is in the tree
            for name in ("plan", "level", "parent"):
                self.fields.pop(name)
            return
        self.fields["plan"].queryset = Plan.objects.filter(network=self.network, status=c.PlanStatus.DRAFT)
        plan = _plan_from(self)
        outcomes = Result.objects.filter(network=self.network, level=c.ResultLevel.OUTCOME)
        self.fields["parent"].queryset = outcomes.filter(plan=plan) if plan is not None else outcomes.none()
        self.fields["parent"].help_text = _("For an output: the outcome of this plan it contributes to.")
        if not self.is_bound and self.initial.get("parent") and not self.initial.get("level"):
            self.initial["level"] = c.ResultLevel.OUTPUT

    def clean(self):
        data = super().clean()
        if (
            data.get("level") == c.ResultLevel.OUTPUT
            and not data.get("parent")
            and "parent" not in self.errors
        ):
            self.add_error("parent", _("An output must belong to an outcome."))
        return data


class ActivityForm(RecordForm):
    """Everything an activity carries (issue 4 item 3). A member focal point names their own organisation
    as the lead; the dates must fall within the plan's period."""

    class Meta:
        model = Activity
        fields = [
            "output",
            "title",
            "description",
            "lead_organisation",
            "partners",
            "body",
            "gcm_objectives",
            "guiding_principles",
            "sdg_targets",
            "unsdcf_outcome",
            "government_priority",
            "thematic_areas",
            "districts",
            "national",
            "start_date",
            "end_date",
            "budget_required",
            "budget_available",
            "budget_spent",
            "funding_source",
            "status",
            "gender_marker",
            "gender_justification",
            "human_rights_marker",
            "human_rights_justification",
            "joint_programme",
            "joint_priority",
            "visibility",
        ]
        widgets = {
            "start_date": forms.DateInput,
            "end_date": forms.DateInput,
            "partners": forms.SelectMultiple(attrs=MULTI),
            "gcm_objectives": forms.SelectMultiple(attrs=MULTI),
            "guiding_principles": forms.SelectMultiple(attrs=MULTI),
            "sdg_targets": forms.SelectMultiple(attrs=MULTI),
            "thematic_areas": forms.SelectMultiple(attrs=MULTI),
            "districts": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        from ..selectors.records import lead_organisation_ids

        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(network=self.network).order_by("name")
        own = lead_organisation_ids(user=self.user, network=self.network) if self.user is not None else None
        lead = organisations if own is None else organisations.filter(pk__in=own)
        self.fields["lead_organisation"].queryset = lead
        self.fields["partners"].queryset = organisations
        self.fields["body"].queryset = Body.objects.filter(network=self.network).filter(Body.active_q())
        self.fields["gcm_objectives"].required = True
        self.fields["gcm_objectives"].help_text = _("At least one.")
        self.fields["sdg_targets"].help_text = _("At most 10.")
        self.fields["sdg_targets"].queryset = self.fields["sdg_targets"].queryset.select_related("goal")
        items = FrameworkItem.objects.filter(network=self.network)
        self.fields["unsdcf_outcome"].queryset = items.filter(kind=c.FrameworkKind.UNSDCF_OUTCOME)
        self.fields["government_priority"].queryset = items.filter(kind=c.FrameworkKind.GOVERNMENT_PRIORITY)
        if self.instance.pk:  # an activity stays under its output
            self.fields.pop("output")
        else:
            self.fields["output"].queryset = (
                Result.objects.filter(
                    network=self.network, level=c.ResultLevel.OUTPUT, plan__status=c.PlanStatus.DRAFT
                )
                .select_related("plan")
                .order_by("plan__title", "code")
            )
            self.fields["output"].label_from_instance = lambda r: f"{r.plan} — {r}"

    def clean(self):
        data = super().clean()
        output = data.get("output")
        if output is not None and not self.instance.plan_id:
            self.instance.plan = output.plan  # so the model checks the dates against the plan's period
        return data


class IndicatorForm(RecordForm):
    """An indicator of one result or one activity: unit, direction, baseline and disaggregation."""

    disaggregation = forms.MultipleChoiceField(
        label=_("Disaggregated by"),
        choices=c.Disaggregation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Measurements may then be given by these."),
    )

    class Meta:
        model = Indicator
        fields = [
            "result",
            "activity",
            "code",
            "name",
            "unit",
            "direction",
            "baseline_value",
            "baseline_year",
            "disaggregation",
            "gcm_objectives",
            "means_of_verification",
        ]
        widgets = {"gcm_objectives": forms.SelectMultiple(attrs=MULTI)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disaggregation"].widget.attrs.pop("class", None)
        if self.instance.pk:  # an indicator stays with what it measures
            self.fields.pop("result")
            self.fields.pop("activity")
            return
        draft = {"network": self.network, "plan__status": c.PlanStatus.DRAFT}
        self.fields["result"].queryset = (
            Result.objects.filter(**draft).select_related("plan").order_by("plan", "code")
        )
        self.fields["activity"].queryset = (
            Activity.objects.filter(**draft).select_related("plan").order_by("plan", "code")
        )
        self.fields["result"].help_text = _("An outcome or output, or else the activity below.")

    def clean(self):
        data = super().clean()
        owner = data.get("result") or data.get("activity")
        if data.get("result") and data.get("activity"):
            self.add_error("activity", _("Attach the indicator to one result or to one activity, not both."))
        elif owner is None and not self.errors.get("result"):
            self.add_error("result", _("Attach the indicator to one result or to one activity."))
        elif owner is not None and not self.instance.plan_id:
            self.instance.plan = owner.plan
        return data


class TargetForm(RecordForm):
    """An indicator's target for a year (2026) or a quarter (2026-Q2)."""

    class Meta:
        model = Target
        fields = ["indicator", "period", "value"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].help_text = _("A year (2026) or a quarter (2026-Q2).")
        if self.instance.pk:
            self.fields.pop("indicator")
        else:
            self.fields["indicator"].queryset = Indicator.objects.filter(network=self.network).order_by(
                "plan", "code"
            )


class MeasurementForm(RecordForm):
    """A value of an indicator for a period, with its source; a disaggregated value names its group."""

    class Meta:
        model = Measurement
        fields = [
            "indicator",
            "period",
            "value",
            "source",
            "means_of_verification",
            "sex",
            "age_group",
            "migrant_status",
            "district",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].help_text = _("A year (2026) or a quarter (2026-Q2).")
        self.fields["sex"].help_text = _("Leave the groups empty for the total.")
        if self.instance.pk:
            self.fields.pop("indicator")
        else:
            self.fields["indicator"].queryset = Indicator.objects.filter(network=self.network).order_by(
                "plan", "code"
            )
