"""The emulator's stand-in Checkout for a subscription: its Pay button sends
what Stripe would (the session completed, the first invoice paid) through
the webhook's use case. Refused when deployed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from booking.config import dev_tools_enabled
from booking.domain.errors import AccessDenied
from booking.domain.subscription_record import Subscription
from booking.domain.subscriptions import BillingEvent, BillingSignal, period_bounds
from booking.services.subscriptions import billing
from booking.services.subscriptions.cancel import subscription_of_link


def complete_dev_subscription(site_id: str, booking_id: str, token: str, now: datetime) -> Subscription:
    if not dev_tools_enabled():
        raise AccessDenied("The development checkout exists only in the emulator")
    subscription = subscription_of_link(site_id, booking_id, token, now)
    session = subscription.checkout_session_id or f"cs_dev_{subscription.id}"
    common: dict[str, Any] = {
        "site_id": site_id,
        "subscription_id": subscription.id,
        "customer_id": f"cus_dev_{subscription.id}",
    }
    invoice = f"in_dev_{subscription.id}_0"
    for event in (
        BillingEvent(
            event_id=f"dev_{session}",
            event_type="checkout.session.completed",
            signal=BillingSignal.CHECKOUT_COMPLETED,
            stripe_subscription_id=f"sub_dev_{subscription.id}",
            **common,
        ),
        BillingEvent(
            event_id=f"dev_{invoice}",
            event_type="invoice.paid",
            signal=BillingSignal.INVOICE_PAID,
            invoice_id=invoice,
            amount_cents=subscription.price_cents,
            currency=subscription.currency,
            period_end=period_bounds(subscription.recurrence, 0)[1],
            **common,
        ),
    ):
        billing.handle(event, now)
    return subscription_of_link(site_id, booking_id, token, now)
