"""What an adopted decision changes, by subject. Each effect has a check (run when the decision is
proposed and again at adoption) and an apply step (run inside the adoption's transaction).

Other apps plug in their own subjects with `register` (the plans app registers "approve a plan")."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mignet.core.services import record_save
from mignet.network import choices as nc
from mignet.network.models import Body, ChairTerm

from . import choices as c


@dataclass(frozen=True)
class Effect:
    check: Callable  # (decision) -> None, raises ValidationError with a field-keyed message
    apply: Callable  # (decision, actor) -> None


_effects: dict[str, Effect] = {}


def register(subject: str, *, check: Callable, apply: Callable) -> None:
    """Give `subject` its check and its effect."""
    _effects[subject] = Effect(check=check, apply=apply)


def effect_for(subject: str) -> Effect | None:
    return _effects.get(subject)


def available_subjects() -> list[str]:
    """Subjects a decision may have now: those without an effect, and those whose app registered one."""
    structural = {c.DecisionSubject.APPROVE_PLAN}
    return [s for s in c.DecisionSubject.values if s not in structural or s in _effects]


def decision_day(decision) -> datetime.date:
    """The day the decision was taken in the network's time zone, whatever zone is active (scheduled work runs in UTC)."""
    return timezone.localdate(decision.decided_at, zoneinfo.ZoneInfo(decision.network.time_zone))


def _no_pending_twin(decision, subject: str) -> None:
    from .models import Decision

    twin = (
        Decision.objects.filter(
            target_body=decision.target_body, subject=subject, status=c.DecisionStatus.OPEN
        )
        .exclude(pk=decision.pk)
        .first()
    )
    if twin is not None:
        raise ValidationError(
            {
                "target_body": _("Another open decision already concerns this: %(title)s.")
                % {"title": twin.title}
            }
        )


# --- Establish a body


def _establish_check(decision) -> None:
    body = decision.target_body
    if body.pk == decision.body_id:
        raise ValidationError({"target_body": _("A body cannot establish itself.")})
    if body.status != nc.BodyStatus.PROPOSED:
        raise ValidationError(
            {
                "target_body": _("%(body)s is already %(status)s.")
                % {"body": body, "status": body.get_status_display().lower()}
            }
        )
    _no_pending_twin(decision, c.DecisionSubject.ESTABLISH_BODY)


def _establish_apply(decision, actor) -> None:
    body = Body.all_objects.select_for_update().get(pk=decision.target_body_id)
    body.status = nc.BodyStatus.ACTIVE
    body.established_on = decision_day(decision)
    body.abolished_on = None
    record_save(body, actor=actor, reason=_("Established by decision: %(title)s") % {"title": decision.title})


# --- Abolish a body


def _abolish_check(decision) -> None:
    body = decision.target_body
    if body.pk == decision.body_id:
        raise ValidationError(
            {"target_body": _("A body cannot abolish itself; the body it reports to decides.")}
        )
    if body.kind == nc.BodyKind.PLENARY:
        raise ValidationError(
            {"target_body": _("The Network plenary cannot be abolished by a decision here.")}
        )
    if body.status == nc.BodyStatus.ABOLISHED or (
        body.abolished_on and body.abolished_on <= timezone.localdate()
    ):
        raise ValidationError({"target_body": _("%(body)s is already abolished.") % {"body": body}})
    if body.status == nc.BodyStatus.PROPOSED:
        raise ValidationError(
            {
                "target_body": _("%(body)s was never established; delete the proposal instead.")
                % {"body": body}
            }
        )
    _no_pending_twin(decision, c.DecisionSubject.ABOLISH_BODY)


def _abolish_apply(decision, actor) -> None:
    body = Body.all_objects.select_for_update().get(pk=decision.target_body_id)
    body.status = nc.BodyStatus.ABOLISHED
    body.abolished_on = decision_day(decision)
    record_save(body, actor=actor, reason=_("Abolished by decision: %(title)s") % {"title": decision.title})


# --- Select chairs


