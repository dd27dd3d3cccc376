"""The demo's waitlist (tools/demo_waitlist.py): a full day at Zuid, two
clients waiting for it, and a cancel that offers the time to the first."""

from __future__ import annotations

import contextlib
import urllib.error
from typing import Any

import demo_waitlist

from tests.emulator.test_admin_access import admin_call
from tests.support.emulator import call, demo_data, seeding


def test_the_demo_has_a_full_day_with_a_waitlist_that_a_cancel_offers_to(demo: Any) -> None:
    with contextlib.suppress(urllib.error.HTTPError):  # made by an earlier test
        seeding.create_admin(demo_data.ADMIN_EMAIL, demo_data.ADMIN_PASSWORD, demo_data.SITE_ID)
    said = demo_waitlist.add_demo_waitlist()
    assert "is full" in said, said
    bookings = [s for s in demo.collection("sites/demo/bookings").stream() if s.get("branchId") == "zuid"]
    (day,) = {s.get("date") for s in bookings}
    query = {"siteId": "demo", "serviceId": "haircut", "branchId": "zuid", "from": day, "to": day}
    (shown,) = call("getAvailableSlots", query)["days"]
    assert (shown["status"], shown["slots"]) == ("full", [])
    config = call("getBookingConfig", {"siteId": "demo"})
    assert {b["id"]: b["waitlist"] for b in config["branches"]} == {"centrum": False, "zuid": True}
    entries = admin_call("adminListWaitlist", {"siteId": "demo", "branchId": "zuid"})["entries"]
    assert [(e["customer"]["name"], e["status"]) for e in entries] == [
        ("Mary Jackson", "waiting"),
        ("Dorothy Vaughan", "waiting"),
    ]

    admin_call("adminChangeBookingStatus", {"siteId": "demo", "bookingId": bookings[0].id, "action": "cancel"})
    entries = admin_call("adminListWaitlist", {"siteId": "demo", "branchId": "zuid"})["entries"]
    assert [e["status"] for e in entries] == ["offered", "waiting"]
    mails = [s.to_dict() for s in demo.collection("sites/demo/outbox").stream()]
    assert [m["to"]["email"] for m in mails if m["kind"] == "waitlist_offer"] == ["mary@example.com"]
    assert demo_waitlist.add_demo_waitlist() == "Demo waitlist: Zuid's waitlist has entries already, none added."
