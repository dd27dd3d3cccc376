"""Payment rules without storage: fees, the no-show policy text, and what a
paid deposit does to a booking in each status. (What Stripe's events say is
read in adapters/stripe_events.py: tests/unit/adapters/test_stripe_events.py.)"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from booking.domain.errors import InvalidInput
from booking.domain.model import BookingStatus
from booking.domain.payments import (
    DepositAction,
    FeeKind,
    NoShowFee,
    PaymentConfig,
    PaymentKind,
    application_fee_cents,
    deposit_action,
    fee_percent,
    no_show_fee_from,
    no_show_fee_input,
    no_show_policy_text,
    payment_id,
    payments_ready,
    platform_fee_cents,
)

S = BookingStatus


@pytest.mark.parametrize(
    ("amount", "percent", "fee"),
    [(2000, "2.5", 50), (1999, "2.5", 50), (1980, "2.5", 50), (1979, "2.5", 49), (2000, "0", 0), (2000, "100", 2000)],
)
def test_the_application_fee_is_the_percentage_rounded_half_up(amount: int, percent: str, fee: int) -> None:
    assert application_fee_cents(amount, Decimal(percent)) == fee


@given(st.integers(0, 10_000_000), st.decimals(0, 100, places=2))
def test_the_application_fee_never_exceeds_the_charge(amount: int, percent: Decimal) -> None:
    assert 0 <= application_fee_cents(amount, percent) <= amount


def test_the_sites_fee_override_wins_over_the_platforms_and_a_bad_one_takes_no_fee() -> None:
    assert fee_percent(PaymentConfig(), "2.5") == Decimal("2.5")
    assert fee_percent(PaymentConfig(fee_percent="1"), "2.5") == Decimal(1)
    assert fee_percent(PaymentConfig(fee_percent="0"), "2.5") == Decimal(0)
    assert fee_percent(PaymentConfig(fee_percent="lots"), "2.5") == Decimal(0)
    assert fee_percent(PaymentConfig(), "150") == Decimal(0)


def test_only_charges_to_a_connected_account_pay_the_platform_fee() -> None:
    assert platform_fee_cents(2000, PaymentConfig(fee_percent="2.5"), "0") == 0
    assert platform_fee_cents(2000, PaymentConfig(connected_account_id="acct_1", fee_percent="2.5"), "0") == 50
    assert platform_fee_cents(2000, PaymentConfig(connected_account_id="acct_1"), "10") == 200


def test_a_fixed_no_show_fee_is_its_amount_and_a_percentage_is_of_the_price() -> None:
    assert NoShowFee(True, FeeKind.FIXED, amount_cents=1500).amount_for(8500) == 1500
    assert NoShowFee(True, FeeKind.PERCENT, percent=Decimal(50)).amount_for(8500) == 4250
    assert NoShowFee(True, FeeKind.PERCENT, percent=Decimal(50)).amount_for(None) == 0
    assert NoShowFee(False, FeeKind.FIXED, amount_cents=1500).amount_for(8500) == 0


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ({"enabled": True, "kind": "percent", "percent": 101}, "noShowFee.percent"),
        ({"enabled": True, "kind": "percent", "percent": 12.345}, "noShowFee.percent"),
        ({"enabled": True, "kind": "percent", "percent": True}, "noShowFee.percent"),
        ({"enabled": True, "kind": "fixed", "amountCents": 0}, "noShowFee.amountCents"),
        ({"enabled": True, "kind": "fixed", "amountCents": 12.5}, "noShowFee.amountCents"),
        ({"enabled": True, "kind": "fixed", "amountCents": -1}, "noShowFee.amountCents"),
        ({"enabled": 1}, "noShowFee.enabled"),
        ({"kind": "sometimes"}, "noShowFee.kind"),
        ({"amount": 5}, "noShowFee.amount"),
    ],
)
def test_an_invalid_no_show_fee_names_its_field(doc: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        no_show_fee_input(doc)
    assert error.value.field == field


def test_a_stored_fee_that_makes_no_sense_means_no_fee() -> None:
    assert no_show_fee_from({"enabled": True, "kind": "fixed", "amountCents": "lots"}) == NoShowFee()
    assert no_show_fee_from(None) == NoShowFee()
    fee = no_show_fee_input({"enabled": True, "kind": "percent", "percent": 12.5})
    assert no_show_fee_from(fee.to_doc()) == fee


def test_the_no_show_policy_is_stated_in_the_sites_language_only_when_fees_are_on() -> None:
    fixed = {"noShowFee": {"enabled": True, "kind": "fixed", "amountCents": 1500}}
    percent = {"noShowFee": {"enabled": True, "kind": "percent", "percent": 12.5}}
    assert "a no-show fee of €15.00" in no_show_policy_text(fixed, "en")
    assert "€ 15,00" in no_show_policy_text(fixed, "nl", "EUR")
    assert "$15.00" in no_show_policy_text(fixed, "en", "USD")
    assert "12.5% of the service price" in no_show_policy_text(percent, "en")
    assert "12,5% van de prijs" in no_show_policy_text(percent, "nl")
    assert no_show_policy_text(fixed, "de").startswith("No-show policy")  # unknown language: English
    assert no_show_policy_text({"noShowFee": {"enabled": False}}, "en") == ""
    assert no_show_policy_text({}, "en") == ""
    assert no_show_policy_text(None, "nl") == ""
    assert no_show_policy_text(no_show_fee_from(fixed["noShowFee"]), "en") == no_show_policy_text(fixed, "en")


@pytest.mark.parametrize(
    ("status", "already_paid", "time_free", "action"),
    [
        (S.PENDING_PAYMENT, False, True, DepositAction.CONFIRM),
        (S.PENDING, False, True, DepositAction.CONFIRM),
        (S.EXPIRED, False, True, DepositAction.RECLAIM),
        (S.EXPIRED, False, False, DepositAction.REFUND),
        (S.CANCELLED, False, True, DepositAction.REFUND),
        (S.CONFIRMED, False, True, DepositAction.RECORD),
        (S.COMPLETED, False, True, DepositAction.RECORD),
        (S.NO_SHOW, False, True, DepositAction.RECORD),
    ],
)
def test_what_a_paid_deposit_does_to_a_booking(
    status: BookingStatus, already_paid: bool, time_free: bool, action: DepositAction
) -> None:
    assert deposit_action(status, already_paid, time_free) is action


@pytest.mark.parametrize("status", list(BookingStatus))
def test_a_deposit_recorded_before_changes_nothing_whatever_the_status(status: BookingStatus) -> None:
    assert deposit_action(status, already_paid=True) is DepositAction.RECORD


def test_deposits_are_offered_only_when_a_charge_can_be_made() -> None:
    assert payments_ready(True, None, False)
    assert payments_ready(True, "acct_1", True)
    assert not payments_ready(True, "acct_1", False)
    assert not payments_ready(False, None, False)


def test_each_booking_has_one_record_per_kind_of_payment() -> None:
    assert payment_id(PaymentKind.DEPOSIT, "b1") == "deposit-b1"
    assert payment_id(PaymentKind.NO_SHOW_FEE, "b1") == "no-show-fee-b1"
    assert payment_id(PaymentKind.REFUND, "b1") == "refund-b1"
