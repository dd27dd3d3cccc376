"""What an overruled no-show asks of its fee, whatever state the fee is in."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

from booking.domain.payment_record import PaymentRecord, StripeIds
from booking.domain.payments import PaymentKind, PaymentStatus
from booking.services.payments.fee_refund import (
    CLAIM_LEASE,
    MAX_ATTEMPTS,
    REASON,
    failed_attempt,
    fee_outcome,
    refund_plan,
)

NOW = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)
FEE_ID, REFUND_ID = "no-show-fee-b1", "fee-refund-b1"
S = PaymentStatus


def fee(status: PaymentStatus, **fields: Any) -> PaymentRecord:
    card = StripeIds(customer_id="cus_1", payment_method_id="pm_1")
    values: dict[str, Any] = {"amount_cents": 1500, "currency": "EUR", "status": status, "stripe": card, **fields}
    return PaymentRecord(id=FEE_ID, booking_id="b1", kind=PaymentKind.NO_SHOW_FEE, **values)


def test_an_overrule_cancels_a_fee_not_charged_yet() -> None:
    pending = fee(S.PENDING)
    assert refund_plan(pending, None, NOW, overruling=True) == {
        FEE_ID: dataclasses.replace(
            pending, overruled_at=NOW, status=S.NOT_COLLECTED, reason="no_show_overruled", updated_at=NOW
        )
    }


def test_an_overrule_asks_for_the_refund_of_a_charged_fee_once() -> None:
    charged = fee(S.SUCCEEDED, stripe=StripeIds(payment_intent_id="pi_1"), connected_account_id="acct_1")
    writes = refund_plan(charged, None, NOW, overruling=True)
    assert writes[FEE_ID] == dataclasses.replace(charged, overruled_at=NOW, updated_at=NOW)
    refund = writes[REFUND_ID]
    assert (refund.kind, refund.reason, refund.status) == (PaymentKind.REFUND, REASON, S.PENDING)
    assert (refund.amount_cents, refund.currency, refund.connected_account_id) == (1500, "EUR", "acct_1")
    assert refund.stripe == StripeIds(payment_intent_id="pi_1")
    assert refund.next_attempt_at == NOW + CLAIM_LEASE  # the sweep's safety net if the trigger never runs

    overruled = dataclasses.replace(charged, overruled_at=NOW)
    assert refund_plan(overruled, refund, NOW, overruling=True) == {}


def test_a_charge_under_way_or_failed_is_only_marked_overruled() -> None:
    for status in (S.PROCESSING, S.FAILED, S.NOT_COLLECTED):
        record = fee(status)
        assert refund_plan(record, None, NOW, overruling=True) == {
            FEE_ID: dataclasses.replace(record, overruled_at=NOW, updated_at=NOW)
        }


def test_a_charge_that_succeeds_after_the_overrule_is_refunded_and_one_never_overruled_is_kept() -> None:
    later = NOW + timedelta(minutes=1)

    def settled(record: PaymentRecord, status: PaymentStatus) -> PaymentRecord:
        intent = StripeIds(payment_intent_id="pi_2")
        return dataclasses.replace(record, status=status, stripe=record.stripe.merged(intent), updated_at=later)

    succeeded = settled(fee(S.PROCESSING, overruled_at=NOW), S.SUCCEEDED)
    writes = fee_outcome(succeeded, None, later)
    assert writes[FEE_ID] == succeeded
    assert writes[REFUND_ID].stripe == StripeIds(payment_intent_id="pi_2")
    never_overruled = settled(fee(S.PROCESSING), S.SUCCEEDED)
    assert fee_outcome(never_overruled, None, later) == {FEE_ID: never_overruled}
    failed = settled(fee(S.PROCESSING, overruled_at=NOW), S.FAILED)
    assert fee_outcome(failed, None, later) == {FEE_ID: failed}


def test_nothing_happens_without_a_fee() -> None:
    assert refund_plan(None, None, NOW, overruling=True) == {}


def test_failed_refunds_wait_longer_each_time_and_are_given_up_after_the_last_attempt() -> None:
    waits = [failed_attempt("down", attempts, NOW).next_attempt_at for attempts in range(1, MAX_ATTEMPTS)]
    gaps = [wait - NOW for wait in waits if wait is not None]
    assert gaps[:3] == [timedelta(minutes=5), timedelta(minutes=10), timedelta(minutes=20)]
    assert max(gaps) == timedelta(hours=12)
    assert sum(gaps, timedelta()) > timedelta(hours=24)
    assert failed_attempt("down", MAX_ATTEMPTS, NOW).next_attempt_at is None


def test_a_recorded_attempt_keeps_what_the_record_had() -> None:
    refund = dataclasses.replace(
        fee(S.PROCESSING, error="earlier", stripe=StripeIds(payment_intent_id="pi_1")), kind=PaymentKind.REFUND
    )
    after = failed_attempt("", 2, NOW).applied_to(refund)
    assert (after.status, after.error, after.attempts, after.updated_at) == (S.FAILED, "earlier", 2, NOW)
    assert after.stripe == StripeIds(payment_intent_id="pi_1")
