"""The one permission policy. Views, the API, templates and exports ask it; none re-implements it.

A user's roles are held per network (and for chairs per body, for focal points and partners per
organisation). `can()` answers one question about one action; `restrict()` narrows a queryset to
what the user may read. Apps add their own rules in their `permissions.py` with `@rule`.
Deny is the default: an action with no rule is allowed to the network's secretariat alone.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet

from .choices import Role, Visibility

security_log = logging.getLogger("mignet.security")

READ_LEVELS: dict[str, set[str]] = {
    Role.SECRETARIAT: {Visibility.INTERNAL, Visibility.NETWORK, Visibility.PUBLIC},
    Role.MEMBER: {Visibility.INTERNAL, Visibility.NETWORK, Visibility.PUBLIC},
    Role.CHAIR: {Visibility.INTERNAL, Visibility.NETWORK, Visibility.PUBLIC},
    Role.PARTNER: {Visibility.NETWORK, Visibility.PUBLIC},
    Role.VIEWER: {Visibility.NETWORK, Visibility.PUBLIC},
}
ACTIONS = ("view", "add", "change", "delete", "restore")


@dataclass(frozen=True)
class Grant:
    network_id: int
    role: str
    organisation_id: int | None
    body_id: int | None


class Principal:
    """What one user holds, read once per request (one query) and kept on the user object."""

    def __init__(self, user) -> None:
        self.user = user
        self.is_superuser = bool(getattr(user, "is_superuser", False) and user.is_active)
        self.grants: list[Grant] = []
        self.two_factor_required = False
        if user is not None and user.is_authenticated and user.is_active:
            RoleAssignment = apps.get_model("network", "RoleAssignment")
            rows = RoleAssignment.objects.filter(user=user, network__deleted_at__isnull=True).values_list(
                "network_id", "role", "organisation_id", "body_id", "network__mfa_required_roles"
            )
            for *grant, mfa_roles in rows:
                self.grants.append(Grant(*grant))
                self.two_factor_required |= grant[1] in (mfa_roles or [])
        self._roles: dict[int, set[str]] = defaultdict(set)
        for g in self.grants:
            self._roles[g.network_id].add(g.role)

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user is not None and self.user.is_authenticated)

    def network_ids(self) -> set[int]:
        return set(self._roles)

    def roles(self, network_id: int | None) -> set[str]:
        return self._roles.get(network_id, set()) if network_id is not None else set()

    def has_role(self, network_id: int | None, *roles: str) -> bool:
        return bool(self.roles(network_id) & set(roles))

    def is_secretariat(self, network_id: int | None) -> bool:
        return self.is_superuser or self.has_role(network_id, Role.SECRETARIAT)

    def organisation_ids(self, network_id: int | None, *roles: str) -> set[int]:
        wanted = set(roles) or {Role.MEMBER, Role.PARTNER}
        return {
            g.organisation_id
            for g in self.grants
            if g.network_id == network_id and g.role in wanted and g.organisation_id
        }

    def chaired_body_ids(self, network_id: int | None) -> set[int]:
        return {
            g.body_id
            for g in self.grants
            if g.network_id == network_id and g.role == Role.CHAIR and g.body_id
        }

    def read_levels(self, network_id: int | None) -> set[str]:
        if self.is_superuser:
            return set(Visibility.values)
        levels = {Visibility.PUBLIC.value}
        for role in self.roles(network_id):
            levels |= {str(v) for v in READ_LEVELS[role]}
        return levels


def principal(user) -> Principal:
    """The cached Principal for this user (anonymous users get an empty one)."""
    if user is None:
        return Principal(None)
    cached = getattr(user, "_mignet_principal", None)
    if cached is None:
        cached = Principal(user)
        try:
            user._mignet_principal = cached
        except AttributeError:  # AnonymousUser instances accept attributes; be safe for others
            pass
    return cached


RuleFn = Callable[[Principal, Model | None, int | None], bool]
_rules: dict[tuple[str, str], RuleFn] = {}


def rule(model_label: str, *actions: str) -> Callable[[RuleFn], RuleFn]:
    """Register who besides the secretariat may do `actions` on `model_label` (e.g. "network.person")."""

    def register(fn: RuleFn) -> RuleFn:
        for action in actions:
            _rules[(model_label, action)] = fn
        return fn

    return register


_readers: dict[str, tuple[Callable[[Principal], Q], Callable[[Principal, Model], bool]]] = {}


def reader(
    model_label: str, *, rows: Callable[[Principal], Q], row: Callable[[Principal, Model], bool]
) -> None:
    """Replace the visibility rule for one model: `rows` filters querysets, `row` answers for one object."""
    _readers[model_label] = (rows, row)


_secretariat_fields: dict[str, set[str]] = {}


def secretariat_fields(model_label: str, *fields: str) -> None:
    """Declare fields of a model that only the secretariat may set (others may edit the rest)."""
    _secretariat_fields.setdefault(model_label, set()).update(fields)


_authors_choose_visibility: set[str] = set()


def visibility_chosen_by_authors(model_label: str) -> None:
    """Let whoever may add or edit `model_label` rows choose their visibility (by default only the
    secretariat does): e.g. a library resource, whose visibility takes effect only once a reviewer publishes."""
    _authors_choose_visibility.add(model_label)


def fields_reserved_for_secretariat(user, model, network_id) -> set[str]:
    """The fields `user` may not set on `model` in this network (empty for the secretariat)."""
    if principal(user).is_secretariat(network_id):
        return set()
    label = model._meta.label_lower
    reserved = set(_secretariat_fields.get(label, set()))
    return reserved if label in _authors_choose_visibility else reserved | {"visibility"}


def network_id_of(obj) -> int | None:
    scope = getattr(type(obj), "scope_field", "network_id")
    return getattr(obj, scope, None)


def can(
    user, action: str, obj: Model | None = None, *, model: type[Model] | None = None, network=None
) -> bool:
    """May `user` do `action` on `obj` (or, without obj, on some `model` row in `network`)?"""
    p = principal(user)
    model = type(obj) if obj is not None else model
    if obj is not None:
        network_id = network_id_of(obj)
    else:
        network_id = getattr(network, "pk", network)
    if action == "view":
        if obj is None:
            return p.is_authenticated and (p.is_superuser or bool(p.roles(network_id)))
        if getattr(obj, "deleted_at", None) is not None:
            return p.is_secretariat(network_id)
        custom = _readers.get(model._meta.label_lower)
        if custom is not None:
            return p.is_superuser or custom[1](p, obj)
        return getattr(obj, "visibility", Visibility.PUBLIC) in p.read_levels(network_id)
    if not p.is_authenticated:
        return False
    if p.is_secretariat(network_id):
        return True
    fn = _rules.get((model._meta.label_lower, action))
    return bool(fn and fn(p, obj, network_id))


def require(user, action: str, obj: Model | None = None, **kwargs) -> None:
    """`can()` or raise PermissionDenied (and log the denial)."""
    if not can(user, action, obj, **kwargs):
        deny(user, action, obj if obj is not None else kwargs.get("model"))


def deny(user, action: str, target) -> None:
    """Log the refusal (user, action, target; the time is UTC in the log line) and raise PermissionDenied."""
    if isinstance(target, type):
        label = target._meta.label_lower
    elif target is not None:
        label = f"{target._meta.label_lower}:{target.pk}"
    else:
        label = "-"
    security_log.warning(
        "permission denied user=%s action=%s target=%s",
        getattr(user, "email", None) or "anonymous",
        action,
        label,
    )
    raise PermissionDenied


def restrict(queryset: QuerySet, user) -> QuerySet:
    """Only the rows `user` may read: by network, by visibility. A forgotten check returns nothing extra."""
    p = principal(user)
    if p.is_superuser:
        return queryset
    custom = _readers.get(queryset.model._meta.label_lower)
    if custom is not None:
        return queryset.filter(custom[0](p))
    scope = getattr(queryset.model, "scope_field", "network_id")
    condition = Q(visibility=Visibility.PUBLIC)
    for network_id in p.network_ids():
        condition |= Q(**{scope: network_id, "visibility__in": sorted(p.read_levels(network_id))})
    return queryset.filter(condition)
