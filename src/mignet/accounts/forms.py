"""Forms of the accounts app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mignet.network.models import TIME_ZONES

from .models import User


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        choices=[("", _("The network's time zone"))] + [(z, z) for z in TIME_ZONES],
    )

    class Meta:
        model = User
        fields = ["full_name", "language", "time_zone", "notify_by_email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = (
                "form-check-input"
                if isinstance(field.widget, forms.CheckboxInput)
                else ("form-select" if isinstance(field.widget, forms.Select) else "form-control")
            )
            field.widget.attrs["class"] = css


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_('What it is for, e.g. "Excel import script".'),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
