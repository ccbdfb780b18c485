"""URLs: dashboards (the dashboard, its charts as SVG, the duplication view)."""

from django.urls import path

from ..views import dashboards as views

urlpatterns: list = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("dashboard/charts/<slug:name>.svg", views.DashboardChartView.as_view(), name="dashboard-chart"),
    path("dashboard/duplicates/", views.DuplicatesView.as_view(), name="duplicates"),
]
