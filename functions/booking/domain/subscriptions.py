"""Subscription rules that need no storage or network: plans, the
occurrences of a plan in a billing period, and the state a subscription is
in (docs/subscriptions.md).

Occurrences are computed in the branch's time zone from the first
appointment (the anchor), never chained from the previous one, so a monthly
plan that started on the 31st comes back to the 31st after a short month,
and a daylight-saving change never shifts the wall-clock time.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from booking.domain.errors import InvalidInput


class Frequency(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"


MAX_PER_PERIOD = {Frequency.WEEKLY: 7, Frequency.MONTHLY: 4}
"""A weekly plan spreads its appointments over the week's days, a monthly
plan puts them a week apart: more would not fit in the period."""


class SubscriptionState(StrEnum):
    PENDING = "pending"
    """Checkout opened, not paid yet."""
    ACTIVE = "active"
    PAST_DUE = "past_due"
    """A payment failed and Stripe is still retrying."""
    CANCELLING = "cancelling"
    """Cancelled at the end of the paid period; that period's appointments stay."""
    ENDED = "ended"


STRIPE_ENDED = frozenset({"canceled", "incomplete_expired"})
STRIPE_PAST_DUE = frozenset({"past_due", "unpaid"})


def state_from_stripe(status: str, cancel_at_period_end: bool, current: SubscriptionState) -> SubscriptionState:
    """Our state for Stripe's subscription status; an ended subscription
    never comes back (a late event about it changes nothing)."""
    if current is SubscriptionState.ENDED or status in STRIPE_ENDED:
        return SubscriptionState.ENDED
    if status in STRIPE_PAST_DUE:
        return SubscriptionState.PAST_DUE
    if status == "incomplete":
        return SubscriptionState.PENDING
    return SubscriptionState.CANCELLING if cancel_at_period_end else SubscriptionState.ACTIVE


@dataclass(frozen=True)
class Plan:
    """What an admin sells: a service, every week or month, for a price."""

    id: str
    name: str
    frequency: Frequency
    price_cents: int
    currency: str
    service_id: str
    appointments_per_period: int = 1
    archived: bool = False
    stripe_product_id: str | None = None
    stripe_price_id: str | None = None
    """The Price new subscribers get; a price change makes a new one."""


def validate_plan(name: str, frequency: str, price_cents: int, per_period: int) -> Frequency:
    """The plan's fields are usable, or the first bad one is named."""
    if not name.strip() or len(name) > 80:
        raise InvalidInput("name", "must be 1 to 80 characters")
    try:
        chosen = Frequency(frequency)
    except ValueError:
        raise InvalidInput("frequency", "must be weekly or monthly") from None
    if not 50 <= price_cents <= 1_000_000:
        raise InvalidInput("priceCents", "must be between 50 and 1000000")
    if not 1 <= per_period <= MAX_PER_PERIOD[chosen]:
        raise InvalidInput("appointmentsPerPeriod", f"must be 1 to {MAX_PER_PERIOD[chosen]} for a {chosen} plan")
    return chosen


@dataclass(frozen=True)
class Recurrence:
    """When a subscription's appointments fall: the first one's local date
    and time in the branch's zone, repeated every period."""

    frequency: Frequency
    anchor_date: date
    anchor_time: time
    timezone: str
    duration_minutes: int
    per_period: int = 1


@dataclass(frozen=True)
class Occurrence:
    period: int
    """0 for the first period (the one paid at Checkout)."""
    index: int
    """Which of the period's appointments (0 to per_period - 1)."""
    start: datetime
    end: datetime
    """Aware UTC."""

    @property
    def key(self) -> str:
        """Stable id part: one booking per occurrence, whoever books it."""
        return f"p{self.period}-{self.index}"


