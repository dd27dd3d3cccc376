"""What a paid deposit writes, decided from the stored booking and records."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from booking.domain.model import BookingStatus
from booking.domain.payment_record import StripeIds
from booking.domain.payments import PaymentEvent, PaymentKind, PaymentStatus, Signal
from booking.domain.record import DepositPayment
from booking.domain.transitions import Action
from booking.services.payments.webhook import deposit_plan
from tests.support.records import booking_record

NOW = datetime(2026, 3, 9, 9, 5, tzinfo=UTC)
EVENT = PaymentEvent(
    event_id="evt_1",
    event_type="checkout.session.completed",
    signal=Signal.DEPOSIT_PAID,
    site_id="demo",
    booking_id="b1",
    amount_cents=2000,
    currency="EUR",
    session_id="cs_1",
    payment_intent_id="pi_1",
    customer_id="cus_1",
    payment_method_id="pm_1",
)
WAITING = DepositPayment(
    mode="test", deposit_cents=2000, checkout_session_id="cs_1", connected_account_id="acct_1", application_fee_cents=50
)


def test_a_deposit_paid_in_time_confirms_its_booking_and_saves_the_card() -> None:
    booking = booking_record(status=BookingStatus.PENDING_PAYMENT, payment=WAITING)
    plan = deposit_plan(EVENT, NOW, True, booking, {})
    assert plan.outcome == "confirmed"
    assert plan.status is not None
    assert (plan.status.action, plan.status.change.to, plan.status.claims_time) == (
        Action.CONFIRM,
        BookingStatus.CONFIRMED,
        False,
    )
    assert plan.payment == dataclasses.replace(
        WAITING,
        deposit_status="paid",
        paid_at=NOW,
        payment_intent_id="pi_1",
        customer_id="cus_1",
        payment_method_id="pm_1",
    )
    deposit = plan.records["deposit-b1"]
    assert (deposit.kind, deposit.status, deposit.amount_cents) == (PaymentKind.DEPOSIT, PaymentStatus.SUCCEEDED, 2000)
    assert (deposit.connected_account_id, deposit.application_fee_cents) == ("acct_1", 50)
    assert deposit.stripe == StripeIds("cs_1", "pi_1", "cus_1", "pm_1")


def test_a_late_deposit_takes_the_time_back_if_free_and_is_refunded_if_not() -> None:
    expired = booking_record(status=BookingStatus.EXPIRED, payment=WAITING)
    reclaimed = deposit_plan(EVENT, NOW, True, expired, {})
    assert (reclaimed.outcome, reclaimed.status and reclaimed.status.claims_time) == ("reclaimed", True)

    refunded = deposit_plan(EVENT, NOW, False, expired, {})
    assert (refunded.outcome, refunded.status) == ("refunded", None)
    assert refunded.payment is not None
    assert refunded.payment.deposit_status == "refund_pending"
    refund = refunded.records["refund-b1"]
    assert (refund.kind, refund.status, refund.reason) == (PaymentKind.REFUND, PaymentStatus.PENDING, "time_taken")
    assert refund.stripe == StripeIds(payment_intent_id="pi_1")


def test_a_second_signal_for_a_recorded_deposit_only_adds_what_it_knows() -> None:
    booking = booking_record(status=BookingStatus.CONFIRMED, payment=WAITING)
    first = deposit_plan(dataclasses.replace(EVENT, payment_method_id=None), NOW, True, booking, {})
    recorded = first.records["deposit-b1"]
    later = NOW + timedelta(seconds=5)
    again = deposit_plan(EVENT, later, True, booking, {"deposit-b1": recorded})
    assert (again.outcome, again.status) == ("recorded", None)
    assert again.records["deposit-b1"] == dataclasses.replace(
        recorded, stripe=dataclasses.replace(recorded.stripe, payment_method_id="pm_1"), updated_at=later
    )


def test_a_payment_for_an_unknown_booking_changes_nothing() -> None:
    plan = deposit_plan(EVENT, NOW, True, None, {})
    assert (plan.outcome, plan.status, plan.payment, dict(plan.records)) == ("unknown_booking", None, None, {})


def test_a_payment_for_another_session_changes_nothing_and_says_why() -> None:
    booking = booking_record(status=BookingStatus.PENDING_PAYMENT, payment=WAITING)
    plan = deposit_plan(dataclasses.replace(EVENT, session_id="cs_other"), NOW, True, booking, {})
    assert (plan.outcome, plan.status, plan.payment, dict(plan.records)) == ("mismatch_session", None, None, {})
