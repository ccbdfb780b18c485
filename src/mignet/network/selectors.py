"""Reads of the network app. Each starts from the policy's restricted queryset, then shapes the query."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from mignet.core.policy import restrict
from mignet.core.selectors import record_get, scoped

from . import choices as c
from .models import (
    Body,
    ChairTerm,
    Membership,
    Network,
    Nomination,
    Organisation,
    Person,
    Representative,
    RoleAssignment,
    TermsOfReference,
    ThematicArea,
)


def network_list(*, user) -> QuerySet[Network]:
    """Networks the user may see."""
    return restrict(Network.objects.select_related("coordinator__network"), user).order_by("name")


def network_get(*, user, slug: str) -> Network:
    """The network at `slug`, or 404 when it does not exist or the user may not see it."""
    network = network_list(user=user).filter(slug=slug).first()
    if network is None:
        raise Http404
    return network


def _scoped(qs: QuerySet, *, user, network) -> QuerySet:
    return scoped(qs, user=user, network=network)


def _get(qs_all: QuerySet, qs_live: QuerySet, *, user, network, pk, include_deleted: bool):
    return record_get(qs_all, user=user, network=network, pk=pk, include_deleted=include_deleted)


def organisation_list(*, user, network=None) -> QuerySet[Organisation]:
    """Organisations, with their consortium and counts of current memberships and people."""
    return _scoped(
        Organisation.objects.select_related("network", "consortium", "un_entity"), user=user, network=network
    )


def organisation_get(*, user, network, pk, include_deleted=False) -> Organisation:
    base = Organisation.all_objects.select_related(
        "network", "consortium__network", "un_entity", "government_body", "stakeholder_category"
    )
    return _get(
        base,
        base.filter(deleted_at__isnull=True),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def person_list(*, user, network=None) -> QuerySet[Person]:
    return _scoped(Person.objects.select_related("network", "organisation"), user=user, network=network)


def person_get(*, user, network, pk, include_deleted=False) -> Person:
    base = Person.all_objects.select_related("network", "organisation__network", "user")
    return _get(
        base,
        base.filter(deleted_at__isnull=True),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def body_list(*, user, network=None) -> QuerySet[Body]:
    """Bodies with their thematic areas and `member_count`, the number of current active memberships."""
    # A subquery rather than a join + GROUP BY, so that paginators' COUNT(*) leaves it out.
    members = (
        Membership.objects.filter(body=OuterRef("pk"), status=c.MembershipStatus.ACTIVE)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate()))
        .order_by()
        .values("body")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return _scoped(
        Body.objects.select_related("network", "parent", "district")
        .prefetch_related("thematic_areas")
        .annotate(member_count=Coalesce(Subquery(members, output_field=IntegerField()), 0)),
        user=user,
        network=network,
    ).order_by("kind", "name")


def body_get(*, user, network, pk, include_deleted=False) -> Body:
    base = Body.all_objects.select_related("network", "parent__network", "district").prefetch_related(
        "thematic_areas"
    )
    return _get(
        base,
        base.filter(deleted_at__isnull=True),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def membership_list(*, user, network=None) -> QuerySet[Membership]:
    return _scoped(
        Membership.objects.select_related("network", "body__network", "organisation"),
        user=user,
        network=network,
    )


def membership_get(*, user, network, pk, include_deleted=False) -> Membership:
    base = Membership.all_objects.select_related("network", "body__network", "organisation__network")
    return _get(
        base,
        base.filter(deleted_at__isnull=True),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def representative_list(*, user, network=None) -> QuerySet[Representative]:
    return _scoped(
        Representative.objects.select_related(
            "network", "person", "membership__body", "membership__organisation"
        ),
        user=user,
        network=network,
    )


def representative_get(*, user, network, pk, include_deleted=False) -> Representative:
    base = Representative.all_objects.select_related(
        "network", "person__network", "membership__body__network", "membership__organisation__network"
    )
    return _get(
        base,
        base.filter(deleted_at__isnull=True),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def chair_term_list(*, user, network=None) -> QuerySet[ChairTerm]:
    return _scoped(
        ChairTerm.objects.select_related("network", "body", "organisation", "person"),
        user=user,
        network=network,
    )


def chair_term_get(*, user, network, pk, include_deleted=False) -> ChairTerm:
    base = ChairTerm.all_objects.select_related(
        "network", "body__network", "organisation__network", "person__network"
    )
    return _get(
        base,
        base.filter(deleted_at__isnull=True),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def nomination_list(*, user, network=None) -> QuerySet[Nomination]:
    return _scoped(
        Nomination.objects.select_related("network", "consortium", "body", "person"),
        user=user,
        network=network,
    )


def nomination_get(*, user, network, pk, include_deleted=False) -> Nomination:
    base = Nomination.all_objects.select_related(
        "network", "consortium__network", "body__network", "person__network"
    )
    return _get(
        base,
        base.filter(deleted_at__isnull=True),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def role_assignment_list(*, user, network=None) -> QuerySet[RoleAssignment]:
    """Role assignments the user may see: their own, or all of a network whose secretariat they are."""
    return _scoped(
        RoleAssignment.objects.select_related("network", "user", "organisation", "body"),
        user=user,
        network=network,
    )


def role_assignment_get(*, user, network, pk, include_deleted=False) -> RoleAssignment:
    base = RoleAssignment.all_objects.select_related(
        "network", "user", "organisation__network", "body__network"
    )
    return _get(
        base,
        base.filter(deleted_at__isnull=True),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def terms_list(*, user, network=None) -> QuerySet[TermsOfReference]:
    return _scoped(
        TermsOfReference.objects.select_related("network").prefetch_related("objectives"),
        user=user,
        network=network,
    )


def terms_get(*, user, network, pk, include_deleted=False) -> TermsOfReference:
    base = TermsOfReference.all_objects.select_related("network").prefetch_related(
        Prefetch(
            "objectives",
            queryset=TermsOfReference.objectives.rel.related_model.objects.order_by("scope", "number"),
        )
    )
    return _get(
        base,
        base.filter(deleted_at__isnull=True),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def terms_current(*, user, network) -> TermsOfReference | None:
    """The ToR version in force: the newest one adopted."""
    return terms_list(user=user, network=network).exclude(adopted_on__isnull=True).order_by("-number").first()


def thematic_area_list(*, user, network=None) -> QuerySet[ThematicArea]:
    return _scoped(
        ThematicArea.objects.select_related("network").annotate(
            body_count=Count("bodies", filter=Q(bodies__deleted_at__isnull=True), distinct=True)
        ),
        user=user,
        network=network,
    ).order_by("name")


def thematic_area_get(*, user, network, pk, include_deleted=False) -> ThematicArea:
    base = ThematicArea.all_objects.select_related("network")
    return _get(
        base,
        base.filter(deleted_at__isnull=True),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def thematic_area_detail(*, user, obj: ThematicArea) -> dict:
    return {"bodies": restrict(obj.bodies.all(), user).select_related("network").order_by("kind", "name")}


# --- Pages that gather several things


def _current(qs: QuerySet, today: datetime.date, start="start_date", end="end_date") -> QuerySet:
    return qs.filter(**{f"{start}__lte": today}).filter(
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": today})
    )


def body_overview(*, user, network) -> list[Body]:
    """Active bodies with their current chair terms and current member organisations (3 queries)."""
    today = timezone.localdate()
    chairs = (
        _current(restrict(ChairTerm.objects.all(), user), today)
        .select_related("organisation", "person")
        .order_by("role", "start_date")
    )
    members = (
        _current(restrict(Membership.objects.filter(status=c.MembershipStatus.ACTIVE), user), today)
        .select_related("organisation__network")
        .order_by("organisation__name")
    )
    return list(
        body_list(user=user, network=network)
        .prefetch_related(None)
        .filter(Body.active_q(today))
        .prefetch_related(Prefetch("chair_terms", queryset=chairs, to_attr="current_chairs"))
        .prefetch_related(Prefetch("memberships", queryset=members, to_attr="current_memberships"))
        .order_by("kind", "name")
    )


def level_rank_expression(field: str) -> Case:
    return Case(
        *[When(**{field: level}, then=Value(rank)) for level, rank in c.LEVEL_RANK.items()],
        default=Value(0),
        output_field=IntegerField(),
    )


def governance_health(*, user, network) -> dict:
    """The ToR's own rules read against the data: each list is a finding for the home page (constant queries)."""
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.MIGNET_CHAIR_TERM_ALERT_DAYS)
    active_bodies = body_list(user=user, network=network).prefetch_related(None).filter(Body.active_q(today))
    active_ids = Body.objects.filter(network=network).filter(Body.active_q(today)).values("pk")

    below_level = list(
        _current(representative_list(user=user, network=network), today)
        .filter(membership__body__in=active_ids)
        .annotate(
            rank=level_rank_expression("level"),
            required=level_rank_expression("membership__body__required_level"),
        )
        .filter(rank__lt=F("required"))
        .order_by("membership__body__name", "person__full_name")
    )
    active_bodies = list(active_bodies)
    bodies_without_members = [b for b in active_bodies if b.member_count == 0]

    terms = list(
        chair_term_list(user=user, network=network)
        .filter(body__in=active_ids)
        .filter(end_date__gte=today - datetime.timedelta(days=365))
        .order_by("body_id", "start_date")
    )
    by_body: dict[int, list[ChairTerm]] = {}
    for term in terms:
        by_body.setdefault(term.body_id, []).append(term)
    ending_soon, without_chair = [], []
    for body in active_bodies:
        if body.chair_arrangement == c.ChairArrangement.COORDINATOR:
            continue
        body_terms = by_body.get(body.pk, [])
        current = [t for t in body_terms if t.start_date <= today <= t.end_date]
        if not current:
            without_chair.append(body)
        for term in current:
            successor = any(t.start_date > term.start_date for t in body_terms)
            if term.end_date <= horizon and not successor:
                ending_soon.append(term)
    return {
        "below_level": below_level,
        "bodies_without_members": bodies_without_members,
        "chairs_ending": sorted(ending_soon, key=lambda t: t.end_date),
        "bodies_without_chair": without_chair,
        "count": len(below_level) + len(bodies_without_members) + len(ending_soon) + len(without_chair),
    }


