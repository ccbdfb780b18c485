"""FilterSet of joint-programming priorities, for the HTML list and the API list."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _

from mignet.core.filters import RecordFilter
from mignet.network.models import Body, Organisation

from .. import choices as c
from ..models import JointPriority


def _scoped(model):
    """Choices limited to the page's network (HTML) or left open (API: the selector filters rows)."""

    def queryset(request):
        qs = model.objects.order_by("name")
        network = getattr(request, "network", None) if request is not None else None
        return qs.filter(network=network) if network is not None else qs

    return queryset


class JointPriorityFilter(RecordFilter):
    search_fields = ("title", "description")
    status = df.ChoiceFilter(choices=c.PriorityStatus.choices, label=_("Status"))
    kind = df.ChoiceFilter(choices=c.PriorityKind.choices, label=_("Type"))
    body = df.ModelChoiceFilter(queryset=_scoped(Body), label=_("Proposed in"))
    supporter = df.ModelChoiceFilter(
        queryset=_scoped(Organisation),
        field_name="supporters",
        method="filter_supporter",
        label=_("Supported by"),
    )

    class Meta:
        model = JointPriority
        fields = ["q", "status", "kind", "body", "supporter", "network", "visibility"]

    def filter_supporter(self, queryset, name, value):
        if value is None:
            return queryset
        through = JointPriority.supporters.through
        return queryset.filter(pk__in=through.objects.filter(organisation=value).values("jointpriority_id"))
