"""The meetings app's API routes, registered on the project's router in mignet/api_urls.py."""

from . import views

routes = [
    ("meetings", views.MeetingViewSet, "meeting"),
    ("agenda-items", views.AgendaItemViewSet, "agenda-item"),
    ("attendance", views.AttendanceViewSet, "attendance"),
    ("minutes", views.MinutesViewSet, "minutes"),
    ("decisions", views.DecisionViewSet, "decision"),
    ("positions", views.PositionViewSet, "position"),
    ("action-points", views.ActionPointViewSet, "action-point"),
]
