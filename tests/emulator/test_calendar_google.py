"""Calendar sync with Google over HTTP: the OAuth consent with a signed,
single-use state to the callback, the push, the incremental sync, an
external delete and a revoked token, against a local Google stand-in."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from booking.adapters.google_calendar import event_id
from scheduled.runner import discover, fire
from tests.emulator.email_support import kinds
from tests.emulator.test_admin_access import admin_call
from tests.support.dates import AMSTERDAM, local, next_workday
from tests.support.emulator import call
from tests.support.google_calendar_stub import start_for_the_emulators

STUB = start_for_the_emulators()
JOB = next(job for job in discover() if job.name == "syncCalendars")
DAY = next_workday(2)
QUERY = {"siteId": "demo", "serviceId": "haircut", "branchId": "centrum", "staffId": "anna"}


def at(hour: int) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, hour, tzinfo=AMSTERDAM).astimezone(UTC)


def consent() -> requests.Response:
    """The admin's browser: to Google's consent, which sends it back to the callback."""
    url = admin_call("adminStartGoogleConnect", {"siteId": "demo", "staffId": "anna"})["url"]
    to_callback = requests.get(url, allow_redirects=False, timeout=30)
    assert to_callback.status_code == 302
    return requests.get(to_callback.headers["Location"], allow_redirects=False, timeout=60)


def connected() -> dict[str, Any]:
    assert "connected=google" in consent().headers["Location"]
    (connection,) = admin_call("adminListCalendarSync", {"siteId": "demo"})["connections"]
    return connection


def book(hour: int) -> str:
    data = {**QUERY, "start": local(DAY, hour), "customer": {"name": "Ada", "email": "ada@example.com"}}
    return str(call("createBooking", data, ip=f"198.51.100.{hour + 100}")["bookingId"])


def make_due(demo: Any, connection_id: str) -> None:
    demo.document(f"sites/demo/calendarConnections/{connection_id}").update(
        {"nextSyncAt": datetime.now(UTC) - timedelta(seconds=1)}
    )


def free_starts() -> list[str]:
    (day,) = call("getAvailableSlots", {**QUERY, "from": DAY.isoformat(), "to": DAY.isoformat()})["days"]
    return [slot["start"] for slot in day["slots"]]


def test_consent_connects_google_and_its_state_works_once(demo: Any) -> None:
    url = admin_call("adminStartGoogleConnect", {"siteId": "demo", "staffId": "anna"})["url"]
    callback = requests.get(url, allow_redirects=False, timeout=30).headers["Location"]
    first = requests.get(callback, allow_redirects=False, timeout=60)
    assert first.status_code == 302
    assert first.headers["Location"].endswith("/admin/#/calendar-sync?connected=google")
    again = requests.get(callback, allow_redirects=False, timeout=60)
    assert "error=" in again.headers["Location"]
    (connection,) = admin_call("adminListCalendarSync", {"siteId": "demo"})["connections"]
    assert (connection["provider"], connection["staffId"], connection["writeCalendar"]) == ("google", "anna", "primary")
    assert "refresh-" not in str(demo.document(f"sites/demo/calendarConnections/{connection['id']}").get().to_dict())


def test_a_forged_state_is_refused(demo: Any) -> None:
    url = admin_call("adminStartGoogleConnect", {"siteId": "demo"})["url"]
    callback = requests.get(url, allow_redirects=False, timeout=30).headers["Location"]
    forged = callback.replace("state=", "state=x")
    assert "error=" in requests.get(forged, allow_redirects=False, timeout=60).headers["Location"]
    assert admin_call("adminListCalendarSync", {"siteId": "demo"})["connections"] == []


def test_bookings_are_pushed_busy_time_blocks_slots_and_a_delete_cancels_once(demo: Any) -> None:
    connection = connected()
    booking_id = book(15)
    assert STUB.events["primary"][event_id(booking_id)]["extendedProperties"] == {"private": {"bookingId": booking_id}}
    STUB.change(
        "primary",
        {
            "id": "dentist1",
            "status": "confirmed",
            "summary": "Dentist",
            "start": {"dateTime": at(10).isoformat()},
            "end": {"dateTime": at(11).isoformat()},
        },
    )
    fire(JOB)
    assert local(DAY, 10) not in free_starts()
    assert local(DAY, 11) in free_starts()

    STUB.change("primary", {"id": event_id(booking_id), "status": "cancelled"})
    make_due(demo, connection["id"])
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda _: fire(JOB), range(2)))
    stored = demo.document(f"sites/demo/bookings/{booking_id}").get().to_dict()
    assert [change["to"] for change in stored["statusHistory"]].count("cancelled") == 1
    assert kinds(demo, booking_id).count("cancelled") == 1
    assert local(DAY, 10) not in free_starts()  # the incremental read kept the other event


def test_a_revoked_token_marks_the_connection_broken_and_stops_retrying(demo: Any) -> None:
    connection = connected()
    STUB.revoked.update(f"refresh-code-{n}" for n in range(1, 50))  # Google revoked the access
    fire(JOB)
    (state,) = admin_call("adminListCalendarSync", {"siteId": "demo"})["connections"]
    assert state["status"] == "reconnect"
    assert state["lastError"]
    asked = STUB.token_requests
    make_due(demo, connection["id"])
    fire(JOB)
    assert STUB.token_requests == asked
    STUB.revoked.clear()
