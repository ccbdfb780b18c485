"""Generic reads every app's selectors build on: scope a queryset to what the user may read in a network,
and fetch one record or answer 404 (the same for "does not exist" and "you may not see it")."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from .policy import principal, restrict


def scoped(qs: QuerySet, *, user, network) -> QuerySet:
    """Rows of `qs` the user may read, in `network` when one is given."""
    qs = restrict(qs, user)
    return qs.filter(network=network) if network is not None else qs


def record_get(qs_all: QuerySet, *, user, network, pk, include_deleted: bool = False):
    """One row by primary key from `qs_all` (a model's all_objects with its joins), or Http404.

    Deleted rows are found only when asked for and only by the network's secretariat."""
    qs = qs_all
    if not (include_deleted and principal(user).is_secretariat(getattr(network, "pk", None))):
        qs = qs.filter(deleted_at__isnull=True)
    obj = scoped(qs, user=user, network=network).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj
