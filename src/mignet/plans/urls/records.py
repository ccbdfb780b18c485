"""URLs: records."""

urlpatterns: list = []
