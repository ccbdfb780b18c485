"""The API's shared pieces: policy permission, pagination, error format and the base viewset/serializer.

Every app's API viewset extends RecordViewSet: reads come from the app's selector (already restricted
by the policy), writes go through the app's services, and the optimistic `version` guards updates.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .. import policy
from ..history import history_entries


class NetworkSlugField(serializers.SlugRelatedField):
    """The network a record belongs to, by its address (e.g. "bd"); fixed once created."""

    def __init__(self, **kwargs):
        from mignet.network.models import Network

        super().__init__(slug_field="slug", queryset=Network.objects.all(), **kwargs)


class RecordSerializer(CountryFieldMixin, serializers.ModelSerializer):
    """Base serializer: id, network, version; related records must be in the same network."""

    network = NetworkSlugField()
    version = serializers.IntegerField(
        required=False, help_text="The version you read. Required to update; a stale version answers 409."
    )

    base_fields = ("id", "network", "version", "visibility", "created_at", "updated_at")
    read_only_fields = ("id", "created_at", "updated_at")

    def validate(self, attrs):
        attrs = super().validate(attrs)
        network = attrs.get("network") or getattr(self.instance, "network", None)
        if (
            self.instance is not None
            and "network" in attrs
            and attrs["network"].pk != self.instance.network_id
        ):
            raise serializers.ValidationError({"network": _("A record cannot move to another network.")})
        for name, value in attrs.items():
            if name == "network" or network is None:
                continue
            for item in value if isinstance(value, list) else [value]:
                if getattr(item, "network_id", network.pk) != network.pk:
                    raise serializers.ValidationError({name: _("This record belongs to another network.")})
        return attrs


class RecordViewSet(viewsets.ModelViewSet):
    """List, read, create, update (with `version`), soft-delete, restore and history of one model."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    selector = None  # callable(*, user) -> QuerySet
    create_service = None  # callable(*, actor, network, data, m2m) -> instance
    update_service = None  # callable(*, actor, instance, version, data, m2m) -> instance
    delete_service = None  # callable(*, actor, instance) -> instance
    restore_service = None  # callable(*, actor, instance) -> instance
    m2m_fields: tuple[str, ...] = ()

    def get_queryset(self):
        # Pages of the API are in id order: stable for scripts that page through, and cheap at any size
        # (the models' display orderings join and sort whole tables).
        return type(self).selector(user=self.request.user).order_by("pk")

    def _split(self, data: dict) -> tuple[dict, dict]:
        data = dict(data)
        data.pop("version", None)
        m2m = {name: data.pop(name) for name in self.m2m_fields if name in data}
        return data, m2m

    def perform_create(self, serializer):
        data, m2m = self._split(serializer.validated_data)
        network = data.pop("network")
        serializer.instance = type(self).create_service(
            actor=self.request.user, network=network, data=data, m2m=m2m
        )

    def perform_update(self, serializer):
        version = serializer.validated_data.get("version")
        if version is None:
            raise exceptions.ValidationError(
                {"version": [_("Send the version you read, so nobody's change is lost.")]}
            )
        data, m2m = self._split(serializer.validated_data)
        data.pop("network", None)
        serializer.instance = type(self).update_service(
            actor=self.request.user, instance=serializer.instance, version=version, data=data, m2m=m2m
        )

    def perform_destroy(self, instance):
        type(self).delete_service(actor=self.request.user, instance=instance)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"], url_path="restore")
    def restore(self, request, pk=None):
        """Bring back a deleted record (secretariat)."""
        model = self.get_queryset().model
        instance = (
            policy.restrict(model.all_objects.filter(deleted_at__isnull=False), request.user)
            .filter(pk=pk)
            .first()
        )
        if instance is None or not policy.can(request.user, "view", instance):
            raise exceptions.NotFound()
        instance = type(self).restore_service(actor=request.user, instance=instance)
        return Response(self.get_serializer(instance).data)

    @extend_schema(
        responses=inline_serializer(
            "HistoryEntry",
            {
                "when": serializers.DateTimeField(),
                "who": serializers.CharField(allow_null=True),
                "action": serializers.CharField(),
                "reason": serializers.CharField(),
                "version": serializers.IntegerField(allow_null=True),
                "changes": serializers.ListField(child=serializers.DictField()),
            },
            many=True,
        )
    )
    @action(detail=True, methods=["get"], url_path="history", pagination_class=None)
    def history(self, request, pk=None):
        """Who changed what and when, with before and after values."""
        instance = self.get_object()
        return Response(
            [
                {
                    "when": e.when,
                    "who": getattr(e.who, "email", None),
                    "action": e.action,
                    "reason": e.reason,
                    "version": e.version,
                    "changes": [
                        {"field": ch.label, "before": ch.before, "after": ch.after} for ch in e.changes
                    ],
                }
                for e in history_entries(instance)
            ]
        )
