"""Deposits through Stripe Checkout: the session after a booking claimed its
slot, the result page's status, the session's end when the booking stops
waiting for payment, and the emulator's stand-in Checkout."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from booking.adapters import booking_store, payments_store, stripe_gateway
from booking.adapters.email import app_url
from booking.adapters.stripe_gateway import CheckoutRequest, PaymentsUnavailable
from booking.config import PLATFORM_FEE_PERCENT, is_emulator
from booking.domain.booking import PAYMENT_HOLD, NewBooking, StatusChange, hash_token
from booking.domain.errors import AccessDenied, InvalidInput
from booking.domain.model import BookingStatus
from booking.domain.payments import PaymentEvent, Signal, application_fee_cents, parse_percent
from booking.domain.site import Site
from booking.services.payments import webhook as payments_webhook

SESSION_MARGIN = timedelta(minutes=1)
"""Stripe wants a session to live at least 30 minutes: it ends just after the hold."""
log = logging.getLogger(__name__)


def fee_percent(config: dict[str, Any]) -> Decimal:
    """The site's override of the platform fee, else the platform's own."""
    value = config.get("feePercent")
    if value is None:
        value = PLATFORM_FEE_PERCENT.value
    try:
        return parse_percent(value, "feePercent")
    except InvalidInput:
        log.error("unusable platform fee %r: no fee taken", value)
        return Decimal(0)


def start_checkout(site: Site, booking: NewBooking, now: datetime) -> dict[str, Any]:
    """Open a Checkout Session for a claimed deposit booking; returns the
    booking's new `payment` map (with `checkoutUrl`).

    Runs after the claim committed, outside any transaction. If Stripe can't
    be reached the booking is cancelled at once, so the slot is free again.
    """
    amount = booking.deposit_cents or 0
    try:
        gateway = stripe_gateway.gateway()
        config = payments_store.private_config(site.id)
        account = config.get("connectedAccountId") or None
        fee = application_fee_cents(amount, fee_percent(config)) if account else 0
        token = secrets.token_urlsafe(24)
        base = app_url()
        query = urlencode({"site": site.id, "booking": booking.id})
        checkout = gateway.create_checkout(
            CheckoutRequest(
                site_id=site.id,
                booking_id=booking.id,
                amount_cents=amount,
                currency=site.currency,
                description=f"Deposit: {booking.service_name} – {site.name}",
                customer_email=booking.customer.email,
                success_url=f"{base}/payment/?{query}#token={token}",
                cancel_url=f"{base}/payment/?{query}&cancelled=1#token={token}",
                dev_page_url=f"{base}/payment/dev-checkout?{query}#token={token}",
                expires_at=now + PAYMENT_HOLD + SESSION_MARGIN,
                connected_account=account,
                application_fee_cents=fee,
            )
        )
    except PaymentsUnavailable:
        _release(site.id, booking.id, now)
        raise
    payment = {
        "mode": gateway.mode,
        "checkoutSessionId": checkout.session_id,
        "checkoutUrl": checkout.url,
        "statusTokenHash": hash_token(token),
        "depositCents": amount,
        "currency": site.currency,
        "depositStatus": "pending",
        "connectedAccountId": account,
        "applicationFeeCents": fee,
    }
    payments_store.update_booking(site.id, booking.id, {"payment": payment})
    return payment


def _release(site_id: str, booking_id: str, now: datetime) -> None:
    def decide(stored: dict[str, Any]) -> StatusChange:
        return StatusChange(at=now, by="system", to=BookingStatus.CANCELLED, source=BookingStatus(stored["status"]))

    booking_store.change_booking(
        site_id, booking_id, decide, release_locks=True, follow_up=None, extra={"holdExpiresAt": None}
    )


def end_checkout(site_id: str, booking_id: str, booking: dict[str, Any]) -> None:
    """The booking stopped waiting for its deposit (the hold lapsed, or the
    client cancelled): end its Checkout Session so it can't be paid any more.

    Call after the change committed, never inside a transaction. Never
    raises: the change stands either way, and a payment that slips through
    is handled like any late payment (reclaimed or refunded).
    """
    session_id = (booking.get("payment") or {}).get("checkoutSessionId")
    if not session_id:
        return
    try:
        stripe_gateway.gateway().expire_checkout(session_id)
    except Exception:  # logged only: the booking's change has committed
        log.warning("Checkout Session %s of %s/%s could not be expired", session_id, site_id, booking_id, exc_info=True)


def booking_cancelled(site_id: str, booking_id: str, booking: dict[str, Any]) -> None:
    """A booking was cancelled (by the client, an admin or staff): if its
    deposit was still unpaid, its Checkout Session can't be paid any more."""
    if (booking.get("payment") or {}).get("depositStatus") == "pending":
        end_checkout(site_id, booking_id, booking)


def _booking_for(site_id: str, booking_id: str, token: str) -> dict[str, Any]:
    booking = payments_store.booking(site_id, booking_id)
    expected = ((booking or {}).get("payment") or {}).get("statusTokenHash")
    if not booking or not expected or not secrets.compare_digest(expected, hash_token(token)):
        raise AccessDenied("This link is not valid")
    return booking


def payment_status(site_id: str, booking_id: str, token: str) -> dict[str, Any]:
    """What the result page shows after Checkout: the booking and its deposit."""
    booking = _booking_for(site_id, booking_id, token)
    payment = booking.get("payment") or {}
    site = payments_store.site(site_id) or {}
    status = booking.get("status")
    hold = booking.get("holdExpiresAt")
    return {
        "bookingId": booking_id,
        "status": status,
        "depositStatus": payment.get("depositStatus", "pending"),
        "amountCents": payment.get("depositCents"),
        "currency": payment.get("currency"),
        "checkoutUrl": payment.get("checkoutUrl") if status == BookingStatus.PENDING_PAYMENT.value else None,
        "holdExpiresAt": hold.isoformat() if hold else None,
        "start": booking["start"].isoformat(),
        "timezone": booking.get("timezone"),
        "serviceName": (booking.get("service") or {}).get("name"),
        "siteName": site.get("name", site_id),
        "locale": site.get("locale", "en"),
        "devCheckout": payment.get("mode") == "dev",
    }


def complete_dev_checkout(site_id: str, booking_id: str, token: str, now: datetime) -> dict[str, Any]:
    """The emulator's Pay button: a completed session through the webhook's use case."""
    if not is_emulator():
        raise AccessDenied("The development checkout exists only in the emulator")
    booking = _booking_for(site_id, booking_id, token)
    payment = booking.get("payment") or {}
    session_id = payment.get("checkoutSessionId") or f"cs_dev_{booking_id}"
    suffix = secrets.token_hex(8)
    payments_webhook.deposit_paid(
        PaymentEvent(
            event_id=f"dev_{session_id}",
            event_type="checkout.session.completed",
            signal=Signal.DEPOSIT_PAID,
            site_id=site_id,
            booking_id=booking_id,
            amount_cents=int(payment.get("depositCents") or 0),
            currency=str(payment.get("currency") or "EUR"),
            session_id=session_id,
            payment_intent_id=f"pi_dev_{suffix}",
            customer_id=f"cus_dev_{suffix}",
            payment_method_id=f"pm_dev_{suffix}",
        ),
        now,
    )
    return payment_status(site_id, booking_id, token)
