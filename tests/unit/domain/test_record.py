"""The one factory of new bookings, and finding a change in a booking's history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from booking.domain.booking import Customer
from booking.domain.model import BookingSource, BookingStatus, Service, StaffMember
from booking.domain.record import BookingRecord, HistoryEntry, new_booking
from tests.support.records import booking_record

NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
HAIRCUT = Service(id="haircut", name="Haircut", duration_minutes=45, price_cents=3000, deposit_cents=1000)
ANNA = StaffMember(id="anna", name="Anna")
CLIENT = Customer(name="Dana", email="Dana@Example.com")


def made(**overrides: object) -> BookingRecord:
    kolkata = ZoneInfo("Asia/Kolkata")
    start = datetime(2026, 3, 10, 0, 30, tzinfo=kolkata)  # still 9 March in UTC
    arguments: dict[str, object] = {
        "booking_id": "b1",
        "site_id": "demo",
        "branch_id": None,
        "service": HAIRCUT,
        "staff": ANNA,
        "start": start,
        "end": start + timedelta(minutes=45),
        "timezone": "Asia/Kolkata",
        "customer": CLIENT,
        "status": BookingStatus.CONFIRMED,
        "now": NOW,
        "manage_token_hash": "d" * 64,
        "buffer_minutes": 10,
        "source": BookingSource.ONLINE,
    }
    return new_booking(**(arguments | overrides))  # type: ignore[arg-type]


def test_a_booking_is_stored_in_utc_and_counted_on_the_business_s_local_date() -> None:
    booking = made()
    assert booking.start == datetime(2026, 3, 9, 19, 0, tzinfo=UTC)
    assert booking.start.tzinfo is UTC
    assert booking.local_date == "2026-03-10"


def test_a_booking_claims_its_time_plus_the_buffer_for_its_staff_member() -> None:
    booking = made()
    assert booking.lock_ids[0] == "anna_20260309T1900Z"
    assert booking.lock_ids[-1] == "anna_20260309T1950Z"  # 45 minutes and 10 of buffer
    assert len(booking.lock_ids) == 11


def test_a_site_without_staff_books_the_site_as_one_resource() -> None:
    booking = made(staff=None)
    assert booking.staff_id is None
    assert all(lock.startswith("site_") for lock in booking.lock_ids)


def test_the_first_history_entry_names_who_made_it_and_the_link_lasts_until_the_end() -> None:
    booking = made(created_by="Ben", source=BookingSource.WALK_IN, status=BookingStatus.CONFIRMED)
    assert booking.history == (HistoryEntry(at=NOW, by="Ben", to=BookingStatus.CONFIRMED),)
    assert (booking.source, booking.created_by) == ("walk-in", "Ben")
    assert booking.manage_token_expires_at == booking.end


def test_the_deposit_is_only_what_the_caller_asks_for() -> None:
    assert made().service.deposit_cents is None
    assert made(deposit_cents=1000).service.deposit_cents == 1000
    assert made().customer_id == CLIENT.key


def test_a_change_is_found_in_the_history_even_when_a_later_one_follows() -> None:
    at = NOW + timedelta(hours=1)
    booking = booking_record(
        history=(
            HistoryEntry(at=NOW, by="client", to=BookingStatus.PENDING),
            HistoryEntry(at=at, by="client", to=BookingStatus.CONFIRMED, source=BookingStatus.PENDING),
            HistoryEntry(at=at + timedelta(hours=1), by="Anna", to=BookingStatus.CANCELLED),
        )
    )
    assert booking.history_index(at, BookingStatus.CONFIRMED) == 1
    assert booking.history_index(at, BookingStatus.NO_SHOW) == 2  # unknown: the last one


def test_a_client_cancellation_stays_known_after_the_desk_reopens_the_booking() -> None:
    booking = booking_record()
    assert not booking.cancelled_by_client
    by_desk = (*booking.history, HistoryEntry(NOW, "Anna", BookingStatus.CANCELLED, BookingStatus.CONFIRMED))
    assert not booking_record(history=by_desk).cancelled_by_client
    reopened = (
        *booking.history,
        HistoryEntry(NOW, "client", BookingStatus.CANCELLED, BookingStatus.CONFIRMED),
        HistoryEntry(NOW + timedelta(minutes=1), "Anna", BookingStatus.CONFIRMED, BookingStatus.CANCELLED),
    )
    assert booking_record(history=reopened).cancelled_by_client
