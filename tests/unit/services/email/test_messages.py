"""A booking's e-mail as a whole: links, sender, and the calendar attachment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from icalendar import Calendar

from booking.adapters import email_outbox
from booking.adapters.email import Transport
from booking.adapters.ics import Method
from booking.domain.booking import Customer
from booking.domain.record import BookingRecord, ServiceSnapshot
from booking.services.email.messages import Options, SiteMail, compose
from booking.services.email.render import Brand, Kind
from tests.support.records import booking_record

NOW = datetime(2026, 3, 27, 9, 0, tzinfo=UTC)
SITE = SiteMail(
    site_id="demo",
    name="Demo Hair Studio",
    brand=Brand("Demo Hair Studio", accent="#0f766e", address_lines=("Centrum", "Damrak 1, Amsterdam")),
    reply_to="hello@demo.example.com",
    address="Demo Hair Studio, Damrak 1, Amsterdam",
    location="Centrum, Damrak 1, Amsterdam",
)


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APP_URL", "https://book.example.com/")
    monkeypatch.setenv("EMAIL_FROM_ADDRESS", "bookings@demo.example.com")


def booking() -> BookingRecord:
    return booking_record(
        id="b1",
        branch_id="centrum",
        service=ServiceSnapshot(name="Haircut", duration_minutes=30, price_cents=3500),
        start=datetime(2026, 3, 30, 8, 0, tzinfo=UTC),
        timezone="Europe/Amsterdam",
        customer=Customer(name="Ada Lovelace", email="ada@example.com"),
        hold_expires_at=NOW + timedelta(hours=2),
    )


def test_a_confirmation_links_to_the_manage_page_and_attaches_an_invitation() -> None:
    message = compose(SITE, booking(), Kind.CONFIRMATION, "T0K3N", NOW, Options(sequence=0))
    assert (message.to_email, message.to_name) == ("ada@example.com", "Ada Lovelace")
    assert (message.from_email, message.from_name) == ("bookings@demo.example.com", "Demo Hair Studio")
    assert message.reply_to == "hello@demo.example.com"
    assert "https://book.example.com/manage?site=demo&booking=b1#token=T0K3N" in message.text
    (attachment,) = message.attachments
    assert attachment.filename == "invite.ics"
    assert attachment.content_type == "text/calendar; method=REQUEST; charset=UTF-8"
    (event,) = Calendar.from_ical(attachment.content).events
    assert event["UID"] == "b1@book.example.com"
    assert event["LOCATION"] == "Demo Hair Studio, Damrak 1, Amsterdam"
    assert "T0K3N" not in attachment.content.decode()  # calendars get shared; links stay in the mail


def test_the_google_link_in_the_e_mail_matches_the_invitation() -> None:
    message = compose(SITE, booking(), Kind.CONFIRMATION, "T0K3N", NOW)
    google = next(line for line in message.text.splitlines() if line.startswith("https://calendar.google.com"))
    query = parse_qs(urlsplit(google).query)
    assert query["dates"] == ["20260330T080000Z/20260330T083000Z"]
    assert query["ctz"] == ["Europe/Amsterdam"]
    assert query["location"] == ["Demo Hair Studio, Damrak 1, Amsterdam"]


def test_the_opt_in_request_has_a_confirm_link_and_no_invitation_yet() -> None:
    message = compose(SITE, booking(), Kind.REQUEST, "T0K3N", NOW)
    assert not message.attachments
    assert "https://book.example.com/manage?site=demo&booking=b1&action=confirm#token=T0K3N" in message.text


def test_a_cancellation_after_an_invitation_withdraws_it() -> None:
    message = compose(SITE, booking(), Kind.CANCELLED, "T0K3N", NOW, Options(sequence=1, ics_method=Method.CANCEL))
    (attachment,) = message.attachments
    assert attachment.content_type.startswith("text/calendar; method=CANCEL")
    calendar = Calendar.from_ical(attachment.content)
    assert calendar["METHOD"] == "CANCEL"
    assert calendar.events[0]["SEQUENCE"] == 1


def test_an_outbox_record_holds_the_whole_message_until_it_is_sent() -> None:
    message = compose(SITE, booking(), Kind.CONFIRMATION, "T0K3N", NOW)
    pending = email_outbox.record_for(message, "b1", "confirmation", NOW, Transport.SENDGRID)
    assert pending["status"] == "pending"
    assert pending["nextAttemptAt"] == NOW + email_outbox.LEASE
    assert email_outbox.message_from(pending) == message
    delivered = email_outbox.record_for(message, "b1", "confirmation", NOW, Transport.OUTBOX)
    assert (delivered["status"], delivered["nextAttemptAt"], delivered["sentAt"]) == ("sent", None, NOW)
    later = email_outbox.record_for(message, "b1", "confirmation", NOW, Transport.LATER)
    assert later["nextAttemptAt"] == NOW
