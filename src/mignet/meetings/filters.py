"""One FilterSet per model of the meetings app, serving both the HTML list and the API list."""

from __future__ import annotations

import django_filters as df
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mignet.core.filters import RecordFilter
from mignet.network.models import Body, Organisation

from . import choices as c
from .models import ActionPoint, AgendaItem, Attendance, Decision, Meeting, Minutes, Position


def _scoped(model, *related):
    """Choices limited to the network of the page (HTML) or left open (API: the selector filters rows).

    A callable, so the queryset is built per request and never evaluated just to offer 'Any'. `related`:
    what each choice's label reads (a meeting without a title is named after its body)."""

    def queryset(request):
        qs = model.objects.select_related(*related) if related else model.objects.all()
        network = getattr(request, "network", None) if request is not None else None
        return qs.filter(network=network) if network is not None else qs

    return queryset


class MeetingFilter(RecordFilter):
    search_fields = ("title", "location", "body__name", "body__short_name")
    body = df.ModelChoiceFilter(queryset=_scoped(Body), label=_("Body"))
    kind = df.ChoiceFilter(choices=c.MeetingKind.choices, label=_("Kind"))
    status = df.ChoiceFilter(choices=c.MeetingStatus.choices, label=_("Status"))
    upcoming = df.BooleanFilter(method="filter_upcoming", label=_("Upcoming"))
    # `from` and `to` are Python keywords: declared through the class namespace.
    vars()["from"] = df.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label=pgettext_lazy("date range", "From")
    )
    vars()["to"] = df.DateFilter(
        field_name="starts_at", lookup_expr="date__lte", label=pgettext_lazy("date range", "To")
    )

    class Meta:
        model = Meeting
        fields = ["q", "body", "kind", "status", "upcoming", "from", "to", "network", "visibility"]

    def filter_upcoming(self, queryset, name, value):
        """Upcoming: scheduled and not yet over (the same as the home page's 'next meetings')."""
        if value is None:
            return queryset
        condition = Q(ends_at__gte=timezone.now(), status=c.MeetingStatus.SCHEDULED)
        return queryset.filter(condition) if value else queryset.exclude(condition)


class AgendaItemFilter(RecordFilter):
    search_fields = ("title", "description")
    meeting = df.ModelChoiceFilter(queryset=_scoped(Meeting, "body"), label=_("Meeting"))

    class Meta:
        model = AgendaItem
        fields = ["q", "meeting", "network", "visibility"]


class AttendanceFilter(RecordFilter):
    search_fields = ("person__full_name", "organisation__name", "organisation__acronym")
    meeting = df.ModelChoiceFilter(queryset=_scoped(Meeting, "body"), label=_("Meeting"))
    organisation = df.ModelChoiceFilter(queryset=_scoped(Organisation), label=_("Organisation"))
    status = df.ChoiceFilter(choices=c.AttendanceStatus.choices, label=_("Attendance"))

    class Meta:
        model = Attendance
        fields = ["q", "meeting", "organisation", "status", "network", "visibility"]


class MinutesFilter(RecordFilter):
    search_fields = ("text", "meeting__title", "meeting__body__name")
    meeting = df.ModelChoiceFilter(queryset=_scoped(Meeting, "body"), label=_("Meeting"))
    status = df.ChoiceFilter(choices=c.MinutesStatus.choices, label=_("Status"))

    class Meta:
        model = Minutes
        fields = ["q", "meeting", "status", "network", "visibility"]


class DecisionFilter(RecordFilter):
    search_fields = ("title", "text", "body__name", "body__short_name")
    body = df.ModelChoiceFilter(queryset=_scoped(Body), label=_("Decided by"))
    method = df.ChoiceFilter(choices=c.DecisionMethod.choices, label=_("Method"))
    subject = df.ChoiceFilter(choices=c.DecisionSubject.choices, label=_("Subject"))
    status = df.ChoiceFilter(choices=c.DecisionStatus.choices, label=_("Status"))

    class Meta:
        model = Decision
        fields = ["q", "body", "method", "subject", "status", "network", "visibility"]


class PositionFilter(RecordFilter):
    search_fields = ("organisation__name", "organisation__acronym", "reason")
    decision = df.ModelChoiceFilter(queryset=_scoped(Decision), label=_("Decision"))
    organisation = df.ModelChoiceFilter(queryset=_scoped(Organisation), label=_("Organisation"))
    value = df.ChoiceFilter(choices=c.PositionValue.choices, label=_("Position"))

    class Meta:
        model = Position
        fields = ["q", "decision", "organisation", "value", "network", "visibility"]


class ActionPointFilter(RecordFilter):
    search_fields = ("title", "description", "owner_organisation__name", "owner_organisation__acronym")
    body = df.ModelChoiceFilter(queryset=_scoped(Body), label=_("Body"))
    owner_organisation = df.ModelChoiceFilter(queryset=_scoped(Organisation), label=_("Owner organisation"))
    status = df.ChoiceFilter(choices=c.ActionStatus.choices, label=_("Status"))
    overdue = df.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = ActionPoint
        fields = ["q", "body", "owner_organisation", "status", "overdue", "network", "visibility"]

    def filter_overdue(self, queryset, name, value):
        """Overdue: still open (open or in progress) and due before today."""
        if value is None:
            return queryset
        condition = Q(status__in=c.OPEN_ACTION_STATUSES, due_date__lt=timezone.localdate())
        return queryset.filter(condition) if value else queryset.exclude(condition)
