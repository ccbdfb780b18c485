"""Calendar feed addresses, under /calendar/: the key is a revocable calendar token of the user."""

from django.urls import path

from . import feeds

app_name = "calendar"

urlpatterns = [
    path("<slug:key>.ics", feeds.user_feed_view, name="user-feed"),
    path("<slug:key>/bodies/<int:body_id>.ics", feeds.body_feed_view, name="body-feed"),
]
