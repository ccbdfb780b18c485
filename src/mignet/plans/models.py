"""Plans and monitoring: the frameworks activities are tied to, work plans and the national GCM action plan
as results trees (outcome → output → activity), indicators with targets and measurements, quarterly
progress reports, impediments escalated to the Government, joint-programming priorities and the review of
likely duplicate activities (ToR Network objectives 1–3 and 7, TWG objectives 1–3)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mignet.core.models import NetworkScopedModel

from . import choices as c

LIVE = Q(deleted_at__isnull=True)
MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
PERIOD_RE = re.compile(r"^(?P<year>\d{4})(?:-Q(?P<quarter>[1-4]))?$")


def period_bounds(period: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of a period written "2026" (a year) or "2026-Q2" (a quarter)."""
    match = PERIOD_RE.match(period or "")
    if not match:
        raise ValueError(period)
    year = int(match["year"])
    if not match["quarter"]:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    q = int(match["quarter"])
    start = datetime.date(year, 3 * q - 2, 1)
    end = datetime.date(year + (q == 4), (3 * q) % 12 + 1, 1) - datetime.timedelta(days=1)
    return start, end


def _url(name: str, obj) -> str:
    return reverse(name, kwargs={"network": obj.network.slug, "pk": obj.pk})


class FrameworkItem(NetworkScopedModel):
    """A UNSDCF outcome or a Government priority an activity contributes to, kept per network by the
    secretariat (GCM objectives, guiding principles and SDG targets are reference data)."""

    kind = models.CharField(_("framework"), max_length=24, choices=c.FrameworkKind.choices)
    code = models.CharField(_("code"), max_length=20, help_text=_("As the framework numbers it, e.g. 2.1."))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("The document that sets it out, e.g. UNSDCF 2022–2026."),
    )

    class Meta:
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "kind", "code"],
                condition=LIVE,
                name="uniq_framework_item_code",
                violation_error_message=_("This framework already has an item with this code."),
            )
        ]
        verbose_name = _("framework item")
        verbose_name_plural = _("framework items")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return _url("plans:frameworkitem-detail", self)


class Plan(NetworkScopedModel):
    """An annual work plan of the Network or a TWG, or the multi-year national GCM action plan: a results
    tree with activities. Draft → submitted → approved by an adopted decision → closed; an approved plan is
    changed through a revision while the approved version stays readable (`PlanVersion`)."""

    body = models.ForeignKey(
        "network.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="plans"
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=c.PlanKind.choices, default=c.PlanKind.WORK_PLAN
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Markdown. What the plan sets out to do.")
    )
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"))
    status = models.CharField(
        _("status"), max_length=16, choices=c.PlanStatus.choices, default=c.PlanStatus.DRAFT, editable=False
    )
    approved_version = models.PositiveSmallIntegerField(
        _("approved version"), default=0, editable=False, help_text=_("0 until first approved.")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-start_date", "body__name", "title"]
        indexes = [models.Index(fields=["network", "status"])]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return _url("plans:plan-detail", self)

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The plan must end after it starts.")})

    @property
    def is_editable(self) -> bool:
        """Results, activities and indicators change only while the plan (or its revision) is a draft."""
        return self.status == c.PlanStatus.DRAFT

    @property
    def is_revision(self) -> bool:
        return self.status in (c.PlanStatus.DRAFT, c.PlanStatus.SUBMITTED) and self.approved_version > 0


class PlanVersion(NetworkScopedModel):
    """A plan as approved: a frozen copy of its results, activities and indicators, readable after the
    plan is revised."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    approved_at = models.DateTimeField(_("approved"))
    decision_title = models.CharField(_("approved by decision"), max_length=300, blank=True)
    snapshot = models.JSONField(_("content"), default=dict, editable=False)

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], condition=LIVE, name="uniq_plan_version")
        ]
        verbose_name = _("approved plan version")
        verbose_name_plural = _("approved plan versions")

    def __str__(self) -> str:
        return f"{self.plan} — v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "plans:plan-version",
            kwargs={"network": self.network.slug, "pk": self.plan_id, "number": self.number},
        )


class Result(NetworkScopedModel):
    """An outcome (top level, coded 1, 2…) or an output under an outcome (coded 1.1, 1.2…)."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="results")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("outcome"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outputs",
        help_text=_("For an output: the outcome it contributes to."),
    )
    level = models.CharField(_("level"), max_length=10, choices=c.ResultLevel.choices)
    code = models.CharField(_("code"), max_length=20, editable=False)
    position = models.PositiveSmallIntegerField(_("number"), default=1, editable=False)
    title = models.CharField(_("result statement"), max_length=400)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["plan", "parent__position", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"],
                condition=LIVE,
                name="uniq_result_code",
                violation_error_message=_("This plan already has a result with this code."),
            )
        ]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return _url("plans:result-detail", self)

    def clean(self) -> None:
        if self.level == c.ResultLevel.OUTPUT:
            if self.parent_id is None:
                raise ValidationError({"parent": _("An output must belong to an outcome.")})
            if self.parent.level != c.ResultLevel.OUTCOME:
                raise ValidationError(
                    {"parent": _("An output belongs to an outcome, not to another output.")}
                )
            if self.parent.plan_id != self.plan_id:
                raise ValidationError({"parent": _("This outcome is in another plan.")})
        elif self.level == c.ResultLevel.OUTCOME and self.parent_id is not None:
            raise ValidationError({"parent": _("An outcome is the top of the tree; leave this empty.")})


