"""Read-only reference data: GCM objectives and principles, SDG targets, districts, UN entities…"""

from rest_framework import serializers, viewsets

from ..models import (
    District,
    GCMObjective,
    GovernmentBody,
    GuidingPrinciple,
    HumanRightsMechanism,
    SDGTarget,
    StakeholderCategory,
    UNEntity,
)


def _readonly(model, fields, filters=(), doc=""):
    serializer = type(
        f"{model.__name__}Serializer",
        (serializers.ModelSerializer,),
        {"Meta": type("Meta", (), {"model": model, "fields": fields})},
    )
    qs = model.objects.all()
    if model is District:
        qs = qs.select_related("division")
    if model is SDGTarget:
        qs = qs.select_related("goal")
    return type(
        f"{model.__name__}ViewSet",
        (viewsets.ReadOnlyModelViewSet,),
        {
            "__doc__": doc,
            "queryset": qs,
            "serializer_class": serializer,
            "filterset_fields": list(filters),
            "pagination_class": None,
        },
    )


GCMObjectiveViewSet = _readonly(
    GCMObjective, ["id", "number", "short_title", "full_title"], doc="The 23 GCM objectives."
)
GuidingPrincipleViewSet = _readonly(
    GuidingPrinciple, ["id", "number", "letter", "title"], doc="The GCM's ten guiding principles."
)
SDGTargetViewSet = _readonly(
    SDGTarget,
    ["id", "code", "goal", "text", "relevance"],
    filters=("goal",),
    doc="Migration-related SDG targets.",
)
DistrictViewSet = _readonly(
    District,
    ["id", "name", "iso_code", "bbs_code", "pcode", "division", "alt_spelling"],
    filters=("division",),
    doc="Districts.",
)
UNEntityViewSet = _readonly(UNEntity, ["id", "acronym", "full_name"], doc="UN entities.")
HumanRightsMechanismViewSet = _readonly(
    HumanRightsMechanism,
    ["id", "acronym", "name", "kind", "basis"],
    filters=("kind",),
    doc="UN human-rights mechanisms.",
)
StakeholderCategoryViewSet = _readonly(
    StakeholderCategory, ["id", "code", "name", "in_gcm_para_44"], doc="Stakeholder categories."
)
GovernmentBodyViewSet = _readonly(
    GovernmentBody,
    ["id", "country", "acronym", "name", "kind", "parent_acronym"],
    filters=("country",),
    doc="Government bodies.",
)
