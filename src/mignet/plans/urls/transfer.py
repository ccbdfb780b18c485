"""URLs: transfer (a plan to and from Excel; its activities as CSV/HXL)."""

from django.urls import path

from ..views import transfer as views

urlpatterns: list = [
    path("plans/<int:pk>/export.xlsx", views.PlanExportXlsxView.as_view(), name="plan-export-xlsx"),
    path("plans/<int:pk>/import/", views.PlanImportView.as_view(), name="plan-import"),
    path("plans/<int:pk>/import/jobs/<int:job_pk>/", views.ImportJobView.as_view(), name="import-job"),
    path("plans/<int:pk>/activities.csv", views.PlanExportCsvView.as_view(), name="plan-export-csv"),
]
