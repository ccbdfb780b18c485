"""Security audit log: every sign-in, failure and sign-out, with user, address and time (UTC)."""

import logging

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

log = logging.getLogger("mignet.security")


def client_ip(request) -> str | None:
    """The client's address, or None when unknown. Behind MIGNET_PROXY_COUNT trusted proxies, each appends
    the address it received from to X-Forwarded-For, so the client is that many places from the right;
    entries further left could be forged by the client and are ignored. Also used by django-axes."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.MIGNET_PROXY_COUNT
    if count:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        chain = [*forwarded, remote or ""]
        if len(chain) > count and chain[-count - 1]:
            return chain[-count - 1]
    return remote


def axes_username(request, credentials) -> str | None:
    """django-axes: the e-mail being tried, whichever form sent it (allauth uses `login`)."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None:
        value = request.POST.get("login") or request.POST.get("email")
    return (value or "").strip().lower() or None


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    log.info("sign-in user=%s ip=%s", user.email, client_ip(request) or "-")


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    log.info("sign-out user=%s ip=%s", getattr(user, "email", "-"), client_ip(request) or "-")


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    log.warning(
        "sign-in failed user=%s ip=%s", axes_username(request, credentials) or "-", client_ip(request) or "-"
    )
