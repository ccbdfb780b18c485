"""The public portal of a network's library, under /p/<network>/: no sign-in, published public items only."""

from django.urls import path

from . import portal

app_name = "portal"

urlpatterns = [
    path("library/", portal.PortalLibraryView.as_view(), name="library"),
    path("library/feed.atom", portal.portal_feed, name="feed"),
    path("library/<int:pk>-<slug:slug>/", portal.PortalResourceView.as_view(), name="resource"),
    path("library/<int:pk>/", portal.PortalResourceView.as_view(), name="resource-short"),
    path("library/files/<int:version_pk>/", portal.portal_download, name="download"),
]
