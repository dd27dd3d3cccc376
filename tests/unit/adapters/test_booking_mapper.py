"""A booking survives the trip to its Firestore document and back unchanged,
and the stored field names stay those of docs/data-model.md."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from booking.adapters import booking_mapper as mapper
from booking.domain.booking import TermsAcceptance
from booking.domain.model import BookingStatus
from booking.domain.record import (
    RESCHEDULE,
    DepositPayment,
    FollowUpMark,
    HistoryEntry,
    TokenEntry,
    TokenPurpose,
)
from booking.domain.transitions import Action
from tests.support.records import START, booking_record

AT = START - timedelta(hours=2)


def test_a_new_booking_reads_back_as_the_same_record() -> None:
    booking = booking_record(
        branch_id="centrum",
        notes="Window seat",
        answers={"q1": "Short"},
        marketing_opt_in=True,
        terms=TermsAcceptance(AT, "v2", "Be on time", "https://example.com/terms"),
        buffer_minutes=10,
        lock_ids=("anna_20260310T0900Z",),
        manage_token_hash="a" * 64,
        manage_token_expires_at=START + timedelta(minutes=30),
        hold_expires_at=AT + timedelta(minutes=30),
    )
    assert mapper.record_from("b1", mapper.new_doc(booking)) == booking


def test_the_stored_document_uses_the_documented_field_names() -> None:
    doc = mapper.new_doc(booking_record(terms=None))
    assert doc["date"] == "2026-03-10"
    assert doc["customer"] == {"name": "Dana Client", "email": "dana@example.com", "phone": ""}
    assert doc["terms"] == {"accepted": False}
    assert doc["statusHistory"] == [{"at": START - timedelta(days=1), "by": "client", "from": None, "to": "confirmed"}]
    assert "payment" not in doc
    assert "manageTokens" not in doc


def test_a_reschedule_entry_keeps_the_previous_time() -> None:
    entry = HistoryEntry(
        at=AT,
        by="client",
        to=BookingStatus.CONFIRMED,
        source=BookingStatus.CONFIRMED,
        action=RESCHEDULE,
        previous_start=START,
        previous_end=START + timedelta(minutes=30),
    )
    doc = mapper.history_doc(entry)
    assert (doc["action"], doc["previousStart"], doc["from"]) == ("reschedule", START, "confirmed")
    assert mapper.history_from(doc) == entry


def test_a_deposit_payment_stores_only_what_is_known_so_far() -> None:
    payment = DepositPayment(mode="dev", deposit_cents=2000, currency="EUR", checkout_session_id="cs_1")
    doc = mapper.payment_doc(payment)
    assert doc == {
        "mode": "dev",
        "depositCents": 2000,
        "currency": "EUR",
        "depositStatus": "pending",
        "checkoutSessionId": "cs_1",
        "applicationFeeCents": 0,
    }
    assert mapper.payment_from(doc) == payment
    assert mapper.payment_path("payment_method_id") == "payment.paymentMethodId"
    assert mapper.payment_from(None) is None


def test_an_old_follow_up_mark_of_an_expiry_reads_as_the_cancel_it_said() -> None:
    mark = FollowUpMark(Action.CANCEL, AT, BookingStatus.EXPIRED)
    assert mapper.follow_up_from({"action": "cancel", "at": AT, "to": "expired"}) == mark
    assert mapper.follow_up_from(mapper.follow_up_doc(mark)) == mark


def test_later_tokens_and_their_use_read_back() -> None:
    used = datetime(2026, 3, 9, 12, tzinfo=UTC)
    doc = mapper.new_doc(booking_record(manage_token_hash="f" * 64))
    doc["manageTokens"] = {
        "f" * 64: {"usedAt": used},
        "e" * 64: {"expiresAt": START, "issuedAt": AT, "purpose": "reminder"},
    }
    booking = mapper.record_from("b1", doc)
    assert booking.manage_tokens["f" * 64].used_at == used
    # Stored before tokens had purposes, it named its e-mail: it manages, never confirms.
    assert booking.manage_tokens["e" * 64] == TokenEntry(expires_at=START, issued_at=AT, purpose=TokenPurpose.MANAGE)
    assert mapper.token_path("e" * 64, "usedAt") == f"manageTokens.{'e' * 64}.usedAt"


def test_documents_written_before_a_field_existed_get_its_default() -> None:
    doc = mapper.new_doc(booking_record())
    for field in ("notes", "answers", "marketingOptIn", "bufferMinutes", "lockIds", "source", "createdBy"):
        del doc[field]
    booking = mapper.record_from("b1", doc)
    assert dataclasses.replace(booking, lock_ids=()) == booking
    assert (booking.notes, booking.source, booking.created_by, booking.buffer_minutes) == ("", "online", "client", 0)


def test_a_confirm_token_keeps_its_purpose_through_the_store() -> None:
    entry = TokenEntry(expires_at=START, issued_at=AT, purpose=TokenPurpose.CONFIRM)
    doc = mapper.new_doc(booking_record(manage_token_hash="f" * 64, manage_tokens={"e" * 64: entry}))
    assert doc["manageTokens"]["e" * 64]["purpose"] == "confirm"
    assert mapper.record_from("b1", doc).manage_tokens["e" * 64] == entry
