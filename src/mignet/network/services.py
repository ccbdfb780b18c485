"""Writes of the network app: keyword-only, atomic, checked by the policy, recorded in history."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from mignet.core import policy
from mignet.core.services import record_create, record_restore, record_soft_delete, record_update

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
    ToRObjective,
)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


# --- Network


def network_update(*, actor, instance: Network, version, data, m2m=None) -> Network:
    """Change the network's own settings (secretariat)."""
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


# --- Organisations


def organisation_create(*, actor, network, data, m2m=None) -> Organisation:
    """Add an organisation to the network's directory."""
    return record_create(Organisation, actor=actor, network=network, data=data, m2m=m2m)


def organisation_update(*, actor, instance, version, data, m2m=None) -> Organisation:
    """Change an organisation's profile."""
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def organisation_delete(*, actor, instance, reason="") -> Organisation:
    """Remove an organisation that no longer takes part; refused while it still holds current memberships."""
    today = timezone.localdate()
    open_memberships = (
        instance.memberships.filter(deleted_at__isnull=True).exclude(end_date__lt=today).count()
    )
    if open_memberships:
        raise ValidationError(
            ngettext(
                "%(org)s still has %(n)d current membership. End it first, so the record of who was a member stays true.",
                "%(org)s still has %(n)d current memberships. End them first, so the record of who was a member stays true.",
                open_memberships,
            )
            % {"org": instance, "n": open_memberships}
        )
    return record_soft_delete(instance, actor=actor, reason=reason)


def organisation_restore(*, actor, instance) -> Organisation:
    return record_restore(instance, actor=actor)


# --- People


def person_create(*, actor, network, data, m2m=None) -> Person:
    """Add a person to the directory."""
    return record_create(Person, actor=actor, network=network, data=data, m2m=m2m)


def person_update(*, actor, instance, version, data, m2m=None) -> Person:
    """Change a person's details."""
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def person_delete(*, actor, instance, reason="") -> Person:
    """Remove a person; refused while they still represent an organisation somewhere."""
    today = timezone.localdate()
    if instance.representations.filter(deleted_at__isnull=True).exclude(end_date__lt=today).exists():
        raise ValidationError(
            _("%(person)s still represents an organisation. End that first.") % {"person": instance}
        )
    return record_soft_delete(instance, actor=actor, reason=reason)


def person_restore(*, actor, instance) -> Person:
    return record_restore(instance, actor=actor)


# --- Bodies


_DECIDED_FIELDS = ("status", "established_on", "abolished_on")


def _decided_by_consensus(kind: str, data: dict, instance: Body | None = None) -> None:
    """A TWG is established and abolished by an adopted decision (ToR), never by editing its record."""
    if kind != c.BodyKind.TWG:
        return
    refused = {}
    for name in _DECIDED_FIELDS:
        if name not in data:
            continue
        current = getattr(instance, name) if instance is not None else None
        if instance is None and name == "status":
            current = c.BodyStatus.PROPOSED
        if data[name] not in (current, None, "") or (instance is not None and data[name] != current):
            refused[name] = _(
                "A Technical Working Group is established and abolished by a consensus decision of the Network. "
                "Propose that decision on the Decisions page."
            )
    if refused:
        raise ValidationError(refused)


def body_create(*, actor, network, data, m2m=None) -> Body:
    """Add a body (plenary, TWG, local forum, task force). A new TWG is proposed until a decision establishes it."""
    forced = {}
    if data.get("kind") == c.BodyKind.TWG:
        _decided_by_consensus(c.BodyKind.TWG, data)
        forced = {"status": c.BodyStatus.PROPOSED, "established_on": None, "abolished_on": None}
    return record_create(Body, actor=actor, network=network, data=data, m2m=m2m, set_by_service=forced)


def body_update(*, actor, instance, version, data, m2m=None) -> Body:
    """Change a body's rules or details (a TWG's status and dates come from decisions)."""
    if data.get("kind", instance.kind) != instance.kind and c.BodyKind.TWG in (
        instance.kind,
        data.get("kind"),
    ):
        raise ValidationError(
            {"kind": _("A body cannot become or stop being a TWG; propose a decision instead.")}
        )
    _decided_by_consensus(instance.kind, data, instance)
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def body_delete(*, actor, instance, reason="") -> Body:
    """Delete a body entered by mistake. A body that stops working is abolished (a date), not deleted."""
    if instance.memberships.filter(deleted_at__isnull=True).exists():
        raise ValidationError(
            _("%(body)s has memberships. Record its abolition instead of deleting it.") % {"body": instance}
        )
    return record_soft_delete(instance, actor=actor, reason=reason)


