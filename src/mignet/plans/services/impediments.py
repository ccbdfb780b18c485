"""Writes of impediments: raise one (a TWG's chair for their body, a focal point for their organisation),
edit, delete, restore, and move it along its path — raised → escalated to the Network → raised with the
Government → resolved (resolved at any level) — each step dated, with who and why (`ImpedimentStep`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mignet.core import policy
from mignet.core.services import (
    ConcurrentEditError,
    record_create,
    record_lock,
    record_restore,
    record_save,
    record_soft_delete,
    record_update,
)

from .. import choices as c
from ..models import Impediment, ImpedimentStep

Stage = c.ImpedimentStage

# Where an impediment may go from each stage (resolved is possible at any level).
NEXT_STAGES: dict[str, tuple[str, ...]] = {
    Stage.RAISED: (Stage.NETWORK, Stage.RESOLVED),
    Stage.NETWORK: (Stage.GOVERNMENT, Stage.RESOLVED),
    Stage.GOVERNMENT: (Stage.RESOLVED,),
    Stage.RESOLVED: (),
}


def _check_activities(network, m2m: dict | None) -> None:
    activities = list((m2m or {}).get("activities") or [])
    if any(a.network_id != getattr(network, "pk", network) for a in activities):
        raise ValidationError({"activities": _("Choose activities of this network's plans.")})


def impediment_create(*, actor, network, data, m2m=None) -> Impediment:
    """Raise an impediment (a chair for their body, a focal point for their organisation); its first step,
    "raised", is dated and signed."""
    _check_activities(network, m2m)
    now = timezone.now()
    with transaction.atomic():
        impediment = record_create(
            Impediment,
            actor=actor,
            network=network,
            data=data,
            m2m=m2m,
            set_by_service={"stage": Stage.RAISED, "stage_changed_at": now},
        )
        ImpedimentStep.objects.create(
            network=impediment.network,
            impediment=impediment,
            from_stage="",
            to_stage=Stage.RAISED,
            note=(data.get("description") or "").strip()[:2000] or _("Raised"),
            at=now,
            by=actor,
            visibility=impediment.visibility,
        )
    return impediment


def impediment_update(*, actor, instance, version, data, m2m=None) -> Impediment:
    """Change what an impediment says; its stage moves only through `impediment_escalate`."""
    moved = {"stage", "government_body", "stage_changed_at"} & set(data)
    if moved:
        raise ValidationError({f: _("This changes only through the impediment's steps.") for f in moved})
    _check_activities(instance.network, m2m)
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def impediment_delete(*, actor, instance, reason="") -> Impediment:
    return record_soft_delete(instance, actor=actor, reason=reason)


def impediment_restore(*, actor, instance) -> Impediment:
    return record_restore(instance, actor=actor)


def may_take_step(user, impediment: Impediment, to_stage: str) -> bool:
    """Who moves an impediment: from "raised", whoever raised it (the body's chair, or the organisation's
    focal point when no body raised it) or the secretariat; from the Network onwards, the secretariat."""
    if to_stage not in NEXT_STAGES.get(impediment.stage, ()):
        return False
    if impediment.stage == Stage.RAISED:
        return policy.can(user, "change", impediment)
    return policy.principal(user).is_secretariat(impediment.network_id)


def next_stages_for(user, impediment: Impediment) -> list[Stage]:
    """The steps `user` may take from where the impediment is now."""
    if impediment.is_deleted:
        return []
    return [Stage(s) for s in NEXT_STAGES.get(impediment.stage, ()) if may_take_step(user, impediment, s)]


def impediment_escalate(
    *,
    actor,
    instance: Impediment,
    to_stage: str | None = None,
    note: str = "",
    government_body=None,
    version: int | None = None,
    at=None,
) -> Impediment:
    """Move an impediment one step (by default the next one up): to the Network (why required), to the
    Government (the Government body required; secretariat), or resolved (why required). Dated, signed."""
    note = (note or "").strip()
    with transaction.atomic():
        impediment = record_lock(instance)
        if impediment.deleted_at is not None:
            raise ValidationError(_("This impediment has been deleted; restore it first."))
        if version is not None and int(version) != impediment.version:
            raise ConcurrentEditError(impediment.version)
        allowed = NEXT_STAGES.get(impediment.stage, ())
        if not allowed:
            raise ValidationError(_("This impediment is resolved; it goes no further."))
        to_stage = to_stage or allowed[0]
        if to_stage not in allowed:
            raise ValidationError(
                {
                    "to_stage": _("An impediment that is %(now)s cannot move to “%(next)s”.")
                    % {"now": impediment.get_stage_display().lower(), "next": Stage(to_stage).label}
                    if to_stage in Stage.values
                    else _("Choose one of the next steps offered.")
                }
            )
        if not may_take_step(actor, impediment, to_stage):
            policy.deny(actor, "change", impediment)
        if to_stage == Stage.GOVERNMENT:
            if government_body is None:
                raise ValidationError(
                    {"government_body": _("Say which Government body the Network raised it with.")}
                )
            if not note:
                note = _("Raised with %(body)s") % {"body": government_body}
        elif not note:
            message = (
                _("Say how it was resolved.")
                if to_stage == Stage.RESOLVED
                else _("Say why the Network should take it up.")
            )
            raise ValidationError({"note": message})
        now = timezone.now()
        at = at or now
        last = impediment.steps.order_by("-at", "-pk").first()
        if at > now or (last is not None and at < last.at):
            raise ValidationError({"at": _("A step is dated after the previous one and not in the future.")})
        from_stage = impediment.stage
        impediment.stage = to_stage
        impediment.stage_changed_at = at
        if to_stage == Stage.GOVERNMENT:
            impediment.government_body = government_body
        record_save(impediment, actor=actor, reason=note[:100])
        ImpedimentStep.objects.create(
            network=impediment.network,
            impediment=impediment,
            from_stage=from_stage,
            to_stage=to_stage,
            government_body=government_body if to_stage == Stage.GOVERNMENT else None,
            note=note,
            at=at,
            by=actor,
            visibility=impediment.visibility,
        )
    return impediment
