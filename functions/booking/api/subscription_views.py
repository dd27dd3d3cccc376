"""The JSON of subscriptions: for the widget and manage page, and for the
admin's Subscriptions page. Times in the subscription's own zone."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from booking.domain.subscription_record import Subscription
from booking.domain.subscriptions import Plan, describe

if TYPE_CHECKING:  # the use cases load only when a subscription call comes (cold starts)
    from booking.services.subscriptions.plans import PlanListing
    from booking.services.subscriptions.subscribe import Preview, Subscribed


def _local(instant: datetime | None, zone: ZoneInfo) -> str | None:
    return instant.astimezone(zone).isoformat() if instant else None


def _last_day(paid_through: datetime | None, zone: ZoneInfo) -> str | None:
    """The paid period's last local date: it ends at midnight after it."""
    return (paid_through - timedelta(seconds=1)).astimezone(zone).date().isoformat() if paid_through else None


def plan(found: Plan) -> dict[str, Any]:
    return {
        "planId": found.id,
        "name": found.name,
        "frequency": found.frequency.value,
        "priceCents": found.price_cents,
        "currency": found.currency,
        "serviceId": found.service_id,
        "appointmentsPerPeriod": found.appointments_per_period,
        "archived": found.archived,
    }


def preview(found: Preview) -> dict[str, Any]:
    zone = ZoneInfo(found.recurrence.timezone)
    frequency, day, at = describe(found.recurrence)
    return {
        "plan": plan(found.plan),
        "recurrence": {"frequency": frequency, "day": day, "time": at, "perPeriod": found.recurrence.per_period},
        "upcoming": [{"start": _local(o.start, zone), "free": free} for o, free in found.upcoming],
    }


def subscribed(made: Subscribed) -> dict[str, Any]:
    zone = ZoneInfo(made.booking.timezone)
    return {
        "subscriptionId": made.subscription.id,
        "bookingId": made.booking.id,
        "status": made.booking.status.value,
        "start": _local(made.booking.start, zone),
        "manageToken": made.manage_token,
        "checkoutUrl": made.checkout_url,
        **preview(made.preview),
    }


def subscription(found: Subscription) -> dict[str, Any]:
    zone = ZoneInfo(found.recurrence.timezone)
    frequency, day, at = describe(found.recurrence)
    return {
        "subscriptionId": found.id,
        "planId": found.plan_id,
        "planName": found.plan_name,
        "priceCents": found.price_cents,
        "currency": found.currency,
        "state": found.state.value,
        "customer": {"name": found.customer.name, "email": found.customer.email},
        "staffId": found.staff_id,
        "recurrence": {"frequency": frequency, "day": day, "time": at},
        "nextBillingAt": _local(found.next_billing_at, zone),
        "paidThrough": _local(found.paid_through, zone),
        "lastPaidDay": _last_day(found.paid_through, zone),
        "cancelAtPeriodEnd": found.cancel_at_period_end,
        "conflicts": [{"start": _local(c.start, zone)} for c in found.conflicts],
        "bookingIds": list(found.booking_ids),
    }


def overview(listings: list[PlanListing]) -> dict[str, Any]:
    return {
        "plans": [
            {**plan(listing.plan), "subscribers": [subscription(s) for s in listing.subscribers]}
            for listing in listings
        ]
    }
