"""The "approve a plan" decision effect: a submitted plan becomes approved when the decision is adopted."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mignet.meetings import choices as mc
from mignet.meetings.effects import register
from mignet.network import choices as nc

from . import choices as c


def _approve_check(decision) -> None:
    plan = decision.plan
    if plan is None:
        raise ValidationError({"plan": _("Choose the plan to approve.")})
    if plan.deleted_at is not None:
        raise ValidationError({"plan": _("This plan has been deleted.")})
    if plan.status == c.PlanStatus.APPROVED:
        raise ValidationError({"plan": _("This plan is already approved.")})
    if plan.status == c.PlanStatus.CLOSED:
        raise ValidationError({"plan": _("This plan is closed.")})
    if plan.status != c.PlanStatus.SUBMITTED:
        raise ValidationError({"plan": _("Submit the plan for approval before it is approved.")})
    if plan.body_id != decision.body_id and decision.body.kind != nc.BodyKind.PLENARY:
        raise ValidationError({"plan": _("A plan is approved by its own body or by the Network plenary.")})


def _approve_apply(decision, actor) -> None:
    from .services.plans import plan_approve_by_decision

    plan_approve_by_decision(plan=decision.plan, decision=decision, actor=actor)


register(mc.DecisionSubject.APPROVE_PLAN, check=_approve_check, apply=_approve_apply)
