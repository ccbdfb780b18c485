"""List table of joint-programming priorities."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ..models import JointPriority

ATTRS = {"class": "table table-sm table-hover align-middle"}


class JointPriorityTable(tables.Table):
    title = tables.Column(linkify=True)
    supporter_count = tables.Column(verbose_name=_("Supporters"), orderable=True, empty_values=())
    created_at = tables.DateColumn(format="j M Y", verbose_name=_("Proposed"))

    class Meta:
        model = JointPriority
        fields = ("title", "kind", "body", "proposed_by", "supporter_count", "status", "created_at")
        attrs = ATTRS
        empty_text = _("No joint priorities match. Propose one for joint research, advocacy or a programme.")

    def render_supporter_count(self, record):
        return getattr(record, "supporter_count", 0)
