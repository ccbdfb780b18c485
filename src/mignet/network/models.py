"""The Network's structure: who the members are, which bodies exist, who represents whom, who chairs."""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from mignet.core.choices import Role
from mignet.core.models import BaseModel, NetworkScopedModel

from . import choices as c

TIME_ZONES = sorted(zoneinfo.available_timezones() - {"Factory", "localtime"})
LIVE = Q(deleted_at__isnull=True)


def _check_dates(start, end, start_label, end_label) -> None:
    if start and end and end < start:
        raise ValidationError(
            {
                "end_date": _("%(end)s must be on or after %(start)s.")
                % {"end": end_label, "start": start_label}
            }
        )


class Network(BaseModel):
    """A UN Network on Migration (global, regional or national): the unit every other row belongs to."""

    scope_field = "id"

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40)
    slug = models.SlugField(
        _("address"), max_length=40, unique=True, help_text=_("Used in web addresses, e.g. bd.")
    )
    level = models.CharField(
        _("level"), max_length=16, choices=c.NetworkLevel.choices, default=c.NetworkLevel.NATIONAL
    )
    country = CountryField(_("country"), blank=True)
    region = models.CharField(_("region"), max_length=80, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=[(z, z) for z in TIME_ZONES], default="UTC"
    )
    coordinator = models.ForeignKey(
        "Organisation",
        verbose_name=_("coordinator and secretariat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    chair_rotation_rule = models.CharField(
        _("co-chair rotation rule"),
        max_length=16,
        choices=c.ChairRotationRule.choices,
        default=c.ChairRotationRule.NO_CONSECUTIVE,
    )
    mfa_required_roles = models.JSONField(
        _("roles that must use two-factor sign-in"), default=list, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("network:home", kwargs={"network": self.slug})

    def clean(self) -> None:
        unknown = set(self.mfa_required_roles or []) - set(Role.values)
        if unknown:
            raise ValidationError({"mfa_required_roles": _("Unknown roles: %s") % ", ".join(sorted(unknown))})
        if self.level == c.NetworkLevel.NATIONAL and not self.country:
            raise ValidationError({"country": _("A national network needs its country.")})


class TermsOfReference(NetworkScopedModel):
    """A version of the Network's Terms of Reference; the newest adopted version is in force."""

    number = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True, help_text=_("Markdown."))

    class Meta:
        ordering = ["network", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "number"],
                name="uniq_tor_version",
                violation_error_message=_(
                    "This version number is already used for this network's Terms of Reference."
                ),
            )
        ]
        verbose_name = _("terms of reference")
        verbose_name_plural = _("terms of reference")

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"

    def get_absolute_url(self) -> str:
        return reverse("network:terms-detail", kwargs={"network": self.network.slug, "pk": self.pk})


class ToRObjective(NetworkScopedModel):
    """A numbered objective of a ToR version, so that work can point at "Network objective 3" (N3)."""

    terms = models.ForeignKey(
        TermsOfReference,
        verbose_name=_("terms of reference"),
        on_delete=models.CASCADE,
        related_name="objectives",
    )
    scope = models.CharField(_("applies to"), max_length=16, choices=c.ObjectiveScope.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["terms", "scope", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["terms", "scope", "number"],
                name="uniq_tor_objective",
                violation_error_message=_("This objective number is already used in this version."),
            )
        ]
        verbose_name = _("ToR objective")
        verbose_name_plural = _("ToR objectives")

    @property
    def code(self) -> str:
        return f"{'N' if self.scope == c.ObjectiveScope.NETWORK else 'T'}{self.number}"

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:80]}"


class ThematicArea(NetworkScopedModel):
    """A theme the Network works on (ToR TWG objective 2), configurable per network."""

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "name"],
                condition=LIVE,
                name="uniq_theme_name",
                violation_error_message=_("A thematic area with this name already exists in this network."),
            )
        ]
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:thematicarea-detail", kwargs={"network": self.network.slug, "pk": self.pk})


class Organisation(NetworkScopedModel):
    """An organisation known to the network: UN entity, Government body, NGO/CSO, consortium…"""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=c.OrganisationKind.choices)
    un_entity = models.ForeignKey(
        "core.UNEntity", verbose_name=_("UN entity"), on_delete=models.PROTECT, null=True, blank=True
    )
    government_body = models.ForeignKey(
        "core.GovernmentBody",
        verbose_name=_("Government body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    stakeholder_category = models.ForeignKey(
        "core.StakeholderCategory",
        verbose_name=_("stakeholder category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    consortium = models.ForeignKey(
        "self",
        verbose_name=_("member of consortium"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consortium_members",
        limit_choices_to={"kind": c.OrganisationKind.CSO_CONSORTIUM},
    )
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "name"],
                condition=LIVE,
                name="uniq_org_name",
                violation_error_message=_("An organisation with this name already exists in this network."),
            ),
        ]
        indexes = [models.Index(fields=["network", "kind"])]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.acronym or self.name

    def get_absolute_url(self) -> str:
        return reverse("network:organisation-detail", kwargs={"network": self.network.slug, "pk": self.pk})

    @property
    def is_un(self) -> bool:
        return self.kind == c.OrganisationKind.UN_ENTITY

    def clean(self) -> None:
        if self.un_entity_id and self.kind != c.OrganisationKind.UN_ENTITY:
            raise ValidationError({"un_entity": _("Only a UN entity can be linked to the UN entity list.")})
        if self.consortium_id:
            if self.consortium_id == self.pk:
                raise ValidationError({"consortium": _("An organisation cannot be a member of itself.")})
            if self.kind == c.OrganisationKind.CSO_CONSORTIUM:
                raise ValidationError({"consortium": _("A consortium cannot belong to another consortium.")})


