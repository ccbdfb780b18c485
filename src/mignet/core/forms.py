"""Form base: scopes every choice list to the current network, carries the optimistic `version`,
and renders with Bootstrap classes (GOV.UK patterns: error summary, message beside the field)."""

from __future__ import annotations

from django import forms
from django.db import models


class RecordForm(forms.ModelForm):
    """ModelForm for a network-scoped record. `version` round-trips so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, network=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.user = user
        if network is not None and hasattr(self.instance, "network_id") and not self.instance.network_id:
            self.instance.network = network
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        if user is not None:  # fields the policy reserves for the secretariat are not offered to others
            from .policy import fields_reserved_for_secretariat

            network_id = getattr(network, "pk", None)
            for name in fields_reserved_for_secretariat(user, self._meta.model, network_id):
                self.fields.pop(name, None)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                related = field.queryset.model
                if network is not None and any(f.name == "network" for f in related._meta.fields):
                    field.queryset = field.queryset.filter(network=network)
            self._style(field)

    @staticmethod
    def _style(field: forms.Field) -> None:
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            return
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
        if isinstance(widget, forms.DateInput):
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"
        if isinstance(widget, forms.Textarea):
            widget.attrs.setdefault("rows", 4)

    def service_data(self) -> tuple[dict, dict]:
        """(field values, many-to-many values) to hand to a service."""
        data, m2m = {}, {}
        for name in self._meta.fields:
            if name not in self.cleaned_data:
                continue
            field = self.instance._meta.get_field(name)
            (m2m if isinstance(field, models.ManyToManyField) else data)[name] = self.cleaned_data[name]
        return data, m2m


class DeleteForm(forms.Form):
    """Confirm a deletion; the reason goes into history."""

    reason = forms.CharField(
        required=False, max_length=300, widget=forms.TextInput(attrs={"class": "form-control"})
    )
