"""Cancelling a subscription: by the client from a manage link (a POST with
the link's token) or by an admin. Stripe is told `cancel_at_period_end`;
the paid period's appointments stay and later ones are released when it
ends, not before (docs/subscriptions.md, "Cancelling")."""

from __future__ import annotations

from datetime import datetime

from booking.adapters import booking_store, stripe_gateway, subscription_store
from booking.domain import tokens
from booking.domain.errors import AccessDenied, Conflict
from booking.domain.record import TokenPurpose
from booking.domain.subscription_record import Subscription, subscription_of
from booking.domain.subscriptions import SubscriptionState

CANCELLABLE = (SubscriptionState.ACTIVE, SubscriptionState.PAST_DUE)


def subscription_of_link(site_id: str, booking_id: str, token: str, now: datetime) -> Subscription:
    """The subscription a manage link's booking belongs to; the token is
    checked (not used up: the page keeps working)."""
    booking = booking_store.get(site_id, booking_id)
    subscription_id = subscription_of(booking_id)
    if booking is None or subscription_id is None:
        raise AccessDenied(tokens.INVALID)
    tokens.verify(booking, token, now, TokenPurpose.MANAGE)
    subscription = subscription_store.get(site_id, subscription_id)
    if subscription is None or booking_id not in subscription.booking_ids:
        raise AccessDenied(tokens.INVALID)
    return subscription


def cancel_by_client(site_id: str, booking_id: str, token: str, now: datetime) -> Subscription:
    return cancel(subscription_of_link(site_id, booking_id, token, now), now)


def cancel_by_admin(site_id: str, subscription_id: str, now: datetime) -> Subscription:
    return cancel(subscription_store.require(site_id, subscription_id), now)


def cancel(subscription: Subscription, now: datetime) -> Subscription:
    """Ends the plan at the end of its paid period; asking twice is once."""
    from booking.services.subscriptions import emails

    if subscription.state is SubscriptionState.CANCELLING:
        return subscription
    if subscription.state not in CANCELLABLE:
        raise Conflict("This subscription can't be cancelled any more")
    if subscription.stripe_subscription_id and subscription.mode != "dev":
        stripe_gateway.gateway().cancel_at_period_end(
            subscription.stripe_subscription_id, subscription.connected_account_id
        )

    def decide(stored: Subscription) -> Subscription | None:
        if stored.state not in CANCELLABLE:
            return None
        return stored.with_changes(now, state=SubscriptionState.CANCELLING, cancel_at_period_end=True)

    changed = subscription_store.change(subscription.site_id, subscription.id, decide)
    if changed is None:
        return subscription_store.require(subscription.site_id, subscription.id)
    emails.cancelling(changed[1], now)
    return changed[1]
