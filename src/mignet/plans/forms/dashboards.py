"""Forms of the dashboards: the filters (plan, body, year, measure), the duplication view's threshold and
"unreviewed only", and a TWG chair's verdict on a flagged pair."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import choices as c
from ..selectors.dashboards import MAX_THRESHOLD, MIN_THRESHOLD, DashboardFilters, plan_years

MEASURES = [("count", _("Number of activities")), ("budget", _("Budget required (USD)"))]


def _style(form: forms.Form) -> None:
    for name, field in form.fields.items():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        if isinstance(field.widget, forms.CheckboxInput):
            css = "form-check-input"
        field.widget.attrs.setdefault("class", css)
        if form.is_bound and name in form.errors:
            field.widget.attrs["class"] += " is-invalid"
            field.widget.attrs["aria-invalid"] = "true"


class DashboardFilterForm(forms.Form):
    """The dashboard's filters; unknown plans, bodies or years get a message on the field."""

    plan = forms.TypedChoiceField(label=_("Plan"), required=False, coerce=int, empty_value=None)
    body = forms.TypedChoiceField(label=_("Body"), required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    measure = forms.ChoiceField(label=_("Heatmap cells show"), required=False, choices=MEASURES)

    def __init__(self, data=None, *, plans, bodies, **kwargs):
        super().__init__(data, **kwargs)
        self.plans = {p.pk: p for p in plans}
        self.bodies = {b.pk: b for b in bodies}
        self.fields["plan"].choices = [("", _("All approved plans"))] + [
            (p.pk, f"{p.title} ({p.get_status_display()})") for p in plans
        ]
        self.fields["body"].choices = [("", _("All bodies"))] + [(b.pk, b.name) for b in bodies]
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in plan_years(plans)]
        _style(self)

    def filters(self) -> DashboardFilters:
        """The valid filters (call after is_valid; an invalid form filters nothing)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return DashboardFilters(
            plan=self.plans.get(data.get("plan")),
            body=self.bodies.get(data.get("body")),
            year=data.get("year"),
            measure=data.get("measure") or "count",
        )


class DuplicateFilterForm(DashboardFilterForm):
    """The duplication view's filters: those of the dashboard, the threshold and "unreviewed only"."""

    threshold = forms.FloatField(
        label=_("Similarity threshold"),
        required=False,
        min_value=MIN_THRESHOLD,
        max_value=MAX_THRESHOLD,
        help_text=_("From 0.1 (flag loosely similar pairs) to 0.95 (only near-identical texts)."),
        widget=forms.NumberInput(attrs={"step": "0.05"}),
    )
    unreviewed = forms.BooleanField(label=_("Unreviewed pairs only"), required=False)

    def __init__(self, *args, default_threshold: float, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["measure"]
        self.fields["threshold"].widget.attrs["placeholder"] = f"{default_threshold:.2f}"
        self.default_threshold = default_threshold

    def threshold_value(self) -> float:
        if self.is_bound and self.is_valid() and self.cleaned_data.get("threshold") is not None:
            return self.cleaned_data["threshold"]
        return self.default_threshold

    def unreviewed_only(self) -> bool:
        return bool(self.is_bound and self.is_valid() and self.cleaned_data.get("unreviewed"))


class DuplicateReviewForm(forms.Form):
    """A verdict on one flagged pair, with a note."""

    first = forms.IntegerField(widget=forms.HiddenInput)
    second = forms.IntegerField(widget=forms.HiddenInput)
    verdict = forms.ChoiceField(
        label=_("Verdict"), choices=c.DuplicateVerdict.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why: e.g. different target groups, or which organisation will lead."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].widget.attrs["class"] = "form-control"
        self.fields["verdict"].widget.attrs["class"] = "form-check-input"
