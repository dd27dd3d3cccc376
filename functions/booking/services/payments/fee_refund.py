"""Overruled no-shows: their fee is cancelled for good, or refunded once.

The overrule marks the fee record `overruledAt`: a fee not yet charged
becomes `not_collected`, a charged one gets a refund record. Whoever moves
the fee to `succeeded` later (the charge, or Stripe's event for it) applies
the same plan in that transaction, so a charge in flight during the overrule
is refunded too. Creating the refund record starts the refund in
`chargeNoShowFee`, as a pending fee starts its charge: Stripe is called only
there, outside any transaction, after a transaction moved the record to
`processing`, with one idempotency key per booking. A failure is recorded
with the time of its next attempt, when the `markNoShows` job retries it.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from booking.adapters import payments_store, stripe_gateway
from booking.adapters.payments_store import Records
from booking.adapters.stripe_gateway import PaymentsUnavailable
from booking.domain.payment_record import PaymentRecord, PaymentUpdate, StripeIds
from booking.domain.payments import PaymentKind, PaymentStatus, payment_id
from booking.domain.record import FollowUp

REASON = "no_show_overruled"
CLAIM_LEASE = timedelta(minutes=10)
"""A refund not settled by then (its function died) is taken up again by the
sweep; the idempotency key makes Stripe answer with the first refund."""
FIRST_RETRY = timedelta(minutes=5)
LONGEST_RETRY = timedelta(hours=12)
MAX_ATTEMPTS = 10
"""Doubling waits reach past the 24 hours Stripe replays a saved answer
(errors included) for the same idempotency key."""
log = logging.getLogger(__name__)


def fee_refund_id(booking_id: str) -> str:
    """Not `refund-…`: that one is the deposit's refund."""
    return f"fee-refund-{booking_id}"


def is_fee_refund(record: PaymentRecord) -> bool:
    return record.kind is PaymentKind.REFUND and record.reason == REASON


def refund_plan(
    fee: PaymentRecord | None, refund: PaymentRecord | None, now: datetime, overruling: bool
) -> dict[str, PaymentRecord]:
    """The records an overrule asks of a fee as it stands: called by the
    overrule (`overruling`), and by whatever marks the fee succeeded later."""
    if fee is None or not (overruling or fee.overruled_at):
        return {}
    writes: dict[str, PaymentRecord] = {}
    changed = fee if fee.overruled_at else dataclasses.replace(fee, overruled_at=now)
    if fee.status is PaymentStatus.PENDING:
        changed = dataclasses.replace(changed, status=PaymentStatus.NOT_COLLECTED, reason=REASON)
    if changed != fee:
        writes[fee.id] = dataclasses.replace(changed, updated_at=now)
    if fee.status is PaymentStatus.SUCCEEDED and refund is None:
        refund_id = fee_refund_id(fee.booking_id)
        writes[refund_id] = PaymentRecord(
            id=refund_id,
            booking_id=fee.booking_id,
            kind=PaymentKind.REFUND,
            reason=REASON,
            amount_cents=fee.amount_cents,
            currency=fee.currency,
            status=PaymentStatus.PENDING,
            stripe=StripeIds(payment_intent_id=fee.stripe.payment_intent_id),
            connected_account_id=fee.connected_account_id or None,
            attempts=0,
            next_attempt_at=now + CLAIM_LEASE,
            created_at=now,
            updated_at=now,
        )
    return writes


def fee_outcome(fee: PaymentRecord, refund: PaymentRecord | None, now: datetime) -> dict[str, PaymentRecord]:
    """A fee's new state from the charge or Stripe's event, and with it the
    refund that state calls for if the no-show was overruled meanwhile."""
    return {fee.id: fee, **refund_plan(fee, refund, now, overruling=False)}


def no_show_overruled(follow_up: FollowUp) -> bool:
    """The follow-up step of an overrule (or of completing a no-show): see `overrule_fee`."""
    return overrule_fee(follow_up.booking.site_id, follow_up.booking.id, follow_up.entry.at)


def overrule_fee(site_id: str, booking_id: str, now: datetime) -> bool:
    """After an overrule committed: cancel the fee or ask for its refund.
    Returns whether this call asked for the refund (one call ever does)."""
    fee_id, refund_id = payment_id(PaymentKind.NO_SHOW_FEE, booking_id), fee_refund_id(booking_id)

    def to_do() -> dict[str, PaymentRecord]:
        fee = payments_store.payment(site_id, fee_id)
        refund = payments_store.payment(site_id, refund_id) if fee else None
        return refund_plan(fee, refund, now, overruling=True)

    def decide(records: Records) -> Records:
        return refund_plan(records.get(fee_id), records.get(refund_id), now, overruling=True)

    if not to_do():
        return False  # most check-outs (no fee), or an earlier call did it all: no transaction to wait in
    try:
        _, writes = payments_store.update_payments(site_id, (fee_id, refund_id), decide)
    except ValueError:  # the client gave up on lock contention: racing calls doing this same work
        if to_do():
            raise
        return False
    log.info("no-show of %s/%s overruled: %s", site_id, booking_id, sorted(writes))
    return refund_id in writes


