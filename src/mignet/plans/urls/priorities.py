"""URLs: priorities."""

urlpatterns: list = []
