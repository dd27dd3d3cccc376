"""Deposits through Stripe Checkout: the session after a booking claimed its
slot, and the result page's status. (The session's end when the booking
stops waiting for payment is a follow-up step, in `session_end`; the
emulator's stand-in Checkout is `dev_checkout`.)"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from booking.adapters import booking_store, payments_store, stripe_gateway
from booking.adapters.email import app_url
from booking.adapters.stripe_gateway import CheckoutRequest, PaymentsUnavailable
from booking.config import PLATFORM_FEE_PERCENT
from booking.domain.booking import PAYMENT_HOLD, hash_token
from booking.domain.errors import AccessDenied
from booking.domain.payments import SitePayments, platform_fee_cents
from booking.domain.record import BookingRecord, DepositPayment, DepositStatus
from booking.domain.site import Site
from booking.domain.transitions import Action
from booking.services import booking_actions

SESSION_MARGIN = timedelta(minutes=1)
"""Stripe wants a session to live at least 30 minutes: it ends just after the hold."""


def start_checkout(
    site: Site, booking: BookingRecord, now: datetime, manage_token: str, return_url: str | None = None
) -> DepositPayment:
    """Open a Checkout Session for a claimed deposit booking; returns the
    booking's deposit as stored (with its `checkout_url`).

    The return addresses carry, in their fragment (never sent to a server),
    the result page's token, the booking's manage token (the result page
    links to the manage page and can give the held time back) and the page
    the widget sat on (the way back to the business's site).

    Runs after the claim committed, outside any transaction. If Stripe can't
    be reached the booking is cancelled at once, so the slot is free again.
    """
    amount = booking.service.deposit_cents or 0
    try:
        gateway = stripe_gateway.gateway()
        config = payments_store.private_config(site.id)
        fee = platform_fee_cents(amount, config, PLATFORM_FEE_PERCENT.value)
        token = secrets.token_urlsafe(24)
        base = app_url()
        query = urlencode({"site": site.id, "booking": booking.id})
        fragment = urlencode({"token": token, "manage": manage_token, **({"back": return_url} if return_url else {})})
        checkout = gateway.create_checkout(
            CheckoutRequest(
                site_id=site.id,
                booking_id=booking.id,
                amount_cents=amount,
                currency=site.currency,
                description=f"Deposit: {booking.service.name} – {site.name}",
                customer_email=booking.customer.email,
                success_url=f"{base}/payment/?{query}#{fragment}",
                cancel_url=f"{base}/payment/?{query}&cancelled=1#{fragment}",
                dev_page_url=f"{base}/payment/dev-checkout?{query}#{fragment}",
                expires_at=now + PAYMENT_HOLD + SESSION_MARGIN,
                connected_account=config.connected_account_id,
                application_fee_cents=fee,
            )
        )
    except PaymentsUnavailable:
        # The client hears of it in the refusal to book.
        booking_actions.apply(booking.site_id, booking.id, Action.CANCEL, "system", now)
        raise
    deposit = DepositPayment(
        mode=gateway.mode,
        checkout_session_id=checkout.session_id,
        checkout_url=checkout.url,
        status_token_hash=hash_token(token),
        deposit_cents=amount,
        currency=site.currency,
        deposit_status=DepositStatus.PENDING.value,
        connected_account_id=config.connected_account_id,
        application_fee_cents=fee,
    )
    payments_store.open_deposit(booking, deposit)
    return deposit


def booking_for(site_id: str, booking_id: str, token: str) -> BookingRecord:
    """The booking whose payment token (from the Checkout return URL) this is."""
    booking = booking_store.get(site_id, booking_id)
    expected = booking.payment.status_token_hash if booking and booking.payment else None
    if booking is None or not expected or not secrets.compare_digest(expected, hash_token(token)):
        raise AccessDenied("This link is not valid")
    return booking


@dataclass(frozen=True)
class PaymentStatus:
    """What the result page shows after Checkout: the booking and its site."""

    booking: BookingRecord
    site: SitePayments | None


def payment_status(site_id: str, booking_id: str, token: str) -> PaymentStatus:
    """The booking behind a result page link, with the site's name and branding."""
    booking = booking_for(site_id, booking_id, token)
    return PaymentStatus(booking, payments_store.site_payments(site_id))
