"""URLs: transfer."""

urlpatterns: list = []
