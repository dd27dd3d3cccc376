"""Overruled no-shows and their fees: the desk's overrule (over HTTP through
the functions emulator, or as a use case in this process) refunds a fee that
was charged, once, through the Stripe stand-in; a fee not yet charged is
never charged; a booking without a charged fee gets no refund."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

from booking.domain.transitions import Action
from booking.services import booking_actions
from booking.services.payments import fee_refund as payments_no_show_refund
from booking.services.payments import no_show_fee as payments_no_show
from scheduled.runner import discover, fire
from tests.emulator.email_support import book
from tests.emulator.test_payments_checkout import wait_for
from tests.emulator.test_payments_no_show import charges_for, fee_record, fee_settings, no_show, paid_booking
from tests.emulator.test_staff_login import session
from tests.emulator.test_staff_status import change, no_shows
from tests.support.dates import local, next_workday
from tests.support.emulator import CallableError, started
from tests.support.stripe_stub import STUB

FEE_CENTS = 1500
SWEEP = next(job for job in discover() if job.name == "markNoShows")


def refund_ref(db: Any, booking_id: str) -> Any:
    return db.document(f"sites/demo/payments/fee-refund-{booking_id}")


def refund_record(db: Any, booking_id: str) -> dict[str, Any] | None:
    snapshot = refund_ref(db, booking_id).get()
    return snapshot.to_dict() if snapshot.exists else None


def once_status(read: Callable[[], dict[str, Any] | None], status: str) -> dict[str, Any]:
    """The record as soon as it reaches `status` (triggers run in the background)."""
    record: dict[str, Any] = wait_for(lambda: (read() or {}).get("status") == status and read())
    return record


def refund_with(db: Any, booking_id: str, status: str) -> dict[str, Any]:
    return once_status(lambda: refund_record(db, booking_id), status)


def fee_with(db: Any, booking_id: str, status: str) -> dict[str, Any]:
    return once_status(lambda: fee_record(db, booking_id), status)


def refund_requests(booking_id: str) -> list[Any]:
    return [c for c in STUB.requests_to("POST", "/v1/refunds") if c.idempotency_key == f"fee-refund-demo-{booking_id}"]


def refunds_of(intent_id: str) -> list[dict[str, Any]]:
    """The refunds Stripe made of a payment (a replayed request makes none)."""
    return [refund for refund in STUB.refunds.values() if refund["payment_intent"] == intent_id]


def charged_no_show(db: Any, token: str, hour: int) -> tuple[str, dict[str, Any]]:
    """A paid booking the desk marked a no-show, its fee charged to the saved card."""
    fee_settings(db, enabled=True, kind="fixed", amountCents=FEE_CENTS)
    booking_id = paid_booking(db, hour)
    change(token, booking_id, "no_show")
    return booking_id, fee_with(db, booking_id, "succeeded")


def overrule(booking_id: str) -> None:
    booking_actions.apply("demo", booking_id, Action.OVERRULE_NO_SHOW, "Anna", datetime.now(UTC))


def test_overruling_a_charged_no_show_refunds_the_fee_once_even_when_marked_and_overruled_again(demo: Any) -> None:
    anna = session("anna")
    booking_id, fee = charged_no_show(demo, anna, 10)
    intent = fee["stripe"]["paymentIntentId"]
    assert no_shows(demo, booking_id) == 1

    assert change(anna, booking_id, "overrule_no_show")["status"] == "confirmed"
    refund = refund_with(demo, booking_id, "succeeded")
    assert no_shows(demo, booking_id) == 0
    assert (refund["kind"], refund["reason"], refund["amountCents"], refund["currency"]) == (
        "refund",
        "no_show_overruled",
        FEE_CENTS,
        "EUR",
    )
    [request] = refund_requests(booking_id)
    assert (request.params["payment_intent"], request.params["amount"]) == (intent, str(FEE_CENTS))
    assert "reverse_transfer" not in request.params  # the platform's own charge
    assert [made["id"] for made in refunds_of(intent)] == [refund["stripe"]["refundId"]]
    fee_after = fee_record(demo, booking_id) or {}
    assert fee_after["status"] == "succeeded"  # the money was taken, and is given back
    assert fee_after["overruledAt"]

    change(anna, booking_id, "no_show")
    assert no_shows(demo, booking_id) == 1
    assert change(anna, booking_id, "complete")["status"] == "completed"
    assert no_shows(demo, booking_id) == 0
    assert len(charges_for(booking_id)) == 1
    assert refund_record(demo, booking_id) == refund
    assert payments_no_show_refund.refund_fee("demo", f"fee-refund-{booking_id}", datetime.now(UTC)) is None
    assert len(refund_requests(booking_id)) == 1
    assert len(refunds_of(intent)) == 1


def test_overrules_and_refund_attempts_racing_each_other_refund_the_fee_once(demo: Any) -> None:
    anna, ben = session("anna"), session("ben")
    booking_id, fee = charged_no_show(demo, anna, 11)
    now = datetime.now(UTC)

    def desk(token: str, action: str) -> str:
        try:
            return str(change(token, booking_id, action)["status"])
        except CallableError as refused:
            return refused.status

    refund_id = f"fee-refund-{booking_id}"
    with ThreadPoolExecutor(3) as pool, STUB.holding("POST", "/v1/refunds"):
        outcomes = set(pool.map(desk, (anna, ben), ("overrule_no_show", "complete")))
        assert not payments_no_show_refund.overrule_fee("demo", booking_id, now)  # a retried hook: done
        refund_with(demo, booking_id, "processing")  # the trigger's attempt, held at Stripe
        again = [pool.submit(payments_no_show_refund.refund_fee, "demo", refund_id, now) for _ in range(3)]
        assert [future.result(timeout=20) for future in again] == [None, None, None]  # none reached Stripe
    assert outcomes & {"confirmed", "completed"}  # both, one after the other, or one refused
    assert outcomes <= {"confirmed", "completed", "FAILED_PRECONDITION"}
    assert no_shows(demo, booking_id) == 0
    refund_with(demo, booking_id, "succeeded")
    assert len(refund_requests(booking_id)) == 1
    assert len(refunds_of(fee["stripe"]["paymentIntentId"])) == 1


def test_a_fee_not_charged_yet_is_never_charged_once_the_no_show_is_overruled(demo: Any) -> None:
    booking_id = paid_booking(demo, 14)
    no_show(booking_id)  # no fee set up yet: nothing recorded, nothing charged
    card = demo.document(f"sites/demo/bookings/{booking_id}").get().get("payment")
    fee_ref = demo.document(f"sites/demo/payments/no-show-fee-{booking_id}")
    fee_ref.create({})  # the pending fee below, its charge not started yet (the trigger ignores an empty record)
    fee_ref.set(
        {
            "bookingId": booking_id,
            "kind": "no_show_fee",
            "amountCents": FEE_CENTS,
            "currency": "EUR",
            "status": "pending",
            "stripe": {"customerId": card["customerId"], "paymentMethodId": card["paymentMethodId"]},
        }
    )

    overrule(booking_id)
    fee = fee_record(demo, booking_id) or {}
    assert (fee["status"], fee["reason"]) == ("not_collected", "no_show_overruled")
    assert fee["overruledAt"]
    late_charge = payments_no_show.charge_pending_fee("demo", fee_ref.id, datetime.now(UTC))
    assert late_charge is None
    assert not charges_for(booking_id)
    assert refund_record(demo, booking_id) is None


def test_a_charge_under_way_during_the_overrule_is_refunded_once_it_succeeds(demo: Any) -> None:
    fee_settings(demo, enabled=True, kind="fixed", amountCents=FEE_CENTS)
    booking_id = paid_booking(demo, 13)
    with STUB.holding("POST", "/v1/payment_intents"):
        no_show(booking_id)
        fee_with(demo, booking_id, "processing")
        overrule(booking_id)
        assert (fee_record(demo, booking_id) or {}).get("overruledAt")
        assert refund_record(demo, booking_id) is None  # nothing to give back yet
    refund = refund_with(demo, booking_id, "succeeded")
    fee = fee_record(demo, booking_id) or {}
    assert fee["status"] == "succeeded"
    assert refund["stripe"]["paymentIntentId"] == fee["stripe"]["paymentIntentId"]
    assert len(charges_for(booking_id)) == 1
    assert len(refunds_of(fee["stripe"]["paymentIntentId"])) == 1


def test_a_charge_stripe_confirms_only_after_the_overrule_is_refunded(demo: Any) -> None:
    fee_settings(demo, enabled=True, kind="fixed", amountCents=FEE_CENTS)
    booking_id = paid_booking(demo, 14)
    STUB.failing = True  # the charge's answer is lost: recorded failed, though Stripe took the money
    try:
        no_show(booking_id)
        fee_with(demo, booking_id, "failed")
    finally:
        STUB.failing = False
    overrule(booking_id)
    assert refund_record(demo, booking_id) is None
    card = demo.document(f"sites/demo/bookings/{booking_id}").get().get("payment")
    metadata = {"siteId": "demo", "bookingId": booking_id, "kind": "no_show_fee"}
    charge = {"amount": str(FEE_CENTS), "currency": "eur", "metadata": metadata}
    _, intent = STUB.create_intent(
        {**charge, "customer": card["customerId"], "payment_method": card["paymentMethodId"]}
    )
    delivered = STUB.deliver(STUB.event("payment_intent.succeeded", intent))
    assert delivered.json()["outcome"] == "fee_succeeded"
    refund = refund_with(demo, booking_id, "succeeded")
    assert refund["stripe"]["paymentIntentId"] == intent["id"]
    assert len(refunds_of(intent["id"])) == 1


def test_a_refund_stripe_failed_is_recorded_and_made_by_the_sweep_when_due(demo: Any) -> None:
    anna = session("anna")
    booking_id, fee = charged_no_show(demo, anna, 15)
    STUB.failing = True
    try:
        assert change(anna, booking_id, "overrule_no_show")["status"] == "confirmed"  # the desk is not held up
        failed = refund_with(demo, booking_id, "failed")
    finally:
        STUB.failing = False
    assert failed["attempts"] == 1
    assert failed["error"]
    assert failed["nextAttemptAt"] > datetime.now(UTC)
    assert fire(SWEEP) == "200"
    assert (refund_record(demo, booking_id) or {})["status"] == "failed"  # not due yet

    refund_ref(demo, booking_id).update({"nextAttemptAt": datetime.now(UTC) - timedelta(seconds=1)})
    assert fire(SWEEP) == "200"
    refund = refund_record(demo, booking_id) or {}
    assert (refund["status"], refund["attempts"], refund["nextAttemptAt"]) == ("succeeded", 2, None)
    assert fire(SWEEP) == "200"
    assert len(refunds_of(fee["stripe"]["paymentIntentId"])) == 1


def test_bookings_without_a_charged_fee_get_no_refund(demo: Any) -> None:
    anna = session("anna")
    without_fee = paid_booking(demo, 10)
    change(anna, without_fee, "no_show")
    change(anna, without_fee, "overrule_no_show")
    assert fee_record(demo, without_fee) is None

    fee_settings(demo, enabled=True, kind="fixed", amountCents=FEE_CENTS)
    declined = paid_booking(demo, 13, card="pm_card_declined")
    change(anna, declined, "no_show")
    fee_with(demo, declined, "failed")
    change(anna, declined, "complete")
    assert (fee_record(demo, declined) or {})["status"] == "failed"

    no_card = book(local(next_workday(5), 15))["bookingId"]
    started(demo, no_card)
    change(anna, no_card, "no_show")
    change(anna, no_card, "overrule_no_show")
    assert (fee_record(demo, no_card) or {})["status"] == "not_collected"

    for booking_id in (without_fee, declined, no_card):
        assert refund_record(demo, booking_id) is None
        assert not refund_requests(booking_id)
    assert no_shows(demo, declined) == no_shows(demo, no_card) == 0
