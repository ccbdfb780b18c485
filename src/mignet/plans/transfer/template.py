"""The XLSX template of a plan: its sheets and columns, shared by the export and the importer.

Columns are matched by their header, in English or in the language of the page, so a person may reorder
them; each row's first column "ID" ties it to the record it came from (blank for a new row)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

# Kinds of cell values: the importer parses each kind, the export formats it.
TEXT, CODE, INT, MONEY, NUMBER, DATE, LIST, BOOL = (
    "text",
    "code",
    "int",
    "money",
    "number",
    "date",
    "list",
    "bool",
)


@dataclass(frozen=True)
class Column:
    key: str
    header: object  # a lazy translatable string
    kind: str = TEXT
    width: int = 18
    choices: str = ""  # the name of a list on the "Lists" sheet, for a dropdown

    def english(self) -> str:
        with translation.override("en"):
            return str(self.header)


@dataclass(frozen=True)
class Sheet:
    key: str
    title: object
    columns: tuple[Column, ...]

    def english(self) -> str:
        with translation.override("en"):
            return str(self.title)


ID = Column("id", _("ID"), INT, 8)

RESULTS = Sheet(
    "results",
    _("Results"),
    (
        ID,
        Column("code", _("Code"), CODE, 10),
        Column("level", _("Level"), TEXT, 12, "levels"),
        Column("parent", _("Parent code"), CODE, 12),
        Column("title", _("Title"), TEXT, 60),
        Column("description", _("Description"), TEXT, 60),
    ),
)

ACTIVITIES = Sheet(
    "activities",
    _("Activities"),
    (
        ID,
        Column("code", _("Code"), CODE, 10),
        Column("output", _("Output code"), CODE, 12),
        Column("title", _("Title"), TEXT, 50),
        Column("description", _("Description"), TEXT, 50),
        Column("lead_organisation", _("Lead organisation"), TEXT, 20, "organisations"),
        Column("partners", _("Partners"), LIST, 30),
        Column("body", _("Body"), TEXT, 24, "bodies"),
        Column("gcm_objectives", _("GCM objectives"), LIST, 16),
        Column("guiding_principles", _("Guiding principles"), LIST, 16),
        Column("sdg_targets", _("SDG targets"), LIST, 16),
        Column("unsdcf_outcome", _("UNSDCF outcome code"), CODE, 14, "unsdcf"),
        Column("government_priority", _("Government priority code"), CODE, 14, "priorities"),
        Column("thematic_areas", _("Thematic areas"), LIST, 30),
        Column("districts", _("Districts"), LIST, 30, "districts"),
        Column("start_date", _("Start"), DATE, 12),
        Column("end_date", _("End"), DATE, 12),
        Column("budget_required", _("Budget required (USD)"), MONEY, 16),
        Column("budget_available", _("Budget available (USD)"), MONEY, 16),
        Column("budget_spent", _("Spent (USD)"), MONEY, 14),
        Column("funding_source", _("Funding source"), TEXT, 24),
        Column("status", _("Status"), TEXT, 12, "statuses"),
        Column("gender_marker", _("Gender marker"), INT, 10, "markers"),
        Column("gender_justification", _("Gender justification"), TEXT, 30),
        Column("human_rights_marker", _("HR marker"), INT, 10, "markers"),
        Column("human_rights_justification", _("HR justification"), TEXT, 30),
        Column("joint_programme", _("Joint programme"), BOOL, 12, "yesno"),
    ),
)

INDICATORS = Sheet(
    "indicators",
    _("Indicators"),
    (
        ID,
        Column("code", _("Code"), CODE, 10),
        Column("of", _("Of (result or activity code)"), CODE, 14),
        Column("name", _("Name"), TEXT, 50),
        Column("unit", _("Unit"), TEXT, 12),
        Column("direction", _("Direction"), TEXT, 12, "directions"),
        Column("baseline_value", _("Baseline"), NUMBER, 12),
        Column("baseline_year", _("Baseline year"), INT, 12),
        Column("disaggregation", _("Disaggregation"), LIST, 30),
    ),
)

TARGETS = Sheet(
    "targets",
    _("Targets"),
    (
        ID,
        Column("indicator", _("Indicator code"), CODE, 14),
        Column("period", _("Period"), CODE, 10),
        Column("value", _("Value"), NUMBER, 12),
    ),
)

MEASUREMENTS = Sheet(
    "measurements",
    _("Measurements"),
    (
        ID,
        Column("indicator", _("Indicator code"), CODE, 14),
        Column("period", _("Period"), CODE, 10),
        Column("value", _("Value"), NUMBER, 12),
        Column("source", _("Source"), TEXT, 24),
        Column("means_of_verification", _("Means of verification"), TEXT, 24),
        Column("sex", _("Sex"), TEXT, 10, "sexes"),
        Column("age_group", _("Age group"), TEXT, 10, "ages"),
        Column("migrant_status", _("Migrant status"), TEXT, 14, "migrant_statuses"),
        Column("district", _("District"), TEXT, 16, "districts"),
    ),
)

SHEETS = (RESULTS, ACTIVITIES, INDICATORS, TARGETS, MEASUREMENTS)
LISTS_TITLE = _("Lists")
README_TITLE = _("About")
NATIONAL = _("National")
SEPARATOR = ";"


def normalise_header(text) -> str:
    """A header or sheet name as compared: case, spacing and surrounding punctuation do not matter."""
    return re.sub(r"\s+", " ", str(text or "")).strip().strip(":*").strip().casefold()


def names(thing) -> set[str]:
    """The names a sheet or column is recognised by: English, and the language of the page."""
    return {
        normalise_header(thing.english()),
        normalise_header(str(thing.title if isinstance(thing, Sheet) else thing.header)),
    }
