"""Background work shared by every app. Tasks take plain values and retry when the mail server is away."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.mail import EmailMultiAlternatives

log = logging.getLogger("mignet.core")


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, retry_kwargs={"max_retries": 8})
def email_send(
    self, *, subject: str, body: str, to: list[str], from_email: str | None = None, html: str | None = None
) -> int:
    """Send one e-mail (plain text, optional HTML alternative)."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, from_email=from_email)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
