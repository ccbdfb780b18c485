"""List table of impediments."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ..models import Impediment

ATTRS = {"class": "table table-sm table-hover align-middle"}


class ImpedimentTable(tables.Table):
    title = tables.Column(linkify=True)
    stage_changed_at = tables.DateColumn(format="j M Y", verbose_name=_("Since"))

    class Meta:
        model = Impediment
        fields = (
            "title",
            "raised_by_body",
            "raised_by_organisation",
            "category",
            "severity",
            "stage",
            "stage_changed_at",
        )
        attrs = ATTRS
        empty_text = _(
            "No impediments match. Clear the filters, or raise one if something holds up delivery."
        )