def body_restore(*, actor, instance) -> Body:
    return record_restore(instance, actor=actor)


# --- Memberships


def membership_create(*, actor, network, data, m2m=None) -> Membership:
    """Add an organisation to a body. A chair's addition is a proposal until the secretariat confirms it."""
    forced = {}
    if not policy.principal(actor).is_secretariat(network.pk):
        forced["status"] = c.MembershipStatus.PROPOSED
    return record_create(Membership, actor=actor, network=network, data=data, m2m=m2m, set_by_service=forced)


def membership_update(*, actor, instance, version, data, m2m=None) -> Membership:
    """Change a membership's dates, kind or status."""
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def membership_decide(*, actor, instance: Membership, accept: bool, note: str = "") -> Membership:
    """The secretariat confirms or declines a proposed membership."""
    if instance.status != c.MembershipStatus.PROPOSED:
        raise ValidationError(_("Only a proposed membership can be confirmed or declined."))
    status = c.MembershipStatus.ACTIVE if accept else c.MembershipStatus.DECLINED
    return record_update(
        instance, actor=actor, version=instance.version, data={"status": status}, reason=note
    )


def membership_delete(*, actor, instance, reason="") -> Membership:
    """Delete a membership entered by mistake (an ended membership gets an end date instead)."""
    return record_soft_delete(instance, actor=actor, reason=reason)


def membership_restore(*, actor, instance) -> Membership:
    return record_restore(instance, actor=actor)


# --- Representatives


def representative_create(*, actor, network, data, m2m=None) -> Representative:
    """Name a person to represent an organisation in a body."""
    return record_create(Representative, actor=actor, network=network, data=data, m2m=m2m)


def representative_update(*, actor, instance, version, data, m2m=None) -> Representative:
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def representative_delete(*, actor, instance, reason="") -> Representative:
    return record_soft_delete(instance, actor=actor, reason=reason)


def representative_restore(*, actor, instance) -> Representative:
    return record_restore(instance, actor=actor)


# --- Chair terms


def chair_term_create(*, actor, network, data, m2m=None) -> ChairTerm:
    """Record a chair's term; without an end date it lasts the body's term length (a year by default)."""
    data = dict(data)
    if data.get("start_date") and not data.get("end_date") and data.get("body"):
        data["end_date"] = add_months(
            data["start_date"], data["body"].chair_term_months
        ) - datetime.timedelta(days=1)
    return record_create(ChairTerm, actor=actor, network=network, data=data, m2m=m2m)


def chair_term_update(*, actor, instance, version, data, m2m=None) -> ChairTerm:
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def chair_term_delete(*, actor, instance, reason="") -> ChairTerm:
    return record_soft_delete(instance, actor=actor, reason=reason)


def chair_term_restore(*, actor, instance) -> ChairTerm:
    return record_restore(instance, actor=actor)


# --- Nominations


def nomination_create(*, actor, network, data, m2m=None) -> Nomination:
    """A consortium nominates a person to a body; it waits for the secretariat's decision."""
    return record_create(
        Nomination,
        actor=actor,
        network=network,
        data=data,
        m2m=m2m,
        set_by_service={"status": c.NominationStatus.NOMINATED},
    )


def nomination_update(*, actor, instance, version, data, m2m=None) -> Nomination:
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def nomination_decide(*, actor, instance: Nomination, accept: bool, note: str = "") -> Nomination:
    """Accept or decline a nomination. Accepting makes the person the consortium's representative in the body."""
    if instance.status != c.NominationStatus.NOMINATED:
        raise ValidationError(_("This nomination has already been decided."))
    today = timezone.localdate()
    with transaction.atomic():
        status = c.NominationStatus.ACCEPTED if accept else c.NominationStatus.DECLINED
        nomination = record_update(
            instance,
            actor=actor,
            version=instance.version,
            data={"status": status, "decided_on": today},
            reason=note,
        )
        if accept:
            membership = (
                Membership.objects.filter(
                    body=instance.body, organisation=instance.consortium, end_date__isnull=True
                )
                .order_by("-start_date")
                .first()
            )
            if membership is None:
                membership = record_create(
                    Membership,
                    actor=actor,
                    network=instance.network,
                    data={"body": instance.body, "organisation": instance.consortium, "start_date": today},
                    reason=gettext_noop("Nomination accepted"),
                )
            if not membership.representatives.filter(person=instance.person, end_date__isnull=True).exists():
                record_create(
                    Representative,
                    actor=actor,
                    network=instance.network,
                    data={
                        "membership": membership,
                        "person": instance.person,
                        "level": c.ParticipationLevel.PROGRAMME_MANAGER,
                        "start_date": today,
                    },
                    reason=gettext_noop("Nomination accepted"),
                )
    return nomination


