"""A client's subscription as the use cases see it: typed and immutable.

`adapters/subscription_mapper.py` is the one place that knows how it is
laid out in Firestore (docs/data-model.md, "Subscriptions").
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from booking.domain.booking import Customer
from booking.domain.subscriptions import (
    Occurrence,
    Recurrence,
    SubscriptionState,
    period_bounds,
    periods_to_book,
)


@dataclass(frozen=True)
class OccurrenceConflict:
    """An occurrence that was not free when its turn came: not booked, the
    client was asked to pick another time, the admin sees it flagged."""

    key: str
    start: datetime
    noticed_at: datetime


@dataclass(frozen=True)
class Subscription:
    id: str
    site_id: str
    plan_id: str
    plan_name: str
    price_id: str
    price_cents: int
    currency: str
    service_id: str
    branch_id: str | None
    staff_id: str | None
    customer: Customer
    recurrence: Recurrence
    state: SubscriptionState
    created_at: datetime
    updated_at: datetime
    mode: str = "test"
    """`live`, `test` or `dev` (the emulator's stand-in Checkout)."""
    checkout_session_id: str | None = None
    checkout_url: str | None = None
    stripe_subscription_id: str | None = None
    stripe_customer_id: str | None = None
    connected_account_id: str | None = None
    paid_invoices: tuple[str, ...] = ()
    """Stripe invoice ids in the order they were paid: the n-th pays period n-1."""
    cancel_at_period_end: bool = False
    payment_failed_at: datetime | None = None
    released: bool = False
    """Appointments after the paid period were released (the plan ended)."""
    next_billing_at: datetime | None = None
    booking_ids: tuple[str, ...] = ()
    conflicts: tuple[OccurrenceConflict, ...] = ()
    ended_at: datetime | None = None

    @property
    def paid_period(self) -> int:
        return len(self.paid_invoices) - 1

    @property
    def paid_through(self) -> datetime | None:
        """The end of the last paid period (None before the first payment)."""
        if self.paid_period < 0:
            return None
        return period_bounds(self.recurrence, self.paid_period)[1]

    @property
    def first_booking_id(self) -> str:
        return booking_id(self.id, "p0-0")

    def wanted(self) -> range:
        return periods_to_book(self.paid_period, self.state)

    def handled(self, occurrence: Occurrence) -> bool:
        """Booked or flagged before: never tried again."""
        keyed = booking_id(self.id, occurrence.key)
        return keyed in self.booking_ids or any(c.key == occurrence.key for c in self.conflicts)

    def with_changes(self, now: datetime, **changes: object) -> Subscription:
        return dataclasses.replace(self, updated_at=now, **changes)  # type: ignore[arg-type]


def booking_id(subscription_id: str, occurrence_key: str) -> str:
    """One booking per occurrence: whoever books it twice finds the first."""
    return f"{subscription_id}-{occurrence_key}"


def subscription_of(booking_id_: str) -> str | None:
    """The subscription a booking id names, if it is one of a subscription's."""
    head, separator, tail = booking_id_.rpartition("-p")
    if not separator or not head.startswith("sub-") or "-" not in tail:
        return None
    return head
