"""Marketing consent from bookings and unsubscribe links (domain/consent.py)."""

from __future__ import annotations

from datetime import datetime

from booking.adapters import booking_store, customer_store
from booking.domain import consent
from booking.domain.consent import ConsentEntry
from booking.domain.errors import AccessDenied
from booking.domain.record import BookingRecord
from booking.domain.tokens import INVALID


def confirm_address(booking: BookingRecord, token: str, now: datetime) -> None:
    """A link from an e-mail proves the address: the booking's opt-in counts."""
    if booking.marketing_opt_in and booking.customer_id and consent.proves_address(booking, token):
        customer_store.verify(booking.site_id, booking.customer_id, booking.id, now)


def unsubscribe(site_id: str, booking_id: str, token: str, now: datetime) -> bool:
    """Log a withdrawal for the booking's client; returns whether the profile's
    consent is now off. With the link from an e-mail it is verified and
    counts; with the token of the browser that booked it is only logged."""
    booking = booking_store.require(site_id, booking_id)
    if not booking.customer_id or not consent.belongs_to(booking, token):
        raise AccessDenied(INVALID)
    verified = consent.proves_address(booking, token)
    entry = ConsentEntry(False, now, consent.UNSUBSCRIBE, consent.UNSUBSCRIBE_TEXT, verified=verified)
    after = customer_store.record(site_id, booking.customer_id, f"unsubscribe-{now:%Y%m%dT%H%M%S%f}", entry)
    return not after.value
