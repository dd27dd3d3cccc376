"""Marketing consent that holds up: a log of entries, and the profile's
consent is the latest verified one.

Anyone can type an address into the widget, so an opt-in from a booking is
unverified until the client opens a link that only their inbox received
(any token of the booking but the first, which went to the browser that
booked). A withdrawal through the unsubscribe link in an e-mail is verified
the same way. Unverified entries are kept in the log and change nothing.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from booking.domain.booking import hash_token
from booking.domain.record import BookingRecord

ADMIN = "admin"
UNSUBSCRIBE = "unsubscribe"
"""Sources besides a booking id (the source of an opt-in made while booking)."""
BOOKING_TEXT = "Keep me informed about news and offers"
"""What the client agreed to: the widget's checkbox (hosting/src/widget/strings.js)."""
UNSUBSCRIBE_TEXT = "Unsubscribe from marketing e-mails"


@dataclass(frozen=True)
class ConsentEntry:
    value: bool
    at: datetime
    source: str
    """A booking id, `admin` or `unsubscribe`."""
    text: str
    verified: bool


@dataclass(frozen=True)
class Consent:
    """The profile's consent and the time of the entry it comes from."""

    value: bool = False
    at: datetime | None = None


def consent_after(current: Consent, entry: ConsentEntry) -> Consent:
    """The consent once `entry` is logged: an unverified entry, or one older than
    the entry the consent comes from, changes nothing."""
    if not entry.verified or (current.at is not None and entry.at < current.at):
        return current
    return Consent(value=entry.value, at=entry.at)


def belongs_to(booking: BookingRecord, token: str) -> bool:
    """The token is one of the booking's, spent or expired alike: an unsubscribe
    link keeps working after the appointment."""
    digest = hash_token(token)
    known = {*booking.manage_tokens, *([booking.manage_token_hash] if booking.manage_token_hash else [])}
    return any(secrets.compare_digest(digest, each) for each in known)


def proves_address(booking: BookingRecord, token: str) -> bool:
    """Only e-mails carry the booking's later tokens, so one of those proves the
    holder reads the address; the first went to whoever filled in the form."""
    return belongs_to(booking, token) and hash_token(token) != booking.manage_token_hash
