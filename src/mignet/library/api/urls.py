"""The library app's API routes, registered on the project's router in mignet/api_urls.py."""

from . import views

routes = [
    ("resources", views.ResourceViewSet, "resource"),
    ("resource-versions", views.ResourceVersionViewSet, "resource-version"),
    ("capacity-requests", views.CapacityRequestViewSet, "capacity-request"),
]
