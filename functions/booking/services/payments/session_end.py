"""The end of a Checkout Session once its booking no longer waits for the
deposit: the hold lapsed, or the client, an admin or staff cancelled. A
follow-up step of the status pipeline (services/follow_up_steps.py)."""

from __future__ import annotations

import logging

from booking.adapters import stripe_gateway
from booking.domain.record import BookingRecord, DepositStatus, FollowUp

log = logging.getLogger(__name__)


def booking_cancelled(follow_up: FollowUp) -> None:
    """A booking was cancelled or its hold expired: if its deposit was still
    unpaid, its Checkout Session can't be paid any more."""
    payment = follow_up.booking.payment
    if payment is not None and payment.deposit_status == DepositStatus.PENDING.value:
        end_checkout(follow_up.booking)


def deposit_waived(follow_up: FollowUp) -> None:
    """An admin or staff confirmed a booking whose deposit was unpaid: its
    Checkout Session ends, so the client can't pay a deposit that was waived."""
    payment = follow_up.booking.payment
    if payment is not None and payment.deposit_status == DepositStatus.WAIVED.value:
        end_checkout(follow_up.booking)


def end_checkout(booking: BookingRecord) -> None:
    """End the booking's Checkout Session so it can't be paid any more.

    Call after the change committed, never inside a transaction. Never
    raises: the change stands either way, and a payment that slips through
    is handled like any late payment (reclaimed or refunded).
    """
    session_id = booking.payment.checkout_session_id if booking.payment else None
    if not session_id:
        return
    try:
        stripe_gateway.gateway().expire_checkout(session_id)
    except Exception:  # logged only: the booking's change has committed
        log.warning(
            "Checkout Session %s of %s/%s could not be expired", session_id, booking.site_id, booking.id, exc_info=True
        )
