"""URL map: pages under /n/<network>/, the API under /api/v1/, accounts under /accounts/."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from mignet.accounts.views import language_set
from mignet.core import views as core_views

from .api_urls import router

handler403 = "mignet.core.views.permission_denied"

urlpatterns = [
    path("", core_views.HomeView.as_view(), name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", language_set, name="set_language"),
    path("accounts/", include("mignet.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("calendar/", include("mignet.meetings.feed_urls")),
    path("api/v1/", include(router.urls)),
    path("api/schema/", login_not_required(SpectacularAPIView.as_view()), name="api-schema"),
    path(
        "api/docs/",
        login_not_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path("n/<slug:network>/", include("mignet.network.urls")),
    path("n/<slug:network>/", include("mignet.meetings.urls")),
    path("n/<slug:network>/", include("mignet.library.urls")),
    path("n/<slug:network>/", include("mignet.plans.urls")),
    path("p/<slug:network>/", include("mignet.library.portal_urls")),
]
