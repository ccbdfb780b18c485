"""URLs: dashboards."""

urlpatterns: list = []
