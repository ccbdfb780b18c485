"""Reads of joint-programming priorities: the list (with how many organisations support each), one
priority with its supporters and the activities that came of it, and what the user may do with it."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from mignet.core import policy
from mignet.core.choices import Role
from mignet.core.selectors import record_get, scoped
from mignet.network.models import Organisation

from .. import choices as c
from ..models import Activity, JointPriority, Plan, Result

JOINS = ("network", "body", "proposed_by")


def priority_list(*, user, network=None) -> QuerySet[JointPriority]:
    """Joint priorities the user may read, with the number of supporting organisations."""
    return scoped(
        JointPriority.objects.select_related(*JOINS).annotate(
            supporter_count=Count("supporters", distinct=True)
        ),
        user=user,
        network=network,
    )


def priority_get(*, user, network, pk, include_deleted=False) -> JointPriority:
    return record_get(
        JointPriority.all_objects.select_related(*JOINS, "body__network", "proposed_by__network"),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def support_choices(*, user, obj: JointPriority) -> tuple[QuerySet, QuerySet]:
    """(organisations the user may add as supporters, supporters the user may withdraw): a focal point's
    own organisation, or any of the network's for the secretariat."""
    p = policy.principal(user)
    orgs = Organisation.objects.filter(network_id=obj.network_id).order_by("name")
    if obj.is_deleted or obj.status == c.PriorityStatus.DROPPED or not policy.can(user, "support", obj):
        return orgs.none(), orgs.none()
    if not p.is_secretariat(obj.network_id):
        orgs = orgs.filter(pk__in=p.organisation_ids(obj.network_id, Role.MEMBER))
    supporting = obj.supporters.values("pk")
    return orgs.exclude(pk__in=supporting), orgs.filter(pk__in=supporting)


def promotion_targets(*, user, obj: JointPriority) -> tuple[QuerySet, QuerySet]:
    """(draft plans of the network the user may add activities to, their outputs) for promoting."""
    plans = Plan.objects.filter(network_id=obj.network_id, status=c.PlanStatus.DRAFT)
    p = policy.principal(user)
    if not p.is_secretariat(obj.network_id):
        plans = plans.filter(body_id__in=p.chaired_body_ids(obj.network_id))
    plans = plans.order_by("-start_date", "title")
    outputs = (
        Result.objects.filter(plan__in=plans, level=c.ResultLevel.OUTPUT)
        .select_related("plan")
        .order_by("plan__title", "parent__position", "position")
    )
    return plans, outputs


def priority_detail(*, user, obj: JointPriority) -> dict:
    """Supporters, GCM objectives, the activities that came of it (those the user may read), and which
    steps the user may take."""
    can_add, can_withdraw = support_choices(user=user, obj=obj)
    live = not obj.is_deleted
    activities = (
        policy.restrict(Activity.objects.filter(joint_priority=obj), user)
        .select_related("network", "plan", "lead_organisation")
        .order_by("plan__start_date", "code")
    )
    dropped_reason = ""
    if obj.status == c.PriorityStatus.DROPPED:
        entry = obj.history.filter(status=c.PriorityStatus.DROPPED).order_by("history_date").first()
        dropped_reason = getattr(entry, "history_change_reason", "") or ""
    return {
        "supporters": list(obj.supporters.order_by("name")),
        "gcm_objectives": list(obj.gcm_objectives.all()),
        "priority_activities": list(activities),
        "can_support": live and can_add.exists(),
        "can_unsupport": live and can_withdraw.exists(),
        "can_promote": live and obj.status != c.PriorityStatus.DROPPED and policy.can(user, "promote", obj),
        "can_drop": live and obj.status == c.PriorityStatus.PROPOSED and policy.can(user, "drop", obj),
        "dropped_reason": dropped_reason,
    }


def proposing_bodies(*, user, network) -> QuerySet:
    """Bodies a priority may be proposed in: the TWGs (a chair's own body, any TWG for a focal point)."""
    from mignet.network import choices as nc
    from mignet.network.models import Body

    p = policy.principal(user)
    bodies = Body.objects.filter(network=network)
    network_id = getattr(network, "pk", None)
    if p.is_secretariat(network_id) or p.organisation_ids(network_id, Role.MEMBER):
        return bodies.filter(Q(kind=nc.BodyKind.TWG) | Q(pk__in=p.chaired_body_ids(network_id))).order_by(
            "name"
        )
    return bodies.filter(pk__in=p.chaired_body_ids(network_id)).order_by("name")
