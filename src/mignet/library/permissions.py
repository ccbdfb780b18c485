"""Who reads and writes the library (DESIGN.md section 2; issue: only published items are visible beyond
their authors and the secretariat; the reviewer is the secretariat or the chair of the producing body)."""

from django.db.models import Q

from mignet.core.choices import Role, Visibility
from mignet.core.policy import reader, rule, visibility_chosen_by_authors

from . import choices as c

PUBLISHED = c.ReviewStatus.PUBLISHED


def _authored_by(org_ids) -> Q:
    from .models import Resource

    through = Resource.authors.through.objects.filter(organisation_id__in=list(org_ids)).values("resource_id")
    return Q(pk__in=through)


def _resource_rows(p) -> Q:
    """Published rows at the user's read levels; plus, in any state, what the user wrote, what their
    organisation authored, what their body produced (chairs review it) and everything for the secretariat."""
    uid = getattr(p.user, "pk", None) or 0
    condition = Q(status=PUBLISHED, visibility=Visibility.PUBLIC) | Q(created_by_id=uid)
    for nid in p.network_ids():
        if p.is_secretariat(nid):
            condition |= Q(network_id=nid)
            continue
        condition |= Q(network_id=nid, status=PUBLISHED, visibility__in=sorted(p.read_levels(nid)))
        own = p.organisation_ids(nid, Role.MEMBER, Role.PARTNER)
        if own:
            condition |= Q(network_id=nid) & _authored_by(own)
        bodies = p.chaired_body_ids(nid)
        if bodies:
            condition |= Q(network_id=nid, body_id__in=sorted(bodies))
    return condition


def _resource_row(p, obj) -> bool:
    nid = obj.network_id
    if p.is_secretariat(nid) or (p.user is not None and obj.created_by_id == getattr(p.user, "pk", None)):
        return True
    if obj.status == PUBLISHED and obj.visibility in p.read_levels(nid):
        return True
    if obj.body_id and obj.body_id in p.chaired_body_ids(nid):
        return True
    own = p.organisation_ids(nid, Role.MEMBER, Role.PARTNER)
    return bool(own) and obj.authors.filter(pk__in=own).exists()


reader("library.resource", rows=_resource_rows, row=_resource_row)
# Authors say who should read their resource once published; the reviewer sees it before publishing.
visibility_chosen_by_authors("library.resource")
# A version is readable exactly when its resource is.
reader(
    "library.resourceversion",
    rows=lambda p: Q(resource__in=_resource_queryset(p)),
    row=lambda p, obj: _resource_row(p, obj.resource),
)


def _resource_queryset(p):
    from .models import Resource

    return Resource.all_objects.filter(_resource_rows(p)).values("pk")


@rule("library.resource", "add")
def resource_add(p, obj, network_id) -> bool:
    """Members, chairs and partners add resources (a draft until reviewed)."""
    return bool(p.roles(network_id) & {Role.MEMBER, Role.CHAIR, Role.PARTNER})


@rule("library.resource", "change", "delete")
def resource_change(p, obj, network_id) -> bool:
    """Who added a resource, or a focal point of an authoring organisation, edits it until it is published."""
    if obj is None:
        return bool(p.roles(network_id) & {Role.MEMBER, Role.CHAIR, Role.PARTNER})
    if obj.status == PUBLISHED:
        return False
    if obj.created_by_id and obj.created_by_id == getattr(p.user, "pk", None):
        return True
    own = p.organisation_ids(network_id, Role.MEMBER, Role.PARTNER)
    return bool(own) and obj.pk is not None and obj.authors.filter(pk__in=own).exists()


@rule("library.resource", "review")
def resource_review(p, obj, network_id) -> bool:
    """The chair of the body that produced a resource reviews it (the secretariat reviews everything)."""
    return obj is not None and obj.body_id is not None and obj.body_id in p.chaired_body_ids(network_id)


@rule("library.resourceversion", "add")
def version_add(p, obj, network_id) -> bool:
    """Whoever may edit the resource uploads its new versions."""
    if obj is None:
        return bool(p.roles(network_id) & {Role.MEMBER, Role.CHAIR, Role.PARTNER})
    return resource_change(p, obj.resource, network_id)


@rule("library.capacityrequest", "add")
def capacity_request_add(p, obj, network_id) -> bool:
    """Anyone taking part in the Network — a Government counterpart included — may ask for support."""
    return bool(p.roles(network_id))
