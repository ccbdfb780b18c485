"""URLs: joint-programming priorities (/n/<network>/joint-priorities/…)."""

from django.urls import path

from mignet.core.views import record_urls

from ..views import priorities as views

urlpatterns: list = [
    *record_urls("joint-priorities", "jointpriority", views.joint_priority),
    path("joint-priorities/<int:pk>/support/", views.SupportView.as_view(), name="jointpriority-support"),
    path(
        "joint-priorities/<int:pk>/unsupport/", views.UnsupportView.as_view(), name="jointpriority-unsupport"
    ),
    path("joint-priorities/<int:pk>/promote/", views.PromoteView.as_view(), name="jointpriority-promote"),
    path("joint-priorities/<int:pk>/drop/", views.DropView.as_view(), name="jointpriority-drop"),
]
