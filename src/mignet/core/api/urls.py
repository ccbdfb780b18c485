"""Core's API routes: reference data."""

from . import views

routes = [
    ("gcm-objectives", views.GCMObjectiveViewSet, "gcm-objective"),
    ("guiding-principles", views.GuidingPrincipleViewSet, "guiding-principle"),
    ("sdg-targets", views.SDGTargetViewSet, "sdg-target"),
    ("districts", views.DistrictViewSet, "district"),
    ("un-entities", views.UNEntityViewSet, "un-entity"),
    ("human-rights-mechanisms", views.HumanRightsMechanismViewSet, "human-rights-mechanism"),
    ("stakeholder-categories", views.StakeholderCategoryViewSet, "stakeholder-category"),
    ("government-bodies", views.GovernmentBodyViewSet, "government-body"),
]
