"""What happens after a booking changed: e-mails to the client and the like.

Called only after the change has committed, never inside a transaction.
"""

from __future__ import annotations

from typing import Any

from booking.domain.transitions import Action


def booking_created(site_id: str, booking_id: str, booking: dict[str, Any]) -> None:
    """A new booking was stored (confirmation or double opt-in e-mail)."""


def status_changed(site_id: str, booking_id: str, action: Action, booking: dict[str, Any]) -> None:
    """A booking's status changed through `action` (status e-mails)."""
