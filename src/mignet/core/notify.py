"""Queue e-mail after the surrounding transaction commits (Celery; eager where no broker is configured)."""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction

log = logging.getLogger("mignet.core")


def email_enqueue(message: EmailMessage) -> None:
    """Send `message` in the background once the current transaction has committed.

    When the broker cannot be reached the message is sent in this process instead, so nothing is lost."""
    from .tasks import email_send

    html = None
    if isinstance(message, EmailMultiAlternatives):
        html = next((content for content, mimetype in message.alternatives if mimetype == "text/html"), None)
    kwargs = {
        "subject": message.subject,
        "body": message.body,
        "to": list(message.to),
        "from_email": message.from_email,
        "html": html,
    }

    def enqueue():
        try:
            email_send.delay(**kwargs)
        except Exception:  # noqa: BLE001 — broker down: degrade to sending now rather than losing the e-mail
            log.warning("broker unavailable; sending e-mail to %s directly", kwargs["to"])
            email_send.apply(kwargs=kwargs)

    transaction.on_commit(enqueue)
