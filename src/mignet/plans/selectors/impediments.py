"""Reads of impediments: the list, one impediment with its dated steps, the activities one may be raised
against, and the impediments a plenary meeting's agenda carries as of that meeting."""

from __future__ import annotations

from django.db.models import OuterRef, Q, QuerySet, Subquery

from mignet.core.policy import restrict
from mignet.core.selectors import record_get, scoped
from mignet.network import choices as nc

from .. import choices as c
from ..models import Activity, Impediment, ImpedimentStep
from ..services.impediments import next_stages_for

JOINS = ("network", "raised_by_body", "raised_by_organisation", "government_body")


def impediment_list(*, user, network=None) -> QuerySet[Impediment]:
    """Impediments the user may read, with what the list shows joined."""
    return scoped(Impediment.objects.select_related(*JOINS), user=user, network=network)


def impediment_get(*, user, network, pk, include_deleted=False) -> Impediment:
    return record_get(
        Impediment.all_objects.select_related(
            *JOINS, "raised_by_body__network", "raised_by_organisation__network"
        ),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def impediment_steps(impediment: Impediment) -> list[ImpedimentStep]:
    """The impediment's steps in date order, with who took them and the Government body."""
    return list(
        ImpedimentStep.objects.filter(impediment=impediment)
        .select_related("by", "government_body")
        .order_by("at", "pk")
    )


def impediment_detail(*, user, obj: Impediment) -> dict:
    """The dated steps, the affected activities the user may read, and the steps the user may take."""
    activities = (
        restrict(Activity.objects.filter(impediments=obj), user)
        .select_related("network", "plan", "lead_organisation")
        .order_by("code", "pk")
    )
    return {
        "steps": impediment_steps(obj),
        "affected_activities": list(activities),
        "next_stages": next_stages_for(user, obj),
    }


def activities_offered(*, network, impediment: Impediment | None = None) -> QuerySet[Activity]:
    """Activities an impediment may be raised against: those of the network's plans not closed (and any
    it is already tied to)."""
    running = Q(network=network) & ~Q(plan__status=c.PlanStatus.CLOSED)
    if impediment is not None and impediment.pk:
        running |= Q(impediments=impediment)
    return Activity.objects.filter(running).distinct().order_by("code", "pk")


def _stage_before(when):
    """The stage an impediment had reached just before `when`, from its dated steps."""
    return Subquery(
        ImpedimentStep.objects.filter(impediment=OuterRef("pk"), at__lt=when, deleted_at__isnull=True)
        .order_by("-at", "-pk")
        .values("to_stage")[:1]
    )


def impediments_for_meeting(meeting, *, user=None) -> list[Impediment]:
    """On a plenary meeting's agenda: the impediments escalated to the Network before it starts and not yet
    raised with the Government nor resolved by then (from the dated steps, so past agendas stay true).
    One query; none for other bodies' meetings."""
    if getattr(meeting.body, "kind", None) != nc.BodyKind.PLENARY:
        return []
    starts = meeting.starts_at
    escalated_at = Subquery(
        ImpedimentStep.objects.filter(
            impediment=OuterRef("pk"),
            to_stage=c.ImpedimentStage.NETWORK,
            at__lt=starts,
            deleted_at__isnull=True,
        )
        .order_by("-at", "-pk")
        .values("at")[:1]
    )
    qs = Impediment.objects.filter(network_id=meeting.network_id)
    if user is not None:
        qs = restrict(qs, user)
    return list(
        qs.annotate(stage_then=_stage_before(starts), escalated_at=escalated_at)
        .filter(stage_then=c.ImpedimentStage.NETWORK)
        .select_related(*JOINS)
        .order_by("escalated_at", "pk")
    )
