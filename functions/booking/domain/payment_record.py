"""A payment of a booking as the use cases see it: typed and immutable.

`adapters/payments_mapper.py` is the one place that knows how a record is
laid out in Firestore (docs/data-model.md, "Payments").
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from booking.domain.payments import PaymentKind, PaymentStatus


@dataclass(frozen=True)
class StripeIds:
    """The Stripe objects behind a payment record, those it has."""

    checkout_session_id: str | None = None
    payment_intent_id: str | None = None
    customer_id: str | None = None
    payment_method_id: str | None = None
    refund_id: str | None = None
    refund_status: str | None = None
    invoice_id: str | None = None

    def merged(self, newer: StripeIds) -> StripeIds:
        """These ids, with `newer`'s wherever it has one."""
        values = {
            field.name: getattr(newer, field.name) or getattr(self, field.name) for field in dataclasses.fields(self)
        }
        return StripeIds(**values)


@dataclass(frozen=True)
class PaymentRecord:
    """One payment of a booking: its deposit, its no-show fee, or the refund
    of either (docs/data-model.md, "Payments"). Each kind has one record per
    booking (`payment_id`), so a repeated signal finds the first."""

    id: str
    booking_id: str
    kind: PaymentKind
    amount_cents: int
    currency: str
    status: PaymentStatus
    stripe: StripeIds = StripeIds()
    connected_account_id: str | None = None
    application_fee_cents: int | None = None
    reason: str | None = None
    """Refunds: `time_taken`, `booking_cancelled`, `no_show_overruled`; fees
    not collected: `no_payment_method`, `no_show_overruled`, `client_cancelled`
    (a reopened booking the client had cancelled)."""
    error: str | None = None
    """Stripe's word on the last failed attempt."""
    attempts: int | None = None
    """Fee refunds: attempts made at Stripe so far."""
    next_attempt_at: datetime | None = None
    """Fee refunds: when the sweep tries again (None: settled or given up)."""
    overruled_at: datetime | None = None
    """No-show fees: when the no-show was taken back."""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    sale_id: str | None = None
    """POS payments: the sale they paid (`booking_id` is empty for a sale without a booking)."""
    subscription_id: str | None = None
    """Subscription invoices: the subscription they paid (`booking_id` is empty)."""


@dataclass(frozen=True)
class PaymentUpdate:
    """What a step at Stripe (a charge, a refund) changes on its record: the
    status, the error if it failed, the ids it made; the rest stays."""

    status: PaymentStatus
    at: datetime
    error: str | None = None
    stripe: StripeIds = StripeIds()

    def applied_to(self, record: PaymentRecord) -> PaymentRecord:
        return dataclasses.replace(
            record,
            status=self.status,
            error=self.error or record.error,
            stripe=record.stripe.merged(self.stripe),
            updated_at=self.at,
        )
