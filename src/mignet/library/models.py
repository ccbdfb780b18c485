"""The knowledge library: briefs, papers, tools and data with versions, review and search; and the
requests for capacity-building support the Network receives (the GCM capacity-building mechanism)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from mignet.core.models import NetworkScopedModel

from . import choices as c

LIVE = Q(deleted_at__isnull=True)


def version_upload_to(instance: ResourceVersion, filename: str) -> str:
    """Files live under library/<network>/<resource>/v<n>/, keeping the sender's (cleaned) name."""
    stem, dot, ext = filename.rpartition(".")
    safe = (slugify(stem or filename)[:80] or "file") + (f".{slugify(ext)[:8]}" if dot else "")
    return f"library/{instance.network_id}/{instance.resource_id}/v{instance.number}/{safe}"


class Resource(NetworkScopedModel):
    """A policy brief, paper, plan, tool, dataset… with its files in versions. Visible beyond its authors
    and the secretariat only once published; public and published ones appear on the public portal."""

    kind = models.CharField(_("type"), max_length=24, choices=c.ResourceKind.choices)
    title = models.CharField(_("title"), max_length=300)
    abstract = models.TextField(
        _("abstract"), blank=True, help_text=_("A few sentences: what it is and for whom.")
    )
    authors = models.ManyToManyField(
        "network.Organisation",
        verbose_name=_("authoring organisations"),
        blank=True,
        related_name="authored_resources",
    )
    body = models.ForeignKey(
        "network.Body",
        verbose_name=_("produced by (body)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
    )
    gcm_objectives = models.ManyToManyField(
        "core.GCMObjective", verbose_name=_("GCM objectives"), blank=True, related_name="resources"
    )
    guiding_principles = models.ManyToManyField(
        "core.GuidingPrinciple", verbose_name=_("guiding principles"), blank=True, related_name="resources"
    )
    sdg_targets = models.ManyToManyField(
        "core.SDGTarget", verbose_name=_("SDG targets"), blank=True, related_name="resources"
    )
    thematic_areas = models.ManyToManyField(
        "network.ThematicArea", verbose_name=_("thematic areas"), blank=True, related_name="resources"
    )
    language = models.CharField(
        _("language"), max_length=8, choices=c.Language.choices, default=c.Language.ENGLISH
    )
    published_on = models.DateField(
        _("date of the document"), null=True, blank=True, help_text=_("When the document itself was issued.")
    )
    status = models.CharField(
        _("review"),
        max_length=16,
        choices=c.ReviewStatus.choices,
        default=c.ReviewStatus.DRAFT,
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("sent for review"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    review_comment = models.TextField(_("reviewer's comments"), blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    # The text the resource is found by (title, abstract, current file's text): kept out of history, and
    # the last column of the table (see migrations/0001), so reading any other column never walks it.
    search_document = models.TextField(editable=False, blank=True, default="")

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["network", "status", "visibility"])]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:resource-detail", kwargs={"network": self.network.slug, "pk": self.pk})

    def get_public_url(self) -> str:
        """The stable address others can cite: the id never changes; the words after it are for people."""
        return reverse(
            "portal:resource",
            kwargs={"network": self.network.slug, "pk": self.pk, "slug": self.slug or "resource"},
        )

    @property
    def slug(self) -> str:
        return slugify(self.title)[:60]

    @property
    def is_published(self) -> bool:
        return self.status == c.ReviewStatus.PUBLISHED

    @property
    def is_on_portal(self) -> bool:
        return self.is_published and self.visibility == "public"


class ResourceVersion(NetworkScopedModel):
    """One file (or link) of a resource. A new upload makes a new version; earlier ones stay downloadable."""

    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    file = models.FileField(_("file"), upload_to=version_upload_to, max_length=300, blank=True)
    link = models.URLField(
        _("link"), max_length=500, blank=True, help_text=_("Instead of a file: where it is published.")
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0, editable=False)
    content_type = models.CharField(_("file type"), max_length=120, blank=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    text_status = models.CharField(
        _("text"), max_length=16, choices=c.TextStatus.choices, default=c.TextStatus.PENDING, editable=False
    )
    page_count = models.PositiveIntegerField(_("pages"), default=0, editable=False)
    extraction_seconds = models.FloatField(default=0, editable=False)
    # Long: kept out of history and last in the table, like Resource.search_document.
    extracted_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        ordering = ["resource", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "number"], condition=LIVE, name="uniq_resource_version"
            )
        ]
        verbose_name = _("resource version")
        verbose_name_plural = _("resource versions")

    def __str__(self) -> str:
        return f"{self.resource} — v{self.number}"

    def get_absolute_url(self) -> str:
        return self.resource.get_absolute_url()

    def clean(self) -> None:
        if not self.file and not self.link:
            raise ValidationError({"file": _("Choose a file to upload, or give a link.")})


class CapacityRequest(NetworkScopedModel):
    """A request for capacity-building support from a Government body or partner, triaged by the
    secretariat, matched to supporting organisations and tracked to delivery, with its resulting resources."""

    title = models.CharField(_("what support is requested"), max_length=300)
    description = models.TextField(_("details"), blank=True, help_text=_("Markdown."))
    requester = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("requesting organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="capacity_requests",
    )
    government_body = models.ForeignKey(
        "core.GovernmentBody",
        verbose_name=_("Government body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    contact = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    gcm_objectives = models.ManyToManyField(
        "core.GCMObjective", verbose_name=_("GCM objectives"), blank=True, related_name="+"
    )
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=c.Urgency.choices, default=c.Urgency.MEDIUM
    )
    received_on = models.DateField(_("received on"), default=datetime.date.today)
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=c.RequestStatus.choices,
        default=c.RequestStatus.RECEIVED,
        editable=False,
    )
    supporting_organisations = models.ManyToManyField(
        "network.Organisation",
        verbose_name=_("supporting organisations"),
        blank=True,
        related_name="supported_requests",
    )
    resources = models.ManyToManyField(
        Resource, verbose_name=_("resulting resources"), blank=True, related_name="capacity_requests"
    )

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("capacity-building request")
        verbose_name_plural = _("capacity-building requests")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:capacityrequest-detail", kwargs={"network": self.network.slug, "pk": self.pk})

    def clean(self) -> None:
        if not self.requester_id and not self.government_body_id:
            raise ValidationError(
                {"requester": _("Say who asks: an organisation of the Network or a Government body.")}
            )
        if self.needed_by and self.received_on and self.needed_by < self.received_on:
            raise ValidationError(
                {"needed_by": _("The date it is needed by cannot be before it was received.")}
            )


class CapacityRequestStep(NetworkScopedModel):
    """One step of a request's way to delivery: the new status, the day, who, and a note."""

    request = models.ForeignKey(
        CapacityRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="steps"
    )
    status = models.CharField(_("status"), max_length=16, choices=c.RequestStatus.choices)
    on = models.DateField(_("on"), default=datetime.date.today)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["request", "on", "pk"]
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")

    def __str__(self) -> str:
        return f"{self.request} — {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return self.request.get_absolute_url()
