"""Which reminder is due when: per branch policy, once per start time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from booking.adapters import booking_mapper
from booking.domain.model import BookingStatus
from booking.domain.record import BookingRecord
from booking.services.email.reminders import ReminderPolicy, due_leads, email_id, policy_from
from tests.support.records import booking_record

START = datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
DAY_AND_HOUR = ReminderPolicy(lead_hours=24, one_hour=True)


def booking(**changes: Any) -> BookingRecord:
    return booking_record(**{"start": START, "created_at": START - timedelta(days=5), **changes})


def test_the_branch_policy_defaults_to_24_hours_without_the_one_hour_reminder() -> None:
    assert policy_from({}).leads == (24,)
    assert policy_from({"reminders": {"leadHours": 48, "oneHour": True}}).leads == (48, 1)
    assert policy_from({"reminders": {"enabled": False, "oneHour": True}}).leads == ()
    assert policy_from({"reminders": {"leadHours": 10_000}}).leads == (168,)


def test_the_24_hour_reminder_is_due_from_24_hours_before_until_the_start() -> None:
    policy = ReminderPolicy()
    assert due_leads(policy, booking(), START - timedelta(hours=24, seconds=1)) == ()
    assert due_leads(policy, booking(), START - timedelta(hours=24)) == (24,)
    assert due_leads(policy, booking(), START - timedelta(minutes=1)) == (24,)
    assert due_leads(policy, booking(), START) == ()


def test_a_reminder_sent_for_this_start_is_not_due_again() -> None:
    sent = booking(reminders_sent={"24h": START})
    assert due_leads(ReminderPolicy(), sent, START - timedelta(hours=23)) == ()


def test_a_moved_booking_is_reminded_of_its_new_time() -> None:
    moved = booking(reminders_sent={"24h": START - timedelta(days=1)}, rescheduled_at=START - timedelta(days=2))
    assert due_leads(ReminderPolicy(), moved, START - timedelta(hours=23)) == (24,)


def test_no_reminder_whose_moment_had_passed_when_the_booking_was_made() -> None:
    late = booking(created_at=START - timedelta(hours=3))
    assert due_leads(DAY_AND_HOUR, late, START - timedelta(hours=2)) == ()
    assert due_leads(DAY_AND_HOUR, late, START - timedelta(minutes=59)) == (1,)
    moved_late = booking(rescheduled_at=START - timedelta(hours=3))
    assert due_leads(DAY_AND_HOUR, moved_late, START - timedelta(hours=2)) == ()


def test_the_one_hour_reminder_is_the_nearest_when_both_are_due() -> None:
    assert due_leads(DAY_AND_HOUR, booking(), START - timedelta(minutes=50)) == (24, 1)
    both_sent = booking(reminders_sent={"24h": START, "1h": START})
    assert due_leads(DAY_AND_HOUR, both_sent, START - timedelta(minutes=5)) == ()


def test_nothing_for_bookings_that_are_not_confirmed() -> None:
    for status in ("cancelled", "pending", "pending_payment", "expired", "no_show"):
        assert due_leads(DAY_AND_HOUR, booking(status=BookingStatus(status)), START - timedelta(minutes=30)) == ()


def test_each_reminder_has_one_outbox_id_per_start_time() -> None:
    assert email_id("b1", 24, START) == f"b1-reminder-24h-{int(START.timestamp())}"
    assert email_id("b1", 24, START) != email_id("b1", 1, START)
    assert email_id("b1", 24, START) != email_id("b1", 24, START + timedelta(days=1))


def test_a_booking_without_a_creation_time_is_reminded_as_usual() -> None:
    undated = booking_mapper.record_from("b1", {"status": "confirmed", "start": START, "end": START})
    assert due_leads(ReminderPolicy(), undated, START - timedelta(hours=23)) == (24,)
