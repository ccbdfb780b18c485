"""Choices of the plans app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlanKind(models.TextChoices):
    WORK_PLAN = "work_plan", _("Annual work plan")
    GCM_ACTION_PLAN = "gcm_action_plan", _("National GCM action plan")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("plan", "Submitted for approval")
    APPROVED = "approved", pgettext_lazy("plan", "Approved")
    CLOSED = "closed", pgettext_lazy("plan", "Closed")


class ResultLevel(models.TextChoices):
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")


class FrameworkKind(models.TextChoices):
    UNSDCF_OUTCOME = "unsdcf_outcome", _("UNSDCF outcome")
    GOVERNMENT_PRIORITY = "government_priority", _("Government priority")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


class Marker(models.IntegerChoices):
    """Gender-equality and human-rights markers (UNSDG guidance, 0–3)."""

    NONE = 0, _("0 — not expected to contribute")
    LIMITED = 1, _("1 — contributes in a limited way")
    SIGNIFICANT = 2, _("2 — a significant objective")
    PRINCIPAL = 3, _("3 — the principal objective")


class Direction(models.TextChoices):
    INCREASE = "increase", _("Higher is better")
    DECREASE = "decrease", _("Lower is better")


class Disaggregation(models.TextChoices):
    SEX = "sex", _("Sex")
    AGE_GROUP = "age_group", _("Age group")
    MIGRANT_STATUS = "migrant_status", _("Migrant status")
    DISTRICT = "district", _("District")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other / not stated")


class AgeGroup(models.TextChoices):
    CHILD = "0-17", _("0–17")
    YOUTH = "18-24", _("18–24")
    ADULT = "25-59", _("25–59")
    OLDER = "60+", _("60 and over")


class MigrantStatus(models.TextChoices):
    ASPIRING = "aspiring", _("Aspiring migrant")
    MIGRANT = "migrant", _("Migrant worker abroad")
    RETURNEE = "returnee", _("Returnee")
    FAMILY = "family", _("Family member left behind")
    DISPLACED = "displaced", _("Displaced person")
    HOST = "host", _("Host community")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("report", "Submitted")


class ImpedimentCategory(models.TextChoices):
    POLICY = "policy", _("Policy or regulatory")
    FUNDING = "funding", _("Funding")
    ACCESS = "access", _("Access")
    DATA = "data", _("Data")
    COORDINATION = "coordination", _("Coordination")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class ImpedimentStage(models.TextChoices):
    """Where an impediment is: raised in a TWG (or by an organisation), escalated to the Network,
    raised with the Government, resolved."""

    RAISED = "raised", _("Raised")
    NETWORK = "network", _("Escalated to the Network")
    GOVERNMENT = "government", _("Raised with the Government")
    RESOLVED = "resolved", _("Resolved")


class PriorityKind(models.TextChoices):
    RESEARCH = "research", _("Joint research")
    ADVOCACY = "advocacy", _("Joint advocacy")
    PROGRAMME = "programme", _("Joint programme")


class PriorityStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("priority", "Proposed")
    PROMOTED = "promoted", _("In a plan")
    DROPPED = "dropped", _("Dropped")


class DuplicateVerdict(models.TextChoices):
    COMPLEMENTARY = "complementary", _("Complementary")
    DUPLICATE = "duplicate", _("Duplicate")


class ImportStatus(models.TextChoices):
    """Where an Excel import's apply is: waiting for a worker, running, done, or failed (nothing saved)."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
