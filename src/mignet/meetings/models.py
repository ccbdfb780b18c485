"""Meetings of the Network's bodies, what they decide and what they follow up.

Times are stored in UTC and shown in the network's time zone. A decision's positions and outcome follow
the rules in `rules.py`; what an adopted decision changes is in `effects.py`."""

from __future__ import annotations

import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mignet.core.models import NetworkScopedModel
from mignet.network.choices import ChairRole, ParticipationLevel

from . import choices as c

LIVE = Q(deleted_at__isnull=True)


def _url(name: str, obj) -> str:
    return reverse(f"meetings:{name}-detail", kwargs={"network": obj.network.slug, "pk": obj.pk})


class Meeting(NetworkScopedModel):
    """A meeting of one body: when, where, its agenda, who came, its minutes. Invitations carry an ICS."""

    body = models.ForeignKey(
        "network.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=c.MeetingKind.choices, default=c.MeetingKind.REGULAR
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Leave empty for the body's name and the date.")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online meeting link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=c.MeetingStatus.choices,
        default=c.MeetingStatus.SCHEDULED,
        editable=False,
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True, editable=False)
    notes = models.TextField(_("notes for participants"), blank=True, help_text=_("Markdown."))
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True, editable=False)
    agenda_circulated_at = models.DateTimeField(_("agenda circulated"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["network", "body", "starts_at"])]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        if self.title:
            return self.title
        local = timezone.localtime(self.starts_at) if self.starts_at else None
        when = local.strftime("%d %b %Y") if local else ""
        return f"{self.body} — {when}" if self.body_id else when

    def get_absolute_url(self) -> str:
        return _url("meeting", self)

    @property
    def is_cancelled(self) -> bool:
        return self.status == c.MeetingStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at is not None and self.ends_at <= timezone.now()

    @property
    def ics_uid(self) -> str:
        return f"{self.uid}@mignet"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
        if not self.location and not self.online_link:
            raise ValidationError(
                {"location": _("Give a place, an online meeting link, or both, so people know where to go.")}
            )
        if self.body_id and self.network_id and self.body.network_id != self.network_id:
            raise ValidationError({"body": _("This body belongs to another network.")})


