"""Generic writes every app's services build on: create, update with optimistic concurrency,
soft delete and restore. Each is atomic, checks the policy, and records the actor in history."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import policy


class ConcurrentEditError(ValidationError):
    """Someone saved the record after this person opened it; their change was not applied."""

    def __init__(self, current_version: int) -> None:
        self.current_version = current_version
        super().__init__(
            _(
                "Someone else saved this record while you were editing it, so your changes were not saved. "
                "Open it again to see their changes, then make yours."
            ),
            code="concurrent_edit",
        )


def _check_reserved_fields(instance: models.Model, actor, data: dict[str, Any], *, creating: bool) -> None:
    """Refuse values for fields only the secretariat may set (the policy names them)."""
    reserved = policy.fields_reserved_for_secretariat(actor, type(instance), policy.network_id_of(instance))
    refused = {}
    for field in reserved & set(data):
        current = getattr(instance, field)
        if creating:
            default = instance._meta.get_field(field).get_default()
            if data[field] in (None, "", default):
                continue
        elif data[field] == current:
            continue
        refused[field] = _("Only the secretariat can change this.")
    if refused:
        raise ValidationError(refused)


def _set_m2m(instance: models.Model, m2m: dict[str, Any] | None, *, new: bool = False) -> None:
    """Set each many-to-many field; a new row has no links yet, so its values are only added (no read of
    the current links, and nothing at all for an empty list)."""
    for name, values in (m2m or {}).items():
        if new:
            if values:
                getattr(instance, name).add(*values)
        else:
            getattr(instance, name).set(values)


def record_lock(instance: models.Model) -> models.Model:
    """The current row of `instance`, deleted or not, locked until the caller's transaction ends."""
    return type(instance).all_objects.select_for_update().get(pk=instance.pk)


def record_save(instance: models.Model, *, actor, reason: str = "") -> None:
    """Save a change a service made itself (a status, a date): a new version, in history with the actor.

    The caller holds the row locked (`select_for_update`) inside its transaction."""
    instance.version += 1
    instance._history_user = actor
    instance._change_reason = reason or None
    instance.save()


def record_create(
    model: type[models.Model],
    *,
    actor,
    network=None,
    data: dict[str, Any],
    m2m: dict[str, Any] | None = None,
    reason: str = "",
    set_by_service: dict[str, Any] | None = None,
) -> models.Model:
    """Create a row of `model` in `network` after checking the actor may add it.

    `data` is what the person asked for; `set_by_service` holds values the calling service decides
    itself (e.g. a chair's membership is "proposed"), which are exempt from the reserved-field check."""
    instance = model(**({"network": network} if network is not None else {}))
    for field, value in {**data, **(set_by_service or {})}.items():
        setattr(instance, field, value)
    policy.require(actor, "add", instance)
    _check_reserved_fields(instance, actor, data, creating=True)
    instance.full_clean()
    with transaction.atomic():
        instance._history_user = actor
        instance._change_reason = reason or None
        instance.save()
        _set_m2m(instance, m2m, new=True)
    return instance


def record_update(
    instance: models.Model,
    *,
    actor,
    version: int | None,
    data: dict[str, Any],
    m2m: dict[str, Any] | None = None,
    reason: str = "",
) -> models.Model:
    """Apply `data` to `instance` if nobody changed it since `version`; otherwise change nothing."""
    with transaction.atomic():
        current = record_lock(instance)
        policy.require(actor, "change", current)
        if current.deleted_at is not None:
            raise ValidationError(_("This record has been deleted; restore it before editing."))
        if version is None or int(version) != current.version:
            raise ConcurrentEditError(current.version)
        _check_reserved_fields(current, actor, data, creating=False)
        for field, value in data.items():
            setattr(current, field, value)
        policy.require(actor, "change", current)  # still allowed after the change (e.g. not moved away)
        current.full_clean()
        current.version += 1
        current._history_user = actor
        current._change_reason = reason or None
        current.save()
        _set_m2m(current, m2m)
    return current


def record_soft_delete(instance: models.Model, *, actor, reason: str = "") -> models.Model:
    """Hide a row everywhere; the secretariat can restore it and history keeps every value."""
    with transaction.atomic():
        current = record_lock(instance)
        policy.require(actor, "delete", current)
        if current.deleted_at is None:
            current.deleted_at = timezone.now()
            current.version += 1
            current._history_user = actor
            current._change_reason = reason or gettext_noop("Deleted")
            current.save()
    return current


def record_restore(instance: models.Model, *, actor, reason: str = "") -> models.Model:
    """Bring a soft-deleted row back."""
    with transaction.atomic():
        current = record_lock(instance)
        policy.require(actor, "restore", current)
        if current.deleted_at is not None:
            current.deleted_at = None
            current.version += 1
            current._history_user = actor
            current._change_reason = reason or gettext_noop("Restored")
            current.save()
    return current
