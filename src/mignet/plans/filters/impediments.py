"""FilterSet of impediments, for the HTML list and the API list."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _

from mignet.core.filters import RecordFilter
from mignet.network.models import Body, Organisation

from .. import choices as c
from ..models import Impediment


def _scoped(model):
    """Choices limited to the page's network (HTML) or left open (API: the selector filters rows)."""

    def queryset(request):
        qs = model.objects.order_by("name")
        network = getattr(request, "network", None) if request is not None else None
        return qs.filter(network=network) if network is not None else qs

    return queryset


class ImpedimentFilter(RecordFilter):
    search_fields = ("title", "description")
    stage = df.ChoiceFilter(choices=c.ImpedimentStage.choices, label=_("Stage"))
    category = df.ChoiceFilter(choices=c.ImpedimentCategory.choices, label=_("Category"))
    severity = df.ChoiceFilter(choices=c.Severity.choices, label=_("Severity"))
    body = df.ModelChoiceFilter(
        queryset=_scoped(Body), field_name="raised_by_body", label=_("Raised by (body)")
    )
    organisation = df.ModelChoiceFilter(
        queryset=_scoped(Organisation),
        field_name="raised_by_organisation",
        label=_("Raised by (organisation)"),
    )
    open = df.BooleanFilter(method="filter_open", label=_("Open only"))

    class Meta:
        model = Impediment
        fields = [
            "q",
            "stage",
            "category",
            "severity",
            "body",
            "organisation",
            "open",
            "network",
            "visibility",
        ]

    def filter_open(self, queryset, name, value):
        if value is True:
            return queryset.exclude(stage=c.ImpedimentStage.RESOLVED)
        if value is False:
            return queryset.filter(stage=c.ImpedimentStage.RESOLVED)
        return queryset
