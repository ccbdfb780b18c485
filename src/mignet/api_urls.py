"""/api/v1/: one router; each app contributes its `api/urls.py` routes."""

from rest_framework.routers import DefaultRouter

from mignet.core.api.urls import routes as core_routes
from mignet.library.api.urls import routes as library_routes
from mignet.meetings.api.urls import routes as meetings_routes
from mignet.network.api.urls import routes as network_routes
from mignet.plans.api.urls import routes as plans_routes

router = DefaultRouter()
for prefix, viewset, basename in [
    *network_routes,
    *meetings_routes,
    *library_routes,
    *plans_routes,
    *core_routes,
]:
    router.register(prefix, viewset, basename=basename)
