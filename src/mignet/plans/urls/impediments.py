"""URLs: impediments."""

urlpatterns: list = []
