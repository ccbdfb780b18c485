"""URLs of the plans app, by area (one module per area, each owned by its views module)."""

from . import dashboards, impediments, priorities, progress, records, transfer

app_name = "plans"

urlpatterns = [
    *records.urlpatterns,
    *progress.urlpatterns,
    *impediments.urlpatterns,
    *priorities.urlpatterns,
    *dashboards.urlpatterns,
    *transfer.urlpatterns,
]
