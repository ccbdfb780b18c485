"""Base FilterSet: free-text `q`, the network's address and visibility; Bootstrap-styled for the HTML list."""

from __future__ import annotations

import django_filters as df
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import Visibility
from .forms import RecordForm


class StyledFilterSet(df.FilterSet):
    """A FilterSet whose form looks like every other form (the API ignores the styling)."""

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_mignet_styled", False):
            for field in form.fields.values():
                RecordForm._style(field)
                if isinstance(field, forms.ModelChoiceField) or hasattr(field, "empty_label"):
                    # Model choices without evaluating the queryset; django-filter's choice fields read
                    # their blank choice's label from `empty_label` too.
                    field.empty_label = _("Any")
                    if not isinstance(field, forms.ModelChoiceField):
                        field.widget.choices = field.choices  # the widget kept the declared field's iterator
                elif (
                    isinstance(getattr(field, "choices", None), list)
                    and field.choices
                    and field.choices[0][0] == ""
                ):
                    field.choices = [("", _("Any")), *field.choices[1:]]
            form._mignet_styled = True
        return form


class RecordFilter(StyledFilterSet):
    """Base for network-scoped models: search `q` over `search_fields`, `network` (address), visibility."""

    network = df.CharFilter(field_name="network__slug", label=_("Network"))
    visibility = df.ChoiceFilter(choices=Visibility.choices, label=_("Visibility"))
    search_fields: tuple[str, ...] = ()
    q = df.CharFilter(method="search", label=_("Search"))

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)
