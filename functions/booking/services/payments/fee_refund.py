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

import logging
from datetime import datetime, timedelta
from typing import Any

from booking.adapters import payments_store, stripe_gateway
from booking.adapters.stripe_gateway import PaymentsUnavailable
from booking.domain.payments import PaymentKind, PaymentStatus, payment_id

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


def is_fee_refund(record: dict[str, Any]) -> bool:
    return record.get("kind") == PaymentKind.REFUND.value and record.get("reason") == REASON


def refund_plan(
    booking_id: str, fee: dict[str, Any] | None, refund: dict[str, Any] | None, now: datetime, overruling: bool
) -> dict[str, dict[str, Any]]:
    """The writes an overrule asks of a fee as it stands: called by the
    overrule (`overruling`), and by whatever marks the fee succeeded later."""
    if fee is None or not (overruling or fee.get("overruledAt")):
        return {}
    writes: dict[str, dict[str, Any]] = {}
    fee_update: dict[str, Any] = {} if fee.get("overruledAt") else {"overruledAt": now}
    if fee.get("status") == PaymentStatus.PENDING.value:
        fee_update.update(status=PaymentStatus.NOT_COLLECTED.value, reason=REASON)
    if fee_update:
        writes[payment_id(PaymentKind.NO_SHOW_FEE, booking_id)] = {**fee_update, "updatedAt": now}
    if fee.get("status") == PaymentStatus.SUCCEEDED.value and refund is None:
        account = fee.get("connectedAccountId")
        writes[fee_refund_id(booking_id)] = {
            "bookingId": booking_id,
            "kind": PaymentKind.REFUND.value,
            "reason": REASON,
            "amountCents": fee.get("amountCents"),
            "currency": fee.get("currency", "EUR"),
            "status": PaymentStatus.PENDING.value,
            "stripe": {"paymentIntentId": (fee.get("stripe") or {}).get("paymentIntentId")},
            **({"connectedAccountId": account} if account else {}),
            "attempts": 0,
            "nextAttemptAt": now + CLAIM_LEASE,
            "createdAt": now,
            "updatedAt": now,
        }
    return writes


def fee_outcome_writes(
    booking_id: str, fee: dict[str, Any], update: dict[str, Any], refund: dict[str, Any] | None, now: datetime
) -> dict[str, dict[str, Any]]:
    """A fee's new state from the charge or Stripe's event, and with it the
    refund that state calls for if the no-show was overruled meanwhile."""
    after = {**fee, **update, "stripe": {**(fee.get("stripe") or {}), **(update.get("stripe") or {})}}
    writes = refund_plan(booking_id, after, refund, now, overruling=False)
    fee_id = payment_id(PaymentKind.NO_SHOW_FEE, booking_id)
    return {**writes, fee_id: {**update, **writes.get(fee_id, {})}}


def no_show_overruled(site_id: str, booking_id: str, now: datetime) -> bool:
    """After an overrule committed: cancel the fee or ask for its refund.
    Returns whether this call asked for the refund (one call ever does)."""
    fee_id, refund_id = payment_id(PaymentKind.NO_SHOW_FEE, booking_id), fee_refund_id(booking_id)

    def to_do() -> dict[str, dict[str, Any]]:
        fee = payments_store.payment(site_id, fee_id)
        refund = payments_store.payment(site_id, refund_id) if fee else None
        return refund_plan(booking_id, fee, refund, now, overruling=True)

    def decide(records: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return refund_plan(booking_id, records.get(fee_id), records.get(refund_id), now, overruling=True)

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


def _claimable(record: dict[str, Any] | None, now: datetime, swept: bool) -> bool:
    """The trigger takes a new refund; the sweep one whose next attempt is due."""
    if record is None or not is_fee_refund(record) or record.get("status") == PaymentStatus.SUCCEEDED.value:
        return False
    if not swept:
        return record.get("status") == PaymentStatus.PENDING.value
    due = record.get("nextAttemptAt")
    return due is not None and due <= now


def refund_fee(site_id: str, refund_id: str, now: datetime, swept: bool = False) -> str | None:
    """Make an open fee refund at Stripe; returns its new status, or None when
    another call has it or it is done. Never raises for Stripe's failures."""

    def claim(records: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        if not _claimable(records.get(refund_id), now, swept):
            return {}
        started = {"status": PaymentStatus.PROCESSING.value, "nextAttemptAt": now + CLAIM_LEASE, "updatedAt": now}
        return {refund_id: started}

    records, writes = payments_store.update_payments(site_id, (refund_id,), claim)
    if not writes:
        return None
    record = records[refund_id]
    intent = (record.get("stripe") or {}).get("paymentIntentId")
    attempts = int(record.get("attempts") or 0) + 1
    key = f"fee-refund-{site_id}-{record.get('bookingId')}"
    try:
        if not intent:
            raise PaymentsUnavailable("The fee's payment is unknown")
        refund, status = stripe_gateway.gateway().refund(
            intent, int(record["amountCents"]), bool(record.get("connectedAccountId")), key
        )
    except PaymentsUnavailable as error:
        return _settle(site_id, refund_id, failed_attempt(error.message, attempts, now))
    if status in ("failed", "canceled"):
        refused = failed_attempt(f"Stripe refund {status}", attempts, now)
        return _settle(site_id, refund_id, {**refused, "stripe": {"refundId": refund, "refundStatus": status}})
    done = {
        "status": PaymentStatus.SUCCEEDED.value,
        "stripe": {"refundId": refund, "refundStatus": status},
        "attempts": attempts,
        "nextAttemptAt": None,
        "updatedAt": now,
    }
    return _settle(site_id, refund_id, done)


def failed_attempt(error: str, attempts: int, now: datetime) -> dict[str, Any]:
    """The record of a failed attempt: retried after a wait that doubles each time."""
    wait = min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)
    return {
        "status": PaymentStatus.FAILED.value,
        "error": error,
        "attempts": attempts,
        "nextAttemptAt": now + wait if attempts < MAX_ATTEMPTS else None,
        "updatedAt": now,
    }


def _settle(site_id: str, refund_id: str, outcome: dict[str, Any]) -> str | None:
    """Record Stripe's answer unless a later attempt settled it first (a
    success may also close a record an earlier attempt left failed)."""
    succeeded = outcome["status"] == PaymentStatus.SUCCEEDED.value
    settles = {PaymentStatus.PROCESSING.value, *([PaymentStatus.FAILED.value] if succeeded else [])}

    def decide(records: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {refund_id: outcome} if (records.get(refund_id) or {}).get("status") in settles else {}

    _, writes = payments_store.update_payments(site_id, (refund_id,), decide)
    given_up = not succeeded and outcome["nextAttemptAt"] is None
    level = logging.INFO if succeeded else logging.ERROR if given_up else logging.WARNING
    log.log(level, "no-show fee refund %s/%s: %s %s", site_id, refund_id, outcome["status"], outcome.get("error", ""))
    return str(outcome["status"]) if writes else None


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
