"""The reference data a plan's spreadsheet names by text (organisations, bodies, districts, framework
items…): read once per export or import, as lists for the dropdowns and as look-ups for the importer."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from mignet.core.models import District, GCMObjective, GuidingPrinciple, SDGTarget
from mignet.network.models import Body, Organisation, ThematicArea

from .. import choices as c
from ..models import FrameworkItem
from .template import NATIONAL


def key(text) -> str:
    """How a typed name is compared: case and spacing do not matter."""
    return " ".join(str(text).split()).casefold()


def org_label(org) -> str:
    return org.acronym or org.name


class Lookup:
    """Finds one record by any of its names; knows which names are ambiguous."""

    def __init__(self, rows, names) -> None:
        found: dict[str, set] = defaultdict(set)
        self.by_pk = {}
        for row in rows:
            self.by_pk[row.pk] = row
            for name in names(row):
                if name not in (None, ""):
                    found[key(name)].add(row.pk)
        self._found = found

    def get(self, text):
        """(record, None) or (None, "unknown" | "ambiguous")."""
        pks = self._found.get(key(text), set())
        if len(pks) == 1:
            return self.by_pk[next(iter(pks))], None
        return None, ("ambiguous" if pks else "unknown")


class Reference:
    """Everything a row may name, for one network."""

    def __init__(self, network) -> None:
        self.network = network
        self.country = getattr(network.country, "code", "") or ""
        self.country_name = getattr(network.country, "name", "") or ""
        orgs = list(Organisation.objects.filter(network=network).order_by("acronym", "name"))
        self.organisations = Lookup(orgs, lambda o: (o.acronym, o.name))
        self.organisation_labels = sorted({org_label(o) for o in orgs}, key=str.casefold)
        bodies = list(Body.objects.filter(network=network).order_by("name"))
        self.bodies = Lookup(bodies, lambda b: (b.name, b.short_name))
        self.body_labels = [b.name for b in bodies]
        districts = District.objects.all().order_by("name")
        if self.country:
            districts = districts.filter(division__country=self.country)
        districts = list(districts)
        self.districts = Lookup(districts, lambda d: (d.name, d.alt_spelling))
        self.district_labels = [d.name for d in districts]
        self.gcm = {o.number: o for o in GCMObjective.objects.all()}
        self.principles = {p.number: p for p in GuidingPrinciple.objects.all()}
        self.sdg = {t.code: t for t in SDGTarget.objects.all()}
        items = list(FrameworkItem.objects.filter(network=network))
        self.unsdcf = {key(i.code): i for i in items if i.kind == c.FrameworkKind.UNSDCF_OUTCOME}
        self.priorities = {key(i.code): i for i in items if i.kind == c.FrameworkKind.GOVERNMENT_PRIORITY}
        themes = list(ThematicArea.objects.filter(network=network))
        self.themes = Lookup(themes, lambda t: (t.name,))
        self.theme_labels = sorted(t.name for t in themes)

    def lists(self) -> dict[str, tuple[str, list]]:
        """The dropdown lists of the template: name → (heading, values)."""
        return {
            "levels": (_("Level"), list(c.ResultLevel.values)),
            "statuses": (_("Status"), list(c.ActivityStatus.values)),
            "markers": (_("Marker"), list(c.Marker.values)),
            "directions": (_("Direction"), list(c.Direction.values)),
            "organisations": (_("Organisations"), self.organisation_labels),
            "bodies": (_("Bodies"), self.body_labels),
            "districts": (_("Districts"), [str(NATIONAL), *self.district_labels]),
            "unsdcf": (_("UNSDCF outcomes"), sorted(i.code for i in self.unsdcf.values())),
            "priorities": (_("Government priorities"), sorted(i.code for i in self.priorities.values())),
            "yesno": (_("Yes/No"), [_("Yes"), _("No")]),
            "sexes": (_("Sex"), list(c.Sex.values)),
            "ages": (_("Age group"), list(c.AgeGroup.values)),
            "migrant_statuses": (_("Migrant status"), list(c.MigrantStatus.values)),
            "disaggregations": (_("Disaggregation"), list(c.Disaggregation.values)),
            "themes": (_("Thematic areas"), self.theme_labels),
            "gcm": (_("GCM objectives"), [f"{o.number}" for o in self.gcm.values()]),
        }