class JointPriority(NetworkScopedModel):
    """A joint-programming priority (research, advocacy or a programme) proposed in a TWG and supported by
    organisations; promoted into a plan's activities with the link kept (TWG objective 1)."""

    body = models.ForeignKey(
        "network.Body",
        verbose_name=_("proposed in"),
        on_delete=models.PROTECT,
        related_name="joint_priorities",
    )
    kind = models.CharField(_("type"), max_length=16, choices=c.PriorityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    proposed_by = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    supporters = models.ManyToManyField(
        "network.Organisation",
        verbose_name=_("supporting organisations"),
        blank=True,
        related_name="supported_priorities",
    )
    gcm_objectives = models.ManyToManyField(
        "core.GCMObjective", verbose_name=_("GCM objectives"), blank=True, related_name="joint_priorities"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=c.PriorityStatus.choices,
        default=c.PriorityStatus.PROPOSED,
        editable=False,
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("joint-programming priority")
        verbose_name_plural = _("joint-programming priorities")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return _url("plans:jointpriority-detail", self)


class Activity(NetworkScopedModel):
    """What an organisation will do under an output (coded 1.1.1), with its tags, places, dates, budget,
    status and markers. A member focal point edits their own organisation's activities only."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="activities"
    )
    output = models.ForeignKey(
        Result, verbose_name=_("output"), on_delete=models.PROTECT, related_name="activities"
    )
    code = models.CharField(_("code"), max_length=24, editable=False)
    position = models.PositiveSmallIntegerField(_("number"), default=1, editable=False)
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    lead_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        related_name="led_activities",
    )
    partners = models.ManyToManyField(
        "network.Organisation",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="partner_activities",
    )
    body = models.ForeignKey(
        "network.Body",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        help_text=_("The TWG or body that coordinates it; the plan's body if empty."),
    )
    gcm_objectives = models.ManyToManyField(
        "core.GCMObjective", verbose_name=_("GCM objectives"), related_name="activities"
    )
    guiding_principles = models.ManyToManyField(
        "core.GuidingPrinciple", verbose_name=_("guiding principles"), blank=True, related_name="activities"
    )
    sdg_targets = models.ManyToManyField(
        "core.SDGTarget", verbose_name=_("SDG targets"), blank=True, related_name="activities"
    )
    unsdcf_outcome = models.ForeignKey(
        FrameworkItem,
        verbose_name=_("UNSDCF outcome"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="unsdcf_activities",
        limit_choices_to={"kind": c.FrameworkKind.UNSDCF_OUTCOME},
    )
    government_priority = models.ForeignKey(
        FrameworkItem,
        verbose_name=_("Government priority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="priority_activities",
        limit_choices_to={"kind": c.FrameworkKind.GOVERNMENT_PRIORITY},
    )
    thematic_areas = models.ManyToManyField(
        "network.ThematicArea", verbose_name=_("thematic areas"), blank=True, related_name="activities"
    )
    districts = models.ManyToManyField(
        "core.District", verbose_name=_("districts"), blank=True, related_name="activities"
    )
    national = models.BooleanField(_("national (all districts)"), default=False)
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"))
    budget_required = models.DecimalField(_("budget required (USD)"), default=Decimal("0"), **MONEY)
    budget_available = models.DecimalField(_("budget available (USD)"), default=Decimal("0"), **MONEY)
    budget_spent = models.DecimalField(_("spent (USD)"), default=Decimal("0"), **MONEY)
    funding_source = models.CharField(_("funding source"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=c.ActivityStatus.choices, default=c.ActivityStatus.PLANNED
    )
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), default=0, editable=False, help_text=_("From the latest progress update.")
    )
    gender_marker = models.PositiveSmallIntegerField(
        _("gender-equality marker"), choices=c.Marker.choices, default=c.Marker.NONE
    )
    gender_justification = models.TextField(_("why this gender marker"), blank=True)
    human_rights_marker = models.PositiveSmallIntegerField(
        _("human-rights marker"), choices=c.Marker.choices, default=c.Marker.NONE
    )
    human_rights_justification = models.TextField(_("why this human-rights marker"), blank=True)
    joint_programme = models.BooleanField(_("joint programme (delivering as one)"), default=False)
    joint_priority = models.ForeignKey(
        JointPriority,
        verbose_name=_("joint-programming priority"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )

    class Meta:
        ordering = ["plan", "output__parent__position", "output__position", "position"]
        indexes = [
            models.Index(fields=["network", "status"]),
            models.Index(fields=["plan", "lead_organisation"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"],
                condition=LIVE,
                name="uniq_activity_code",
                violation_error_message=_("This plan already has an activity with this code."),
            )
        ]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return _url("plans:activity-detail", self)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The activity must end after it starts.")
        plan = self.plan if self.plan_id else None
        if plan is not None:
            if self.start_date and not plan.start_date <= self.start_date <= plan.end_date:
                errors["start_date"] = _("Start within the plan's period (%(start)s to %(end)s).") % {
                    "start": plan.start_date.isoformat(),
                    "end": plan.end_date.isoformat(),
                }
            if self.end_date and not plan.start_date <= self.end_date <= plan.end_date:
                errors["end_date"] = _("End within the plan's period (%(start)s to %(end)s).") % {
                    "start": plan.start_date.isoformat(),
                    "end": plan.end_date.isoformat(),
                }
            if self.output_id and self.output.plan_id != self.plan_id:
                errors["output"] = _("This output is in another plan.")
        if self.output_id and self.output.level != c.ResultLevel.OUTPUT:
            errors["output"] = _("Activities sit under an output, not an outcome.")
        if self.gender_marker and not self.gender_justification.strip():
            errors["gender_justification"] = _("Say why the activity has this gender-equality marker.")
        if self.human_rights_marker and not self.human_rights_justification.strip():
            errors["human_rights_justification"] = _("Say why the activity has this human-rights marker.")
        if errors:
            raise ValidationError(errors)

    @property
    def overspent(self) -> bool:
        """Spent more than is available: a warning shown on the page, never a refusal."""
        return (self.budget_spent or 0) > (self.budget_available or 0)


class Indicator(NetworkScopedModel):
    """How progress on an outcome, output or activity is measured: unit, direction, baseline, targets per
    period and measurements, optionally disaggregated."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="indicators"
    )
    result = models.ForeignKey(
        Result,
        verbose_name=_("result"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
    )
    code = models.CharField(_("code"), max_length=24, blank=True)
    name = models.CharField(_("indicator"), max_length=400)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("e.g. people, %, districts"))
    direction = models.CharField(
        _("direction"), max_length=10, choices=c.Direction.choices, default=c.Direction.INCREASE
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    disaggregation = models.JSONField(
        _("disaggregated by"),
        default=list,
        blank=True,
        help_text=_("Sex, age group, migrant status, district."),
    )
    gcm_objectives = models.ManyToManyField(
        "core.GCMObjective", verbose_name=_("GCM objectives"), blank=True, related_name="indicators"
    )
    means_of_verification = models.CharField(_("means of verification"), max_length=300, blank=True)

    class Meta:
        ordering = ["plan", "code", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    def get_absolute_url(self) -> str:
        return _url("plans:indicator-detail", self)

    def clean(self) -> None:
        if bool(self.result_id) == bool(self.activity_id):
            raise ValidationError({"result": _("Attach the indicator to one result or to one activity.")})
        owner = self.result if self.result_id else self.activity
        if self.plan_id and owner.plan_id != self.plan_id:
            raise ValidationError({"result": _("This result or activity is in another plan.")})
        unknown = set(self.disaggregation or []) - set(c.Disaggregation.values)
        if unknown:
            raise ValidationError(
                {"disaggregation": _("Unknown disaggregation: %(v)s.") % {"v": ", ".join(sorted(unknown))}}
            )
        if self.baseline_year and not 1990 <= self.baseline_year <= 2100:
            raise ValidationError({"baseline_year": _("Give a year such as 2024.")})


def _validate_period(value: str) -> None:
    if not PERIOD_RE.match(value or ""):
        raise ValidationError(_("Write a year (2026) or a quarter (2026-Q2)."))


class Target(NetworkScopedModel):
    """The value an indicator should reach by the end of a period (a year or a quarter)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    period = models.CharField(_("period"), max_length=7, validators=[_validate_period])
    period_end = models.DateField(editable=False, null=True)
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["indicator", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=LIVE,
                name="uniq_target_period",
                violation_error_message=_("This indicator already has a target for this period."),
            )
        ]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"

    def get_absolute_url(self) -> str:
        return self.indicator.get_absolute_url()

    def clean(self) -> None:
        if PERIOD_RE.match(self.period or ""):
            self.period_end = period_bounds(self.period)[1]


class Measurement(NetworkScopedModel):
    """A value of an indicator for a period, with its source; a total when no disaggregation is given."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="measurements"
    )
    period = models.CharField(_("period"), max_length=7, validators=[_validate_period])
    period_end = models.DateField(editable=False, null=True)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    source = models.CharField(_("source"), max_length=300, blank=True)
    means_of_verification = models.CharField(_("means of verification"), max_length=300, blank=True)
    sex = models.CharField(_("sex"), max_length=8, choices=c.Sex.choices, blank=True)
    age_group = models.CharField(_("age group"), max_length=8, choices=c.AgeGroup.choices, blank=True)
    migrant_status = models.CharField(
        _("migrant status"), max_length=12, choices=c.MigrantStatus.choices, blank=True
    )
    district = models.ForeignKey(
        "core.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    report = models.ForeignKey(
        "plans.ProgressReport",
        verbose_name=_("reported in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="measurements",
    )

    class Meta:
        ordering = ["indicator", "period_end", "pk"]
        indexes = [models.Index(fields=["indicator", "period_end"])]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"

    def get_absolute_url(self) -> str:
        return self.indicator.get_absolute_url()

    @property
    def is_total(self) -> bool:
        return not (self.sex or self.age_group or self.migrant_status or self.district_id)

    def clean(self) -> None:
        if PERIOD_RE.match(self.period or ""):
            self.period_end = period_bounds(self.period)[1]
        if self.indicator_id:
            allowed = set(self.indicator.disaggregation or [])
            used = {
                name
                for name, value in (
                    ("sex", self.sex),
                    ("age_group", self.age_group),
                    ("migrant_status", self.migrant_status),
                    ("district", self.district_id),
                )
                if value
            }
            extra = used - allowed
            if extra:
                raise ValidationError({sorted(extra)[0]: _("This indicator is not disaggregated this way.")})


class ProgressReport(NetworkScopedModel):
    """One organisation's quarterly report on the activities it leads in a plan: one form, one line per
    activity (`ProgressUpdate`). Due a set number of days after the quarter ends; late ones are flagged."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reports")
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=[(q, f"Q{q}") for q in range(1, 5)])
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=c.ReportStatus.choices,
        default=c.ReportStatus.DRAFT,
        editable=False,
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    summary = models.TextField(_("overall narrative"), blank=True)

    class Meta:
        ordering = ["-year", "-quarter", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "organisation", "year", "quarter"],
                condition=LIVE,
                name="uniq_progress_report",
                violation_error_message=_("This organisation already has a report for this quarter."),
            )
        ]
        verbose_name = _("quarterly progress report")
        verbose_name_plural = _("quarterly progress reports")

    def __str__(self) -> str:
        return f"{self.organisation} — {self.year}-Q{self.quarter}"

    def get_absolute_url(self) -> str:
        return _url("plans:progressreport-detail", self)

    @property
    def period(self) -> str:
        return f"{self.year}-Q{self.quarter}"

    @property
    def due_date(self) -> datetime.date:
        return period_bounds(self.period)[1] + datetime.timedelta(days=settings.MIGNET_PROGRESS_DUE_DAYS)

    @property
    def is_late(self) -> bool:
        from django.utils import timezone

        if self.submitted_at is not None:
            return timezone.localdate(self.submitted_at) > self.due_date
        return timezone.localdate() > self.due_date


class ProgressUpdate(NetworkScopedModel):
    """One activity's line in a quarterly report: status, percent complete, spent to date and narrative."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="updates"
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="updates"
    )
    status = models.CharField(_("status"), max_length=16, choices=c.ActivityStatus.choices)
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), default=0, validators=[MinValueValidator(0)]
    )
    spent_to_date = models.DecimalField(_("spent to date (USD)"), default=Decimal("0"), **MONEY)
    narrative = models.TextField(_("what happened this quarter"), blank=True)

    class Meta:
        ordering = ["report", "activity__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "activity"],
                condition=LIVE,
                name="uniq_progress_update",
                violation_error_message=_("This activity already has a line in this report."),
            )
        ]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.activity.code} — {self.report.period}"

    def get_absolute_url(self) -> str:
        return self.report.get_absolute_url()

    def clean(self) -> None:
        if self.percent_complete is not None and self.percent_complete > 100:
            raise ValidationError({"percent_complete": _("Give a percentage from 0 to 100.")})
        if (
            self.activity_id
            and self.report_id
            and self.activity.lead_organisation_id != self.report.organisation_id
        ):
            raise ValidationError({"activity": _("Report only on activities your organisation leads.")})