def nomination_delete(*, actor, instance, reason="") -> Nomination:
    return record_soft_delete(instance, actor=actor, reason=reason)


def nomination_restore(*, actor, instance) -> Nomination:
    return record_restore(instance, actor=actor)


# --- Role assignments


def role_assignment_create(*, actor, network, data, m2m=None) -> RoleAssignment:
    """Give a user a role in the network (secretariat)."""
    return record_create(
        RoleAssignment,
        actor=actor,
        network=network,
        data=data,
        m2m=m2m,
        set_by_service={"visibility": "internal"},
    )


def role_assignment_update(*, actor, instance, version, data, m2m=None) -> RoleAssignment:
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def role_assignment_delete(*, actor, instance, reason="") -> RoleAssignment:
    """Take a role away; the user's next request no longer has it."""
    return record_soft_delete(instance, actor=actor, reason=reason)


def role_assignment_restore(*, actor, instance) -> RoleAssignment:
    return record_restore(instance, actor=actor)


# --- Terms of Reference


def _objectives_set(terms: TermsOfReference, objectives: dict[str, list[str]] | None, *, actor) -> None:
    """Make the numbered objectives match the lists given, keeping each number's row (later work points at it)."""
    if objectives is None:
        return
    existing = {(o.scope, o.number): o for o in ToRObjective.all_objects.filter(terms=terms)}
    for scope, texts in objectives.items():
        for number, text in enumerate(texts, start=1):
            obj = existing.pop((scope, number), None)
            if obj is None:
                record_create(
                    ToRObjective,
                    actor=actor,
                    network=terms.network,
                    data={
                        "terms": terms,
                        "scope": scope,
                        "number": number,
                        "text": text,
                        "visibility": terms.visibility,
                    },
                )
            elif obj.text != text or obj.deleted_at is not None:
                if obj.deleted_at is not None:
                    obj = record_restore(obj, actor=actor)
                record_update(obj, actor=actor, version=obj.version, data={"text": text})
    for obj in existing.values():
        if obj.scope in objectives and obj.deleted_at is None:
            record_soft_delete(obj, actor=actor, reason=gettext_noop("Removed from the Terms of Reference"))


def terms_create(*, actor, network, data, m2m=None) -> TermsOfReference:
    """Record a new version of the ToR with its numbered objectives (the newest adopted version is in force)."""
    data = dict(data)
    objectives = data.pop("objectives", None)
    if not data.get("number"):
        latest = TermsOfReference.all_objects.filter(network=network).order_by("-number").first()
        data["number"] = (latest.number + 1) if latest else 1
    with transaction.atomic():
        terms = record_create(TermsOfReference, actor=actor, network=network, data=data, m2m=m2m)
        _objectives_set(terms, objectives, actor=actor)
    return terms


def terms_update(*, actor, instance, version, data, m2m=None) -> TermsOfReference:
    """Change a ToR version; objectives keep their numbers (N1, T2…) so what points at them stays right."""
    data = dict(data)
    objectives = data.pop("objectives", None)
    with transaction.atomic():
        terms = record_update(instance, actor=actor, version=version, data=data, m2m=m2m)
        _objectives_set(terms, objectives, actor=actor)
    return terms


def terms_delete(*, actor, instance, reason="") -> TermsOfReference:
    return record_soft_delete(instance, actor=actor, reason=reason)


def terms_restore(*, actor, instance) -> TermsOfReference:
    return record_restore(instance, actor=actor)


# --- Thematic areas --------------------------------------------------------------------------------------------


def thematic_area_create(*, actor, network, data, m2m=None) -> ThematicArea:
    """Add a theme the network works on (ToR TWG objective 2)."""
    return record_create(ThematicArea, actor=actor, network=network, data=data, m2m=m2m)


def thematic_area_update(*, actor, instance, version, data, m2m=None) -> ThematicArea:
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def thematic_area_delete(*, actor, instance, reason="") -> ThematicArea:
    """Remove a theme; refused while a body still works on it."""
    if instance.bodies.filter(deleted_at__isnull=True).exists():
        raise ValidationError(
            _("Bodies still work on %(theme)s. Take it off them first.") % {"theme": instance}
        )
    return record_soft_delete(instance, actor=actor, reason=reason)


def thematic_area_restore(*, actor, instance) -> ThematicArea:
    return record_restore(instance, actor=actor)
