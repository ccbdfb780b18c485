from django.urls import path

from mignet.core.views import record_urls

from . import views

app_name = "library"

urlpatterns = [
    *record_urls("library", "resource", views.resource),
    path("library/<int:pk>/submit/", views.ResourceSubmitView.as_view(), name="resource-submit"),
    path("library/<int:pk>/review/", views.ResourceReviewView.as_view(), name="resource-review"),
    path("library/<int:pk>/unpublish/", views.ResourceUnpublishView.as_view(), name="resource-unpublish"),
    path("library/<int:pk>/versions/new/", views.VersionUploadView.as_view(), name="version-create"),
    path("library/files/<int:pk>/", views.VersionDownloadView.as_view(), name="version-download"),
    *record_urls("capacity-requests", "capacityrequest", views.capacity_request),
    path(
        "capacity-requests/<int:pk>/advance/",
        views.CapacityRequestAdvanceView.as_view(),
        name="capacityrequest-advance",
    ),
]
