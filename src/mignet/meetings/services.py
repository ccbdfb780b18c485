"""Writes of the meetings app: schedule and run meetings, keep minutes, take decisions, follow up.

Keyword-only, atomic, checked by the policy, recorded in history with the actor. E-mail (invitations
with ICS, circulations) goes out after the transaction commits, through `notify`."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from mignet.core import policy
from mignet.core.services import (
    record_create,
    record_restore,
    record_save,
    record_soft_delete,
    record_update,
)
from mignet.network.models import Organisation, Representative

from . import choices as c
from . import effects, notify
from .models import ActionPoint, AgendaItem, Attendance, ChairSelection, Decision, Meeting, Minutes, Position
from .rules import Outcome, decision_outcome
from .selectors import body_member_ids

CALENDAR_FIELDS = ("starts_at", "ends_at", "location", "online_link", "title", "notes")


def _locked(model, pk):
    return model.all_objects.select_for_update().get(pk=pk)


# --- Meetings


def meeting_schedule(*, actor, network, data, m2m=None, invite: bool = True) -> Meeting:
    """Schedule a meeting of a body; its representatives are invited by e-mail with an ICS file."""
    with transaction.atomic():
        meeting = record_create(
            Meeting,
            actor=actor,
            network=network,
            data=data,
            m2m=m2m,
            set_by_service={"invitations_sent_at": timezone.now() if invite else None},
        )
        if invite:
            transaction.on_commit(lambda: notify.meeting_invitations(meeting.pk, method="REQUEST"))
    return meeting


def meeting_update(*, actor, instance: Meeting, version, data, m2m=None) -> Meeting:
    """Change a meeting. A new time or place raises the calendar revision and sends an update."""
    if instance.is_cancelled:
        raise ValidationError(_("This meeting was cancelled; schedule a new one instead."))
    data = dict(data)
    moved = any(f in data and data[f] != getattr(instance, f) for f in CALENDAR_FIELDS)
    if moved:
        data["sequence"] = instance.sequence + 1
    with transaction.atomic():
        meeting = record_update(instance, actor=actor, version=version, data=data, m2m=m2m)
        if moved and meeting.invitations_sent_at:
            transaction.on_commit(lambda: notify.meeting_invitations(meeting.pk, method="REQUEST"))
    return meeting


def meeting_invite(*, actor, instance: Meeting) -> Meeting:
    """Send (or send again) the invitations to the body's representatives."""
    policy.require(actor, "change", instance)
    if instance.is_cancelled:
        raise ValidationError(_("This meeting was cancelled."))
    with transaction.atomic():
        meeting = _locked(Meeting, instance.pk)
        meeting.invitations_sent_at = timezone.now()
        record_save(meeting, actor=actor, reason=gettext_noop("Invitations sent"))
        transaction.on_commit(lambda: notify.meeting_invitations(meeting.pk, method="REQUEST"))
    return meeting


def meeting_cancel(*, actor, instance: Meeting, reason: str = "") -> Meeting:
    """Cancel a meeting; everyone invited receives the cancellation for their calendar."""
    policy.require(actor, "change", instance)
    with transaction.atomic():
        meeting = _locked(Meeting, instance.pk)
        if meeting.is_cancelled:
            raise ValidationError(_("This meeting is already cancelled."))
        if meeting.is_past:
            raise ValidationError(_("This meeting has already taken place; it cannot be cancelled."))
        meeting.status = c.MeetingStatus.CANCELLED
        meeting.cancel_reason = (reason or "")[:300]
        meeting.sequence += 1
        record_save(meeting, actor=actor, reason=reason or gettext_noop("Cancelled"))
        if meeting.invitations_sent_at:
            transaction.on_commit(lambda: notify.meeting_invitations(meeting.pk, method="CANCEL"))
    return meeting


