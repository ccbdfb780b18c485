"""API serializers of the library: they present and validate; the library services write.

A resource is created with its first file (multipart) or link; later files are new versions, uploaded
with `POST /resources/{id}/versions/`. Files are checked by their content by the services."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mignet.core.api.base import RecordSerializer

from .. import choices as c
from .. import selectors
from ..models import CapacityRequest, CapacityRequestStep, Resource, ResourceVersion

BASE = RecordSerializer.base_fields
READ_ONLY = RecordSerializer.read_only_fields


class ResourceVersionSerializer(serializers.ModelSerializer):
    """One file (or link) of a resource: its number, what changed, who uploaded it, and where to get it."""

    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    uploaded_by = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)
    download_url = serializers.SerializerMethodField(
        help_text="The file, checked against your permission on every request; null for a link."
    )

    class Meta:
        model = ResourceVersion
        fields = [
            "id",
            "network",
            "resource",
            "number",
            "note",
            "uploaded_by",
            "created_at",
            "link",
            "original_name",
            "size",
            "content_type",
            "sha256",
            "text_status",
            "page_count",
            "download_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download_url(self, obj) -> str | None:
        if not obj.file:
            return None
        url = reverse("resource-version-download", kwargs={"pk": obj.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class ResourceSerializer(RecordSerializer):
    """A resource with its tags, review state and current version. On creation, a first `file`
    (multipart) or `link` with a `note` may be sent; afterwards new files go to `versions/`."""

    created_by = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)
    reviewed_by = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)
    current_version = serializers.SerializerMethodField()
    version_count = serializers.SerializerMethodField()
    snippet = serializers.SerializerMethodField(
        help_text="With `?search=`: the matching passage, HTML with the words in <mark>; otherwise null."
    )
    file = serializers.FileField(
        write_only=True,
        required=False,
        help_text="On creation: the first file (PDF, DOCX, XLSX, CSV, PPTX, PNG, JPEG), checked by content.",
    )
    link = serializers.URLField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="On creation, instead of a file: where the document is published.",
    )
    note = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=300,
        help_text="On creation: about the file.",
    )

    class Meta:
        model = Resource
        fields = [
            *BASE,
            "kind",
            "title",
            "abstract",
            "authors",
            "body",
            "gcm_objectives",
            "guiding_principles",
            "sdg_targets",
            "thematic_areas",
            "language",
            "published_on",
            "status",
            "created_by",
            "submitted_at",
            "reviewed_by",
            "review_comment",
            "published_at",
            "current_version",
            "version_count",
            "snippet",
            "file",
            "link",
            "note",
        ]
        read_only_fields = (
            *READ_ONLY,
            "status",
            "submitted_at",
            "review_comment",
            "published_at",
        )

    def _versions(self, obj) -> list[ResourceVersion]:
        versions = getattr(obj, "live_versions", None)
        if versions is None:  # a record just written: not prefetched
            versions = list(
                ResourceVersion.objects.filter(resource=obj).select_related("uploaded_by", "network")
            )
            obj.live_versions = versions
        return sorted(versions, key=lambda v: -v.number)

    @extend_schema_field(ResourceVersionSerializer(allow_null=True))
    def get_current_version(self, obj):
        versions = self._versions(obj)
        return ResourceVersionSerializer(versions[0], context=self.context).data if versions else None

    def get_version_count(self, obj) -> int:
        return len(self._versions(obj))

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_snippet(self, obj):
        return self.context.get("snippets", {}).get(obj.pk)

    def validate(self, attrs):
        if self.instance is not None and (attrs.get("file") is not None or attrs.get("link")):
            raise serializers.ValidationError(
                {"file": _("Upload a new file or link as a new version, with POST …/versions/.")}
            )
        return super().validate(attrs)


class VersionUploadSerializer(serializers.Serializer):
    """A new version: a file (multipart) or a link, and what changed."""

    file = serializers.FileField(required=False, help_text="Checked by its content, never by its name.")
    link = serializers.URLField(required=False, allow_blank=True, default="", max_length=500)
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300, help_text="What changed."
    )


class ReviewCommentSerializer(serializers.Serializer):
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="To return a resource: what needs to change (required). To publish: optional.",
    )


class ResourceReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class ReadableResourcesField(serializers.PrimaryKeyRelatedField):
    """Resources the user may read (a draft they cannot see cannot be linked)."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return Resource.objects.none()
        return selectors.resource_list(user=request.user)


class CapacityRequestStepSerializer(serializers.ModelSerializer):
    by = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)

    class Meta:
        model = CapacityRequestStep
        fields = ["status", "on", "note", "by"]
        read_only_fields = fields


class CapacityRequestSerializer(RecordSerializer):
    """A request for capacity-building support and its steps towards delivery. The status moves only
    with `POST …/advance/` (the secretariat)."""

    resources = ReadableResourcesField(
        many=True, required=False, help_text="Resources that came of it (those you may read)."
    )
    steps = CapacityRequestStepSerializer(many=True, read_only=True)
    next_statuses = serializers.SerializerMethodField()

    class Meta:
        model = CapacityRequest
        fields = [
            *BASE,
            "title",
            "description",
            "requester",
            "government_body",
            "contact",
            "contact_email",
            "gcm_objectives",
            "urgency",
            "received_on",
            "needed_by",
            "status",
            "supporting_organisations",
            "resources",
            "steps",
            "next_statuses",
        ]
        read_only_fields = (*READ_ONLY, "status")

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=c.RequestStatus.choices))
    )
    def get_next_statuses(self, obj):
        return [str(s) for s in c.REQUEST_NEXT[c.RequestStatus(obj.status)]]


class CapacityRequestAdvanceSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=c.RequestStatus.choices)
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Required to decline: why."
    )
    on = serializers.DateField(required=False, allow_null=True, default=None, help_text="Default: today.")