# --- What each record page shows beside the record itself (constant queries)


def _current_reps(user):
    today = timezone.localdate()
    return (
        _current(restrict(Representative.objects.all(), user), today)
        .select_related("network", "person", "membership__body")
        .order_by("role", "person__full_name")
    )


def organisation_detail(*, user, obj: Organisation) -> dict:
    from mignet.core.policy import can

    memberships = (
        restrict(obj.memberships.all(), user)
        .select_related("network", "body")
        .prefetch_related(
            Prefetch("representatives", queryset=_current_reps(user), to_attr="current_representatives")
        )
        .order_by("end_date", "body__name")
    )
    return {
        "memberships": memberships,
        "people": restrict(obj.people.all(), user).select_related("network").order_by("full_name"),
        "chair_terms": restrict(obj.chair_terms.all(), user)
        .select_related("network", "body")
        .order_by("-start_date"),
        "consortium_members": restrict(obj.consortium_members.all(), user)
        .select_related("network")
        .order_by("name"),
        "can_add_person": can(user, "add", model=Person, network=obj.network),
    }


def person_detail(*, user, obj: Person) -> dict:
    return {
        "representations": restrict(obj.representations.all(), user)
        .select_related("network", "membership__body", "membership__organisation")
        .order_by("-start_date"),
        "chair_terms": restrict(obj.chair_terms.all(), user)
        .select_related("network", "body")
        .order_by("-start_date"),
    }


