"""Hooks DRF loads from settings: the policy permission, pagination and the error format.
Kept apart from base.py because DRF imports them while `rest_framework.views` is still loading."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, pagination, permissions, status
from rest_framework.response import Response

from .. import policy
from ..services import ConcurrentEditError

METHOD_ACTIONS = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class PolicyPermission(permissions.BasePermission):
    """Reads are filtered by the selector; writes need a signed-in user and the policy's yes."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj) -> bool:
        action_name = getattr(view, "policy_action", None) or METHOD_ACTIONS.get(request.method, "change")
        allowed = policy.can(request.user, action_name, obj)
        if not allowed and action_name != "view":
            policy.security_log.warning(
                "permission denied user=%s action=%s target=%s:%s",
                getattr(request.user, "email", "anonymous"),
                action_name,
                obj._meta.label_lower,
                obj.pk,
            )
        return allowed


class Pagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def exception_handler(exc, context):
    """Django's ValidationError / PermissionDenied from services become 400 / 403 / 409 with plain messages."""
    if isinstance(exc, ConcurrentEditError):
        return Response(
            {"detail": exc.messages[0], "code": "concurrent_edit", "current_version": exc.current_version},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            data = {field: [m for e in errs for m in e.messages] for field, errs in exc.error_dict.items()}
            if "__all__" in data:
                data["non_field_errors"] = data.pop("__all__")
        else:
            data = {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(data)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    from rest_framework.views import exception_handler as drf_exception_handler

    return drf_exception_handler(exc, context)
