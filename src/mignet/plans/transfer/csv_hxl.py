"""Activities as CSV (UTF-8 with a byte-order mark, so Excel shows Bangla), optionally with the
Humanitarian Exchange Language (HXL) hashtag row under the header, for 3W/4W tools and HDX."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext_lazy as _

from .export import activity_values

# (column key, header, HXL hashtag with attributes)
COLUMNS = (
    ("code", _("Code"), "#activity+code"),
    ("title", _("Title"), "#activity+name"),
    ("description", _("Description"), "#activity+description"),
    ("output", _("Output code"), "#output+code"),
    ("lead_organisation", _("Lead organisation"), "#org+lead"),
    ("partners", _("Partners"), "#org+partner+list"),
    ("body", _("Body"), "#org+coordination"),
    ("gcm_objectives", _("GCM objectives"), "#indicator+gcm+objective+list"),
    ("guiding_principles", _("Guiding principles"), "#indicator+gcm+principle+list"),
    ("sdg_targets", _("SDG targets"), "#indicator+sdg+target+list"),
    ("thematic_areas", _("Thematic areas"), "#sector+list"),
    ("districts", _("Districts"), "#adm2+name+list"),
    ("start_date", _("Start"), "#date+start"),
    ("end_date", _("End"), "#date+end"),
    ("budget_required", _("Budget required (USD)"), "#value+budget+required+usd"),
    ("budget_available", _("Budget available (USD)"), "#value+budget+available+usd"),
    ("budget_spent", _("Spent (USD)"), "#value+spent+usd"),
    ("funding_source", _("Funding source"), "#org+funder"),
    ("status", _("Status"), "#status"),
    ("percent_complete", _("Percent complete"), "#indicator+progress+pct"),
    ("gender_marker", _("Gender marker"), "#indicator+marker+gender"),
    ("human_rights_marker", _("HR marker"), "#indicator+marker+hr"),
    ("joint_programme", _("Joint programme"), "#meta+joint"),
)


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value)
    # A cell starting with = + - @ would run as a formula when the CSV is opened in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def activities_csv(activities, *, hxl: bool = False) -> str:
    """The activities (with their relations prefetched) as CSV text starting with a BOM."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([str(header) for _key, header, _tag in COLUMNS])
    if hxl:
        writer.writerow([tag for _key, _header, tag in COLUMNS])
    for activity in activities:
        values = activity_values(activity)
        values["percent_complete"] = activity.percent_complete
        writer.writerow([_cell(values.get(k)) for k, _header, _tag in COLUMNS])
    return out.getvalue()
