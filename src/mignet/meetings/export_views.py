"""Agendas and minutes as DOCX and PDF downloads. The lead includes `export_urlpatterns` in meetings/urls.py
under /n/<network>/meetings/."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import path
from django.views import View

from mignet.core.views import NetworkMixin

from . import exports, selectors

FORMATS = {
    "docx": (exports.DOCX_TYPE, {"agenda": exports.agenda_docx, "minutes": exports.minutes_docx}),
    "pdf": (exports.PDF_TYPE, {"agenda": exports.agenda_pdf, "minutes": exports.minutes_pdf}),
}


class MeetingExportView(NetworkMixin, View):
    """GET: a meeting's agenda or a revision of its minutes as a file; 404 for what the user may not see."""

    document = "agenda"  # or "minutes"
    extension = "pdf"  # or "docx"
    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        user = request.user
        content_type, builders = FORMATS[self.extension]
        if self.document == "minutes":
            minutes = selectors.minutes_get(user=user, network=self.network, pk=kwargs["pk"])
            # The minutes carry the meeting's details: the meeting must be visible to this user too.
            meeting = selectors.meeting_get(user=user, network=self.network, pk=minutes.meeting_id)
            minutes.meeting = meeting
            content = builders["minutes"](minutes, user=user)
        else:
            meeting = selectors.meeting_get(user=user, network=self.network, pk=kwargs["pk"])
            minutes = None
            content = builders["agenda"](meeting, user=user)
        filename = exports.export_filename(
            meeting, kind=self.document, extension=self.extension, minutes=minutes
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


export_urlpatterns = [
    path(
        "meetings/<int:pk>/agenda.docx",
        MeetingExportView.as_view(document="agenda", extension="docx"),
        name="meeting-agenda-docx",
    ),
    path(
        "meetings/<int:pk>/agenda.pdf",
        MeetingExportView.as_view(document="agenda", extension="pdf"),
        name="meeting-agenda-pdf",
    ),
    path(
        "minutes/<int:pk>/minutes.docx",
        MeetingExportView.as_view(document="minutes", extension="docx"),
        name="minutes-docx",
    ),
    path(
        "minutes/<int:pk>/minutes.pdf",
        MeetingExportView.as_view(document="minutes", extension="pdf"),
        name="minutes-pdf",
    ),
]
