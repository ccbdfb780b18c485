from django.urls import path

from mignet.core.views import record_urls

from . import views
from .export_views import export_urlpatterns

app_name = "meetings"

urlpatterns = [
    *record_urls("meetings", "meeting", views.meeting),
    path("meetings/<int:pk>/cancel/", views.MeetingCancelView.as_view(), name="meeting-cancel"),
    path("meetings/<int:pk>/invite/", views.MeetingInviteView.as_view(), name="meeting-invite"),
    path(
        "meetings/<int:pk>/circulate-agenda/", views.AgendaCirculateView.as_view(), name="meeting-circulate"
    ),
    path("meetings/<int:pk>/attendance/", views.AttendanceRegisterView.as_view(), name="meeting-register"),
    *record_urls("agenda-items", "agendaitem", views.agenda_item),
    *record_urls("attendance", "attendance", views.attendance),
    *record_urls("minutes", "minutes", views.minutes),
    path("minutes/<int:pk>/circulate/", views.MinutesCirculateView.as_view(), name="minutes-circulate"),
    path("minutes/<int:pk>/correct/", views.MinutesCorrectView.as_view(), name="minutes-correct"),
    *record_urls("decisions", "decision", views.decision),
    path("decisions/<int:pk>/position/", views.PositionRecordView.as_view(), name="decision-position"),
    path("decisions/<int:pk>/close/", views.DecisionCloseView.as_view(), name="decision-close"),
    path("decisions/<int:pk>/withdraw/", views.DecisionWithdrawView.as_view(), name="decision-withdraw"),
    *record_urls("action-points", "actionpoint", views.action_point),
    path("my-actions/", views.MyActionsView.as_view(), name="my-actions"),
    *export_urlpatterns,
]
