"""A paid-deposit event is applied only when it pays the deposit asked for."""

from __future__ import annotations

import dataclasses

import pytest

from booking.domain.deposit_check import Mismatch, deposit_mismatch
from booking.domain.payments import PaymentEvent, Signal
from booking.domain.record import DepositPayment

ASKED = DepositPayment(mode="test", deposit_cents=2000, currency="EUR", checkout_session_id="cs_1")
SESSION_PAID = PaymentEvent(
    event_id="evt_1",
    event_type="checkout.session.completed",
    signal=Signal.DEPOSIT_PAID,
    site_id="demo",
    booking_id="b1",
    amount_cents=2000,
    currency="EUR",
    session_id="cs_1",
    payment_intent_id="pi_1",
)
INTENT_PAID = dataclasses.replace(SESSION_PAID, event_type="payment_intent.succeeded", session_id=None)


def test_the_session_and_the_intent_of_the_deposit_asked_for_match() -> None:
    assert deposit_mismatch(SESSION_PAID, ASKED) is None
    assert deposit_mismatch(INTENT_PAID, ASKED) is None
    assert deposit_mismatch(dataclasses.replace(SESSION_PAID, currency="eur"), ASKED) is None
    connected = dataclasses.replace(ASKED, connected_account_id="acct_salon")
    assert deposit_mismatch(dataclasses.replace(INTENT_PAID, destination="acct_salon"), connected) is None


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"session_id": "cs_other"}, Mismatch.SESSION),
        ({"amount_cents": 1}, Mismatch.AMOUNT),
        ({"amount_cents": 0}, Mismatch.AMOUNT),
        ({"currency": "USD"}, Mismatch.CURRENCY),
        ({"account": "acct_salon"}, Mismatch.ACCOUNT),
        ({"payment_intent_id": "pi_other"}, Mismatch.PAYMENT_INTENT),
    ],
)
def test_a_session_event_that_differs_in_any_point_is_a_mismatch(change: dict[str, object], reason: Mismatch) -> None:
    recorded = dataclasses.replace(ASKED, payment_intent_id="pi_1")
    assert deposit_mismatch(dataclasses.replace(SESSION_PAID, **change), recorded) is reason  # type: ignore[arg-type]


def test_an_intent_must_pay_the_sites_account_the_deposit_was_asked_for() -> None:
    connected = dataclasses.replace(ASKED, connected_account_id="acct_salon")
    assert deposit_mismatch(INTENT_PAID, connected) is Mismatch.ACCOUNT
    assert deposit_mismatch(dataclasses.replace(INTENT_PAID, destination="acct_other"), connected) is Mismatch.ACCOUNT
    assert deposit_mismatch(dataclasses.replace(INTENT_PAID, destination="acct_salon"), ASKED) is Mismatch.ACCOUNT


def test_a_booking_without_a_deposit_takes_no_payment() -> None:
    assert deposit_mismatch(SESSION_PAID, None) is Mismatch.NO_DEPOSIT
    assert deposit_mismatch(SESSION_PAID, DepositPayment()) is Mismatch.NO_DEPOSIT