def chair_term_dates(body: Body, start: datetime.date) -> tuple[datetime.date, datetime.date]:
    """A chair term starting on `start` lasts the body's term length (one year by default) and ends the
    day before the same date a term later (from 29 February, on 28 February)."""
    months = start.month - 1 + (body.chair_term_months or 12)
    year, month = start.year + months // 12, months % 12 + 1
    try:
        same_day_later = datetime.date(year, month, start.day)
    except ValueError:  # no such day that month (29 Feb, 31 Apr…): the term runs to its month's end
        same_day_later = datetime.date(year + month // 12, month % 12 + 1, 1)
    return start, same_day_later - datetime.timedelta(days=1)


def rotation_conflicts(
    decision, organisation_ids: list[int], start: datetime.date | None = None
) -> list[ChairTerm]:
    """Chair terms of the previous term held by organisations the decision selects again.

    The previous term is the latest term that began before `start` (today by default)."""
    body = decision.target_body
    start = start or timezone.localdate()
    terms = ChairTerm.objects.filter(body=body, start_date__lt=start)
    latest = terms.aggregate(latest=Max("start_date"))["latest"]
    if latest is None:
        return []
    window = latest - datetime.timedelta(
        days=60
    )  # co-chairs selected together start within weeks of each other
    return list(
        terms.filter(start_date__gte=window, organisation_id__in=organisation_ids)
        .select_related("organisation")
        .order_by("start_date")
    )


def _chairs_check(decision) -> None:
    body = decision.target_body
    if not body.is_active:
        raise ValidationError({"target_body": _("Chairs can be selected only for an active body.")})
    if body.chair_arrangement == nc.ChairArrangement.COORDINATOR:
        raise ValidationError({"target_body": _("%(body)s is chaired by the coordinator.") % {"body": body}})


def _chairs_apply(decision, actor) -> None:
    start, end = chair_term_dates(decision.target_body, decision_day(decision))
    for selection in decision.chair_selections.filter(deleted_at__isnull=True).select_related("organisation"):
        term = ChairTerm(
            network_id=decision.network_id,
            body_id=decision.target_body_id,
            organisation_id=selection.organisation_id,
            person_id=selection.person_id,
            role=selection.role,
            start_date=start,
            end_date=end,
            selection_note=(_("Selected by decision: %(title)s") % {"title": decision.title})[:300],
            visibility=decision.visibility,
        )
        term.full_clean()
        term._history_user = actor
        term.save()


# --- Approve minutes


def _minutes_check(decision) -> None:
    minutes = decision.minutes
    if minutes.status == c.MinutesStatus.APPROVED:
        raise ValidationError({"minutes": _("These minutes are already approved.")})
    if minutes.status != c.MinutesStatus.CIRCULATED:
        raise ValidationError({"minutes": _("Circulate the minutes before they are approved.")})
    if minutes.meeting.body_id != decision.body_id:
        raise ValidationError({"minutes": _("These are minutes of another body's meeting.")})


def _minutes_apply(decision, actor) -> None:
    from .models import Minutes

    minutes = Minutes.all_objects.select_for_update().get(pk=decision.minutes_id)
    minutes.status = c.MinutesStatus.APPROVED
    minutes.approved_at = decision.decided_at
    record_save(minutes, actor=actor, reason=_("Approved by decision: %(title)s") % {"title": decision.title})


def _nothing_to_check(decision) -> None:
    return None


def _nothing_to_apply(decision, actor) -> None:
    return None


register(c.DecisionSubject.ESTABLISH_BODY, check=_establish_check, apply=_establish_apply)
register(c.DecisionSubject.ABOLISH_BODY, check=_abolish_check, apply=_abolish_apply)
register(c.DecisionSubject.SELECT_CHAIRS, check=_chairs_check, apply=_chairs_apply)
register(c.DecisionSubject.APPROVE_MINUTES, check=_minutes_check, apply=_minutes_apply)
# A joint statement is the decision's own text: adopting it is the Network "speaking with one voice".
register(c.DecisionSubject.ADOPT_STATEMENT, check=_nothing_to_check, apply=_nothing_to_apply)
register(c.DecisionSubject.OTHER, check=_nothing_to_check, apply=_nothing_to_apply)
