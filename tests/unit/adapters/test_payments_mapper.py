"""Payment records as stored: only the fields they have, and updates that
write only what changed (docs/data-model.md, "Payments")."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from booking.adapters.payments_mapper import config_from, record_changes, record_doc, record_from, site_payments_from
from booking.domain.payment_record import PaymentRecord, StripeIds
from booking.domain.payments import FeeKind, PaymentKind, PaymentStatus

NOW = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)


def uncollected_fee() -> PaymentRecord:
    return PaymentRecord(
        id="no-show-fee-b1",
        booking_id="b1",
        kind=PaymentKind.NO_SHOW_FEE,
        amount_cents=1500,
        currency="EUR",
        status=PaymentStatus.NOT_COLLECTED,
        reason="no_payment_method",
        created_at=NOW,
        updated_at=NOW,
    )


def test_a_new_record_stores_only_the_fields_it_has() -> None:
    assert record_doc(uncollected_fee()) == {
        "bookingId": "b1",
        "kind": "no_show_fee",
        "amountCents": 1500,
        "currency": "EUR",
        "status": "not_collected",
        "stripe": {},
        "reason": "no_payment_method",
        "createdAt": NOW,
        "updatedAt": NOW,
    }


def test_a_stored_record_reads_back_as_it_was_written() -> None:
    refund = dataclasses.replace(
        uncollected_fee(),
        id="fee-refund-b1",
        kind=PaymentKind.REFUND,
        status=PaymentStatus.FAILED,
        stripe=StripeIds(payment_intent_id="pi_1", refund_id="re_1", refund_status="failed"),
        connected_account_id="acct_1",
        error="card_declined",
        attempts=2,
        next_attempt_at=NOW + timedelta(minutes=10),
    )
    assert record_from(refund.id, record_doc(refund)) == refund


def test_an_update_writes_only_what_changed_and_clears_with_null() -> None:
    pending = dataclasses.replace(
        uncollected_fee(), status=PaymentStatus.PENDING, reason=None, stripe=StripeIds(customer_id="cus_1")
    )
    overruled = dataclasses.replace(
        pending, status=PaymentStatus.NOT_COLLECTED, reason="no_show_overruled", overruled_at=NOW, updated_at=NOW
    )
    assert record_changes(pending, overruled) == {
        "overruledAt": NOW,
        "status": "not_collected",
        "reason": "no_show_overruled",
    }
    later = NOW + timedelta(minutes=1)
    retrying = dataclasses.replace(pending, next_attempt_at=NOW)
    done = dataclasses.replace(
        retrying, next_attempt_at=None, stripe=retrying.stripe.merged(StripeIds(refund_id="re_1")), updated_at=later
    )
    assert record_changes(retrying, done) == {"nextAttemptAt": None, "stripe.refundId": "re_1", "updatedAt": later}
    assert record_changes(done, done) == {}


def test_a_document_that_is_not_a_payment_record_yet_reads_as_none() -> None:
    assert record_from("no-show-fee-b1", {}) is None
    assert record_from("no-show-fee-b1", {"kind": "no_show_fee", "status": "lost"}) is None


def test_the_private_configuration_keeps_the_fee_override_as_text() -> None:
    config = config_from({"connectedAccountId": "acct_1", "chargesEnabled": True, "feePercent": 2.5})
    assert (config.connected_account_id, config.charges_enabled, config.details_submitted) == ("acct_1", True, False)
    assert config.fee_percent == "2.5"
    assert config_from(None).connected_account_id is None
    assert config_from({"connectedAccountId": ""}).connected_account_id is None


def test_a_sites_payment_settings_default_to_no_fee_and_not_ready() -> None:
    site = site_payments_from("demo", {"settings": {"noShowFee": {"enabled": True, "amountCents": 900}}})
    assert (site.name, site.locale, site.currency, site.ready) == ("demo", "en", "EUR", False)
    assert (site.no_show_fee.kind, site.no_show_fee.amount_cents) == (FeeKind.FIXED, 900)
    assert site_payments_from("demo", {"name": "Salon", "payments": {"ready": True}}).ready