def add_months(day: date, months: int, wanted_day: int) -> date:
    """The date `months` after `day`'s month, on `wanted_day` or the month's
    last day if it is shorter (31 January + 1 month = 28 or 29 February)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(wanted_day, last))


def period_start_date(recurrence: Recurrence, period: int) -> date:
    """The local date period `period` begins on."""
    anchor = recurrence.anchor_date
    if recurrence.frequency is Frequency.WEEKLY:
        return anchor + timedelta(weeks=period)
    return add_months(anchor, period, anchor.day)


def local_instant(day: date, at: time, timezone: str) -> datetime:
    """The UTC instant of a wall-clock time: a time skipped by the spring
    change moves forward by the gap, a repeated one means the first."""
    # fold=0 reads a skipped time with the offset before the change (02:30
    # becomes 03:30 summer time) and a repeated time as its first instance.
    return datetime.combine(day, at, ZoneInfo(timezone)).replace(fold=0).astimezone(UTC)


def period_bounds(recurrence: Recurrence, period: int) -> tuple[datetime, datetime]:
    """[start, end) of a period in UTC: local midnight to local midnight."""
    midnight = time(0, 0)
    start = local_instant(period_start_date(recurrence, period), midnight, recurrence.timezone)
    end = local_instant(period_start_date(recurrence, period + 1), midnight, recurrence.timezone)
    return start, end


def day_offset(recurrence: Recurrence, index: int) -> timedelta:
    """Where the period's index-th appointment falls after its first one."""
    if recurrence.frequency is Frequency.WEEKLY:
        return timedelta(days=index * 7 // recurrence.per_period)
    return timedelta(weeks=index)


def occurrences(recurrence: Recurrence, period: int) -> tuple[Occurrence, ...]:
    """The appointments of one period, in order."""
    first_day = period_start_date(recurrence, period)
    found = []
    for index in range(recurrence.per_period):
        start = local_instant(first_day + day_offset(recurrence, index), recurrence.anchor_time, recurrence.timezone)
        found.append(Occurrence(period, index, start, start + timedelta(minutes=recurrence.duration_minutes)))
    return tuple(found)


def occurrences_through(recurrence: Recurrence, first_period: int, last_period: int) -> tuple[Occurrence, ...]:
    """The appointments of periods `first_period` to `last_period` inclusive."""
    return tuple(o for period in range(first_period, last_period + 1) for o in occurrences(recurrence, period))


def period_at(recurrence: Recurrence, instant: datetime) -> int:
    """The period an instant falls in (-1 before the first)."""
    period = -1
    while period_bounds(recurrence, period + 1)[0] <= instant:
        period += 1
    return period


CHECKOUT_LIFETIME = timedelta(minutes=35)
"""A subscription still unpaid this long after it was made never started: the
first appointment's 30-minute hold and its Checkout Session have run out."""

PERIODS_AHEAD = 1
"""Booked ahead beyond the paid period: the next one, so the client keeps
their time while Stripe bills the renewal."""


def periods_to_book(paid_period: int, state: SubscriptionState) -> range:
    """Periods whose appointments should exist: the paid one and, while the
    plan runs on, the next; nothing new once it is cancelling or ended."""
    if state in (SubscriptionState.ENDED, SubscriptionState.PENDING) or paid_period < 0:
        return range(0)
    if state is SubscriptionState.ACTIVE:
        return range(paid_period, paid_period + PERIODS_AHEAD + 1)
    return range(paid_period, paid_period + 1)


def released_after(paid_through: datetime, starts: list[datetime]) -> list[datetime]:
    """Appointments to release when a plan ends: those from the end of its
    paid period on; earlier ones were paid for and stay."""
    return [start for start in starts if start >= paid_through]


def describe(recurrence: Recurrence) -> tuple[str, int, str]:
    """What the widget shows ("every Tuesday at 10:00"): the frequency, the
    weekday (Monday 0) or day of the month, and the local time."""
    at = recurrence.anchor_time.strftime("%H:%M")
    if recurrence.frequency is Frequency.WEEKLY:
        return recurrence.frequency.value, recurrence.anchor_date.weekday(), at
    return recurrence.frequency.value, recurrence.anchor_date.day, at


class BillingSignal(StrEnum):
    CHECKOUT_COMPLETED = "checkout_completed"
    INVOICE_PAID = "invoice_paid"
    INVOICE_FAILED = "invoice_failed"
    SUBSCRIPTION_UPDATED = "subscription_updated"
    SUBSCRIPTION_DELETED = "subscription_deleted"


@dataclass(frozen=True)
class BillingEvent:
    """What one Stripe Billing event says about one of our subscriptions
    (read in `adapters/stripe_events.py`)."""

    event_id: str
    event_type: str
    signal: BillingSignal
    site_id: str
    subscription_id: str
    """Ours (the metadata Checkout put on the Stripe subscription)."""
    stripe_subscription_id: str | None = None
    customer_id: str | None = None
    invoice_id: str | None = None
    amount_cents: int = 0
    currency: str = ""
    period_end: datetime | None = None
    """Invoices: the end of the period they pay; subscriptions: the current one's."""
    status: str = ""
    """Stripe's subscription status (subscription events)."""
    cancel_at_period_end: bool = False
    final_attempt: bool = False
    """A failed invoice Stripe will not retry any more."""
    account: str | None = None
