"""Content-Security-Policy on every response, and a quick 503 (never a stack trace) when the database is down."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone

log = logging.getLogger("mignet.core")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection into a plain 503 page (or JSON for the API)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as exc:
            return self.unavailable(request, exc)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return self.unavailable(request, exception)
        return None

    @staticmethod
    def unavailable(request, exc):
        log.error("database unavailable: %s", exc)
        if request.path.startswith("/api/") or request.path.startswith("/healthz"):
            return JsonResponse(
                {"status": "unavailable", "detail": "The database is not answering."}, status=503
            )
        html = render_to_string("503.html")
        return HttpResponse(html, status=503, headers={"Retry-After": "30"})


class NetworkTimeZoneMiddleware:
    """Pages of a network show times in the network's zone (NetworkMixin activates it); every request
    starts and ends in UTC so no zone leaks from one request to the next in a worker."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
