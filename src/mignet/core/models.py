"""The base model every domain row inherits, and the reference data shared by all networks."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import Visibility


class LiveManager(models.Manager):
    """Rows that have not been soft-deleted."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class BaseModel(models.Model):
    """Timestamps, visibility, soft delete, optimistic `version` and history, for every domain model."""

    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.NETWORK
    )
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    # Long derived text (a resource's search document, a file's extracted text) is not history: it is
    # rebuilt from the record and its file, and would make every history row as large as the document.
    history = HistoricalRecords(
        inherit=True, excluded_fields=["updated_at", "search_document", "extracted_text"]
    )

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class NetworkScopedModel(BaseModel):
    """A domain row that belongs to exactly one Network (the unit of multi-tenancy)."""

    network = models.ForeignKey(
        "network.Network", verbose_name=_("network"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class SentNotice(models.Model):
    """A notice (reminder, alert) that was sent, by key, so scheduled work never sends the same one twice."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sent notice")
        verbose_name_plural = _("sent notices")

    def __str__(self) -> str:
        return self.key


# --- Reference data
# Loaded from the CSV files in core/refdata/ by `mignet loadrefdata` (and a data migration); see SOURCES.md.


class GCMObjective(models.Model):
    """One of the 23 objectives of the Global Compact for Safe, Orderly and Regular Migration."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    short_title = models.CharField(_("short title"), max_length=120)
    full_title = models.TextField(_("title"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")

    def __str__(self) -> str:
        return f"{self.number}. {self.short_title}"


class GuidingPrinciple(models.Model):
    """One of the GCM's ten cross-cutting guiding principles (A/RES/73/195 para 15)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    letter = models.CharField(_("paragraph 15 letter"), max_length=1)
    title = models.CharField(_("title"), max_length=120)

    class Meta:
        ordering = ["number"]
        verbose_name = _("GCM guiding principle")
        verbose_name_plural = _("GCM guiding principles")

    def __str__(self) -> str:
        return f"({self.letter}) {self.title}"


class SDGGoal(models.Model):
    """A Sustainable Development Goal."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    short_title = models.CharField(_("short title"), max_length=120)
    title = models.TextField(_("title"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.short_title}"


class SDGTarget(models.Model):
    """An SDG target relevant to migration."""

    code = models.CharField(_("target"), max_length=8, unique=True)
    goal = models.ForeignKey(
        SDGGoal, verbose_name=_("goal"), on_delete=models.PROTECT, related_name="targets"
    )
    text = models.TextField(_("text"))
    relevance = models.CharField(_("relevance to migration"), max_length=200, blank=True)

    class Meta:
        ordering = ["goal__number", "code"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return f"{self.code}"


class Division(models.Model):
    """A first-level administrative area (Bangladesh: division)."""

    country = models.CharField(_("country"), max_length=2, default="BD")
    name = models.CharField(_("name"), max_length=80)
    iso_code = models.CharField(_("ISO 3166-2"), max_length=10, unique=True)
    bbs_code = models.CharField(_("BBS code"), max_length=8, blank=True)
    pcode = models.CharField(_("OCHA P-code"), max_length=12, blank=True)
    alt_spelling = models.CharField(_("other spelling"), max_length=80, blank=True)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("division")
        verbose_name_plural = _("divisions")

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A second-level administrative area (Bangladesh: district / zila)."""

    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="districts"
    )
    name = models.CharField(_("name"), max_length=80)
    iso_code = models.CharField(_("ISO 3166-2"), max_length=10, unique=True)
    bbs_code = models.CharField(_("BBS code"), max_length=8, blank=True)
    pcode = models.CharField(_("OCHA P-code"), max_length=12, blank=True)
    alt_spelling = models.CharField(_("other spelling"), max_length=80, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class UNEntity(models.Model):
    """A UN entity that may be a member of a network."""

    acronym = models.CharField(_("acronym"), max_length=20, unique=True)
    full_name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("UN entity")
        verbose_name_plural = _("UN entities")

    def __str__(self) -> str:
        return self.acronym


class HumanRightsMechanism(models.Model):
    """A UN human-rights mechanism (treaty body, special procedure, UPR…)."""

    acronym = models.CharField(_("acronym"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("type"), max_length=40)
    basis = models.CharField(_("basis or instrument"), max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "acronym"]
        verbose_name = _("human-rights mechanism")
        verbose_name_plural = _("human-rights mechanisms")

    def __str__(self) -> str:
        return self.acronym


class StakeholderCategory(models.Model):
    """A category of stakeholder named by the GCM (para 44) or the ToR (objective 8)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    in_gcm_para_44 = models.BooleanField(_("named in GCM para 44"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("stakeholder category")
        verbose_name_plural = _("stakeholder categories")

    def __str__(self) -> str:
        return self.name


class GovernmentBody(models.Model):
    """A Government ministry, department or committee concerned with migration (Bangladesh to start)."""

    country = models.CharField(_("country"), max_length=2, default="BD")
    acronym = models.CharField(_("acronym"), max_length=30)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=40)
    parent_acronym = models.CharField(_("part of"), max_length=30, blank=True)

    class Meta:
        ordering = ["country", "name"]
        constraints = [models.UniqueConstraint(fields=["country", "acronym"], name="uniq_govbody_acronym")]
        verbose_name = _("Government body")
        verbose_name_plural = _("Government bodies")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})"