class Person(NetworkScopedModel):
    """Someone who works with the network, usually for one of its organisations."""

    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True, help_text=_("Job title."))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )

    class Meta:
        ordering = ["full_name"]
        indexes = [models.Index(fields=["network", "full_name"])]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("network:person-detail", kwargs={"network": self.network.slug, "pk": self.pk})


class Body(NetworkScopedModel):
    """A body of the network: the plenary, a TWG, a local forum or a task force, with the ToR's rules."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=c.BodyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reports to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    mandate = models.TextField(_("mandate"), blank=True, help_text=_("Markdown."))
    required_level = models.CharField(
        _("required participation level"),
        max_length=24,
        choices=c.ParticipationLevel.choices,
        default=c.ParticipationLevel.PROGRAMME_MANAGER,
    )
    cadence = models.CharField(
        _("meeting frequency"), max_length=16, choices=c.Cadence.choices, default=c.Cadence.AS_NEEDED
    )
    chair_arrangement = models.CharField(
        _("chairing"), max_length=16, choices=c.ChairArrangement.choices, default=c.ChairArrangement.CO_CHAIRS
    )
    chair_term_months = models.PositiveSmallIntegerField(_("chair term (months)"), default=12)
    chair_selection = models.CharField(_("chairs selected by"), max_length=200, blank=True)
    membership_rule = models.CharField(_("who may be a member"), max_length=200, blank=True)
    thematic_areas = models.ManyToManyField(
        ThematicArea, verbose_name=_("thematic areas"), blank=True, related_name="bodies"
    )
    district = models.ForeignKey(
        "core.District", verbose_name=_("district"), on_delete=models.PROTECT, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=c.BodyStatus.choices, default=c.BodyStatus.ACTIVE
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    abolished_on = models.DateField(_("abolished on"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "name"],
                condition=LIVE,
                name="uniq_body_name",
                violation_error_message=_("A body with this name already exists in this network."),
            )
        ]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("network:body-detail", kwargs={"network": self.network.slug, "pk": self.pk})

    @staticmethod
    def active_q(today: datetime.date | None = None, prefix: str = "") -> Q:
        """Bodies working on `today`: established (not merely proposed) and not yet abolished."""
        today = today or timezone.localdate()
        return Q(**{f"{prefix}status": c.BodyStatus.ACTIVE}) & (
            Q(**{f"{prefix}abolished_on__isnull": True}) | Q(**{f"{prefix}abolished_on__gt": today})
        )

    @property
    def is_active(self) -> bool:
        return self.status == c.BodyStatus.ACTIVE and (
            self.abolished_on is None or self.abolished_on > timezone.localdate()
        )

    @property
    def is_proposed(self) -> bool:
        return self.status == c.BodyStatus.PROPOSED

    @property
    def decided_by_consensus(self) -> bool:
        """TWGs are established and abolished by a consensus decision of the Network (ToR), not by a form."""
        return self.kind == c.BodyKind.TWG

    def clean(self) -> None:
        if self.established_on and self.abolished_on and self.abolished_on < self.established_on:
            raise ValidationError(
                {"abolished_on": _("A body cannot be abolished before it was established.")}
            )
        if self.kind == c.BodyKind.LOCAL_FORUM and not self.district_id:
            raise ValidationError({"district": _("A local forum needs its district.")})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A body cannot report to itself.")})


class Membership(NetworkScopedModel):
    """An organisation's membership of a body, with dates. Chairs propose; the secretariat confirms."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="memberships"
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=c.MembershipKind.choices, default=c.MembershipKind.MEMBER
    )
    status = models.CharField(
        _("status"), max_length=16, choices=c.MembershipStatus.choices, default=c.MembershipStatus.ACTIVE
    )
    start_date = models.DateField(_("from"), default=datetime.date.today)
    end_date = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["body", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "organisation"],
                condition=LIVE & Q(end_date__isnull=True),
                name="uniq_open_membership",
            )
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.organisation} — {self.body}"

    def get_absolute_url(self) -> str:
        return reverse("network:membership-detail", kwargs={"network": self.network.slug, "pk": self.pk})

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return (
            self.status == c.MembershipStatus.ACTIVE
            and self.start_date <= today
            and (self.end_date is None or self.end_date >= today)
        )

    def clean(self) -> None:
        _check_dates(self.start_date, self.end_date, _("From"), _("Until"))
        if self.body_id and self.organisation_id and self.body.network_id != self.organisation.network_id:
            raise ValidationError(_("The body and the organisation belong to different networks."))


