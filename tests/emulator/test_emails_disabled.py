"""A deployment that sends no e-mail (secret `none`) against one that lacks
the secret for a run: the use cases run in this process, as a deployed
function would, against the Firestore emulator and a local SendGrid stand-in.
`none` records are final at once and the retry sweep never takes them up;
a missing secret leaves the e-mail to the sweep, as before."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from booking.adapters import email_outbox, email_sendgrid
from booking.domain.booking import Customer
from booking.domain.model import BookingStatus
from booking.services import public_booking
from booking.services.email import messages as emails
from booking.services.email import reminders
from tests.emulator.email_support import outbox
from tests.support.dates import local, next_workday
from tests.unit.adapters.sendgrid_standin import StandIn, running

NOW = datetime.now(UTC).replace(microsecond=0)
BODY = set(email_outbox.BODY_FIELDS)


@pytest.fixture
def deployed(monkeypatch: pytest.MonkeyPatch, emulators: None) -> Iterator[StandIn]:
    """A deployed function's environment (not the emulator's Dev mailbox),
    with SendGrid's address pointing at the stand-in for when a key is set."""
    monkeypatch.delenv("FUNCTIONS_EMULATOR", raising=False)
    monkeypatch.delenv("SENDGRID_API_KEY", raising=False)
    with running() as server:
        monkeypatch.setattr(email_sendgrid, "API_HOST", server.url)
        yield server


def book(start: str, staff: str = "anna") -> public_booking.BookingMade:
    request = public_booking.BookingRequest(
        site_id="demo",
        service_id="haircut",
        branch_id="centrum",
        staff_id=staff,
        start=datetime.fromisoformat(start),
        customer=Customer("Ada Lovelace", "ada@example.com"),
    )
    result = public_booking.create_booking(request, NOW)
    assert result.booking.status is BookingStatus.CONFIRMED
    return result


def waiting(now: datetime) -> list[str]:
    """The e-mails the sweep would take up at `now`."""
    return [email_id for _, email_id in email_outbox.due(now)]


def test_with_the_secret_none_each_e_mail_is_recorded_once_as_skipped_and_never_retried(
    demo: Any, deployed: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SENDGRID_API_KEY", "none")
    kept = book(local(next_workday(2), 10)).booking.id
    cancelled = book(local(next_workday(2), 11), staff="ben")
    public_booking.cancel_booking("demo", cancelled.booking.id, cancelled.manage_token, NOW)
    start = NOW + timedelta(hours=23)  # booked days ago, so its reminder is due now
    demo.document(f"sites/demo/bookings/{kept}").update(
        {"start": start, "end": start + timedelta(minutes=30), "createdAt": start - timedelta(days=3)}
    )
    assert reminders.send_reminders(NOW) == 1  # written (as skipped) and marked sent

    records = outbox(demo)
    assert sorted(record["kind"] for record in records) == ["cancelled", "confirmation", "confirmation", "reminder"]
    for record in records:
        assert (record["status"], record["transport"], record["attempts"]) == ("skipped", "none", 0)
        assert record["nextAttemptAt"] is None
        assert record["sentAt"] is None
        assert not BODY & set(record), "the body carries magic-link tokens"
        assert record["subject"]  # who, what and when stay on record
        assert record["to"]["email"] == "ada@example.com"

    for later in (timedelta(minutes=5), timedelta(hours=1), timedelta(days=30)):
        assert waiting(NOW + later) == []
        reminders.send_reminders(NOW + later)
    assert outbox(demo) == records  # untouched: never claimed, never retried
    assert not deployed.requests


def test_a_run_without_the_secret_leaves_its_e_mail_to_the_sweep_which_sends_it_later(
    demo: Any, deployed: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    booking_id = book(local(next_workday(2), 12)).booking.id
    (record,) = outbox(demo, booking_id)
    assert (record["status"], record["transport"], record["nextAttemptAt"]) == ("pending", "later", NOW)
    assert record["html"]  # kept for the sweep
    assert waiting(NOW) == [record["id"]]

    assert emails.retry_due(NOW) == 0  # this run lacks the secret too: taken up again after the lease
    assert waiting(NOW + email_outbox.LEASE) == [record["id"]]

    monkeypatch.setenv("SENDGRID_API_KEY", "SG.test-key")
    assert emails.retry_due(NOW + email_outbox.LEASE) == 1
    (record,) = outbox(demo, booking_id)
    assert (record["status"], record["transport"], record["providerMessageId"]) == ("sent", "sendgrid", "msg-1")
    assert not BODY & set(record)
    assert [request["body"]["subject"] for request in deployed.requests] == [record["subject"]]


def test_e_mails_left_waiting_are_closed_for_good_once_the_secret_is_none(
    demo: Any, deployed: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    booking_id = book(local(next_workday(2), 14)).booking.id
    assert outbox(demo, booking_id)[0]["status"] == "pending"

    monkeypatch.setenv("SENDGRID_API_KEY", "none")
    assert emails.retry_due(NOW) == 0
    (record,) = outbox(demo, booking_id)
    assert (record["status"], record["transport"], record["nextAttemptAt"]) == ("skipped", "none", None)
    assert not BODY & set(record)
    assert waiting(NOW + timedelta(days=30)) == []
    assert email_outbox.claim("demo", record["id"], NOW + timedelta(days=30)) is None
    assert not deployed.requests
