"""A branch's non-default reminder lead and confirmation expiry, run by the
local scheduler's own `fire` against the functions emulator. Time passes by
moving the booking's stored instants back, as the other job tests do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from scheduled.runner import discover, fire
from tests.emulator.email_support import book, kinds, outbox
from tests.support.dates import local, next_workday
from tests.support.emulator import change_catalog

JOBS = {job.name: job for job in discover()}


def test_a_six_hour_reminder_goes_out_six_hours_before_and_not_at_the_default_24(demo: Any) -> None:
    change_catalog(demo, "sites/demo/branches/centrum", {"settings.reminders.leadHours": 6})
    booking_id = book(local(next_workday(2), 10))["bookingId"]
    ref = demo.document(f"sites/demo/bookings/{booking_id}")

    def starts_in(delta: timedelta) -> datetime:
        start = (datetime.now(UTC) + delta).replace(microsecond=0)
        ref.update({"start": start, "end": start + timedelta(minutes=30), "createdAt": start - timedelta(days=3)})
        return start

    starts_in(timedelta(hours=23, minutes=57))  # the default lead would remind now
    assert fire(JOBS["sendReminders"]) == "200"
    starts_in(timedelta(hours=6, minutes=3))
    assert fire(JOBS["sendReminders"]) == "200"
    assert kinds(demo, booking_id) == ["confirmation"]

    start = starts_in(timedelta(hours=5, minutes=57))
    assert fire(JOBS["sendReminders"]) == "200"
    assert fire(JOBS["sendReminders"]) == "200"
    reminder = outbox(demo, booking_id)[-1]
    assert reminder["id"] == f"{booking_id}-reminder-6h-{int(start.timestamp())}"
    assert kinds(demo, booking_id) == ["confirmation", "reminder"]
    assert ref.get().get("remindersSent") == {"6h": start}


def test_a_twelve_hour_confirmation_window_lapses_after_twelve_hours_not_the_default_two(demo: Any) -> None:
    change_catalog(
        demo,
        "sites/demo/branches/centrum",
        {"settings.clientConfirmation.required": True, "settings.clientConfirmation.expiryHours": 12},
    )
    booking = book(local(next_workday(3), 11))
    ref = demo.document(f"sites/demo/bookings/{booking['bookingId']}")
    stored = ref.get().to_dict()
    assert booking["status"] == "pending"
    assert stored["holdExpiresAt"] - stored["createdAt"] == timedelta(hours=12)

    def made_ago(delta: timedelta) -> None:
        created = datetime.now(UTC) - delta
        ref.update({"createdAt": created, "holdExpiresAt": created + timedelta(hours=12)})

    made_ago(timedelta(hours=2, minutes=1))  # the default window would have closed
    assert fire(JOBS["expireHolds"]) == "200"
    assert ref.get().get("status") == "pending"

    made_ago(timedelta(hours=12, minutes=1))
    assert fire(JOBS["expireHolds"]) == "200"
    assert ref.get().get("status") == "cancelled"
    assert kinds(demo, booking["bookingId"]) == ["request", "unconfirmed"]
