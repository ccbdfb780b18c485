"""Choices of the meetings app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Regular")
    EXTRAORDINARY = "extraordinary", _("Extraordinary")
    AD_HOC = "ad_hoc", _("Ad hoc")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    APOLOGIES = "apologies", _("Apologies")
    ABSENT = "absent", _("Absent")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Circulated")
    APPROVED = "approved", _("Approved")


class DecisionMethod(models.TextChoices):
    CONSENSUS = "consensus", _("Consensus in a meeting")
    SILENCE = "silence", _("Silence procedure")
    WRITTEN = "written", _("Written consultation")


class DecisionSubject(models.TextChoices):
    ESTABLISH_BODY = "establish_body", _("Establish a body")
    ABOLISH_BODY = "abolish_body", _("Abolish a body")
    SELECT_CHAIRS = "select_chairs", _("Select chairs")
    APPROVE_MINUTES = "approve_minutes", _("Approve minutes")
    APPROVE_PLAN = "approve_plan", _("Approve a plan")
    ADOPT_STATEMENT = "adopt_statement", _("Adopt a joint statement")
    OTHER = "other", _("Other")


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Open for positions")
    ADOPTED = "adopted", _("Adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PositionValue(models.TextChoices):
    AGREE = "agree", _("Agree")
    STAND_ASIDE = "stand_aside", _("Stand aside")
    OBJECT = "object", _("Object")


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("action point", "Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
