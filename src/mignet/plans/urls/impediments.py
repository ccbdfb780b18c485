"""URLs: impediments (/n/<network>/impediments/…)."""

from django.urls import path

from mignet.core.views import record_urls

from ..views import impediments as views

urlpatterns: list = [
    *record_urls("impediments", "impediment", views.impediment),
    path(
        "impediments/<int:pk>/escalate/",
        views.ImpedimentEscalateView.as_view(),
        name="impediment-escalate",
    ),
]
