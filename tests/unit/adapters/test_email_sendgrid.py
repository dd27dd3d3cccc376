"""The real SendGrid client against a local stand-in for its API."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest

from booking.adapters import email_sendgrid
from booking.adapters.email_message import Attachment, DeliveryFailed, Message
from tests.unit.adapters.sendgrid_standin import StandIn, running

MESSAGE = Message(
    to_email="ada@example.com",
    to_name="Ada Lovelace",
    from_email="bookings@example.com",
    from_name="Demo Hair Studio",
    subject="Booking confirmed: Haircut on Monday 30 March 2026",
    html="<p>Hello Ada</p>",
    text="Hello Ada",
    reply_to="hello@demo.example.com",
    attachments=(Attachment("invite.ics", "text/calendar; method=REQUEST; charset=UTF-8", b"BEGIN:VCALENDAR\r\n"),),
    categories=("booking", "confirmation"),
)


@pytest.fixture
def sendgrid() -> Iterator[StandIn]:
    with running() as server:
        yield server


def host(server: StandIn) -> str:
    return server.url


def test_the_client_posts_one_complete_mail_send_request(sendgrid: StandIn) -> None:
    assert email_sendgrid.send(MESSAGE, "SG.test-key", host=host(sendgrid)) == "msg-1"
    (request,) = sendgrid.requests
    assert request["path"] == "/v3/mail/send"
    assert request["headers"]["Authorization"] == "Bearer SG.test-key"
    body = request["body"]
    assert body["personalizations"] == [{"to": [{"email": "ada@example.com", "name": "Ada Lovelace"}]}]
    assert body["from"] == {"email": "bookings@example.com", "name": "Demo Hair Studio"}
    assert body["reply_to"] == {"email": "hello@demo.example.com"}
    assert body["subject"] == MESSAGE.subject
    assert body["content"] == [
        {"type": "text/plain", "value": "Hello Ada"},
        {"type": "text/html", "value": "<p>Hello Ada</p>"},
    ]
    (attachment,) = body["attachments"]
    assert attachment["filename"] == "invite.ics"
    assert attachment["type"] == "text/calendar; method=REQUEST; charset=UTF-8"
    assert attachment["disposition"] == "attachment"
    assert base64.b64decode(attachment["content"]) == b"BEGIN:VCALENDAR\r\n"
    assert sorted(body["categories"]) == ["booking", "confirmation"]


def test_a_refusal_by_the_provider_is_a_delivery_failure(sendgrid: StandIn) -> None:
    sendgrid.status = 500
    with pytest.raises(DeliveryFailed, match="500"):
        email_sendgrid.send(MESSAGE, "SG.test-key", host=host(sendgrid))


def test_an_unreachable_provider_is_a_delivery_failure(sendgrid: StandIn) -> None:
    address = host(sendgrid)
    sendgrid.shutdown()
    sendgrid.server_close()
    with pytest.raises(DeliveryFailed, match="could not be reached"):
        email_sendgrid.send(MESSAGE, "SG.test-key", host=address)
