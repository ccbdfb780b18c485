"""API views of the library: the library selectors read, the library services write, the policy decides.

Resources are created with JSON (a link) or multipart (a file); a file is checked by its content and a
refused one answers 400 under `file` with nothing stored. `?search=words` on the resources list is the
ranked full-text search (titles, abstracts and the text inside the files) within the other filters."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from mignet.core import policy
from mignet.core.api.base import RecordViewSet

from .. import filters, selectors, services
from ..models import CapacityRequestStep, ResourceVersion
from . import serializers as s

PARSERS = [JSONParser, MultiPartParser, FormParser]


def _versions_queryset():
    return ResourceVersion.objects.select_related("uploaded_by", "network").order_by("-number")


class LibraryViewSet(RecordViewSet):
    """RecordViewSet plus the extra actions' pattern: fetch the record (404 if unseen, 403 unless the policy
    allows `policy_action`, by default change), parse the small body, call the service."""

    policy_action = None  # set per action; None: the HTTP method's (POST: change)

    def _run(self, request, service, *, body=None, **kwargs):
        instance = self.get_object()
        if body is not None:
            parsed = body(data=request.data)
            parsed.is_valid(raise_exception=True)
            kwargs.update(parsed.validated_data)
        return service(actor=request.user, instance=instance, **kwargs)

    def _answer(self, instance, code=status.HTTP_200_OK):
        return Response(self.get_serializer(instance).data, status=code)


# --- Resources


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "search",
                str,
                description="Ranked full-text search over titles, abstracts and the text inside the files "
                "(English and Bangla), within the other filters; each result has a `snippet`.",
            )
        ]
    ),
    create=extend_schema(
        responses={
            201: s.ResourceSerializer,
            400: OpenApiResponse(description="Invalid fields, or the file was refused (under `file`)."),
        }
    ),
)
class ResourceViewSet(LibraryViewSet):
    """Policy briefs, papers, plans, tools, datasets… with their versions and review. A draft is seen by
    its authors, the chair of the body that produced it and the secretariat; once published, by everyone
    its visibility allows. Review: submit → publish (or return with comments); the reviewer, the chair of
    the producing body or the secretariat, is never its author."""

    serializer_class = s.ResourceSerializer
    filterset_class = filters.ResourceFilter
    parser_classes = PARSERS
    selector = staticmethod(selectors.resource_list)
    update_service = staticmethod(services.resource_update)
    delete_service = staticmethod(services.resource_delete)
    restore_service = staticmethod(services.resource_restore)
    m2m_fields = ("authors", "gcm_objectives", "guiding_principles", "sdg_targets", "thematic_areas")

    def get_queryset(self):
        return self._shaped(super().get_queryset())

    @staticmethod
    def _shaped(queryset):
        """What the serializer reads, in a fixed number of queries per page."""
        return queryset.select_related("created_by", "reviewed_by").prefetch_related(
            "authors",
            "gcm_objectives",
            "guiding_principles",
            "sdg_targets",
            "thematic_areas",
            Prefetch("versions", queryset=_versions_queryset(), to_attr="live_versions"),
        )

    def list(self, request, *args, **kwargs):
        words = (request.query_params.get("search") or "").strip()
        if not words:
            return super().list(request, *args, **kwargs)
        return self._search(request, words)

    def _search(self, request, words):
        """One page of ranked hits, in the pagination's usual shape, each with its snippet."""
        paginator = self.paginator
        size = paginator.get_page_size(request) or paginator.page_size
        try:
            page = int(request.query_params.get(paginator.page_query_param) or 1)
        except ValueError:
            page = 0
        if page < 1:
            raise exceptions.NotFound(paginator.invalid_page_message)
        filtered = self.filter_queryset(type(self).selector(user=request.user))
        result = selectors.resource_search(
            user=request.user,
            network=None,
            q=words,
            queryset=filtered,
            limit=size,
            offset=(page - 1) * size,
        )
        if page > 1 and not result.hits:
            raise exceptions.NotFound(paginator.invalid_page_message)
        # The rows again, shaped for the serializer (whatever the search engine returned them with).
        ids = [hit.pk for hit, _snippet in result.hits]
        rows = self._shaped(type(self).selector(user=request.user)).in_bulk(ids)
        ordered = [rows[pk] for pk in ids if pk in rows]
        snippets = {hit.pk: snippet for hit, snippet in result.hits}
        context = {**self.get_serializer_context(), "snippets": snippets}
        url = request.build_absolute_uri()
        query = paginator.page_query_param
        has_next = page * size < result.total
        previous = None
        if page > 1:
            previous = (
                remove_query_param(url, query) if page == 2 else replace_query_param(url, query, page - 1)
            )
        return Response(
            {
                "count": result.total,
                "next": replace_query_param(url, query, page + 1) if has_next else None,
                "previous": previous,
                "results": s.ResourceSerializer(ordered, many=True, context=context).data,
            }
        )

    def perform_create(self, serializer):
        upload = serializer.validated_data.pop("file", None)
        link = serializer.validated_data.pop("link", "") or ""
        note = serializer.validated_data.pop("note", "") or ""
        data, m2m = self._split(serializer.validated_data)
        network = data.pop("network")
        serializer.instance = services.resource_create(
            actor=self.request.user, network=network, data=data, m2m=m2m, upload=upload, link=link, note=note
        )

    def perform_update(self, serializer):
        for name in ("file", "link", "note"):
            serializer.validated_data.pop(name, None)
        super().perform_update(serializer)

    @extend_schema(methods=["GET"], request=None, responses=s.ResourceVersionSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request={
            "multipart/form-data": s.VersionUploadSerializer,
            "application/json": s.VersionUploadSerializer,
        },
        responses={
            201: s.ResourceVersionSerializer,
            400: OpenApiResponse(
                description="No file or link, both, or the file was refused (under `file`)."
            ),
            403: OpenApiResponse(description="You may not change this resource (e.g. it is published)."),
        },
    )
    @action(
        detail=True,
        methods=["get", "post"],
        pagination_class=None,
        filter_backends=[],
        policy_action="view",
    )
    def versions(self, request, pk=None):
        """GET: the versions, newest first, with what changed, who uploaded them and where to download them.
        POST: upload a new version — a `file` (multipart) or a `link`, with a `note`; earlier ones stay."""
        resource = self.get_object()
        if request.method == "GET":
            versions = _versions_queryset().filter(resource=resource)
            return Response(
                s.ResourceVersionSerializer(versions, many=True, context=self.get_serializer_context()).data
            )
        # Who may upload is asked before the file is read.
        policy.require(request.user, "add", ResourceVersion(network=resource.network, resource=resource))
        body = s.VersionUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        version = services.version_upload(
            actor=request.user,
            resource=resource,
            upload=body.validated_data.get("file"),
            link=body.validated_data["link"],
            note=body.validated_data["note"],
        )
        version = _versions_queryset().get(pk=version.pk)
        return Response(
            s.ResourceVersionSerializer(version, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses=s.ResourceSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send a draft (or a returned resource) for review; it needs a file or a link."""
        return self._answer(self._run(request, services.resource_submit))

    @extend_schema(
        request=s.ReviewCommentSerializer,
        responses={
            200: s.ResourceSerializer,
            400: OpenApiResponse(description="No comment, not in review, or you are its author."),
            403: OpenApiResponse(description="You do not review this resource."),
        },
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return", policy_action="view")
    def return_to_authors(self, request, pk=None):
        """Return a resource in review to its authors with comments (required)."""
        return self._answer(self._run(request, services.resource_return, body=s.ReviewCommentSerializer))

    @extend_schema(
        request=s.ReviewCommentSerializer,
        responses={
            200: s.ResourceSerializer,
            400: OpenApiResponse(description="Not in review, or you are its author."),
            403: OpenApiResponse(description="You do not review this resource."),
        },
    )
    @action(detail=True, methods=["post"], policy_action="view")
    def publish(self, request, pk=None):
        """Publish a resource in review (the chair of the producing body or the secretariat, not its author)."""
        return self._answer(self._run(request, services.resource_publish, body=s.ReviewCommentSerializer))

    @extend_schema(request=s.ResourceReasonSerializer, responses=s.ResourceSerializer)
    @action(detail=True, methods=["post"], policy_action="view")
    def unpublish(self, request, pk=None):
        """Take a published resource back to draft (secretariat), e.g. to replace a wrong file."""
        return self._answer(self._run(request, services.resource_unpublish, body=s.ResourceReasonSerializer))


class AnyAccept(DefaultContentNegotiation):
    """A download answers with the file's own type whatever the client accepts (no 406)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ResourceVersionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Versions (files or links) of the resources you may read. Upload with `POST /resources/{id}/versions/`."""

    serializer_class = s.ResourceVersionSerializer
    filterset_class = filters.ResourceVersionFilter

    def get_queryset(self):
        return policy.restrict(
            ResourceVersion.objects.filter(resource__deleted_at__isnull=True).select_related(
                "uploaded_by", "network", "resource"
            ),
            self.request.user,
        ).order_by("pk")

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            302: OpenApiResponse(description="A version that is a link: redirected to it."),
            404: OpenApiResponse(description="No such version, or you may not read its resource."),
        }
    )
    @action(
        detail=True,
        methods=["get"],
        filter_backends=[],
        pagination_class=None,
        content_negotiation_class=AnyAccept,
    )
    def download(self, request, pk=None):
        """The file, as an attachment with the type its content was found to be and headers that keep it
        inert; whether you may read it is checked on every request."""
        from ..downloads import file_response

        return file_response(self.get_object())


