"""URLs: progress."""

urlpatterns: list = []
