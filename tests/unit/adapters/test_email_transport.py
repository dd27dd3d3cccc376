"""The e-mail transport follows the SendGrid secret: a key sends, `none`
is a deliberate "no e-mail" that ends each record at once, and a missing
secret leaves the record to the retry sweep."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from booking.adapters import email_outbox
from booking.adapters.email import Transport, api_key, transport
from booking.adapters.email_message import Attachment, Message

NOW = datetime(2026, 3, 27, 9, 0, tzinfo=UTC)
MESSAGE = Message(
    to_email="ada@example.com",
    to_name="Ada",
    from_email="bookings@example.com",
    from_name="Demo",
    subject="Your booking",
    html="<a href='https://x/manage#token=SECRET'>manage</a>",
    text="https://x/manage#token=SECRET",
    attachments=(Attachment("invite.ics", "text/calendar", b"BEGIN:VCALENDAR"),),
)


@pytest.mark.parametrize(
    ("secret", "emulator", "expected"),
    [
        ("SG.key", False, Transport.SENDGRID),
        ("SG.key", True, Transport.SENDGRID),
        ("none", False, Transport.NONE),
        (" None ", False, Transport.NONE),
        ("none", True, Transport.OUTBOX),  # the emulator keeps its Dev mailbox
        (None, False, Transport.LATER),
        ("", False, Transport.LATER),
        (None, True, Transport.OUTBOX),
    ],
)
def test_the_secret_chooses_the_transport(
    monkeypatch: pytest.MonkeyPatch, secret: str | None, emulator: bool, expected: Transport
) -> None:
    if secret is None:
        monkeypatch.delenv("SENDGRID_API_KEY", raising=False)
    else:
        monkeypatch.setenv("SENDGRID_API_KEY", secret)
    if emulator:
        monkeypatch.setenv("FUNCTIONS_EMULATOR", "true")
    else:
        monkeypatch.delenv("FUNCTIONS_EMULATOR", raising=False)
    assert transport() is expected
    assert api_key() == ("SG.key" if expected is Transport.SENDGRID else "")


def test_a_record_where_no_e_mail_is_sent_is_final_and_keeps_no_tokens() -> None:
    record = email_outbox.record_for(MESSAGE, "b1", "confirmation", NOW, Transport.NONE)
    assert (record["status"], record["transport"], record["nextAttemptAt"], record["sentAt"]) == (
        "skipped",
        "none",
        None,
        None,
    )
    assert record["status"] in email_outbox.FINAL
    assert not set(email_outbox.BODY_FIELDS) & set(record)
    assert "SECRET" not in repr(record)
    assert (record["subject"], record["to"]["email"], record["attempts"]) == ("Your booking", "ada@example.com", 0)


def test_a_record_without_the_secret_is_due_for_the_sweep_at_once() -> None:
    record = email_outbox.record_for(MESSAGE, "b1", "confirmation", NOW, Transport.LATER)
    assert (record["status"], record["nextAttemptAt"]) == ("pending", NOW)
    assert email_outbox.message_from(record) == MESSAGE
