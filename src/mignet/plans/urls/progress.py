"""URLs: quarterly progress reports (the form per organisation and quarter, the overview, reports)."""

from django.urls import path

from ..views import progress as views

urlpatterns = [
    path("progress/", views.ProgressOverviewView.as_view(), name="progressreport-list"),
    path("progress/mine/", views.MyReportsView.as_view(), name="progressreport-mine"),
    path(
        "progress/<int:plan_pk>/<int:year>-Q<int:quarter>/",
        views.ProgressReportFormView.as_view(),
        name="progressreport-form",
    ),
    path(
        "progress/<int:plan_pk>/<int:year>-Q<int:quarter>/remind/",
        views.ProgressRemindView.as_view(),
        name="progressreport-remind",
    ),
    path(
        "progress/reports/<int:pk>/", views.ProgressReportDetailView.as_view(), name="progressreport-detail"
    ),
    path(
        "progress/reports/<int:pk>/submit/",
        views.ProgressReportSubmitView.as_view(),
        name="progressreport-submit",
    ),
    path(
        "progress/reports/<int:pk>/reopen/",
        views.ProgressReportReopenView.as_view(),
        name="progressreport-reopen",
    ),
    path(
        "progress/reports/<int:pk>/history/",
        views.ProgressReportHistoryView.as_view(),
        name="progressreport-history",
    ),
]
