"""Writes of the library: add and edit resources, upload versions (checked by content), review and
publish, keep the search index current; and move capacity-building requests towards delivery."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from mignet.core import policy
from mignet.core.services import (
    record_create,
    record_restore,
    record_save,
    record_soft_delete,
    record_update,
)

from . import choices as c
from . import files, search
from .models import CapacityRequest, CapacityRequestStep, Resource, ResourceVersion

log = logging.getLogger("mignet.library")


# --- Resources


def resource_create(
    *, actor, network, data, m2m=None, upload=None, link: str = "", note: str = ""
) -> Resource:
    """Add a resource as a draft, with its first file or link. The file is checked by its content."""
    with transaction.atomic():
        resource = record_create(
            Resource, actor=actor, network=network, data=data, m2m=m2m, set_by_service={"created_by": actor}
        )
        if upload is not None or link:
            version_upload(actor=actor, resource=resource, upload=upload, link=link, note=note)
        else:
            search.index_update(resource)
    return resource


def resource_update(*, actor, instance: Resource, version, data, m2m=None) -> Resource:
    """Edit a resource's description and tags (a published resource is changed by the secretariat)."""
    with transaction.atomic():
        resource = record_update(instance, actor=actor, version=version, data=data, m2m=m2m)
        # Versions carry their resource's visibility (the portal and public downloads check it): a resource
        # made public after its files were uploaded must not leave them at the old level.
        ResourceVersion.all_objects.filter(resource=resource).exclude(visibility=resource.visibility).update(
            visibility=resource.visibility
        )
        search.index_update(resource)
    return resource


def resource_delete(*, actor, instance, reason="") -> Resource:
    with transaction.atomic():
        resource = record_soft_delete(instance, actor=actor, reason=reason)
        search.index_remove(resource)
    return resource


def resource_restore(*, actor, instance) -> Resource:
    with transaction.atomic():
        resource = record_restore(instance, actor=actor)
        search.index_update(resource)
    return resource


def version_upload(
    *, actor, resource: Resource, upload=None, link: str = "", note: str = ""
) -> ResourceVersion:
    """A new version: a file (checked by its content, never by its name) or a link. Earlier versions stay.

    Text is extracted in the background; until then the version is marked "extracting text"."""
    if upload is None and not link:
        raise ValidationError({"file": _("Choose a file to upload, or give a link.")})
    if upload is not None and link:
        raise ValidationError({"link": _("Give a file or a link, not both.")})
    facts = files.inspect_upload(upload) if upload is not None else None
    with transaction.atomic():
        locked = Resource.all_objects.select_for_update().get(pk=resource.pk)
        number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        # A version carries its resource's visibility: the service sets it, the uploader does not choose it.
        set_by_service = {"number": number, "uploaded_by": actor, "visibility": locked.visibility}
        if facts is not None:
            upload.seek(0)
            set_by_service.update(
                original_name=(getattr(upload, "name", "") or "")[-255:],
                size=facts.size,
                content_type=facts.content_type,
                sha256=facts.sha256,
                text_status=c.TextStatus.PENDING if facts.extractable else c.TextStatus.NO_TEXT,
            )
        else:
            set_by_service["text_status"] = c.TextStatus.NO_TEXT
        data = {"resource": locked, "note": (note or "")[:300]}
        if link:
            data["link"] = link
        if upload is not None:
            data["file"] = upload
        version = record_create(
            ResourceVersion, actor=actor, network=locked.network, data=data, set_by_service=set_by_service
        )
        if version.text_status == c.TextStatus.PENDING:
            transaction.on_commit(lambda: _extract_later(version.pk))
        else:
            search.index_update(locked)
    return version


