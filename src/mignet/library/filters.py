"""FilterSets of the library, serving both the HTML lists and the API lists.

`q` is a plain substring match on titles and abstracts. The ranked full-text search over the text inside
the files is `selectors.resource_search`, applied by the views (the API's `search` parameter) after these
filters, so a search is always within the filtered rows."""

from __future__ import annotations

import django_filters as df
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mignet.core.filters import RecordFilter
from mignet.core.models import GCMObjective
from mignet.network.models import Body, Organisation, ThematicArea

from . import choices as c
from .models import CapacityRequest, Resource, ResourceVersion


def _scoped(model):
    """Choices limited to the network of the page (HTML) or left open (API: the selector filters rows).

    A callable, so the queryset is built per request and never evaluated just to offer 'Any'."""

    def queryset(request):
        qs = model.objects.all()
        network = getattr(request, "network", None) if request is not None else None
        return qs.filter(network=network) if network is not None else qs

    return queryset


def _gcm_objectives(request):
    return GCMObjective.objects.all()


def _through(model, field: str, column: str, value):
    """Rows linked to `value` through a many-to-many field, as a subquery: no join, no DISTINCT, so
    the filtered queryset can still be handed to the search engine and paged cheaply."""
    through = getattr(model, field).through
    return Q(pk__in=through.objects.filter(**{column: value}).values(f"{model._meta.model_name}_id"))


class ResourceFilter(RecordFilter):
    search_fields = ("title", "abstract")
    kind = df.ChoiceFilter(choices=c.ResourceKind.choices, label=_("Type"))
    gcm_objective = df.ModelChoiceFilter(
        queryset=_gcm_objectives,
        field_name="gcm_objectives",
        method="filter_gcm_objective",
        label=_("GCM objective"),
    )
    thematic_area = df.ModelChoiceFilter(
        queryset=_scoped(ThematicArea),
        field_name="thematic_areas",
        method="filter_thematic_area",
        label=_("Thematic area"),
    )
    body = df.ModelChoiceFilter(queryset=_scoped(Body), label=_("Produced by"))
    language = df.ChoiceFilter(choices=c.Language.choices, label=_("Language"))
    year = df.NumberFilter(method="filter_year", label=_("Year"))
    organisation = df.ModelChoiceFilter(
        queryset=_scoped(Organisation),
        field_name="authors",
        method="filter_organisation",
        label=_("Organisation"),
    )
    status = df.ChoiceFilter(choices=c.ReviewStatus.choices, label=_("Review"))

    class Meta:
        model = Resource
        fields = [
            "q",
            "kind",
            "gcm_objective",
            "thematic_area",
            "body",
            "language",
            "year",
            "organisation",
            "status",
            "network",
            "visibility",
        ]

    def filter_gcm_objective(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(_through(Resource, "gcm_objectives", "gcmobjective", value))

    def filter_thematic_area(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(_through(Resource, "thematic_areas", "thematicarea", value))

    def filter_organisation(self, queryset, name, value):
        """Resources an organisation authored."""
        if value is None:
            return queryset
        return queryset.filter(_through(Resource, "authors", "organisation", value))

    def filter_year(self, queryset, name, value):
        """The year of the document itself; for one without a date, the year it was published here."""
        if value is None:
            return queryset
        year = int(value)
        return queryset.filter(
            Q(published_on__year=year) | Q(published_on__isnull=True, published_at__year=year)
        )


class ResourceVersionFilter(RecordFilter):
    """Versions (API): by resource and by whether their text could be searched."""

    search_fields = ("note", "original_name")
    resource = df.NumberFilter(field_name="resource_id", label=_("Resource"))
    text_status = df.ChoiceFilter(choices=c.TextStatus.choices, label=_("Text"))

    class Meta:
        model = ResourceVersion
        fields = ["q", "resource", "text_status", "network", "visibility"]


class CapacityRequestFilter(RecordFilter):
    search_fields = ("title", "description", "requester__name", "requester__acronym", "contact")
    status = df.ChoiceFilter(choices=c.RequestStatus.choices, label=_("Status"))
    urgency = df.ChoiceFilter(choices=c.Urgency.choices, label=_("Urgency"))
    gcm_objective = df.ModelChoiceFilter(
        queryset=_gcm_objectives,
        field_name="gcm_objectives",
        method="filter_gcm_objective",
        label=_("GCM objective"),
    )
    requester = df.ModelChoiceFilter(queryset=_scoped(Organisation), label=_("Requesting organisation"))

    class Meta:
        model = CapacityRequest
        fields = ["q", "status", "urgency", "gcm_objective", "requester", "network", "visibility"]

    def filter_gcm_objective(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(_through(CapacityRequest, "gcm_objectives", "gcmobjective", value))
