"""Calendar sync with Apple (CalDAV) over HTTP: the admin callables, the push
after bookings change, the 5-minute sync into the busy calendars, and
external deletes, against a real CalDAV server (Radicale)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from booking.domain.calendar_sync import event_uid
from scheduled.runner import discover, fire
from tests.emulator.email_support import kinds
from tests.emulator.test_admin_access import NO_ROLE_TOKEN, OTHER_ADMIN_TOKEN, admin_call, admin_error
from tests.support.dates import AMSTERDAM, local, next_workday
from tests.support.emulator import call
from tests.support.radicale import (
    PASSWORD,
    USER,
    RadicaleServer,
    add_event,
    delete_event,
    event_text,
    radicale,
    requests_seen,
)
from tests.support.rules import ADMIN, ANONYMOUS, NO_ROLE, OTHER_ADMIN

__all__ = ["radicale"]

JOB = next(job for job in discover() if job.name == "syncCalendars")
DAY = next_workday(2)
QUERY = {"siteId": "demo", "serviceId": "haircut", "branchId": "centrum", "staffId": "anna"}


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, hour, minute, tzinfo=AMSTERDAM).astimezone(UTC)


def connect(server: RadicaleServer, password: str = PASSWORD) -> dict[str, Any]:
    made = admin_call(
        "adminConnectCalDav",
        {"siteId": "demo", "staffId": "anna", "url": server.url, "username": USER, "password": password},
    )
    work = server.calendar_url(USER, "work")
    return admin_call(
        "adminConfigureCalendarSync",
        {
            "siteId": "demo",
            "connectionId": made["id"],
            "writeCalendar": work,
            "busyCalendars": [work],
            "externalDeletesCancel": True,
        },
    )


def free_starts() -> list[str]:
    (day,) = call("getAvailableSlots", {**QUERY, "from": DAY.isoformat(), "to": DAY.isoformat()})["days"]
    return [slot["start"] for slot in day["slots"]]


def book(hour: int) -> str:
    data = {**QUERY, "start": local(DAY, hour), "customer": {"name": "Ada", "email": "ada@example.com"}}
    return str(call("createBooking", data, ip=f"198.51.100.{hour}")["bookingId"])


def make_due(demo: Any, connection_id: str) -> None:
    demo.document(f"sites/demo/calendarConnections/{connection_id}").update(
        {"nextSyncAt": datetime.now(UTC) - timedelta(seconds=1)}
    )


def test_a_busy_event_blocks_exactly_its_slots_after_a_sync(demo: Any, radicale: RadicaleServer) -> None:
    connect(radicale)
    before = free_starts()
    assert {local(DAY, 10), local(DAY, 10, 30), local(DAY, 11)} <= set(before)
    add_event(radicale.calendar_url(USER, "work"), at(10), at(11))
    assert free_starts() == before  # nothing changes until a sync ran

    assert fire(JOB) == "200"
    assert free_starts() == [start for start in before if start not in (local(DAY, 10), local(DAY, 10, 30))]


def test_availability_makes_no_provider_call(demo: Any, radicale: RadicaleServer) -> None:
    connect(radicale)
    add_event(radicale.calendar_url(USER, "work"), at(10), at(11))
    fire(JOB)
    seen = requests_seen(radicale)
    assert local(DAY, 10) not in free_starts()
    assert requests_seen(radicale) == seen


def test_a_booking_appears_in_the_write_calendar_and_cancelling_it_deletes_it(
    demo: Any, radicale: RadicaleServer
) -> None:
    connect(radicale)
    work = radicale.calendar_url(USER, "work")
    booking_id = book(14)
    event = event_text(work, event_uid(booking_id))
    assert event is not None
    assert "Haircut" in event
    admin_call("adminChangeBookingStatus", {"siteId": "demo", "bookingId": booking_id, "action": "cancel"})
    assert event_text(work, event_uid(booking_id)) is None


def test_our_own_pushed_event_never_blocks_other_slots(demo: Any, radicale: RadicaleServer) -> None:
    connection = connect(radicale)
    book(14)
    fire(JOB)
    listing = admin_call("adminListCalendarSync", {"siteId": "demo"})
    (synced,) = [item for item in listing["connections"] if item["id"] == connection["id"]]
    assert synced["busyCount"] == 0
    assert synced["lastSyncAt"] is not None


def test_deleting_a_pushed_event_cancels_the_booking_once_under_two_concurrent_syncs(
    demo: Any, radicale: RadicaleServer
) -> None:
    connection = connect(radicale)
    booking_id = book(15)
    fire(JOB)
    assert demo.document(f"sites/demo/bookings/{booking_id}").get().get("status") == "confirmed"

    delete_event(radicale.calendar_url(USER, "work"), event_uid(booking_id))
    make_due(demo, connection["id"])
    with ThreadPoolExecutor(2) as pool:
        outcomes = list(
            pool.map(
                lambda run: (
                    fire(JOB)
                    if run == 0
                    else str(
                        admin_call("adminSyncCalendarNow", {"siteId": "demo", "connectionId": connection["id"]})["id"]
                    )
                ),
                range(2),
            )
        )
    assert outcomes == ["200", connection["id"]]
    stored = demo.document(f"sites/demo/bookings/{booking_id}").get().to_dict()
    assert stored["status"] == "cancelled"
    assert [change["to"] for change in stored["statusHistory"]].count("cancelled") == 1
    assert kinds(demo, booking_id).count("cancelled") == 1  # the client is told, once
    assert local(DAY, 15) in free_starts()


def test_external_deletes_leave_the_booking_when_switched_off(demo: Any, radicale: RadicaleServer) -> None:
    connection = connect(radicale)
    work = radicale.calendar_url(USER, "work")
    admin_call(
        "adminConfigureCalendarSync",
        {
            "siteId": "demo",
            "connectionId": connection["id"],
            "writeCalendar": work,
            "busyCalendars": [work],
            "externalDeletesCancel": False,
        },
    )
    booking_id = book(15)
    fire(JOB)
    delete_event(work, event_uid(booking_id))
    make_due(demo, connection["id"])
    fire(JOB)
    assert demo.document(f"sites/demo/bookings/{booking_id}").get().get("status") == "confirmed"


def test_a_refused_password_marks_the_connection_for_reconnecting_and_stops_retrying(
    demo: Any, radicale: RadicaleServer
) -> None:
    connection = connect(radicale)
    (radicale.folder / "users").write_text(f"{USER}:a-new-password\n")
    fire(JOB)
    (state,) = admin_call("adminListCalendarSync", {"siteId": "demo"})["connections"]
    assert state["status"] == "reconnect"
    assert "refused" in state["lastError"]
    seen = requests_seen(radicale)
    make_due(demo, connection["id"])
    fire(JOB)
    assert requests_seen(radicale) == seen


def test_a_wrong_password_is_refused_when_connecting_and_nothing_is_stored(demo: Any, radicale: RadicaleServer) -> None:
    error = admin_error(
        "adminConnectCalDav",
        {"siteId": "demo", "staffId": "anna", "url": radicale.url, "username": USER, "password": "wrong"},
    )
    assert error.status == "FAILED_PRECONDITION", error.message
    assert "refused" in error.message
    assert not list(demo.collection("sites/demo/calendarConnections").stream())


def test_the_listing_never_shows_credentials_and_disconnect_removes_the_busy_time(
    demo: Any, radicale: RadicaleServer
) -> None:
    connection = connect(radicale)
    add_event(radicale.calendar_url(USER, "work"), at(10), at(11))
    fire(JOB)
    listing = admin_call("adminListCalendarSync", {"siteId": "demo"})
    assert PASSWORD not in str(listing)
    assert "credentials" not in str(listing)
    stored = demo.document(f"sites/demo/calendarConnections/{connection['id']}").get().to_dict()
    assert PASSWORD not in str(stored)
    admin_call("adminDisconnectCalendar", {"siteId": "demo", "connectionId": connection["id"]})
    assert local(DAY, 10) in free_starts()
    assert admin_call("adminListCalendarSync", {"siteId": "demo"})["connections"] == []


@pytest.mark.parametrize("auth", [None, NO_ROLE_TOKEN, OTHER_ADMIN_TOKEN])
def test_only_the_sites_admins_see_calendar_sync(demo: Any, auth: str | None) -> None:
    error = admin_error("adminListCalendarSync", {"siteId": "demo"}, auth)
    assert error.status in ("UNAUTHENTICATED", "PERMISSION_DENIED")


@pytest.mark.parametrize(
    "path",
    ["sites/demo/calendarConnections/c1", "sites/demo/calendarPushes/c1_b1", "sites/demo/calendarConsents/n1"],
)
def test_no_client_reads_or_writes_calendar_connections_not_even_the_sites_admin(demo: Any, path: str) -> None:
    demo.document(path).set({"credentials": "sealed"})
    for client in (ANONYMOUS, NO_ROLE, OTHER_ADMIN, ADMIN):
        assert not client.can_read(path), path
        assert not client.can_write(path, {"credentials": "x"}), path
        assert not client.can_delete(path), path
    assert not ADMIN.can_list(path.rsplit("/", 1)[0])


def test_make_devs_demo_calendar_is_connected_once_and_the_demo_bookings_appear_in_it(demo: Any, tmp_path: Any) -> None:
    import contextlib
    import urllib.error

    import demo_bookings
    import demo_calendar
    from radicale_server import DEMO_PASSWORD, DEMO_USER, free_port

    from tests.emulator.test_tools import stub_checkout_token
    from tests.support.emulator import demo_data, seeding

    with contextlib.suppress(urllib.error.HTTPError):  # made by an earlier test
        seeding.create_admin(demo_data.ADMIN_EMAIL, demo_data.ADMIN_PASSWORD, demo_data.SITE_ID)
    server = RadicaleServer(tmp_path / "dev", free_port(), {DEMO_USER: DEMO_PASSWORD}).start()
    try:
        assert "Anna's bookings go to" in demo_calendar.connect_demo_calendar(server)
        assert "connected already" in demo_calendar.connect_demo_calendar(server)
        demo_bookings.add_demo_bookings(pay_token=stub_checkout_token)
        annas = [
            doc.id
            for doc in demo.collection("sites/demo/bookings").stream()
            if doc.get("staffId") == "anna" and doc.get("status") != "cancelled"
        ]
        assert annas
        for booking_id in annas:
            response = requests.get(
                f"{server.calendar_url(DEMO_USER, 'work')}{event_uid(booking_id)}.ics",
                auth=(DEMO_USER, DEMO_PASSWORD),
                timeout=10,
            )
            assert response.status_code == 200, booking_id
    finally:
        server.stop()


def test_a_busy_event_on_a_booking_is_flagged_as_a_conflict_and_the_booking_stays(
    demo: Any, radicale: RadicaleServer
) -> None:
    connect(radicale)
    booking_id = book(14)
    add_event(radicale.calendar_url(USER, "work"), at(14), at(15))
    fire(JOB)
    (state,) = admin_call("adminListCalendarSync", {"siteId": "demo"})["connections"]
    assert [(item["bookingId"], item["summary"]) for item in state["conflicts"]] == [(booking_id, "Dentist")]
    assert demo.document(f"sites/demo/bookings/{booking_id}").get().get("status") == "confirmed"
    assert local(DAY, 14, 30) not in free_starts()


def test_a_rescheduled_booking_moves_its_event(demo: Any, radicale: RadicaleServer) -> None:
    connect(radicale)
    data = {**QUERY, "start": local(DAY, 14), "customer": {"name": "Ada", "email": "ada@example.com"}}
    made = call("createBooking", data, ip="198.51.100.40")
    call(
        "rescheduleBooking",
        {"siteId": "demo", "bookingId": made["bookingId"], "token": made["manageToken"], "start": local(DAY, 16)},
    )
    event = event_text(radicale.calendar_url(USER, "work"), event_uid(made["bookingId"]))
    assert event is not None
    assert f"{DAY:%Y%m%d}T160000" in event


def test_a_failed_push_never_blocks_the_booking_is_shown_and_is_retried(demo: Any, radicale: RadicaleServer) -> None:
    connection = connect(radicale)
    radicale.stop()
    booking_id = book(14)
    assert demo.document(f"sites/demo/bookings/{booking_id}").get().get("status") == "confirmed"
    (state,) = admin_call("adminListCalendarSync", {"siteId": "demo"})["connections"]
    (failed,) = state["failedPushes"]
    assert failed["bookingId"] == booking_id
    assert failed["error"]
    assert failed["nextAttemptAt"] > datetime.now(UTC).isoformat()

    radicale.start()
    fire(JOB)  # not due yet: backing off
    assert event_text(radicale.calendar_url(USER, "work"), event_uid(booking_id)) is None
    demo.document(f"sites/demo/calendarPushes/{connection['id']}_{booking_id}").update(
        {"nextAttemptAt": datetime.now(UTC) - timedelta(seconds=1)}
    )
    fire(JOB)
    assert event_text(radicale.calendar_url(USER, "work"), event_uid(booking_id)) is not None
    (state,) = admin_call("adminListCalendarSync", {"siteId": "demo"})["connections"]
    assert state["failedPushes"] == []
