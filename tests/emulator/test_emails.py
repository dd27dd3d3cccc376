"""Client e-mails through the functions emulator: each event writes its
e-mail to the outbox exactly once, rendered and with its calendar file."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from icalendar import Calendar

from scheduled.runner import discover, fire
from tests.emulator.email_support import attachment, book, fresh_ip, kinds, link, manage_request, outbox, token_of
from tests.support.dates import AMSTERDAM, local, next_workday
from tests.support.emulator import CallableError, call, change_catalog, started
from tests.support.rules import ADMIN, ANONYMOUS

EXPIRE_HOLDS = next(job for job in discover() if job.name == "expireHolds")


def require_confirmation(db: Any, branch: str = "centrum") -> None:
    change_catalog(db, f"sites/demo/branches/{branch}", {"settings.clientConfirmation.required": True})


def stored_tokens(db: Any, booking_id: str) -> set[str]:
    return set(db.document(f"sites/demo/bookings/{booking_id}").get().to_dict()["manageTokens"])


def test_booking_writes_one_branded_confirmation_with_a_calendar_invitation(demo: Any) -> None:
    day = next_workday(2)
    booking = book(local(day, 10))

    (record,) = outbox(demo)
    assert record["id"] == f"{booking['bookingId']}-created"
    assert record["kind"] == "confirmation"
    assert record["status"] == "sent"
    assert record["transport"] == "outbox"
    assert record["to"] == {"email": "ada@example.com", "name": "Ada Lovelace"}
    assert record["from"]["name"] == "Demo Hair Studio"
    assert "Haircut" in record["subject"]
    html, text = record["html"], record["text"]
    assert "#0f766e" in html  # the site's accent colour
    for part in (html, text):
        assert "Demo Hair Studio" in part
        assert "Damrak 1" in part
        assert "10:00–10:30 (Europe/Amsterdam)" in part
        assert "Anna" in part
    manage = link(record, "manage")
    assert manage.split("?")[0].endswith("/manage")
    # The e-mail's own token: only the inbox has it, so it proves the address.
    assert token_of(manage) != booking["manageToken"]
    assert hashlib.sha256(token_of(manage).encode()).hexdigest() in stored_tokens(demo, booking["bookingId"])
    assert manage in text
    assert link(record, "google").startswith("https://calendar.google.com/calendar/render?")

    calendar = Calendar.from_ical(attachment(record))
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.events
    assert str(event["UID"]).startswith(f"{booking['bookingId']}@")
    assert event["SEQUENCE"] == 0
    assert event.start == datetime(day.year, day.month, day.day, 10, tzinfo=AMSTERDAM)
    assert event.end == datetime(day.year, day.month, day.day, 10, 30, tzinfo=AMSTERDAM)
    assert "Damrak 1, Amsterdam" in str(event["LOCATION"])
    assert str(event["ATTENDEE"]) == "mailto:ada@example.com"


def test_the_e_mails_tell_how_long_before_the_start_changes_are_possible(demo: Any) -> None:
    booking = book(local(next_workday(2), 9))
    (plain,) = outbox(demo, booking["bookingId"])
    assert "hours before it starts" not in plain["text"]
    demo.document("sites/demo").update({"settings.changeCutoffHours": 24})
    booking = book(local(next_workday(2), 15))
    (record,) = outbox(demo, booking["bookingId"])
    for part in (record["text"], record["html"]):
        assert "move or cancel your booking, up to 24 hours before it starts" in part


def test_client_cancellation_sends_one_e_mail_that_removes_the_calendar_entry(demo: Any) -> None:
    booking = book(local(next_workday(2), 11))
    request = {"siteId": "demo", "bookingId": booking["bookingId"], "token": booking["manageToken"]}
    call("cancelBooking", request, ip=fresh_ip())
    with pytest.raises(CallableError) as error:
        call("cancelBooking", request, ip=fresh_ip())
    assert error.value.status == "PERMISSION_DENIED"

    confirmation, cancellation = outbox(demo, booking["bookingId"])
    assert cancellation["kind"] == "cancelled"
    assert "As you asked" in cancellation["text"]
    first = Calendar.from_ical(attachment(confirmation)).events[0]
    cancel = Calendar.from_ical(attachment(cancellation))
    assert cancel["METHOD"] == "CANCEL"
    (event,) = cancel.events
    assert event["UID"] == first["UID"]
    assert event["SEQUENCE"] > first["SEQUENCE"]
    assert event["STATUS"] == "CANCELLED"


def test_double_opt_in_asks_once_then_confirms_once_with_the_button(demo: Any) -> None:
    require_confirmation(demo)
    booking = book(local(next_workday(2), 12))
    assert booking["status"] == "pending"
    (request,) = outbox(demo, booking["bookingId"])
    assert request["kind"] == "request"
    assert not request["attachments"]  # no calendar entry until confirmed
    confirm = link(request, "confirm")
    assert "action=confirm" in confirm
    assert token_of(confirm) != booking["manageToken"]  # the e-mail's own token: it proves the address
    ref = demo.document(f"sites/demo/bookings/{booking['bookingId']}")
    assert ref.get().get("status") == "pending"  # the e-mail's link alone changes nothing

    args = manage_request(request)
    confirmed = call("confirmBooking", args, ip=fresh_ip())
    assert confirmed["status"] == "confirmed"
    assert confirmed["manageToken"] != args["token"]
    with pytest.raises(CallableError) as error:
        call("confirmBooking", args, ip=fresh_ip())
    assert error.value.status == "PERMISSION_DENIED"

    stored = ref.get().to_dict()
    assert stored["status"] == "confirmed"
    assert stored["holdExpiresAt"] is None
    assert kinds(demo, booking["bookingId"]) == ["request", "confirmation"]
    confirmation = outbox(demo, booking["bookingId"])[1]
    assert Calendar.from_ical(attachment(confirmation))["METHOD"] == "REQUEST"
    assert call("getManagedBooking", {**args, "token": confirmed["manageToken"]}, ip=fresh_ip())["status"] == (
        "confirmed"
    )


def test_the_browser_that_booked_cannot_confirm_an_address_it_only_typed(demo: Any) -> None:
    require_confirmation(demo)
    booking = book(local(next_workday(2), 12), email="victim@example.com")
    own = {"siteId": "demo", "bookingId": booking["bookingId"], "token": booking["manageToken"]}
    with pytest.raises(CallableError) as error:
        call("confirmBooking", own, ip=fresh_ip())
    assert (error.value.status, error.value.message) == (
        "PERMISSION_DENIED",
        "Please confirm with the link in the e-mail we sent you",
    )
    ref = demo.document(f"sites/demo/bookings/{booking['bookingId']}")
    assert ref.get().get("status") == "pending"
    view = call("getManagedBooking", own, ip=fresh_ip())  # the refusal spent nothing
    assert (view["canConfirm"], view["canCancel"], view["canReschedule"]) == (False, True, True)

    (request,) = outbox(demo, booking["bookingId"])
    from_email = manage_request(request)
    assert call("getManagedBooking", from_email, ip=fresh_ip())["canConfirm"] is True
    assert call("confirmBooking", from_email, ip=fresh_ip())["status"] == "confirmed"


def test_a_pending_booking_moved_from_the_e_mail_can_still_be_confirmed_there(demo: Any) -> None:
    require_confirmation(demo)
    day = next_workday(2)
    booking = book(local(day, 12))
    from_email = manage_request(outbox(demo, booking["bookingId"])[0])
    moved = call("rescheduleBooking", {**from_email, "start": local(day, 14)}, ip=fresh_ip())
    assert moved["status"] == "pending"
    page = {**from_email, "token": moved["manageToken"]}
    assert call("confirmBooking", page, ip=fresh_ip())["status"] == "confirmed"

    other = book(local(day, 15), email="grace@example.com")
    own = {"siteId": "demo", "bookingId": other["bookingId"], "token": other["manageToken"]}
    moved = call("rescheduleBooking", {**own, "start": local(day, 16)}, ip=fresh_ip())
    with pytest.raises(CallableError) as error:
        call("confirmBooking", {**own, "token": moved["manageToken"]}, ip=fresh_ip())
    assert error.value.status == "PERMISSION_DENIED"


def test_an_unconfirmed_booking_lapses_once_and_the_client_is_told(demo: Any) -> None:
    require_confirmation(demo)
    start = local(next_workday(2), 14)
    booking = book(start)
    ref = demo.document(f"sites/demo/bookings/{booking['bookingId']}")
    ref.update({"holdExpiresAt": datetime.now(UTC) - timedelta(seconds=1)})

    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(lambda _: fire(EXPIRE_HOLDS), range(2))) == ["200", "200"]
    fire(EXPIRE_HOLDS)

    assert ref.get().get("status") == "cancelled"
    assert kinds(demo, booking["bookingId"]) == ["request", "unconfirmed"]
    lapsed = outbox(demo, booking["bookingId"])[1]
    assert "did not receive your confirmation in time" in lapsed["text"]
    assert not lapsed["attachments"]
    assert book(start)["status"] == "pending"  # the time is free again


def test_admin_confirmation_cancellation_and_no_show_each_send_one_e_mail(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from booking.domain.transitions import Action
    from booking.services import booking_actions

    monkeypatch.setenv("FUNCTIONS_EMULATOR", "true")  # the outbox is the delivery, as in the emulator
    require_confirmation(demo)
    change_catalog(demo, "sites/demo/branches/centrum", {"settings.noShow.notifyClient": True})
    pending = book(local(next_workday(2), 15))["bookingId"]
    now = datetime.now(UTC)  # e-mails are dated by the change's clock: after the booking's own
    booking_actions.apply("demo", pending, Action.CONFIRM, "Admin", now)
    booking_actions.apply("demo", pending, Action.CANCEL, "Admin", now + timedelta(seconds=1))
    assert kinds(demo, pending) == ["request", "confirmation", "cancelled"]
    cancelled = outbox(demo, pending)[2]
    assert "Unfortunately Demo Hair Studio had to cancel" in cancelled["text"]
    assert Calendar.from_ical(attachment(cancelled))["METHOD"] == "CANCEL"

    missed = book(local(next_workday(2), 16))["bookingId"]
    now = datetime.now(UTC)
    booking_actions.apply("demo", missed, Action.CONFIRM, "Admin", now)
    started(demo, missed)  # a no-show only once the appointment has begun
    booking_actions.apply("demo", missed, Action.NO_SHOW, "Anna", now + timedelta(seconds=1))
    assert kinds(demo, missed) == ["request", "confirmation", "no_show"]
    assert manage_request(outbox(demo, missed)[2])["token"]


def test_dutch_sites_write_dutch_e_mails(demo: Any) -> None:
    demo.document("sites/demo").update({"locale": "nl"})
    day = next_workday(2)
    book(local(day, 9))
    (record,) = outbox(demo)
    assert record["subject"].startswith("Afspraak bevestigd: Haircut op ")
    assert "Uw afspraak is bevestigd" in record["html"]
    assert "Beste Ada Lovelace," in record["text"]


def test_names_typed_by_clients_are_escaped_in_the_html(demo: Any) -> None:
    call(
        "createBooking",
        {
            "siteId": "demo",
            "serviceId": "haircut",
            "branchId": "centrum",
            "start": local(next_workday(2), 9, 30),
            "customer": {"name": '<img src=x onerror="alert(1)">', "email": "eve@example.com"},
        },
        ip=fresh_ip(),
    )
    (record,) = outbox(demo)
    assert "<img src=x" not in record["html"]
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in record["html"]


def test_the_outbox_is_closed_to_every_client(demo: Any) -> None:
    book(local(next_workday(2), 10))
    (record,) = outbox(demo)
    for client in (ANONYMOUS, ADMIN):
        assert not client.can_read(f"sites/demo/outbox/{record['id']}")
        assert not client.can_list("sites/demo/outbox")
        assert not client.can_write("sites/demo/outbox/forged")


def test_the_dev_mailbox_callable_lists_the_outbox_in_the_emulator(demo: Any) -> None:
    booking = book(local(next_workday(2), 10))
    listed = call("devListOutbox", {"siteId": "demo"})["emails"]
    assert [mail["bookingId"] for mail in listed] == [booking["bookingId"]]
    assert listed[0]["attachments"][0]["filename"] == "invite.ics"
    assert datetime.fromisoformat(listed[0]["createdAt"]).tzinfo is not None
    assert call("devListOutbox", {})["emails"][0]["siteId"] == "demo"