def body_detail(*, user, obj: Body) -> dict:
    from mignet.core.policy import can

    memberships = (
        restrict(obj.memberships.all(), user)
        .exclude(end_date__lt=timezone.localdate())
        .exclude(status=c.MembershipStatus.DECLINED)
        .select_related("network", "organisation", "body")
        .prefetch_related(
            Prefetch("representatives", queryset=_current_reps(user), to_attr="current_representatives")
        )
        .order_by("organisation__name")
    )
    from mignet.meetings.selectors import body_meetings

    return {
        **body_meetings(user=user, body=obj),
        "memberships": memberships,
        "chair_terms": restrict(obj.chair_terms.all(), user)
        .select_related("network", "organisation", "person")
        .order_by("-start_date"),
        "nominations": restrict(obj.nominations.all(), user)
        .select_related("network", "person", "consortium")
        .order_by("-nominated_on"),
        "can_add_membership": can(user, "add", model=Membership, network=obj.network),
    }


def membership_detail(*, user, obj: Membership) -> dict:
    from mignet.core.policy import can

    return {
        "representatives": restrict(obj.representatives.all(), user)
        .select_related("network", "person", "membership__body")
        .order_by("-start_date"),
        "can_add_representative": can(user, "add", model=Representative, network=obj.network),
    }
