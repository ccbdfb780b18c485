"""Security audit log: every sign-in, failure and sign-out, with user, address and time (UTC)."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

log = logging.getLogger("mignet.security")


def client_ip(request) -> str:
    if request is None:
        return "-"
    return request.META.get("REMOTE_ADDR", "-")


def axes_username(request, credentials) -> str | None:
    """django-axes: the e-mail being tried, whichever form sent it (allauth uses `login`)."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None:
        value = request.POST.get("login") or request.POST.get("email")
    return (value or "").strip().lower() or None


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    log.info("sign-in user=%s ip=%s", user.email, client_ip(request))


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    log.info("sign-out user=%s ip=%s", getattr(user, "email", "-"), client_ip(request))


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    log.warning(
        "sign-in failed user=%s ip=%s", axes_username(request, credentials) or "-", client_ip(request)
    )
