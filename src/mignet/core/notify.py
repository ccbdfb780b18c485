"""Queue e-mail after the surrounding transaction commits (Celery; eager where no broker is configured)."""

from __future__ import annotations

import base64
import logging

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction

log = logging.getLogger("mignet.core")


def _attachment(item) -> dict:
    """One attachment as plain JSON values: text stays text, bytes travel as base64."""
    filename, content, mimetype = item
    if isinstance(content, bytes):
        return {
            "filename": filename,
            "content": base64.b64encode(content).decode("ascii"),
            "mimetype": mimetype,
            "base64": True,
        }
    return {"filename": filename, "content": content, "mimetype": mimetype, "base64": False}


def message_kwargs(message: EmailMessage) -> dict:
    """The task arguments for `message`, all JSON values (Celery's serializer): subject, body, recipients,
    sender, the HTML alternative and the attachments as (filename, content, mimetype)."""
    html = None
    if isinstance(message, EmailMultiAlternatives):
        html = next((content for content, mimetype in message.alternatives if mimetype == "text/html"), None)
    attachments = [_attachment(item) for item in message.attachments if isinstance(item, tuple)]
    kwargs = {
        "subject": message.subject,
        "body": message.body,
        "to": list(message.to),
        "from_email": message.from_email,
        "html": html,
    }
    if attachments:
        kwargs["attachments"] = attachments
    return kwargs


def email_enqueue(message: EmailMessage) -> None:
    """Send `message` in the background once the current transaction has committed.

    Attachments added with `message.attach(filename, content, mimetype)` travel with it. When the broker
    cannot be reached the message is sent in this process instead, so nothing is lost."""
    from .tasks import email_send

    kwargs = message_kwargs(message)

    def enqueue():
        try:
            email_send.delay(**kwargs)
        except Exception:  # noqa: BLE001 — broker down: degrade to sending now rather than losing the e-mail
            log.warning("broker unavailable; sending e-mail to %s directly", kwargs["to"])
            email_send.apply(kwargs=kwargs)

    transaction.on_commit(enqueue)
