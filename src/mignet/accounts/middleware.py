"""Per-user middleware: the profile language, and two-factor sign-in for the roles a network requires it of."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from mignet.core.policy import principal

EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/")


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not request.path.startswith("/api/")
            and principal(user).two_factor_required
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect(reverse("mfa_activate_totp") + "?required=1")
        return self.get_response(request)


class UserLanguageMiddleware:
    """A signed-in user sees the language saved on their profile, on any device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        wanted = getattr(user, "language", None) if user is not None and user.is_authenticated else None
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if wanted and wanted != cookie and request.path != "/i18n/setlang/":
            translation.activate(wanted)
            request.LANGUAGE_CODE = wanted
            response = self.get_response(request)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, wanted, samesite="Lax", max_age=365 * 24 * 3600
            )
            return response
        return self.get_response(request)
