"""Forms of quarterly progress reports: one row per activity (a formset), with the quarter's measurement of
each of the activity's indicators, and the report's overall narrative."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mignet.core.forms import RecordForm

from .. import choices as c

PERCENT_ERRORS = {
    "min_value": _("Give a percentage from 0 to 100."),
    "max_value": _("Give a percentage from 0 to 100."),
    "invalid": _("Give a whole number from 0 to 100."),
    "required": _("Give the percentage complete (0 to 100)."),
}
MONEY_ERRORS = {
    "min_value": _("Give an amount in USD of 0 or more."),
    "invalid": _("Give an amount in USD, e.g. 12500.50."),
    "required": _("Give the amount spent to date in USD (0 if nothing)."),
    "max_digits": _("This amount is too large."),
    "max_decimal_places": _("Give at most 2 decimals."),
}


class ProgressLineForm(forms.Form):
    """One activity's line: status, percent complete, spent to date, narrative, and for each indicator of the
    activity the quarter's value, its source and means of verification."""

    activity = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=c.ActivityStatus.choices)
    percent_complete = forms.IntegerField(
        label=_("Percent complete"), min_value=0, max_value=100, error_messages=PERCENT_ERRORS
    )
    spent_to_date = forms.DecimalField(
        label=_("Spent to date (USD)"),
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        error_messages=MONEY_ERRORS,
    )
    narrative = forms.CharField(
        label=_("What happened this quarter"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, row=None, **kwargs):
        self.row = row
        super().__init__(*args, **kwargs)
        self.indicator_fields = []
        for indicator in row.activity.live_indicators if row is not None else []:
            names = (f"m{indicator.pk}_value", f"m{indicator.pk}_source", f"m{indicator.pk}_mov")
            self.fields[names[0]] = forms.DecimalField(
                label=_("Value (%(unit)s)") % {"unit": indicator.unit},
                required=False,
                max_digits=16,
                decimal_places=2,
                error_messages={"invalid": _("Give a number, e.g. 250.")},
            )
            self.fields[names[1]] = forms.CharField(label=_("Source"), required=False, max_length=300)
            self.fields[names[2]] = forms.CharField(
                label=_("Means of verification"), required=False, max_length=300
            )
            self.indicator_fields.append((indicator, [self[n] for n in names]))
        for field in self.fields.values():
            RecordForm._style(field)
        if self.is_bound is False and row is not None:
            self.initial.setdefault("activity", row.activity.pk)

    def clean_activity(self):
        value = self.cleaned_data["activity"]
        if self.row is not None and value != self.row.activity.pk:
            raise ValidationError(_("The list of activities has changed; open the report again."))
        return value

    def line(self):
        """The typed line as the service takes it."""
        from ..services.progress import LineInput, MeasurementInput

        data = self.cleaned_data
        return LineInput(
            activity=self.row.activity,
            status=data["status"],
            percent_complete=data["percent_complete"],
            spent_to_date=data["spent_to_date"],
            narrative=data.get("narrative", ""),
            measurements=[
                MeasurementInput(
                    indicator=indicator,
                    value=data.get(f"m{indicator.pk}_value"),
                    source=data.get(f"m{indicator.pk}_source", ""),
                    means_of_verification=data.get(f"m{indicator.pk}_mov", ""),
                )
                for indicator, _fields in self.indicator_fields
            ],
        )


class BaseProgressFormSet(forms.BaseFormSet):
    """The rows of a report, one per activity due, in the order the selector gives."""

    def __init__(self, *args, rows=(), **kwargs):
        self.rows = list(rows)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["row"] = self.rows[index] if index is not None and index < len(self.rows) else None
        return kwargs

    def clean(self):
        if self.total_form_count() != len(self.rows):
            raise ValidationError(_("The list of activities has changed; open the report again."))


ProgressFormSet = forms.formset_factory(
    ProgressLineForm, formset=BaseProgressFormSet, extra=0, max_num=1000, absolute_max=1000
)


def initial_rows(rows) -> list[dict]:
    """Each row's saved values (or the activity's current ones for a line not yet written)."""
    initial = []
    for row in rows:
        source = row.update
        values = {
            "activity": row.activity.pk,
            "status": source.status if source else row.activity.status,
            "percent_complete": source.percent_complete if source else row.activity.percent_complete,
            "spent_to_date": source.spent_to_date if source else row.activity.budget_spent,
            "narrative": source.narrative if source else "",
        }
        for indicator_id, m in row.measurements.items():
            values[f"m{indicator_id}_value"] = m.value
            values[f"m{indicator_id}_source"] = m.source
            values[f"m{indicator_id}_mov"] = m.means_of_verification
        initial.append(values)
    return initial


class ReportSummaryForm(forms.Form):
    """The report's overall narrative."""

    summary = forms.CharField(
        label=_("Overall narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: highlights, challenges and plans for next quarter across your activities."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            RecordForm._style(field)


class OverviewForm(forms.Form):
    """Which plan and quarter the overview shows."""

    plan = forms.TypedChoiceField(label=_("Plan"), coerce=int, required=False)
    period = forms.RegexField(
        label=_("Quarter"),
        regex=r"^\d{4}-Q[1-4]$",
        required=False,
        error_messages={"invalid": _("Write a quarter such as 2026-Q2.")},
    )

    def __init__(self, *args, plans=(), periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(p.pk, str(p)) for p in plans]
        self.fields["period"].widget = forms.Select(choices=[(p, p) for p in periods])
        for field in self.fields.values():
            RecordForm._style(field)


class ReopenForm(forms.Form):
    """Why a submitted report is reopened (kept in its history)."""

    reason = forms.CharField(
        label=_("Why reopen it"), max_length=100, widget=forms.TextInput(attrs={"class": "form-control"})
    )