def _extract_later(version_id: int) -> None:
    """Queue the extraction. When the broker cannot be reached, extract now (as e-mail does) rather than
    answer an error for an upload that is already saved, or leave it "extracting text" for ever."""
    from .tasks import version_extract

    try:
        version_extract.delay(version_id)
    except Exception:  # noqa: BLE001 — broker down
        log.warning("broker unavailable; extracting the text of version %s in this process", version_id)
        version_extract.apply(args=[version_id])


def version_extract(*, version_id: int) -> ResourceVersion:
    """Extract the text of one version (background work) and index its resource. A file whose text cannot
    be read is kept and marked "no searchable text"; nothing is lost."""
    from . import extract

    version = ResourceVersion.all_objects.select_related("resource").get(pk=version_id)
    if version.text_status != c.TextStatus.PENDING or not version.file:
        return version
    started = timezone.now()
    with version.file.open("rb") as handle:
        result = extract.extract_text(handle, version.content_type)
    with transaction.atomic():
        current = ResourceVersion.all_objects.select_for_update().get(pk=version_id)
        current.extracted_text = result.text
        current.page_count = result.pages
        current.text_status = c.TextStatus.EXTRACTED if result.text.strip() else c.TextStatus.NO_TEXT
        current.extraction_seconds = (timezone.now() - started).total_seconds()
        current.save(
            update_fields=["extracted_text", "page_count", "text_status", "extraction_seconds", "updated_at"]
        )
        search.index_update(current.resource)
    return current


def resource_submit(*, actor, instance: Resource) -> Resource:
    """Send a draft (or a returned resource) for review."""
    policy.require(actor, "change", instance)
    with transaction.atomic():
        resource = Resource.all_objects.select_for_update().get(pk=instance.pk)
        if resource.status not in (c.ReviewStatus.DRAFT, c.ReviewStatus.RETURNED):
            raise ValidationError(_("Only a draft or a returned resource can be sent for review."))
        if not resource.versions.filter(deleted_at__isnull=True).exists():
            raise ValidationError(_("Add a file or a link before sending it for review."))
        resource.status = c.ReviewStatus.IN_REVIEW
        resource.submitted_at = timezone.now()
        record_save(resource, actor=actor, reason=gettext_noop("Sent for review"))
    return resource


def _check_reviewer(actor, resource: Resource) -> None:
    if not policy.can(actor, "review", resource):
        policy.deny(actor, "review", resource)
    if resource.created_by_id and resource.created_by_id == actor.pk:
        raise ValidationError(_("You added this resource, so someone else must review it."))
    if resource.status != c.ReviewStatus.IN_REVIEW:
        raise ValidationError(_("This resource is not waiting for review."))


def resource_return(*, actor, instance: Resource, comment: str) -> Resource:
    """Return a resource to its authors with comments (the reviewer is never its author)."""
    comment = (comment or "").strip()
    with transaction.atomic():
        resource = Resource.all_objects.select_for_update().get(pk=instance.pk)
        _check_reviewer(actor, resource)
        if not comment:
            raise ValidationError({"comment": _("Say what needs to change, so the authors can act on it.")})
        resource.status = c.ReviewStatus.RETURNED
        resource.reviewed_by = actor
        resource.review_comment = comment
        record_save(resource, actor=actor, reason=comment)
    return resource


def resource_publish(*, actor, instance: Resource, comment: str = "") -> Resource:
    """Publish a reviewed resource: members read it as its visibility allows; public ones go to the portal."""
    with transaction.atomic():
        resource = Resource.all_objects.select_for_update().get(pk=instance.pk)
        _check_reviewer(actor, resource)
        resource.status = c.ReviewStatus.PUBLISHED
        resource.reviewed_by = actor
        resource.review_comment = (comment or "").strip()
        resource.published_at = timezone.now()
        record_save(resource, actor=actor, reason=gettext_noop("Published"))
        search.index_update(resource)
    return resource


