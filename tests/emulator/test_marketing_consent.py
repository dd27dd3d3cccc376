"""Marketing consent that holds up: a booking can't rewrite someone else's
profile or switch their consent on; only links from their inbox count."""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.emulator.email_support import fresh_ip, manage_request, outbox, token_of
from tests.support.dates import local, next_workday
from tests.support.emulator import CallableError, call

VICTIM = "grace@example.com"


def book(hour: int, name: str, phone: str, opt_in: bool) -> dict[str, Any]:
    return call(
        "createBooking",
        {
            "siteId": "demo",
            "serviceId": "haircut",
            "branchId": "centrum",
            "staffId": "anna",
            "start": local(next_workday(2), hour),
            "customer": {"name": name, "email": VICTIM, "phone": phone},
            "marketingOptIn": opt_in,
        },
        ip=fresh_ip(),
    )


def profile(db: Any, booking: dict[str, Any]) -> dict[str, Any]:
    customer_id = db.document(f"sites/demo/bookings/{booking['bookingId']}").get().get("customerId")
    return db.document(f"sites/demo/customers/{customer_id}").get().to_dict() or {}


def consent_log(db: Any, booking: dict[str, Any]) -> list[dict[str, Any]]:
    customer_id = db.document(f"sites/demo/bookings/{booking['bookingId']}").get().get("customerId")
    entries = [snap.to_dict() for snap in db.collection(f"sites/demo/customers/{customer_id}/consent").stream()]
    return sorted(entries, key=lambda entry: entry["at"])


def unsubscribe_request(record: dict[str, Any]) -> dict[str, str]:
    match = re.search(r'<a href="([^"]*/unsubscribe\?[^"]+)"', record["html"])
    assert match, f"no unsubscribe link in the {record['kind']} e-mail"
    url = unescape(match.group(1))
    query = parse_qs(urlsplit(url).query)
    assert f"/unsubscribe?site=demo&booking={query['booking'][0]}" in record["text"]
    return {"siteId": query["site"][0], "bookingId": query["booking"][0], "token": token_of(url)}


def test_a_booking_on_someone_elses_address_changes_neither_their_name_nor_their_consent(demo: Any) -> None:
    own = book(10, "Grace Hopper", "+31 6 1111 1111", opt_in=False)
    forged = book(12, "Mallory", "+31 6 9999 9999", opt_in=True)
    stored = profile(demo, forged)
    assert (stored["name"], stored["phone"]) == ("Grace Hopper", "+31 6 1111 1111")
    assert not stored.get("marketingOptIn")
    (entry,) = consent_log(demo, forged)
    assert (entry["value"], entry["source"], entry["verified"]) == (True, forged["bookingId"], False)
    assert entry["text"] == "Keep me informed about news and offers"
    # The forger's own link (the browser's token) proves nothing either.
    call("getManagedBooking", {"siteId": "demo", "bookingId": forged["bookingId"], "token": forged["manageToken"]})
    assert not profile(demo, own).get("marketingOptIn")


def test_the_link_from_the_e_mail_verifies_the_opt_in(demo: Any) -> None:
    booking = book(10, "Grace Hopper", "", opt_in=True)
    assert not profile(demo, booking).get("marketingOptIn")
    call("getManagedBooking", manage_request(outbox(demo, booking["bookingId"])[0]), ip=fresh_ip())
    assert profile(demo, booking)["marketingOptIn"] is True
    assert [entry["verified"] for entry in consent_log(demo, booking)] == [True]


def test_the_unsubscribe_link_in_every_e_mail_withdraws_consent(demo: Any) -> None:
    booking = book(10, "Grace Hopper", "", opt_in=True)
    call("getManagedBooking", manage_request(outbox(demo, booking["bookingId"])[0]), ip=fresh_ip())
    request = unsubscribe_request(outbox(demo, booking["bookingId"])[0])
    assert call("unsubscribeMarketing", request, ip=fresh_ip()) == {"unsubscribed": True}
    assert profile(demo, booking)["marketingOptIn"] is False
    withdrawal = consent_log(demo, booking)[-1]
    assert (withdrawal["value"], withdrawal["source"], withdrawal["verified"]) == (False, "unsubscribe", True)
    assert withdrawal["text"] == "Unsubscribe from marketing e-mails"


def test_the_bookers_own_token_only_logs_a_withdrawal_and_a_wrong_token_is_refused(demo: Any) -> None:
    booking = book(10, "Grace Hopper", "", opt_in=True)
    call("getManagedBooking", manage_request(outbox(demo, booking["bookingId"])[0]), ip=fresh_ip())
    browser = {"siteId": "demo", "bookingId": booking["bookingId"], "token": booking["manageToken"]}
    assert call("unsubscribeMarketing", browser, ip=fresh_ip()) == {"unsubscribed": False}
    assert profile(demo, booking)["marketingOptIn"] is True
    assert consent_log(demo, booking)[-1]["verified"] is False
    with pytest.raises(CallableError) as refused:
        call("unsubscribeMarketing", {**browser, "token": "x" * 43}, ip=fresh_ip())
    assert refused.value.status == "PERMISSION_DENIED"
    assert len(consent_log(demo, booking)) == 2
