from django.urls import path

from mignet.core.views import record_urls

from . import views

app_name = "network"

urlpatterns = [
    path("", views.NetworkHomeView.as_view(), name="home"),
    path("about/", views.NetworkAboutView.as_view(), name="about"),
    path("settings/", views.NetworkUpdateView.as_view(), name="network-update"),
    path("settings/history/", views.NetworkHistoryView.as_view(), name="network-history"),
    *record_urls("organisations", "organisation", views.organisation),
    *record_urls("people", "person", views.person),
    *record_urls("bodies", "body", views.body),
    *record_urls("memberships", "membership", views.membership),
    path("memberships/<int:pk>/decide/", views.MembershipDecideView.as_view(), name="membership-decide"),
    *record_urls("representatives", "representative", views.representative),
    *record_urls("chair-terms", "chairterm", views.chair_term),
    *record_urls("nominations", "nomination", views.nomination),
    path("nominations/<int:pk>/decide/", views.NominationDecideView.as_view(), name="nomination-decide"),
    *record_urls("roles", "roleassignment", views.role_assignment),
    *record_urls("terms-of-reference", "terms", views.terms),
    *record_urls("thematic-areas", "thematicarea", views.thematic_area),
]
