"""What an overruled no-show asks of its fee, whatever state the fee is in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from booking.services.payments.fee_refund import (
    CLAIM_LEASE,
    MAX_ATTEMPTS,
    failed_attempt,
    fee_outcome_writes,
    refund_plan,
)

NOW = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)
FEE_ID, REFUND_ID = "no-show-fee-b1", "fee-refund-b1"


def fee(status: str, **fields: Any) -> dict[str, Any]:
    card = {"customerId": "cus_1", "paymentMethodId": "pm_1"}
    return {"bookingId": "b1", "amountCents": 1500, "currency": "EUR", "status": status, "stripe": card, **fields}


def test_an_overrule_cancels_a_fee_not_charged_yet() -> None:
    assert refund_plan("b1", fee("pending"), None, NOW, overruling=True) == {
        FEE_ID: {"overruledAt": NOW, "status": "not_collected", "reason": "no_show_overruled", "updatedAt": NOW}
    }


def test_an_overrule_asks_for_the_refund_of_a_charged_fee_once() -> None:
    charged = fee("succeeded", stripe={"paymentIntentId": "pi_1"}, connectedAccountId="acct_1")
    writes = refund_plan("b1", charged, None, NOW, overruling=True)
    assert writes[FEE_ID] == {"overruledAt": NOW, "updatedAt": NOW}
    refund = writes[REFUND_ID]
    assert (refund["kind"], refund["reason"], refund["status"]) == ("refund", "no_show_overruled", "pending")
    assert (refund["amountCents"], refund["currency"], refund["connectedAccountId"]) == (1500, "EUR", "acct_1")
    assert refund["stripe"] == {"paymentIntentId": "pi_1"}
    assert refund["nextAttemptAt"] == NOW + CLAIM_LEASE  # the sweep's safety net if the trigger never runs

    overruled = {**charged, "overruledAt": NOW}
    assert refund_plan("b1", overruled, refund, NOW, overruling=True) == {}


def test_a_charge_under_way_or_failed_is_only_marked_overruled() -> None:
    for status in ("processing", "failed", "not_collected"):
        assert refund_plan("b1", fee(status), None, NOW, overruling=True) == {
            FEE_ID: {"overruledAt": NOW, "updatedAt": NOW}
        }


def test_a_charge_that_succeeds_after_the_overrule_is_refunded_and_one_never_overruled_is_kept() -> None:
    later = NOW + timedelta(minutes=1)
    succeeded = {"status": "succeeded", "stripe": {"paymentIntentId": "pi_2"}, "updatedAt": later}
    writes = fee_outcome_writes("b1", fee("processing", overruledAt=NOW), succeeded, None, later)
    assert writes[FEE_ID] == succeeded
    assert writes[REFUND_ID]["stripe"] == {"paymentIntentId": "pi_2"}
    assert fee_outcome_writes("b1", fee("processing"), succeeded, None, later) == {FEE_ID: succeeded}
    failed = {**succeeded, "status": "failed"}
    assert fee_outcome_writes("b1", fee("processing", overruledAt=NOW), failed, None, later) == {FEE_ID: failed}


def test_nothing_happens_without_a_fee() -> None:
    assert refund_plan("b1", None, None, NOW, overruling=True) == {}


def test_failed_refunds_wait_longer_each_time_and_are_given_up_after_the_last_attempt() -> None:
    waits = [failed_attempt("down", attempts, NOW)["nextAttemptAt"] - NOW for attempts in range(1, MAX_ATTEMPTS)]
    assert waits[:3] == [timedelta(minutes=5), timedelta(minutes=10), timedelta(minutes=20)]
    assert max(waits) == timedelta(hours=12)
    assert sum(waits, timedelta()) > timedelta(hours=24)
    assert failed_attempt("down", MAX_ATTEMPTS, NOW)["nextAttemptAt"] is None
