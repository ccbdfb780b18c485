"""API of the plans app: dashboards. `dashboard` returns the dashboard's panels as JSON with the page's
filters; `duplicate-candidates` lists the flagged pairs with their score; `duplicate-reviews` lists the
verdicts and records one (create or update, through the duplicates service and its policy rule).

Every endpoint takes `?network=<slug>` (the dashboards are per network; a network the user may not see
answers 404)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.response import Response

from mignet.core.policy import restrict
from mignet.network.selectors import network_get

from .. import choices as c
from ..forms.dashboards import DashboardFilterForm, DuplicateFilterForm
from ..models import Activity, DuplicateReview
from ..selectors import dashboards as selectors
from ..services.duplicates import duplicate_review_record

NETWORK = OpenApiParameter("network", str, required=True, description="The network's address, e.g. `bd`.")
FILTERS = [
    NETWORK,
    OpenApiParameter("plan", int, description="One plan's id; without it, every approved plan."),
    OpenApiParameter("body", int, description="One body's id (the activity's body, else its plan's)."),
    OpenApiParameter("year", int, description="Activities running in this year."),
]
MEASURE = OpenApiParameter(
    "measure", str, enum=["count", "budget"], description="What the heatmap's `value` is."
)
DUPLICATE_FILTERS = [
    *FILTERS,
    OpenApiParameter("threshold", float, description="Similarity from which a pair is flagged, 0.1–0.95."),
    OpenApiParameter("unreviewed", bool, description="Only pairs nobody has reviewed yet."),
]


def _network(request):
    slug = request.query_params.get("network")
    if not slug:
        raise exceptions.ValidationError({"network": [_("Give the network's address, e.g. ?network=bd.")]})
    return network_get(user=request.user, slug=slug)


def _form(request, network, form_class=DashboardFilterForm, **extra):
    form = form_class(
        request.query_params,
        plans=selectors.dashboard_plans(user=request.user, network=network),
        bodies=selectors.dashboard_bodies(user=request.user, network=network),
        **extra,
    )
    if not form.is_valid():
        raise exceptions.ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    return form


# --- Response shapes (for the schema)


class _Org(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    label = serializers.CharField()


class _Cell(serializers.Serializer):
    count = serializers.IntegerField()
    budget = serializers.DecimalField(max_digits=16, decimal_places=2)
    value = serializers.DecimalField(max_digits=16, decimal_places=2)
    bin = serializers.IntegerField(help_text="Shade 0 (none) to 4 (the most).")


class _CoverageRow(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    cells = _Cell(many=True, help_text="One per organisation, in the order of `organisations`.")
    count = serializers.IntegerField()
    budget = serializers.DecimalField(max_digits=16, decimal_places=2)


class _Gap(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()


class _Coverage(serializers.Serializer):
    measure = serializers.ChoiceField(choices=["count", "budget"])
    organisations = _Org(many=True)
    rows = _CoverageRow(many=True)


class _Status(serializers.Serializer):
    value = serializers.ChoiceField(choices=c.ActivityStatus.choices)
    label = serializers.CharField()
    count = serializers.IntegerField()


class _Totals(serializers.Serializer):
    count = serializers.IntegerField()
    average_percent = serializers.FloatField(allow_null=True)
    required = serializers.DecimalField(max_digits=16, decimal_places=2)
    available = serializers.DecimalField(max_digits=16, decimal_places=2)
    spent = serializers.DecimalField(max_digits=16, decimal_places=2)
    gap = serializers.DecimalField(max_digits=16, decimal_places=2)
    overspent = serializers.BooleanField()


class _BodyRow(_Totals):
    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField(allow_null=True)
    statuses = serializers.DictField(
        child=serializers.IntegerField(), help_text="Activities per status value."
    )


class _Progress(serializers.Serializer):
    statuses = _Status(many=True)
    bodies = _BodyRow(many=True)
    totals = _Totals()


class _Place(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    count = serializers.IntegerField()
    budget = serializers.DecimalField(max_digits=16, decimal_places=2)


class _Division(serializers.Serializer):
    name = serializers.CharField()
    count = serializers.IntegerField()
    budget = serializers.DecimalField(max_digits=16, decimal_places=2)
    districts = _Place(many=True)


class _National(serializers.Serializer):
    count = serializers.IntegerField()
    budget = serializers.DecimalField(max_digits=16, decimal_places=2)


class _Districts(serializers.Serializer):
    national = _National()
    covered = serializers.IntegerField()
    total = serializers.IntegerField()
    divisions = _Division(many=True)


class _IndicatorRow(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    plan = serializers.CharField()
    unit = serializers.CharField()
    direction = serializers.ChoiceField(choices=c.Direction.choices)
    baseline = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    period = serializers.CharField()
    target = serializers.DecimalField(max_digits=16, decimal_places=2)
    value = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    measured_period = serializers.CharField(allow_null=True)
    percent = serializers.DecimalField(max_digits=10, decimal_places=1, allow_null=True)


class _Indicators(serializers.Serializer):
    rows = _IndicatorRow(many=True)
    truncated = serializers.BooleanField()


class DashboardSerializer(serializers.Serializer):
    """Every panel of the dashboard, as on the page."""

    coverage = _Coverage()
    gaps = _Gap(many=True)
    progress = _Progress()
    districts = _Districts()
    indicators = _Indicators()


class _ActivityBrief(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    lead_organisation = serializers.CharField()
    plan = serializers.IntegerField(source="plan_id")


class DuplicateCandidateSerializer(serializers.Serializer):
    """A flagged pair: both activities, the score, what they share, and the review if any."""

    first = _ActivityBrief()
    second = _ActivityBrief()
    score = serializers.FloatField()
    objectives = serializers.SerializerMethodField()
    districts = serializers.ListField(child=serializers.CharField())
    national = serializers.BooleanField()
    verdict = serializers.SerializerMethodField()
    review = serializers.SerializerMethodField()
    can_review = serializers.BooleanField()

    def get_objectives(self, obj) -> list[int]:
        return [o.number for o in obj.objectives]

    def get_verdict(self, obj) -> str | None:
        return obj.review.verdict if obj.review else None

    def get_review(self, obj) -> int | None:
        return obj.review.pk if obj.review else None


class DuplicateReviewSerializer(serializers.ModelSerializer):
    """A verdict on a pair; send `first`, `second` (in any order), `verdict` and `note`. To change a
    verdict, send the review's `version`."""

    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    reviewed_by = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)
    version = serializers.IntegerField(required=False)

    class Meta:
        model = DuplicateReview
        fields = [
            "id",
            "network",
            "version",
            "first",
            "second",
            "similarity",
            "verdict",
            "note",
            "reviewed_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "network", "similarity", "reviewed_by", "created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        activities = restrict(Activity.objects.all(), getattr(request, "user", None))
        for name in ("first", "second"):
            fields[name].queryset = activities
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["first"].read_only = fields["second"].read_only = True
        return fields


def _plain(data: dict) -> dict:
    """The selector's data without what JSON does not carry (the filters' records)."""
    return {k: v for k, v in data.items() if k not in ("filters", "budget")}


@extend_schema_view(list=extend_schema(parameters=[*FILTERS, MEASURE], responses=DashboardSerializer))
class DashboardViewSet(viewsets.GenericViewSet):
    """The dashboard's panels (coverage, gaps, progress and budget by status and body, districts,
    indicator progress) for one network, with the page's filters."""

    serializer_class = DashboardSerializer
    pagination_class = None
    filter_backends: list = []

    def list(self, request, *args, **kwargs):
        network = _network(request)
        form = _form(request, network)
        data = selectors.dashboard(user=request.user, network=network, filters=form.filters())
        return Response(DashboardSerializer(_plain(data)).data)


@extend_schema_view(
    list=extend_schema(parameters=DUPLICATE_FILTERS, responses=DuplicateCandidateSerializer(many=True))
)
class DuplicateCandidateViewSet(viewsets.GenericViewSet):
    """Pairs of activities flagged as likely duplicates in one network, most similar first."""

    serializer_class = DuplicateCandidateSerializer
    pagination_class = None
    filter_backends: list = []

    def list(self, request, *args, **kwargs):
        network = _network(request)
        form = _form(request, network, DuplicateFilterForm, default_threshold=selectors.default_threshold())
        result = selectors.duplicate_candidates(
            user=request.user,
            network=network,
            filters=form.filters(),
            threshold=form.threshold_value(),
            unreviewed_only=form.unreviewed_only(),
        )
        return Response(DuplicateCandidateSerializer(result["pairs"], many=True).data)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("network", str, description="Only this network's reviews.")]
    )
)
class DuplicateReviewViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Verdicts of TWG chairs on flagged pairs. Creating a review of a pair that already has one changes
    it; the chair of a body coordinating either activity, or the secretariat, may."""

    serializer_class = DuplicateReviewSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        qs = selectors.duplicate_review_list(user=self.request.user)
        slug = self.request.query_params.get("network")
        if slug and self.action == "list":
            qs = qs.filter(network__slug=slug)
        return qs.order_by("pk")

    def _record(self, serializer, instance=None):
        data = serializer.validated_data
        first = data.get("first") or instance.first
        second = data.get("second") or instance.second
        network = first.network
        # Both activities as the rule reads them (their plans' bodies), or 404 if unseen.
        first = selectors.duplicate_pair_activity(user=self.request.user, network=network, pk=first.pk)
        second = selectors.duplicate_pair_activity(user=self.request.user, network=network, pk=second.pk)
        try:
            return duplicate_review_record(
                actor=self.request.user,
                first=first,
                second=second,
                verdict=data.get("verdict") or instance.verdict,
                note=data.get("note", instance.note if instance else ""),
                version=data.get("version") if instance is not None else None,
            )
        except DjangoValidationError as exc:
            raise exceptions.ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
            ) from exc

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = self._record(serializer)
        return Response(self.get_serializer(review).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        if serializer.validated_data.get("version") is None:
            raise exceptions.ValidationError(
                {"version": [_("Send the version you read, so nobody's change is lost.")]}
            )
        review = self._record(serializer, instance)
        return Response(self.get_serializer(review).data)


routes: list = [
    ("dashboard", DashboardViewSet, "plans-dashboard"),
    ("duplicate-candidates", DuplicateCandidateViewSet, "duplicate-candidate"),
    ("duplicate-reviews", DuplicateReviewViewSet, "duplicate-review"),
]
