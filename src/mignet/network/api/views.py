"""API views of the network app: selectors read, services write, the policy decides."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from mignet.core.api.base import RecordViewSet

from .. import filters, selectors, services
from . import serializers as s


class NetworkViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """Networks you can see. The secretariat may update its own network's settings."""

    serializer_class = s.NetworkSerializer
    filterset_class = filters.NetworkFilter
    lookup_field = "slug"
    http_method_names = ["get", "put", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.network_list(user=self.request.user)

    def perform_update(self, serializer):
        from rest_framework.exceptions import ValidationError

        version = serializer.validated_data.pop("version", None)
        if version is None:
            raise ValidationError({"version": ["Send the version you read, so nobody's change is lost."]})
        serializer.instance = services.network_update(
            actor=self.request.user,
            instance=serializer.instance,
            version=version,
            data=serializer.validated_data,
        )


def _viewset(name, serializer, filterset, selector, prefix, doc, m2m=()):
    return type(
        name,
        (RecordViewSet,),
        {
            "__doc__": doc,
            "serializer_class": serializer,
            "filterset_class": filterset,
            "selector": staticmethod(selector),
            "create_service": staticmethod(getattr(services, f"{prefix}_create")),
            "update_service": staticmethod(getattr(services, f"{prefix}_update")),
            "delete_service": staticmethod(getattr(services, f"{prefix}_delete")),
            "restore_service": staticmethod(getattr(services, f"{prefix}_restore")),
            "m2m_fields": m2m,
        },
    )


OrganisationViewSet = _viewset(
    "OrganisationViewSet",
    s.OrganisationSerializer,
    filters.OrganisationFilter,
    selectors.organisation_list,
    "organisation",
    "Organisations in the networks' directories.",
)
PersonViewSet = _viewset(
    "PersonViewSet",
    s.PersonSerializer,
    filters.PersonFilter,
    selectors.person_list,
    "person",
    "People who work with the networks.",
)
BodyViewSet = _viewset(
    "BodyViewSet",
    s.BodySerializer,
    filters.BodyFilter,
    selectors.body_list,
    "body",
    "Bodies: plenaries, TWGs, local forums, task forces.",
    m2m=("thematic_areas",),
)
MembershipViewSet = _viewset(
    "MembershipViewSet",
    s.MembershipSerializer,
    filters.MembershipFilter,
    selectors.membership_list,
    "membership",
    "Organisations' memberships of bodies.",
)
RepresentativeViewSet = _viewset(
    "RepresentativeViewSet",
    s.RepresentativeSerializer,
    filters.RepresentativeFilter,
    selectors.representative_list,
    "representative",
    "Representatives of member organisations in bodies.",
)
ChairTermViewSet = _viewset(
    "ChairTermViewSet",
    s.ChairTermSerializer,
    filters.ChairTermFilter,
    selectors.chair_term_list,
    "chair_term",
    "Chairs' and co-chairs' terms of office.",
)
RoleAssignmentViewSet = _viewset(
    "RoleAssignmentViewSet",
    s.RoleAssignmentSerializer,
    filters.RoleAssignmentFilter,
    selectors.role_assignment_list,
    "role_assignment",
    "Users' roles in networks.",
)
ThematicAreaViewSet = _viewset(
    "ThematicAreaViewSet",
    s.ThematicAreaSerializer,
    filters.ThematicAreaFilter,
    selectors.thematic_area_list,
    "thematic_area",
    "Thematic areas the networks work on.",
)
TermsViewSet = _viewset(
    "TermsViewSet",
    s.TermsSerializer,
    filters.TermsFilter,
    selectors.terms_list,
    "terms",
    "Versions of the networks' Terms of Reference.",
)


class NominationViewSet(
    _viewset(
        "NominationBase",
        s.NominationSerializer,
        filters.NominationFilter,
        selectors.nomination_list,
        "nomination",
        "",
    )
):
    """CSO consortia's nominations to bodies."""

    @extend_schema(request=s.DecisionSerializer, responses=s.NominationSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Accept or decline (secretariat). Accepting makes the person a representative."""
        nomination = self.get_object()
        data = s.DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        self.policy_action = "change"
        self.check_object_permissions(request, nomination)
        nomination = services.nomination_decide(
            actor=request.user, instance=nomination, **data.validated_data
        )
        return Response(self.get_serializer(nomination).data)