# --- Capacity-building requests


class CapacityRequestViewSet(LibraryViewSet):
    """Requests for capacity-building support (the GCM capacity-building mechanism), from a Government
    body or an organisation: anyone taking part in the Network may make one; the secretariat triages,
    matches them to supporting organisations and tracks them to delivery with `advance`."""

    serializer_class = s.CapacityRequestSerializer
    filterset_class = filters.CapacityRequestFilter
    selector = staticmethod(selectors.capacity_request_list)
    create_service = staticmethod(services.capacity_request_create)
    update_service = staticmethod(services.capacity_request_update)
    delete_service = staticmethod(services.capacity_request_delete)
    restore_service = staticmethod(services.capacity_request_restore)
    m2m_fields = ("gcm_objectives", "supporting_organisations", "resources")

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "gcm_objectives",
                "supporting_organisations",
                # Only the resulting resources the user may read are shown.
                Prefetch(
                    "resources", queryset=selectors.resource_list(user=self.request.user).order_by("pk")
                ),
                Prefetch(
                    "steps", queryset=CapacityRequestStep.objects.select_related("by").order_by("on", "pk")
                ),
            )
        )

    @extend_schema(
        request=s.CapacityRequestAdvanceSerializer,
        responses={
            200: s.CapacityRequestSerializer,
            400: OpenApiResponse(description="Not a next step from the current status, or a missing note."),
            403: OpenApiResponse(description="Only the secretariat moves requests."),
        },
    )
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        """Move the request one step: received → triaged → matched → in delivery → delivered, or declined
        (with a note saying why); dated `on` (default today)."""
        instance = self._run(
            request, services.capacity_request_advance, body=s.CapacityRequestAdvanceSerializer
        )
        return self._answer(self.get_queryset().get(pk=instance.pk))