def _claimable(record: PaymentRecord | None, now: datetime, swept: bool) -> bool:
    """The trigger takes a new refund; the sweep one whose next attempt is due."""
    if record is None or not is_fee_refund(record) or record.status is PaymentStatus.SUCCEEDED:
        return False
    if not swept:
        return record.status is PaymentStatus.PENDING
    due = record.next_attempt_at
    return due is not None and due <= now


@dataclass(frozen=True)
class Attempt:
    """One attempt at Stripe, to record on the refund with its count."""

    update: PaymentUpdate
    attempts: int
    next_attempt_at: datetime | None
    """When the sweep tries again; None once settled or given up."""

    def applied_to(self, record: PaymentRecord) -> PaymentRecord:
        changed = self.update.applied_to(record)
        return dataclasses.replace(changed, attempts=self.attempts, next_attempt_at=self.next_attempt_at)


def refund_fee(site_id: str, refund_id: str, now: datetime, swept: bool = False) -> str | None:
    """Make an open fee refund at Stripe; returns its new status, or None when
    another call has it or it is done. Never raises for Stripe's failures."""

    def claim(records: Records) -> Records:
        record = records.get(refund_id)
        if record is None or not _claimable(record, now, swept):
            return {}
        started = dataclasses.replace(
            record, status=PaymentStatus.PROCESSING, next_attempt_at=now + CLAIM_LEASE, updated_at=now
        )
        return {refund_id: started}

    records, writes = payments_store.update_payments(site_id, (refund_id,), claim)
    if not writes:
        return None
    record = records[refund_id]
    intent = record.stripe.payment_intent_id
    attempts = (record.attempts or 0) + 1
    key = f"fee-refund-{site_id}-{record.booking_id}"
    try:
        if not intent:
            raise PaymentsUnavailable("The fee's payment is unknown")
        refund, status = stripe_gateway.gateway().refund(
            intent, record.amount_cents, bool(record.connected_account_id), key
        )
    except PaymentsUnavailable as error:
        return _settle(site_id, refund_id, failed_attempt(error.message, attempts, now))
    made = StripeIds(refund_id=refund, refund_status=status)
    if status in ("failed", "canceled"):
        return _settle(site_id, refund_id, failed_attempt(f"Stripe refund {status}", attempts, now, made))
    succeeded = Attempt(PaymentUpdate(PaymentStatus.SUCCEEDED, now, stripe=made), attempts, None)
    return _settle(site_id, refund_id, succeeded)


def failed_attempt(error: str, attempts: int, now: datetime, made: StripeIds | None = None) -> Attempt:
    """A failed attempt: retried after a wait that doubles each time."""
    wait = min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)
    retry = now + wait if attempts < MAX_ATTEMPTS else None
    return Attempt(PaymentUpdate(PaymentStatus.FAILED, now, error, made or StripeIds()), attempts, retry)


def _settle(site_id: str, refund_id: str, outcome: Attempt) -> str | None:
    """Record Stripe's answer unless a later attempt settled it first (a
    success may also close a record an earlier attempt left failed)."""
    status = outcome.update.status
    succeeded = status is PaymentStatus.SUCCEEDED
    settles = {PaymentStatus.PROCESSING, *([PaymentStatus.FAILED] if succeeded else [])}

    def decide(records: Records) -> Records:
        record = records.get(refund_id)
        return {refund_id: outcome.applied_to(record)} if record is not None and record.status in settles else {}

    _, writes = payments_store.update_payments(site_id, (refund_id,), decide)
    given_up = not succeeded and outcome.next_attempt_at is None
    level = logging.INFO if succeeded else logging.ERROR if given_up else logging.WARNING
    error = outcome.update.error or ""
    log.log(level, "no-show fee refund %s/%s: %s %s", site_id, refund_id, status.value, error)
    return status.value if writes else None


def retry_due(now: datetime) -> int:
    """The sweep: refunds that failed, or whose attempt died; returns how many succeeded."""
    refunded = 0
    for site_id, record_id in list(payments_store.due_payments(now)):
        try:
            if refund_fee(site_id, record_id, now, swept=True) == PaymentStatus.SUCCEEDED.value:
                refunded += 1
        except Exception:  # one broken record must not hold up the others
            log.exception("Retry of no-show fee refund %s/%s failed", site_id, record_id)
    return refunded
