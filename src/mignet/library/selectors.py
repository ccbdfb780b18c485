"""Reads of the library. Each starts from the policy's restricted queryset, then shapes the query."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from mignet.core.choices import Visibility
from mignet.core.policy import can
from mignet.core.selectors import record_get, scoped

from . import choices as c
from . import search
from .models import CapacityRequest, CapacityRequestStep, Resource, ResourceVersion


def _versions():
    return ResourceVersion.objects.select_related("uploaded_by").order_by("-number")


def resource_list(*, user, network=None) -> QuerySet[Resource]:
    """Resources the user may read (published ones at their level; their own and their body's in any state)."""
    return scoped(Resource.objects.select_related("network", "body"), user=user, network=network)


def resource_get(*, user, network, pk, include_deleted=False) -> Resource:
    return record_get(
        Resource.all_objects.select_related("network", "body__network", "created_by", "reviewed_by"),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def resource_search(
    *,
    user,
    network,
    q: str,
    queryset: QuerySet[Resource] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> search.SearchResult:
    """Ranked full-text search over what the user may read, with the matching passage highlighted."""
    base = queryset if queryset is not None else resource_list(user=user, network=network)
    return search.search(base, q, limit=limit, offset=offset)


def resource_detail(*, user, obj: Resource) -> dict:
    """Versions (newest first, with who uploaded them and what changed), tags, review state and actions."""
    from mignet.core.policy import principal

    versions = list(_versions().filter(resource=obj))
    p = principal(user)
    may_change = can(user, "change", obj)  # once: for an author's focal point it asks the database
    return {
        "versions": versions,
        "current_version": versions[0] if versions else None,
        # Each is linked, and its link names its network: joined, not fetched once per row.
        "authors": list(obj.authors.select_related("network").order_by("name")),
        "gcm_objectives": list(obj.gcm_objectives.all()),
        "guiding_principles": list(obj.guiding_principles.all()),
        "sdg_targets": list(obj.sdg_targets.all()),
        "thematic_areas": list(obj.thematic_areas.all()),
        "capacity_requests": list(
            obj.capacity_requests.filter(deleted_at__isnull=True).select_related("network")
        ),
        "can_upload": may_change or p.is_secretariat(obj.network_id),
        "can_submit": may_change and obj.status in (c.ReviewStatus.DRAFT, c.ReviewStatus.RETURNED),
        "can_review": obj.status == c.ReviewStatus.IN_REVIEW
        and can(user, "review", obj)
        and obj.created_by_id != getattr(user, "pk", None),
        "can_unpublish": obj.status == c.ReviewStatus.PUBLISHED and p.is_secretariat(obj.network_id),
    }


def version_get(*, user, network, pk) -> ResourceVersion:
    """One version, if the user may read its resource (for downloads: checked on every request)."""
    return record_get(
        ResourceVersion.all_objects.select_related("resource__network", "network").filter(
            resource__deleted_at__isnull=True
        ),
        user=user,
        network=network,
        pk=pk,
    )


def review_queue(*, user, network) -> list[Resource]:
    """Resources waiting for this user's review (not their own)."""
    return [
        r
        for r in resource_list(user=user, network=network)
        .filter(status=c.ReviewStatus.IN_REVIEW)
        .order_by("submitted_at")[:50]
        if can(user, "review", r) and r.created_by_id != getattr(user, "pk", None)
    ]


# --- Public portal: published public resources only, whoever asks


def portal_list(*, network) -> QuerySet[Resource]:
    return (
        Resource.objects.filter(
            network=network, status=c.ReviewStatus.PUBLISHED, visibility=Visibility.PUBLIC
        )
        .select_related("network", "body")
        .prefetch_related(Prefetch("versions", queryset=_versions().filter(visibility=Visibility.PUBLIC)))
        .order_by("-published_at", "-pk")
    )


def portal_get(*, network, pk) -> Resource:
    from django.http import Http404

    obj = portal_list(network=network).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


# --- Capacity-building requests


def capacity_request_list(*, user, network=None) -> QuerySet[CapacityRequest]:
    return scoped(
        CapacityRequest.objects.select_related("network", "requester", "government_body"),
        user=user,
        network=network,
    )


def capacity_request_get(*, user, network, pk, include_deleted=False) -> CapacityRequest:
    return record_get(
        CapacityRequest.all_objects.select_related("network", "requester__network", "government_body"),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def capacity_request_detail(*, user, obj: CapacityRequest) -> dict:
    return {
        "steps": list(
            CapacityRequestStep.objects.filter(request=obj).select_related("by").order_by("on", "pk")
        ),
        "supporting": list(obj.supporting_organisations.order_by("name")),
        "gcm_objectives": list(obj.gcm_objectives.all()),
        "linked_resources": list(resource_list(user=user, network=obj.network).filter(capacity_requests=obj)),
        "next_statuses": [c.RequestStatus(s) for s in c.REQUEST_NEXT[c.RequestStatus(obj.status)]],
    }
