"""Background work shared by every app. Tasks take plain values and retry when the mail server is away."""

from __future__ import annotations

import base64
import logging

from celery import shared_task
from django.core.mail import EmailMultiAlternatives

log = logging.getLogger("mignet.core")


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, retry_kwargs={"max_retries": 8})
def email_send(
    self,
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html: str | None = None,
    attachments: list[dict] | None = None,
) -> int:
    """Send one e-mail (plain text, optional HTML alternative, optional attachments).

    A calendar attachment (text/calendar with a METHOD) is also offered as an alternative part, which is
    where Outlook and Gmail look for an invitation to show Accept and Decline."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, from_email=from_email)
    if html:
        message.attach_alternative(html, "text/html")
    for item in attachments or []:
        if isinstance(item, dict):
            filename, content, mimetype = item["filename"], item["content"], item["mimetype"]
            if item.get("base64"):
                content = base64.b64decode(content)
        else:  # a (filename, content, mimetype) list, as JSON turns a tuple
            filename, content, mimetype = item
        if mimetype.startswith("text/calendar") and "method=" in mimetype.lower():
            message.attach_alternative(content, mimetype)
        message.attach(filename, content, mimetype)
    return message.send()
