"""List tables (django-tables2) of the meetings app; times show in the network's zone."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import ActionPoint, AgendaItem, Attendance, Decision, Meeting, Minutes

ATTRS = {"class": "table table-sm table-hover align-middle"}
WHEN = "j M Y, H:i"


class MeetingTable(tables.Table):
    starts_at = tables.DateTimeColumn(format=WHEN, verbose_name=_("When"), linkify=True)
    title = tables.Column(verbose_name=_("Meeting"), accessor="pk", linkify=True, orderable=False)
    body = tables.Column()
    kind = tables.Column()
    status = tables.Column()
    location = tables.Column(verbose_name=_("Place"))

    class Meta:
        model = Meeting
        fields = ("starts_at", "title", "body", "kind", "status", "location")
        attrs = ATTRS
        empty_text = _("No meetings match. Clear the search or schedule one.")

    def render_title(self, record):
        return str(record)


class AgendaItemTable(tables.Table):
    title = tables.Column(linkify=True)
    meeting = tables.Column(linkify=True)

    class Meta:
        model = AgendaItem
        fields = ("meeting", "position", "title", "presenter", "minutes_allotted")
        attrs = ATTRS
        empty_text = _("No agenda items match.")


class AttendanceTable(tables.Table):
    person = tables.Column(linkify=lambda record: record.get_absolute_url())
    meeting = tables.Column(linkify=True)

    class Meta:
        model = Attendance
        fields = ("meeting", "person", "organisation", "status", "level")
        attrs = ATTRS
        empty_text = _("No attendance recorded.")


class MinutesTable(tables.Table):
    meeting = tables.Column(linkify=lambda record: record.get_absolute_url(), verbose_name=_("Minutes of"))
    circulated_at = tables.DateTimeColumn(format=WHEN)
    approved_at = tables.DateTimeColumn(format=WHEN)

    class Meta:
        model = Minutes
        fields = ("meeting", "revision", "status", "circulated_at", "approved_at")
        attrs = ATTRS
        empty_text = _("No minutes match.")


class DecisionTable(tables.Table):
    title = tables.Column(linkify=True)
    deadline = tables.DateTimeColumn(format=WHEN)
    decided_at = tables.DateTimeColumn(format="j M Y", verbose_name=_("Decided"))

    class Meta:
        model = Decision
        fields = ("title", "body", "method", "subject", "status", "deadline", "decided_at")
        attrs = ATTRS
        empty_text = _("No decisions match. Clear the search or propose one.")


class ActionPointTable(tables.Table):
    title = tables.Column(linkify=True)
    due_date = tables.DateColumn(format="j M Y")

    class Meta:
        model = ActionPoint
        fields = ("title", "body", "owner_organisation", "owner_person", "due_date", "status")
        attrs = ATTRS
        empty_text = _("No action points match.")
        row_attrs = {"class": lambda record: "table-warning" if record.is_overdue else ""}
