"""Reminders in Firestore: which bookings may need one, and the claim that
lets each reminder go out once.

The claim marks the reminder on the booking and writes its outbox record in
one transaction, so two runs at once, or a retried run, write it once; the
record is sent after the commit and retried from the outbox if that fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from google.api_core import exceptions as gexc
from google.cloud import firestore

from booking.adapters import booking_mapper as mapper
from booking.adapters import booking_store, email_outbox
from booking.adapters.firestore_client import db
from booking.domain.record import BookingRecord, TokenEntry

Sent = TypeVar("Sent")


@dataclass(frozen=True)
class ReminderMark:
    """What a claimed reminder writes: the keys it covers (every lead due
    with it, for this start time), the token its link carries, its e-mail."""

    keys: tuple[str, ...]
    start: datetime
    token_digest: str
    token: TokenEntry
    email: email_outbox.Entry


def claim(
    site_id: str, booking_id: str, decide: Callable[[BookingRecord], tuple[ReminderMark, Sent] | None]
) -> Sent | None:
    """Read the booking, let `decide` choose the reminder (None: none is due)
    and write it, in one transaction; returns what `decide` gave along with
    the mark. None too when another run wrote this reminder first."""

    @firestore.transactional
    def run(transaction: firestore.Transaction) -> Sent | None:
        booking = booking_store.get(site_id, booking_id, transaction)
        decided = decide(booking) if booking is not None else None
        if booking is None or decided is None:
            return None
        mark, sent = decided
        email_outbox.create_in(transaction, site_id, mark.email)
        booking_store.update_fields(
            transaction,
            booking,
            {
                **{mapper.reminder_path(key): mark.start for key in mark.keys},
                mapper.token_path(mark.token_digest): mapper.token_doc(mark.token),
            },
        )
        return sent

    try:
        result: Sent | None = run(db().transaction())
    except (gexc.AlreadyExists, gexc.Conflict):
        return None  # another run wrote this reminder first
    return result
