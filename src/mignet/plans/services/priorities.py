"""Writes of joint-programming priorities (TWG objective 1): proposed in a TWG by its chair or a member
focal point, supported by member organisations, promoted into a draft plan as an activity that keeps the
link (`Activity.joint_priority`), or dropped with a reason."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mignet.core import policy
from mignet.core.choices import Role
from mignet.core.services import (
    record_create,
    record_lock,
    record_restore,
    record_save,
    record_soft_delete,
    record_update,
)

from .. import choices as c
from ..models import Activity, JointPriority
from .plans import activity_create

Status = c.PriorityStatus


def _check_proposer(actor, network_id, proposed_by) -> None:
    """A focal point proposes for their own organisation; the secretariat for any."""
    p = policy.principal(actor)
    if proposed_by is None or p.is_secretariat(network_id):
        return
    if proposed_by.pk not in p.organisation_ids(network_id, Role.MEMBER):
        raise ValidationError({"proposed_by": _("Propose it for your own organisation.")})


def priority_create(*, actor, network, data, m2m=None) -> JointPriority:
    """Propose a joint priority in a TWG (its chair, or a member focal point for their organisation)."""
    network_id = getattr(network, "pk", network)
    p = policy.principal(actor)
    own = p.organisation_ids(network_id, Role.MEMBER)
    body = data.get("body")
    chairs = body is not None and body.pk in p.chaired_body_ids(network_id)
    if data.get("proposed_by") is None and not chairs and len(own) == 1 and not p.is_secretariat(network_id):
        from mignet.network.models import Organisation

        data = {**data, "proposed_by": Organisation.objects.get(pk=next(iter(own)))}  # a focal point's own
    _check_proposer(actor, network_id, data.get("proposed_by"))
    return record_create(
        JointPriority,
        actor=actor,
        network=network,
        data=data,
        m2m=m2m,
        set_by_service={"status": Status.PROPOSED},
    )


def priority_update(*, actor, instance, version, data, m2m=None) -> JointPriority:
    """Reword a joint priority; its status and supporters move only through their own steps."""
    fixed = {"status", "supporters"} & (set(data) | set(m2m or {}))
    if fixed:
        raise ValidationError({f: _("This changes only through the priority's own steps.") for f in fixed})
    if "proposed_by" in data and data["proposed_by"] != instance.proposed_by:
        _check_proposer(actor, instance.network_id, data["proposed_by"])
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def priority_delete(*, actor, instance, reason="") -> JointPriority:
    """Delete a priority (the secretariat); refused once activities came of it."""
    if Activity.objects.filter(joint_priority=instance).exists():
        raise ValidationError(_("Activities came of this priority; drop it instead."))
    return record_soft_delete(instance, actor=actor, reason=reason)


def priority_restore(*, actor, instance) -> JointPriority:
    return record_restore(instance, actor=actor)


def _locked(instance: JointPriority) -> JointPriority:
    current = record_lock(instance)
    if current.deleted_at is not None:
        raise ValidationError(_("This priority has been deleted; restore it first."))
    return current


def priority_support(
    *, actor, instance: JointPriority, organisation=None, support: bool = True
) -> JointPriority:
    """An organisation supports a proposed priority, or withdraws its support (its focal point, or the
    secretariat on its behalf). Without `organisation`, the focal point's own one."""
    with transaction.atomic():
        priority = _locked(instance)
        policy.require(actor, "support", priority)
        p = policy.principal(actor)
        own = p.organisation_ids(priority.network_id, Role.MEMBER)
        if organisation is None:
            if len(own) != 1:
                raise ValidationError({"organisation": _("Say which organisation supports it.")})
            from mignet.network.models import Organisation

            organisation = Organisation.objects.get(pk=next(iter(own)))
        if organisation.network_id != priority.network_id:
            raise ValidationError({"organisation": _("This organisation is not in this network.")})
        if not p.is_secretariat(priority.network_id) and organisation.pk not in own:
            policy.deny(actor, "support", priority)
        if priority.status == Status.DROPPED:
            raise ValidationError(_("This priority was dropped."))
        supporting = priority.supporters.filter(pk=organisation.pk).exists()
        if support and supporting:
            raise ValidationError({"organisation": _("%(org)s already supports it.") % {"org": organisation}})
        if not support and not supporting:
            raise ValidationError({"organisation": _("%(org)s does not support it.") % {"org": organisation}})
        if support:
            priority.supporters.add(organisation)
            reason = _("Supported by %(org)s") % {"org": organisation}
        else:
            if Activity.objects.filter(joint_priority=priority, lead_organisation=organisation).exists():
                raise ValidationError(
                    {"organisation": _("%(org)s leads an activity that came of it.") % {"org": organisation}}
                )
            priority.supporters.remove(organisation)
            reason = _("%(org)s withdrew its support") % {"org": organisation}
        record_save(priority, actor=actor, reason=reason)
    return priority


def priority_promote(*, actor, instance: JointPriority, plan, output, lead_organisation) -> Activity:
    """Turn a priority into an activity of a draft plan, under one of its outputs and led by a supporting
    organisation (the chair of its TWG or the secretariat). The activity keeps the link."""
    with transaction.atomic():
        priority = _locked(instance)
        policy.require(actor, "promote", priority)
        if priority.status == Status.DROPPED:
            raise ValidationError(_("This priority was dropped; it cannot go into a plan."))
        if plan.network_id != priority.network_id:
            raise ValidationError({"plan": _("Choose a plan of this network.")})
        if not plan.is_editable:
            raise ValidationError(
                {
                    "plan": _("%(plan)s is %(status)s; choose a draft plan (or start its revision).")
                    % {"plan": plan, "status": plan.get_status_display().lower()}
                }
            )
        if output is None or output.plan_id != plan.pk or output.level != c.ResultLevel.OUTPUT:
            raise ValidationError({"output": _("Choose an output of this plan.")})
        supporters = list(priority.supporters.all())
        if lead_organisation is None or lead_organisation.pk not in {o.pk for o in supporters}:
            raise ValidationError(
                {"lead_organisation": _("The lead must be one of the supporting organisations.")}
            )
        gcm = list(priority.gcm_objectives.all())
        if not gcm:
            raise ValidationError(_("Tie the priority to at least one GCM objective first."))
        activity = activity_create(
            actor=actor,
            network=priority.network,
            data={
                "plan": plan,
                "output": output,
                "title": priority.title[:400],
                "description": priority.description,
                "lead_organisation": lead_organisation,
                "body": priority.body,
                "start_date": plan.start_date,
                "end_date": plan.end_date,
                "joint_programme": priority.kind == c.PriorityKind.PROGRAMME,
                "joint_priority": priority,
            },
            m2m={
                "gcm_objectives": gcm,
                "partners": [o for o in supporters if o.pk != lead_organisation.pk],
            },
        )
        priority.status = Status.PROMOTED
        record_save(
            priority,
            actor=actor,
            reason=_("Promoted into %(plan)s as %(code)s") % {"plan": plan, "code": activity.code},
        )
    return activity


def priority_drop(*, actor, instance: JointPriority, reason: str = "") -> JointPriority:
    """Drop a proposed priority, saying why (the chair of its TWG or the secretariat)."""
    reason = (reason or "").strip()
    with transaction.atomic():
        priority = _locked(instance)
        policy.require(actor, "drop", priority)
        if priority.status != Status.PROPOSED:
            raise ValidationError(_("Only a proposed priority can be dropped."))
        if not reason:
            raise ValidationError({"reason": _("Say why it is dropped.")})
        priority.status = Status.DROPPED
        record_save(priority, actor=actor, reason=reason)
    return priority
