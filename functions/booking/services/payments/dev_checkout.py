"""The emulator's stand-in for Stripe Checkout: its Pay button completes the
session through the same use case as Stripe's webhook. Refused when deployed."""

from __future__ import annotations

import secrets
from datetime import datetime

from booking.config import dev_tools_enabled
from booking.domain.errors import AccessDenied
from booking.domain.payments import PaymentEvent, Signal
from booking.domain.record import DepositPayment
from booking.services.payments import webhook
from booking.services.payments.checkout import PaymentStatus, booking_for, payment_status


def complete_dev_checkout(site_id: str, booking_id: str, token: str, now: datetime) -> PaymentStatus:
    """The emulator's Pay button: a completed session through the webhook's use case."""
    if not dev_tools_enabled():
        raise AccessDenied("The development checkout exists only in the emulator")
    booking = booking_for(site_id, booking_id, token)
    payment = booking.payment or DepositPayment()
    session_id = payment.checkout_session_id or f"cs_dev_{booking_id}"
    suffix = secrets.token_hex(8)
    webhook.deposit_paid(
        PaymentEvent(
            event_id=f"dev_{session_id}",
            event_type="checkout.session.completed",
            signal=Signal.DEPOSIT_PAID,
            site_id=site_id,
            booking_id=booking_id,
            amount_cents=payment.deposit_cents,
            currency=payment.currency or "EUR",
            session_id=session_id,
            payment_intent_id=f"pi_dev_{suffix}",
            customer_id=f"cus_dev_{suffix}",
            payment_method_id=f"pm_dev_{suffix}",
        ),
        now,
    )
    return payment_status(site_id, booking_id, token)