def resource_unpublish(*, actor, instance: Resource, reason: str = "") -> Resource:
    """Take a published resource back to draft (secretariat), e.g. to replace a file with an error."""
    policy.require(actor, "restore", instance)  # the secretariat's action
    with transaction.atomic():
        resource = Resource.all_objects.select_for_update().get(pk=instance.pk)
        if resource.status != c.ReviewStatus.PUBLISHED:
            raise ValidationError(_("This resource is not published."))
        resource.status = c.ReviewStatus.DRAFT
        resource.published_at = None
        record_save(resource, actor=actor, reason=reason or gettext_noop("Withdrawn from publication"))
        search.index_update(resource)
    return resource


# --- Capacity-building requests


SECRETARIAT_LINKS = ("supporting_organisations", "resources")


def _check_links(actor, network, m2m, instance=None) -> None:
    """Matching supporters and linking results is the secretariat's work (it triages the requests)."""
    if policy.principal(actor).is_secretariat(getattr(network, "pk", network)):
        return
    refused = {}
    for name in SECRETARIAT_LINKS:
        if name not in (m2m or {}):
            continue
        current = set(getattr(instance, name).values_list("pk", flat=True)) if instance is not None else set()
        if {getattr(v, "pk", v) for v in m2m[name]} != current:
            refused[name] = _("Only the secretariat can change this.")
    if refused:
        raise ValidationError(refused)


def capacity_request_create(*, actor, network, data, m2m=None) -> CapacityRequest:
    """Record a request for support; its first step is "received"."""
    _check_links(actor, network, m2m)
    with transaction.atomic():
        request = record_create(CapacityRequest, actor=actor, network=network, data=data, m2m=m2m)
        CapacityRequestStep.objects.create(
            network=network,
            request=request,
            status=c.RequestStatus.RECEIVED,
            on=request.received_on,
            by=actor,
        )
    return request


def capacity_request_update(*, actor, instance, version, data, m2m=None) -> CapacityRequest:
    _check_links(actor, instance.network, m2m, instance)
    return record_update(instance, actor=actor, version=version, data=data, m2m=m2m)


def capacity_request_delete(*, actor, instance, reason="") -> CapacityRequest:
    return record_soft_delete(instance, actor=actor, reason=reason)


def capacity_request_restore(*, actor, instance) -> CapacityRequest:
    return record_restore(instance, actor=actor)


def capacity_request_advance(
    *, actor, instance: CapacityRequest, status: str, note: str = "", on=None
) -> CapacityRequest:
    """Move a request one step (received → triaged → matched → in delivery → delivered, or declined),
    dated, with who and a note. Matching needs supporting organisations; declining needs a reason."""
    policy.require(actor, "change", instance)
    on = on or timezone.localdate()
    with transaction.atomic():
        request = CapacityRequest.all_objects.select_for_update().get(pk=instance.pk)
        allowed = c.REQUEST_NEXT[c.RequestStatus(request.status)]
        if status not in allowed:
            raise ValidationError(
                {
                    "status": _("A request that is %(now)s cannot become %(next)s.")
                    % {
                        "now": request.get_status_display().lower(),
                        "next": c.RequestStatus(status).label.lower(),
                    }
                }
            )
        if status == c.RequestStatus.MATCHED and not request.supporting_organisations.exists():
            raise ValidationError(
                {"status": _("Name the supporting organisations before marking it matched.")}
            )
        if status == c.RequestStatus.DECLINED and not (note or "").strip():
            raise ValidationError({"note": _("Say why it is declined; the requester will ask.")})
        last = request.steps.order_by("-on", "-pk").first()
        if last is not None and on < last.on:
            raise ValidationError(
                {"on": _("This step cannot be dated before the previous one (%(day)s).") % {"day": last.on}}
            )
        request.status = status
        record_save(request, actor=actor, reason=note or c.RequestStatus(status).label)
        CapacityRequestStep.objects.create(
            network=request.network,
            request=request,
            status=status,
            on=on,
            note=(note or "").strip(),
            by=actor,
        )
    return request