def meeting_delete(*, actor, instance, reason="") -> Meeting:
    """Delete a meeting entered by mistake (one with decisions or minutes is cancelled instead)."""
    if (
        instance.decisions.filter(deleted_at__isnull=True).exists()
        or instance.minutes.filter(deleted_at__isnull=True).exists()
    ):
        raise ValidationError(
            _("This meeting has minutes or decisions; they must stay on record. Cancel it instead.")
        )
    return record_soft_delete(instance, actor=actor, reason=reason)


def meeting_restore(*, actor, instance) -> Meeting:
    return record_restore(instance, actor=actor)


def agenda_circulate(*, actor, instance: Meeting) -> Meeting:
    """Send the agenda to the body. An agenda with no items is not circulated."""
    policy.require(actor, "change", instance)
    if instance.is_cancelled:
        raise ValidationError(_("This meeting was cancelled."))
    if not instance.agenda_items.filter(deleted_at__isnull=True).exists():
        raise ValidationError(_("The agenda has no items yet. Add at least one item before circulating it."))
    with transaction.atomic():
        meeting = _locked(Meeting, instance.pk)
        meeting.agenda_circulated_at = timezone.now()
        record_save(meeting, actor=actor, reason=gettext_noop("Agenda circulated"))
        transaction.on_commit(lambda: notify.agenda_circulated(meeting.pk))
    return meeting


# --- Agenda items


def agenda_item_create(*, actor, network, data, m2m=None) -> AgendaItem:
    """Add an item to a meeting's agenda (at the end unless an order is given)."""
    meeting = data.get("meeting")
    if meeting is not None and not data.get("position"):
        last = meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0
        data = {**data, "position": last + 1}
    _meeting_open_for_agenda(meeting)
    return record_create(AgendaItem, actor=actor, network=network, data=data, m2m=m2m)


def _meeting_open_for_agenda(meeting) -> None:
    if meeting is not None and meeting.is_cancelled:
        raise ValidationError({"meeting": _("This meeting was cancelled.")})


def agenda_item_update(*, actor, instance, version, data, m2m=None) -> AgendaItem:
    """Change an agenda item."""
    _meeting_open_for_agenda(data.get("meeting", instance.meeting))
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def agenda_item_delete(*, actor, instance, reason="") -> AgendaItem:
    return record_soft_delete(instance, actor=actor, reason=reason)


def agenda_item_restore(*, actor, instance) -> AgendaItem:
    return record_restore(instance, actor=actor)


# --- Attendance


def _default_level(meeting: Meeting, person_id: int) -> str:
    today = timezone.localdate(meeting.starts_at)
    rep = (
        Representative.objects.filter(
            person_id=person_id, membership__body_id=meeting.body_id, start_date__lte=today
        )
        .exclude(end_date__lt=today)
        .order_by("role")
        .first()
    )
    return rep.level if rep else ""


def attendance_create(*, actor, network, data, m2m=None) -> Attendance:
    """Record one person's attendance; the level defaults to their representation in the body."""
    data = dict(data)
    if data.get("meeting") and data.get("person") and not data.get("level"):
        data["level"] = _default_level(data["meeting"], data["person"].pk)
    _check_attendee(data)
    return record_create(Attendance, actor=actor, network=network, data=data, m2m=m2m)


def _check_attendee(data) -> None:
    person, organisation = data.get("person"), data.get("organisation")
    if person and organisation and person.organisation_id and person.organisation_id != organisation.pk:
        raise ValidationError(
            {
                "organisation": _("%(person)s works for %(org)s.")
                % {"person": person, "org": person.organisation}
            }
        )


def attendance_update(*, actor, instance, version, data, m2m=None) -> Attendance:
    _check_attendee(
        {
            "person": data.get("person", instance.person),
            "organisation": data.get("organisation", instance.organisation),
        }
    )
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def attendance_delete(*, actor, instance, reason="") -> Attendance:
    return record_soft_delete(instance, actor=actor, reason=reason)


def attendance_restore(*, actor, instance) -> Attendance:
    return record_restore(instance, actor=actor)


