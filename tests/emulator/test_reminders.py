"""Reminder e-mails from the scheduled job, fired as the local scheduler
fires it: once per booking and lead, however often the job runs."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from scheduled.runner import discover, fire
from tests.emulator.email_support import book, fresh_ip, kinds, outbox
from tests.support.dates import local, next_workday
from tests.support.emulator import call, change_catalog
from tests.unit.adapters.sendgrid_standin import running

JOB = next(job for job in discover() if job.name == "sendReminders")


def due_in(db: Any, booking_id: str, delta: timedelta) -> datetime:
    """Move a booking so that it starts `delta` from now, booked days ago."""
    start = (datetime.now(UTC) + delta).replace(microsecond=0)
    db.document(f"sites/demo/bookings/{booking_id}").update(
        {"start": start, "end": start + timedelta(minutes=30), "createdAt": start - timedelta(days=3)}
    )
    return start


def reminder_emails(db: Any, booking_id: str) -> list[dict[str, Any]]:
    return [record for record in outbox(db, booking_id) if record["kind"] == "reminder"]


def test_the_day_before_reminder_is_written_once_even_when_the_job_runs_twice_at_once(demo: Any) -> None:
    booking_id = book(local(next_workday(2), 10))["bookingId"]
    fire(JOB)
    assert kinds(demo, booking_id) == ["confirmation"]  # not due yet

    start = due_in(demo, booking_id, timedelta(hours=23, minutes=57))
    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(lambda _: fire(JOB), range(2))) == ["200", "200"]
    fire(JOB)

    (reminder,) = reminder_emails(demo, booking_id)
    assert reminder["id"] == f"{booking_id}-reminder-24h-{int(start.timestamp())}"
    assert reminder["subject"].startswith("Reminder: Haircut on ")
    assert "This is a reminder of your appointment with Demo Hair Studio" in reminder["text"]
    assert 'data-link="manage"' in reminder["html"]
    stored = demo.document(f"sites/demo/bookings/{booking_id}").get().to_dict()
    assert stored["remindersSent"] == {"24h": start}


def test_the_hour_before_reminder_goes_out_when_the_branch_wants_it(demo: Any) -> None:
    change_catalog(demo, "sites/demo/branches/centrum", {"settings.reminders.oneHour": True})
    booking_id = book(local(next_workday(2), 10))["bookingId"]
    start = due_in(demo, booking_id, timedelta(minutes=58))
    demo.document(f"sites/demo/bookings/{booking_id}").update({"remindersSent": {"24h": start}})

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda _: fire(JOB), range(2)))
    fire(JOB)

    (reminder,) = reminder_emails(demo, booking_id)
    assert reminder["id"].startswith(f"{booking_id}-reminder-1h-")
    assert "starts soon" in reminder["text"]


def test_a_late_run_sends_only_the_nearest_reminder(demo: Any) -> None:
    change_catalog(demo, "sites/demo/branches/centrum", {"settings.reminders.oneHour": True})
    booking_id = book(local(next_workday(2), 10))["bookingId"]
    due_in(demo, booking_id, timedelta(minutes=50))
    fire(JOB)
    fire(JOB)
    (reminder,) = reminder_emails(demo, booking_id)
    assert "-reminder-1h-" in reminder["id"]


def test_no_reminders_for_cancelled_bookings_or_where_they_are_off(demo: Any) -> None:
    change_catalog(demo, "sites/demo/branches/zuid", {"settings.reminders.enabled": False})
    cancelled = book(local(next_workday(2), 10))
    call(
        "cancelBooking",
        {"siteId": "demo", "bookingId": cancelled["bookingId"], "token": cancelled["manageToken"]},
        ip=fresh_ip(),
    )
    switched_off = book(local(next_workday(2), 10), staff="chloe", branch="zuid")["bookingId"]
    for booking_id in (cancelled["bookingId"], switched_off):
        due_in(demo, booking_id, timedelta(hours=23))
    fire(JOB)
    assert not reminder_emails(demo, cancelled["bookingId"])
    assert not reminder_emails(demo, switched_off)


@pytest.fixture
def sendgrid(monkeypatch: pytest.MonkeyPatch, emulators: None) -> Any:
    """In this process, mail goes to a local SendGrid stand-in."""
    from booking.adapters import email_sendgrid

    with running() as server:
        monkeypatch.setenv("SENDGRID_API_KEY", "SG.test-key")
        monkeypatch.setattr(email_sendgrid, "API_HOST", server.url)
        yield server


def test_a_failing_provider_never_blocks_a_booking_and_the_e_mail_goes_out_on_a_later_run(
    demo: Any, sendgrid: Any
) -> None:
    from booking.domain.booking import Customer
    from booking.domain.model import BookingStatus
    from booking.services import public_booking
    from booking.services.email import messages as emails
    from booking.services.email import reminders as job

    sendgrid.status = 503
    now = datetime.now(UTC)
    request = public_booking.BookingRequest(
        site_id="demo",
        service_id="haircut",
        branch_id="centrum",
        staff_id="ben",
        start=datetime.fromisoformat(local(next_workday(2), 15)),
        customer=Customer("Ada Lovelace", "ada@example.com"),
    )
    booking = public_booking.create_booking(request, now).booking
    assert booking.status is BookingStatus.CONFIRMED
    (record,) = outbox(demo, booking.id)
    assert (record["status"], record["attempts"], record["transport"]) == ("failed", 1, "sendgrid")
    assert "503" in record["lastError"]
    assert record["html"]  # kept for the retry

    assert emails.retry_due(now) == 0  # not this run: the next one
    sendgrid.status = 202
    job.send_reminders(now + timedelta(minutes=5))
    (record,) = outbox(demo, booking.id)
    assert (record["status"], record["attempts"], record["providerMessageId"]) == ("sent", 2, "msg-2")
    assert "html" not in record
    assert "attachments" not in record
    assert len(sendgrid.requests) == 2
    assert sendgrid.requests[1]["body"]["subject"] == record["subject"]
    job.send_reminders(now + timedelta(minutes=10))
    assert len(sendgrid.requests) == 2


def test_a_reminder_whose_send_fails_is_not_lost(demo: Any, sendgrid: Any) -> None:
    from booking.services.email import reminders as job

    booking_id = book(local(next_workday(2), 10))["bookingId"]
    start = due_in(demo, booking_id, timedelta(hours=23))
    sendgrid.status = 500
    now = datetime.now(UTC)
    assert job.send_reminders(now) == 1
    (reminder,) = reminder_emails(demo, booking_id)
    assert reminder["status"] == "failed"
    sendgrid.status = 202
    assert job.send_reminders(now + timedelta(minutes=5)) == 0  # claimed already: not written again
    (reminder,) = reminder_emails(demo, booking_id)
    assert reminder["status"] == "sent"
    assert [request["body"]["subject"] for request in sendgrid.requests] == [reminder["subject"]] * 2
    assert demo.document(f"sites/demo/bookings/{booking_id}").get().get("remindersSent") == {"24h": start}
