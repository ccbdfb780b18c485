"""E-mail from the meetings app: invitations with ICS, agenda and minutes circulation, decisions.

Each function takes ids (it runs after the transaction commits) and queues the sending."""

from __future__ import annotations


def meeting_invitations(meeting_id: int, *, method: str) -> None:
    """Invite the body's representatives (method REQUEST) or tell them of a cancellation (CANCEL)."""


def agenda_circulated(meeting_id: int) -> None:
    """Send the circulated agenda to the body's representatives."""


def minutes_circulated(minutes_id: int) -> None:
    """Send circulated minutes to the body's representatives for approval."""


def decision_opened(decision_id: int) -> None:
    """Ask the body's member focal points for their positions."""


def decision_closed(decision_id: int) -> None:
    """Tell the body the outcome."""
