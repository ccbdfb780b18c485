"""List tables (django-tables2) of the library."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import CapacityRequest, Resource

ATTRS = {"class": "table table-sm table-hover align-middle"}


class ResourceTable(tables.Table):
    title = tables.Column(linkify=True)
    published_at = tables.DateColumn(format="j M Y", verbose_name=_("Published"))

    class Meta:
        model = Resource
        fields = ("title", "kind", "body", "language", "status", "visibility", "published_at")
        attrs = ATTRS
        empty_text = _("No resources match. Clear the search or add one.")


class CapacityRequestTable(tables.Table):
    title = tables.Column(linkify=True)
    received_on = tables.DateColumn(format="j M Y")
    needed_by = tables.DateColumn(format="j M Y")

    class Meta:
        model = CapacityRequest
        fields = ("title", "requester", "government_body", "urgency", "status", "received_on", "needed_by")
        attrs = ATTRS
        empty_text = _("No requests match.")