def attendance_record(*, actor, meeting: Meeting, rows: list[dict]) -> list[Attendance]:
    """Record the attendance of many people at once (the register): each row is person, organisation,
    status, level. Existing rows are updated (history keeps the earlier value), new ones created."""
    policy.require(actor, "change", meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting was cancelled."))
    existing = {a.person_id: a for a in meeting.attendances.filter(deleted_at__isnull=True)}
    saved = []
    with transaction.atomic():
        for row in rows:
            current = existing.get(row["person"].pk)
            data = {k: row[k] for k in ("organisation", "status", "level", "note") if k in row}
            if current is None:
                saved.append(
                    attendance_create(
                        actor=actor,
                        network=meeting.network,
                        data={"meeting": meeting, "person": row["person"], **data},
                    )
                )
            elif any(getattr(current, k) != v for k, v in data.items()):
                saved.append(
                    attendance_update(actor=actor, instance=current, version=current.version, data=data)
                )
    return saved


# --- Minutes


def minutes_create(*, actor, network, data, m2m=None) -> Minutes:
    """Write the minutes of a meeting (one set per meeting; corrections make new revisions)."""
    meeting = data.get("meeting")
    if meeting is not None and meeting.minutes.filter(deleted_at__isnull=True).exists():
        raise ValidationError(
            {"meeting": _("This meeting already has minutes. Open them to edit or correct them.")}
        )
    return record_create(Minutes, actor=actor, network=network, data=data, m2m=m2m)


def minutes_update(*, actor, instance: Minutes, version, data, m2m=None) -> Minutes:
    """Edit minutes before approval. Editing circulated minutes takes them back to draft."""
    if instance.is_locked:
        raise ValidationError(_("Approved minutes are locked. Make a correction to change them."))
    if instance.corrections.filter(deleted_at__isnull=True).exists():
        raise ValidationError(_("A later revision replaces these minutes; edit that one."))
    data = {k: v for k, v in data.items() if k != "meeting"}
    if instance.status == c.MinutesStatus.CIRCULATED and "text" in data and data["text"] != instance.text:
        data.update(status=c.MinutesStatus.DRAFT, circulated_at=None)
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def minutes_circulate(*, actor, instance: Minutes) -> Minutes:
    """Send draft minutes to the body for comment and approval."""
    policy.require(actor, "change", instance)
    with transaction.atomic():
        minutes = _locked(Minutes, instance.pk)
        if minutes.status != c.MinutesStatus.DRAFT:
            raise ValidationError(
                _("Only draft minutes can be circulated; these are %(status)s.")
                % {"status": minutes.get_status_display().lower()}
            )
        if not minutes.text.strip():
            raise ValidationError(_("The minutes are empty."))
        minutes.status = c.MinutesStatus.CIRCULATED
        minutes.circulated_at = timezone.now()
        record_save(minutes, actor=actor, reason=gettext_noop("Circulated"))
        transaction.on_commit(lambda: notify.minutes_circulated(minutes.pk))
    return minutes


def minutes_correct(*, actor, instance: Minutes, reason: str) -> Minutes:
    """Correct approved minutes: a new draft revision; the approved text stays readable with its history."""
    policy.require(actor, "change", instance)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what needs correcting.")})
    if not instance.is_locked:
        raise ValidationError(_("These minutes are not approved yet; edit them directly."))
    if instance.corrections.filter(deleted_at__isnull=True).exists():
        raise ValidationError(_("A correction of these minutes already exists."))
    return record_create(
        Minutes,
        actor=actor,
        network=instance.network,
        data={"meeting": instance.meeting, "text": instance.text, "visibility": instance.visibility},
        set_by_service={
            "revision": instance.revision + 1,
            "corrects": instance,
            "correction_reason": reason[:300],
        },
        reason=reason,
    )


def minutes_delete(*, actor, instance, reason="") -> Minutes:
    if instance.is_locked:
        raise ValidationError(_("Approved minutes are part of the record and cannot be deleted."))
    return record_soft_delete(instance, actor=actor, reason=reason)


def minutes_restore(*, actor, instance) -> Minutes:
    return record_restore(instance, actor=actor)


# --- Decisions


def _check_subject(decision: Decision, chairs: list[dict] | None) -> list:
    """Run the subject's check; for chair selections, the rotation rule. Returns rotation conflicts."""
    if decision.subject not in effects.available_subjects():
        raise ValidationError({"subject": _("This kind of decision is not available yet.")})
    effect = effects.effect_for(decision.subject)
    if effect is not None:
        effect.check(decision)
    conflicts = []
    if chairs and decision.subject != c.DecisionSubject.SELECT_CHAIRS:
        raise ValidationError({"chairs": _("Chairs are named only in a decision to select chairs.")})
    if decision.subject == c.DecisionSubject.SELECT_CHAIRS:
        if not chairs:
            raise ValidationError({"chairs": _("Name at least one organisation to chair.")})
        org_ids = [row["organisation"].pk for row in chairs]
        if len(set(org_ids)) != len(org_ids):
            raise ValidationError({"chairs": _("The same organisation is named twice.")})
        members = body_member_ids(decision.target_body)
        outsiders = [row["organisation"] for row in chairs if row["organisation"].pk not in members]
        if outsiders:
            raise ValidationError(
                {
                    "chairs": _("Chairs come from the body's members; %(orgs)s is not a member.")
                    % {"orgs": ", ".join(map(str, outsiders))}
                }
            )
        for row in chairs:
            person = row.get("person")
            if person is not None and person.organisation_id != row["organisation"].pk:
                raise ValidationError(
                    {"chairs": _("%(person)s works for another organisation.") % {"person": person}}
                )
        from mignet.network.choices import ChairRotationRule

        conflicts = effects.rotation_conflicts(decision, org_ids)
        rule = decision.network.chair_rotation_rule
        if conflicts and rule == ChairRotationRule.NO_CONSECUTIVE and not decision.override_reason.strip():
            names = ", ".join(sorted({str(t.organisation) for t in conflicts}))
            raise ValidationError(
                {
                    "override_reason": _(
                        "%(orgs)s chaired the previous term. The network's rule is that the same organisation "
                        "does not chair two consecutive terms: choose another organisation, or give the reason "
                        "for departing from the rule."
                    )
                    % {"orgs": names}
                }
            )
    return conflicts


def decision_propose(*, actor, network, data, m2m=None, chairs: list[dict] | None = None) -> Decision:
    """Put a decision to a body's members. Structural subjects are checked now and again at adoption."""
    data = dict(data)
    if (
        data.get("method") == c.DecisionMethod.CONSENSUS
        and data.get("meeting") is not None
        and not data.get("body")
    ):
        data["body"] = data["meeting"].body
    with transaction.atomic():
        decision = Decision(network=network, **data)
        policy.require(actor, "add", decision)
        decision.full_clean()
        if decision.deadline and decision.deadline <= timezone.now():
            raise ValidationError({"deadline": _("The deadline must be in the future.")})
        _check_subject(decision, chairs)
        decision = record_create(Decision, actor=actor, network=network, data=data, m2m=m2m)
        for row in chairs or []:
            ChairSelection.objects.create(
                network=network,
                decision=decision,
                organisation=row["organisation"],
                person=row.get("person"),
                role=row.get("role") or "co_chair",
                visibility=decision.visibility,
            )
        transaction.on_commit(lambda: notify.decision_opened(decision.pk))
    return decision


def decision_update(*, actor, instance: Decision, version, data, m2m=None) -> Decision:
    """Change a decision's text or deadline while no member has taken a position on it."""
    if not instance.is_open:
        raise ValidationError(_("This decision is closed."))
    if instance.positions.filter(deleted_at__isnull=True).exists():
        raise ValidationError(
            _(
                "Members have already taken positions on this text. Withdraw it and propose a new decision instead."
            )
        )
    with transaction.atomic():
        decision = record_update(instance, actor=actor, version=version, data=data, m2m=m2m)
        _check_subject(decision, _chair_rows(decision))
    return decision


def _chair_rows(decision) -> list[dict]:
    return [
        {"organisation": s.organisation, "person": s.person, "role": s.role}
        for s in decision.chair_selections.filter(deleted_at__isnull=True).select_related(
            "organisation", "person"
        )
    ]


def decision_withdraw(*, actor, instance: Decision, reason: str = "") -> Decision:
    """Withdraw an open decision; positions stay on record."""
    policy.require(actor, "change", instance)
    with transaction.atomic():
        decision = _locked(Decision, instance.pk)
        if not decision.is_open:
            raise ValidationError(_("This decision is already closed."))
        decision.status = c.DecisionStatus.WITHDRAWN
        decision.decided_at = timezone.now()
        decision.outcome = reason or _("Withdrawn.")
        record_save(decision, actor=actor, reason=reason or gettext_noop("Withdrawn"))
    return decision


def decision_delete(*, actor, instance, reason="") -> Decision:
    if not instance.is_open or instance.positions.filter(deleted_at__isnull=True).exists():
        raise ValidationError(_("This decision has positions or an outcome on record. Withdraw it instead."))
    return record_soft_delete(instance, actor=actor, reason=reason)


def decision_restore(*, actor, instance) -> Decision:
    return record_restore(instance, actor=actor)


def decision_tally(decision: Decision, *, now=None, closing=False) -> Outcome:
    """Where the decision stands now, by its method's rule."""
    positions = dict(
        decision.positions.filter(deleted_at__isnull=True).values_list("organisation_id", "value")
    )
    return decision_outcome(
        method=decision.method,
        positions=positions,
        members=body_member_ids(decision.body),
        now=now or timezone.now(),
        deadline=decision.deadline,
        closing=closing,
    )


def position_record(
    *, actor, decision: Decision, organisation: Organisation, value: str, reason: str = ""
) -> Position:
    """Record an organisation's position. A second position replaces the first; history keeps both.

    Refused after the deadline, on a closed decision, and for an organisation that is not a member."""
    now = timezone.now()
    policy.require(
        actor, "add", Position(network=decision.network, decision=decision, organisation=organisation)
    )
    with transaction.atomic():
        decision = _locked(Decision, decision.pk)
        if not decision.is_open:
            raise ValidationError(
                _("This decision is closed (%(status)s); positions are no longer recorded.")
                % {"status": decision.get_status_display().lower()}
            )
        if decision.deadline_passed(now):
            raise ValidationError(
                _("The deadline was %(when)s; positions are no longer accepted.")
                % {"when": formats.date_format(timezone.localtime(decision.deadline), "DATETIME_FORMAT")}
            )
        if organisation.pk not in body_member_ids(decision.body):
            raise ValidationError(
                {
                    "organisation": _(
                        "%(org)s is not a member of %(body)s; only members take part in its decisions."
                    )
                    % {"org": organisation, "body": decision.body}
                }
            )
        current = Position.objects.filter(decision=decision, organisation=organisation).first()
        data = {"value": value, "reason": (reason or "").strip()}
        if current is None:
            position = record_create(
                Position,
                actor=actor,
                network=decision.network,
                data={"decision": decision, "organisation": organisation, **data},
                set_by_service={"recorded_by": actor, "recorded_at": now},
            )
        else:
            policy.require(actor, "change", current)
            # record_update reloads the row: who recorded the new position, and when, go in with the data.
            position = record_update(
                current,
                actor=actor,
                version=current.version,
                data={**data, "recorded_by": actor, "recorded_at": now},
            )
        if decision.method == c.DecisionMethod.WRITTEN:
            outcome = decision_tally(decision, now=now)
            if outcome.final:
                _finalize(decision, outcome, actor=actor, when=now)
    return position


def decision_close(*, actor, instance: Decision) -> Decision:
    """Close a decision now (the chair, in the meeting): the outcome follows its method's rule."""
    policy.require(actor, "change", instance)
    with transaction.atomic():
        decision = _locked(Decision, instance.pk)
        if not decision.is_open:
            raise ValidationError(_("This decision is already closed."))
        if decision.method == c.DecisionMethod.SILENCE and not decision.deadline_passed():
            raise ValidationError(_("A silence procedure closes at its deadline, not before."))
        now = timezone.now()
        _finalize(decision, decision_tally(decision, now=now, closing=True), actor=actor, when=now)
    return decision


def decision_settle(*, instance: Decision, now: datetime.datetime | None = None, actor=None) -> Decision:
    """Close a decision whose deadline has passed (scheduled work). Does nothing if it is still open by rule."""
    now = now or timezone.now()
    with transaction.atomic():
        decision = _locked(Decision, instance.pk)
        if not decision.is_open:
            return decision
        outcome = decision_tally(decision, now=now)
        if outcome.final:
            when = decision.deadline if decision.deadline and now >= decision.deadline else now
            _finalize(decision, outcome, actor=actor, when=when)
    return decision


def _finalize(decision: Decision, outcome: Outcome, *, actor, when) -> None:
    """Record the outcome and, when adopted, apply the decision's effect in the same transaction."""
    decision.status = outcome.status
    decision.decided_at = when
    decision.outcome = outcome.explanation
    if outcome.status == c.DecisionStatus.ADOPTED:
        effect = effects.effect_for(decision.subject)
        try:
            with transaction.atomic():
                if effect is not None:
                    effect.check(decision)
                    effect.apply(decision, actor)
        except ValidationError as exc:
            decision.status = c.DecisionStatus.NOT_ADOPTED
            decision.outcome = _("%(outcome)s It could not take effect: %(why)s") % {
                "outcome": outcome.explanation,
                "why": " ".join(exc.messages),
            }
    record_save(decision, actor=actor, reason=decision.outcome)
    transaction.on_commit(lambda: notify.decision_closed(decision.pk))


# --- Action points


def _closing_date(status: str, current):
    if status in (c.ActionStatus.DONE, c.ActionStatus.DROPPED):
        return current or timezone.localdate()
    return None


def action_point_create(*, actor, network, data, m2m=None) -> ActionPoint:
    """Assign an action point from a meeting or a decision."""
    data = dict(data)
    source = data.get("meeting") or data.get("decision")
    if source is not None and not data.get("body"):
        data["body"] = source.body
    return record_create(
        ActionPoint,
        actor=actor,
        network=network,
        data=data,
        m2m=m2m,
        set_by_service={"completed_on": _closing_date(data.get("status", c.ActionStatus.OPEN), None)},
    )


def action_point_update(*, actor, instance: ActionPoint, version, data, m2m=None) -> ActionPoint:
    """Change an action point; closing it (done, dropped) records the day. The owner organisation's focal
    point updates its status and details; the rest is for the chair and the secretariat."""
    data = dict(data)
    p = policy.principal(actor)
    runs_body = p.is_secretariat(instance.network_id) or instance.body_id in p.chaired_body_ids(
        instance.network_id
    )
    if not runs_body:
        refused = {
            k: _("Only the chair or the secretariat can change this.")
            for k, v in data.items()
            if k not in ("status", "description") and v != getattr(instance, k)
        }
        if refused:
            raise ValidationError(refused)
    data["completed_on"] = _closing_date(data.get("status", instance.status), instance.completed_on)
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def action_point_delete(*, actor, instance, reason="") -> ActionPoint:
    return record_soft_delete(instance, actor=actor, reason=reason)


def action_point_restore(*, actor, instance) -> ActionPoint:
    return record_restore(instance, actor=actor)