class AgendaItem(NetworkScopedModel):
    """One item of a meeting's agenda, in order, with who presents it and the time it has."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=300)
    presenter = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("presented by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    minutes_allotted = models.PositiveSmallIntegerField(_("minutes allotted"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    resources = models.ManyToManyField(
        "library.Resource",
        verbose_name=_("documents from the library"),
        blank=True,
        related_name="agenda_items",
        help_text=_("Papers for this item: they show on the agenda and its page."),
    )

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    def get_absolute_url(self) -> str:
        return _url("agendaitem", self)

    def clean(self) -> None:
        if self.minutes_allotted is not None and self.minutes_allotted > 600:
            raise ValidationError(
                {"minutes_allotted": _("An agenda item cannot take more than 600 minutes.")}
            )


class Attendance(NetworkScopedModel):
    """Who attended a meeting for which organisation, sent apologies or was absent, and at what level."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        "network.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="attendances"
    )
    organisation = models.ForeignKey(
        "network.Organisation", verbose_name=_("for"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("attendance"), max_length=16, choices=c.AttendanceStatus.choices, default=c.AttendanceStatus.PRESENT
    )
    level = models.CharField(
        _("participation level"),
        max_length=24,
        choices=ParticipationLevel.choices,
        blank=True,
        help_text=_("Leave empty to use the level of the person's representation in this body."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["meeting", "organisation__name", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=LIVE,
                name="uniq_attendance_person",
                violation_error_message=_("This person's attendance is already recorded for this meeting."),
            )
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.person} ({self.organisation})"

    def get_absolute_url(self) -> str:
        return _url("attendance", self)


class Minutes(NetworkScopedModel):
    """The minutes of a meeting: draft → circulated → approved. Approved minutes are locked; a correction
    is a new revision that keeps the approved one readable."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes"
    )
    revision = models.PositiveSmallIntegerField(_("revision"), default=1, editable=False)
    text = models.TextField(_("minutes"), help_text=_("Markdown: headings, lists, bold, links."))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=c.MinutesStatus.choices,
        default=c.MinutesStatus.DRAFT,
        editable=False,
    )
    circulated_at = models.DateTimeField(_("circulated"), null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="corrections",
    )
    correction_reason = models.CharField(_("what is corrected"), max_length=300, blank=True, editable=False)

    class Meta:
        ordering = ["meeting", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "revision"], condition=LIVE, name="uniq_minutes_revision"
            )
        ]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        label = _("Minutes of %(meeting)s") % {"meeting": self.meeting}
        return f"{label} (rev. {self.revision})" if self.revision > 1 else label

    def get_absolute_url(self) -> str:
        return _url("minutes", self)

    @property
    def is_locked(self) -> bool:
        return self.status == c.MinutesStatus.APPROVED


class Decision(NetworkScopedModel):
    """A decision of a body: taken by consensus in a meeting, by silence procedure or by written
    consultation. Each member organisation records a position; the outcome follows `rules.py`."""

    body = models.ForeignKey(
        "network.Body", verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="decisions"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        help_text=_("The meeting where it is taken (consensus in a meeting)."),
    )
    method = models.CharField(_("method"), max_length=16, choices=c.DecisionMethod.choices)
    subject = models.CharField(
        _("subject"), max_length=24, choices=c.DecisionSubject.choices, default=c.DecisionSubject.OTHER
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text of the decision"), help_text=_("Markdown. What the members agree to."))
    deadline = models.DateTimeField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("Silence procedure and written consultation: positions are accepted until this time."),
    )
    target_body = models.ForeignKey(
        "network.Body",
        verbose_name=_("body concerned"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="structural_decisions",
        help_text=_("The body to establish or abolish, or whose chairs are selected."),
    )
    minutes = models.ForeignKey(
        Minutes,
        verbose_name=_("minutes to approve"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approval_decisions",
    )
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan to approve"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approval_decisions",
    )
    override_reason = models.TextField(
        _("reason to depart from the rotation rule"),
        blank=True,
        help_text=_("Needed only when a selection would break the network's co-chair rotation rule."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=c.DecisionStatus.choices,
        default=c.DecisionStatus.OPEN,
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    outcome = models.TextField(_("outcome"), blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["network", "status", "deadline"])]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return _url("decision", self)

    @property
    def is_open(self) -> bool:
        return self.status == c.DecisionStatus.OPEN

    @property
    def decided_on(self):
        """The day it was decided in the network's time zone (scheduled work runs in UTC)."""
        if not self.decided_at:
            return None
        return timezone.localdate(self.decided_at, zoneinfo.ZoneInfo(self.network.time_zone))

    def deadline_passed(self, now=None) -> bool:
        return self.deadline is not None and (now or timezone.now()) >= self.deadline

    def clean(self) -> None:
        errors = {}
        if self.method in (c.DecisionMethod.SILENCE,) and not self.deadline:
            errors["deadline"] = _("A silence procedure needs a deadline.")
        if self.method == c.DecisionMethod.CONSENSUS and not self.meeting_id:
            errors["meeting"] = _("A consensus decision is taken in a meeting: choose the meeting.")
        if self.meeting_id and self.body_id and self.meeting.body_id != self.body_id:
            errors["meeting"] = _("This meeting is of another body.")
        subject = self.subject
        needs_body = subject in (
            c.DecisionSubject.ESTABLISH_BODY,
            c.DecisionSubject.ABOLISH_BODY,
            c.DecisionSubject.SELECT_CHAIRS,
        )
        if needs_body and not self.target_body_id:
            errors["target_body"] = _("Choose the body this decision is about.")
        if subject == c.DecisionSubject.APPROVE_MINUTES and not self.minutes_id:
            errors["minutes"] = _("Choose the minutes to approve.")
        if errors:
            raise ValidationError(errors)


class ChairSelection(NetworkScopedModel):
    """One organisation (and person) a chair-selection decision names; adoption gives it a chair term."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="chair_selections"
    )
    organisation = models.ForeignKey(
        "network.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "network.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=16, choices=ChairRole.choices, default=ChairRole.CO_CHAIR)

    class Meta:
        ordering = ["decision", "pk"]
        verbose_name = _("chair selection")
        verbose_name_plural = _("chair selections")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    def get_absolute_url(self) -> str:
        return self.decision.get_absolute_url()


class Position(NetworkScopedModel):
    """A member organisation's position on a decision. A second position replaces the first; history keeps both."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="positions"
    )
    organisation = models.ForeignKey(
        "network.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.CharField(
        pgettext_lazy("decision", "position"), max_length=16, choices=c.PositionValue.choices
    )
    reason = models.TextField(_("reason"), blank=True, help_text=_("Needed for an objection."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["decision", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "organisation"],
                condition=LIVE,
                name="uniq_position_org",
                violation_error_message=_("This organisation already has a position on this decision."),
            )
        ]
        verbose_name = pgettext_lazy("decision", "position")
        verbose_name_plural = pgettext_lazy("decision", "positions")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_value_display()}"

    def get_absolute_url(self) -> str:
        return self.decision.get_absolute_url()

    def clean(self) -> None:
        if self.value == c.PositionValue.OBJECT and not (self.reason or "").strip():
            raise ValidationError({"reason": _("An objection needs a reason, so the others can address it.")})


class ActionPoint(NetworkScopedModel):
    """A follow-up from a meeting or a decision: who does what by when. Open ones return to the next agenda."""

    body = models.ForeignKey(
        "network.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="action_points"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("from meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_points",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("from decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_points",
    )
    title = models.CharField(_("action"), max_length=300)
    description = models.TextField(_("details"), blank=True, help_text=_("Markdown."))
    owner_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner_person = models.ForeignKey(
        "network.Person",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_points",
    )
    due_date = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=16, choices=c.ActionStatus.choices, default=c.ActionStatus.OPEN
    )
    completed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["network", "body", "status", "due_date"])]
        verbose_name = _("action point")
        verbose_name_plural = _("action points")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return _url("actionpoint", self)

    @property
    def is_open(self) -> bool:
        return self.status in c.OPEN_ACTION_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()

    def clean(self) -> None:
        errors = {}
        if not self.meeting_id and not self.decision_id:
            errors["meeting"] = _("Say which meeting or decision this action comes from.")
        if self.meeting_id and self.body_id and self.meeting.body_id != self.body_id:
            errors["meeting"] = _("This meeting is of another body.")
        if self.decision_id and self.body_id and self.decision.body_id != self.body_id:
            errors["decision"] = _("This decision is of another body.")
        if (
            self.owner_person_id
            and self.owner_organisation_id
            and self.owner_person.organisation_id != self.owner_organisation_id
        ):
            errors["owner_person"] = _("This person works for another organisation.")
        if errors:
            raise ValidationError(errors)
