"""The admin pages' JSON: the bookings list, the full record as stored but
its secrets, and JSON-ready instants."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

from booking.adapters import booking_mapper
from booking.api.admin import views
from booking.domain.model import BookingStatus
from booking.domain.record import DepositPayment, HistoryEntry
from booking.services.admin.bookings import BookingPage
from tests.support.records import START, booking_record

LATER = START - timedelta(hours=5)


def stored_doc() -> dict[str, Any]:
    """A booking's document after a life of changes, as Firestore holds it."""
    booking = booking_record(
        history=(
            HistoryEntry(at=START - timedelta(days=1), by="client", to=BookingStatus.CONFIRMED),
            HistoryEntry(
                at=LATER,
                by="client",
                to=BookingStatus.CONFIRMED,
                source=BookingStatus.CONFIRMED,
                action="reschedule",
                previous_start=START - timedelta(hours=2),
                previous_end=START - timedelta(hours=1, minutes=30),
            ),
            HistoryEntry(at=START, by="Anna", to=BookingStatus.NO_SHOW, source=BookingStatus.CONFIRMED),
        ),
        status=BookingStatus.NO_SHOW,
        lock_ids=("anna_20260310T0900Z",),
        manage_token_hash="first-digest",
    )
    doc = booking_mapper.new_doc(booking)
    doc.update(
        manageTokens={
            "first-digest": {"usedAt": LATER},
            "later-digest": {"expiresAt": booking.end, "issuedAt": LATER, "purpose": "reminder"},
        },
        remindersSent={"24h": START},
        rescheduledAt=LATER,
        noShowCounted=True,
        payment=booking_mapper.payment_doc(
            DepositPayment(mode="dev", deposit_cents=1000, deposit_status="paid", paid_at=LATER)
        ),
        followUp={"action": "no_show", "at": START, "to": "no_show"},
    )
    return doc


def test_the_detail_is_the_stored_booking_without_its_secrets_and_internals() -> None:
    doc = stored_doc()
    detail = views.booking_detail(booking_mapper.record_from("b1", doc))
    hidden = {"manageTokenHash", "manageTokens", "lockIds", "followUp"}
    expected = {key: value for key, value in doc.items() if key not in hidden}
    assert detail == views.plain({**expected, "id": "b1"})
    assert not hidden & set(detail)


def test_a_booking_that_never_had_a_no_show_has_no_no_show_flag() -> None:
    detail = views.booking_detail(booking_record())
    assert not {"noShowCounted", "rescheduledAt", "remindersSent", "payment", "manageTokens"} & set(detail)


def test_list_rows_show_who_and_what() -> None:
    booking = booking_record(branch_id="centrum")
    page = views.booking_page(BookingPage(bookings=(booking,), next_cursor="b1"))
    assert page == {
        "bookings": [
            {
                "id": "b1",
                "start": "2026-03-10T09:00:00+00:00",
                "end": "2026-03-10T09:30:00+00:00",
                "date": "2026-03-10",
                "timezone": "UTC",
                "status": "confirmed",
                "source": "online",
                "serviceId": "haircut",
                "serviceName": "Haircut",
                "staffId": "anna",
                "staffName": "Anna",
                "branchId": "centrum",
                "customer": {"name": "Dana Client", "email": "dana@example.com", "phone": ""},
                "hasNotes": False,
                "hasAnswers": False,
            }
        ],
        "nextCursor": "b1",
    }


def test_list_rows_mark_notes_and_intake_answers() -> None:
    noted = booking_record(notes="Short please")
    answered = booking_record(answers={"allergies": "none"})
    rows = views.booking_page(BookingPage(bookings=(noted, answered), next_cursor=None))["bookings"]
    assert [(row["hasNotes"], row["hasAnswers"]) for row in rows] == [(True, False), (False, True)]


def test_a_changed_booking_shows_its_new_status_and_who_changed_it() -> None:
    booking = booking_record()
    entry = HistoryEntry(at=START, by="admin@demo.test", to=BookingStatus.CANCELLED, source=BookingStatus.CONFIRMED)
    changed = dataclasses.replace(booking, status=BookingStatus.CANCELLED, history=(*booking.history, entry))
    detail = views.booking_detail(changed)
    assert detail["status"] == "cancelled"
    assert detail["statusHistory"][-1] == {
        "at": "2026-03-10T09:00:00+00:00",
        "by": "admin@demo.test",
        "from": "confirmed",
        "to": "cancelled",
    }


def test_answers_carry_instants_as_iso_strings() -> None:
    at = datetime(2030, 1, 2, 3, 4, tzinfo=UTC)
    assert views.plain({"a": at, "b": [{"c": at}], "d": (1, 2)}) == {
        "a": "2030-01-02T03:04:00+00:00",
        "b": [{"c": "2030-01-02T03:04:00+00:00"}],
        "d": [1, 2],
    }