class Impediment(NetworkScopedModel):
    """Something in the way of delivery, raised by a TWG or an organisation against activities and
    escalated TWG → Network → raised with the Government → resolved; each step dated (`ImpedimentStep`)."""

    title = models.CharField(_("impediment"), max_length=300)
    description = models.TextField(
        _("details"), blank=True, help_text=_("Markdown. What is in the way, and what would help.")
    )
    category = models.CharField(_("category"), max_length=16, choices=c.ImpedimentCategory.choices)
    severity = models.CharField(
        _("severity"), max_length=10, choices=c.Severity.choices, default=c.Severity.MEDIUM
    )
    raised_by_body = models.ForeignKey(
        "network.Body",
        verbose_name=_("raised by (body)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="impediments",
    )
    raised_by_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("raised by (organisation)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="impediments",
    )
    activities = models.ManyToManyField(
        Activity, verbose_name=_("activities affected"), blank=True, related_name="impediments"
    )
    stage = models.CharField(
        _("stage"),
        max_length=12,
        choices=c.ImpedimentStage.choices,
        default=c.ImpedimentStage.RAISED,
        editable=False,
    )
    government_body = models.ForeignKey(
        "core.GovernmentBody",
        verbose_name=_("raised with"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    stage_changed_at = models.DateTimeField(_("since"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["network", "stage"])]
        verbose_name = _("impediment")
        verbose_name_plural = _("impediments")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return _url("plans:impediment-detail", self)

    def clean(self) -> None:
        if not self.raised_by_body_id and not self.raised_by_organisation_id:
            raise ValidationError({"raised_by_body": _("Say which body or organisation raises it.")})

    @property
    def is_open(self) -> bool:
        return self.stage != c.ImpedimentStage.RESOLVED


class ImpedimentStep(NetworkScopedModel):
    """One dated step of an impediment: who moved it where, and why."""

    impediment = models.ForeignKey(
        Impediment, verbose_name=_("impediment"), on_delete=models.CASCADE, related_name="steps"
    )
    from_stage = models.CharField(_("from"), max_length=12, choices=c.ImpedimentStage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=12, choices=c.ImpedimentStage.choices)
    government_body = models.ForeignKey(
        "core.GovernmentBody",
        verbose_name=_("raised with"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("why"))
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["impediment", "at", "pk"]
        verbose_name = _("impediment step")
        verbose_name_plural = _("impediment steps")

    def __str__(self) -> str:
        return f"{self.impediment} → {self.get_to_stage_display()}"

    def get_absolute_url(self) -> str:
        return self.impediment.get_absolute_url()


class DuplicateReview(NetworkScopedModel):
    """A TWG's verdict on a pair of activities flagged as similar: complementary or a duplicate."""

    first = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="+"
    )
    second = models.ForeignKey(
        Activity, verbose_name=_("similar activity"), on_delete=models.CASCADE, related_name="+"
    )
    similarity = models.FloatField(_("similarity"), default=0, editable=False)
    verdict = models.CharField(_("verdict"), max_length=16, choices=c.DuplicateVerdict.choices)
    note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["first", "second"],
                condition=LIVE,
                name="uniq_duplicate_review",
                violation_error_message=_("This pair has already been reviewed."),
            ),
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")), name="duplicate_review_ordered"
            ),
        ]
        verbose_name = _("duplicate review")
        verbose_name_plural = _("duplicate reviews")

    def __str__(self) -> str:
        return f"{self.first.code} / {self.second.code}: {self.get_verdict_display()}"

    def get_absolute_url(self) -> str:
        return reverse("plans:duplicates", kwargs={"network": self.network.slug})


class ImportJob(NetworkScopedModel):
    """One apply of an Excel import, run in the background: its progress, its outcome (how many rows were
    created and updated) or the errors that stopped it (nothing saved). The uploaded file is deleted when
    the job ends."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(_("file"), max_length=255, editable=False)
    digest = models.CharField(_("preview fingerprint"), max_length=64, blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=c.ImportStatus.choices, default=c.ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows read"), default=0)
    saving = models.BooleanField(_("saving"), default=False)
    summary = models.JSONField(_("summary"), default=dict, blank=True)  # {"created": n, "updated": m}
    errors = models.JSONField(_("errors"), default=list, blank=True)  # [{sheet, row, column, message}]
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.plan} — {self.get_status_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_active(self) -> bool:
        return self.status in (c.ImportStatus.QUEUED, c.ImportStatus.RUNNING)

    def get_absolute_url(self) -> str:
        return reverse(
            "plans:import-job", kwargs={"network": self.network.slug, "pk": self.plan_id, "job_pk": self.pk}
        )
