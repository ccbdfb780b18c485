"""The network app's API routes, registered on the project's router in mignet/api_urls.py."""

from . import views

routes = [
    ("networks", views.NetworkViewSet, "network"),
    ("organisations", views.OrganisationViewSet, "organisation"),
    ("people", views.PersonViewSet, "person"),
    ("bodies", views.BodyViewSet, "body"),
    ("memberships", views.MembershipViewSet, "membership"),
    ("representatives", views.RepresentativeViewSet, "representative"),
    ("chair-terms", views.ChairTermViewSet, "chair-term"),
    ("nominations", views.NominationViewSet, "nomination"),
    ("role-assignments", views.RoleAssignmentViewSet, "role-assignment"),
    ("terms-of-reference", views.TermsViewSet, "terms-of-reference"),
    ("thematic-areas", views.ThematicAreaViewSet, "thematic-area"),
]