class Representative(NetworkScopedModel):
    """A person who represents an organisation in a body: principal or alternate, at a participation level."""

    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.PROTECT, related_name="representatives"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="representations"
    )
    role = models.CharField(
        _("role"), max_length=16, choices=c.RepresentativeRole.choices, default=c.RepresentativeRole.PRINCIPAL
    )
    level = models.CharField(_("participation level"), max_length=24, choices=c.ParticipationLevel.choices)
    start_date = models.DateField(_("from"), default=datetime.date.today)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["membership", "role", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "person"],
                condition=LIVE & Q(end_date__isnull=True),
                name="uniq_open_representative",
            )
        ]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    def get_absolute_url(self) -> str:
        return reverse("network:representative-detail", kwargs={"network": self.network.slug, "pk": self.pk})

    @property
    def below_required_level(self) -> bool:
        return c.LEVEL_RANK[self.level] < c.LEVEL_RANK[self.membership.body.required_level]

    def clean(self) -> None:
        _check_dates(self.start_date, self.end_date, _("From"), _("Until"))
        if (
            self.membership_id
            and self.person_id
            and self.membership.organisation_id
            not in (
                self.person.organisation_id,
                self.person.organisation.consortium_id if self.person.organisation_id else None,
            )
        ):
            raise ValidationError(
                {
                    "person": _("This person does not work for %(org)s.")
                    % {"org": self.membership.organisation}
                }
            )


class ChairTerm(NetworkScopedModel):
    """A term of office of a body's chair or co-chair (one year by default, selected by consensus)."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="chair_terms"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="chair_terms"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chair_terms",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=c.ChairRole.choices, default=c.ChairRole.CO_CHAIR
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    selection_note = models.CharField(_("how selected"), max_length=300, blank=True)

    class Meta:
        ordering = ["body", "-start_date"]
        indexes = [models.Index(fields=["network", "end_date"])]
        verbose_name = _("chair term")
        verbose_name_plural = _("chair terms")

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_role_display()}, {self.body} ({self.start_date:%Y}–{self.end_date:%Y})"

    def get_absolute_url(self) -> str:
        return reverse("network:chairterm-detail", kwargs={"network": self.network.slug, "pk": self.pk})

    @property
    def is_current(self) -> bool:
        return self.start_date <= timezone.localdate() <= self.end_date

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": _("A term must end after it starts.")})
        if self.person_id and self.organisation_id and self.person.organisation_id != self.organisation_id:
            raise ValidationError(
                {"person": _("This person does not work for %(org)s.") % {"org": self.organisation}}
            )


class Nomination(NetworkScopedModel):
    """A CSO consortium nominates a person to represent civil society in a body (ToR footnote 4)."""

    consortium = models.ForeignKey(
        Organisation,
        verbose_name=_("consortium"),
        on_delete=models.PROTECT,
        related_name="nominations",
        limit_choices_to={"kind": c.OrganisationKind.CSO_CONSORTIUM},
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="nominations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person nominated"), on_delete=models.PROTECT, related_name="nominations"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=c.NominationStatus.choices, default=c.NominationStatus.NOMINATED
    )
    nominated_on = models.DateField(_("nominated on"), default=datetime.date.today)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-nominated_on"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")

    def __str__(self) -> str:
        return f"{self.person} → {self.body} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("network:nomination-detail", kwargs={"network": self.network.slug, "pk": self.pk})

    def clean(self) -> None:
        if self.consortium_id and self.consortium.kind != c.OrganisationKind.CSO_CONSORTIUM:
            raise ValidationError({"consortium": _("Only a CSO consortium can nominate.")})


class RoleAssignment(NetworkScopedModel):
    """A user's role in a network; focal points and partners for an organisation, chairs for a body."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["network", "user__email", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "user", "role", "organisation", "body"],
                condition=LIVE,
                name="uniq_role_assignment",
            )
        ]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")

    def __str__(self) -> str:
        target = self.body or self.organisation
        return f"{self.user} — {self.get_role_display()}" + (f" ({target})" if target else "")

    def get_absolute_url(self) -> str:
        return reverse("network:roleassignment-detail", kwargs={"network": self.network.slug, "pk": self.pk})

    def clean(self) -> None:
        if self.role in (Role.MEMBER, Role.PARTNER) and not self.organisation_id:
            raise ValidationError(
                {"organisation": _("A focal point or partner acts for an organisation: choose it.")}
            )
        if self.role == Role.CHAIR and not self.body_id:
            raise ValidationError({"body": _("A chair chairs a body: choose it.")})
        if self.role == Role.MEMBER and self.organisation_id and not self.organisation.is_un:
            raise ValidationError({"organisation": _("Member focal points act for a UN entity.")})
