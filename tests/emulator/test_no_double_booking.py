"""Racing real requests against the emulator; the stored data is checked
independently of the code that wrote it."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from itertools import combinations, pairwise
from typing import Any

import pytest
import requests

from tests.support.dates import AMSTERDAM, local, next_workday
from tests.support.emulator import CallableError, call, change_catalog


def warm_workers(count: int) -> None:
    """The functions emulator starts a process per concurrent request; start
    them with harmless invalid calls first, so the race itself is a race."""
    with ThreadPoolExecutor(max_workers=count) as pool:
        list(pool.map(warm_one, range(count)))


def warm_one(index: int) -> None:
    with contextlib.suppress(CallableError):
        call("createBooking", {}, ip=f"198.18.1.{index}")


def race(requests_to_send: list[dict[str, Any]]) -> list[dict[str, Any] | CallableError]:
    """Send every createBooking at the same moment, each from its own client IP."""
    warm_workers(len(requests_to_send))
    barrier = threading.Barrier(len(requests_to_send))

    def send(index: int) -> dict[str, Any] | CallableError:
        session = requests.Session()
        barrier.wait()
        try:
            return dict(
                call("createBooking", requests_to_send[index], ip=f"10.9.{index // 250}.{index % 250}", session=session)
            )
        except CallableError as error:
            return error

    with ThreadPoolExecutor(max_workers=len(requests_to_send)) as pool:
        return list(pool.map(send, range(len(requests_to_send))))


def request(start: str, service: str = "haircut", staff: str | None = "anna", index: int = 0) -> dict[str, Any]:
    """A booking request; `staff=None` leaves the choice to the server."""
    return {
        "siteId": "demo",
        "serviceId": service,
        "branchId": "centrum",
        **({"staffId": staff} if staff else {}),
        "start": start,
        "customer": {"name": f"Client {index}", "email": f"client{index}@example.com"},
    }


def without_staff(db: Any) -> None:
    """The demo site as a business without staff: the site itself is booked."""
    from booking.adapters.site_store import mark_catalog_changed

    batch = db.batch()
    for snapshot in db.collection("sites/demo/staff").stream():
        batch.delete(snapshot.reference)
    mark_catalog_changed(batch, "demo")
    batch.commit()


def stored_holding_bookings(db: Any) -> list[dict[str, Any]]:
    docs = [{**snapshot.to_dict(), "id": snapshot.id} for snapshot in db.collection("sites/demo/bookings").stream()]
    return [doc for doc in docs if doc["status"] not in ("cancelled", "expired")]


def assert_calendars_hold_exactly(db: Any, bookings: list[dict[str, Any]]) -> None:
    """The busy calendars that availability reads list exactly the bookings that hold time."""
    entries = set()
    for snapshot in db.collection("sites/demo/calendars").stream():
        entries |= {(snapshot.id.rsplit("_", 1)[0], value) for value in snapshot.to_dict().get("busy", [])}
    expected = {
        (b["staffId"], f"{int(b['start'].timestamp())}/{int(b['end'].timestamp())}/{b['id']}") for b in bookings
    }
    assert entries == expected


def assert_no_overlaps(bookings: list[dict[str, Any]]) -> None:
    """Per staff member (or the site itself, staffId None), read from the stored documents."""
    for first, second in combinations(bookings, 2):
        if first.get("staffId") == second.get("staffId"):
            assert first["end"] <= second["start"] or second["end"] <= first["start"], (first, second)


@pytest.mark.parametrize("clients", [2, 10, 50])
def test_exactly_one_of_k_racing_clients_gets_the_slot(demo: Any, clients: int) -> None:
    start = local(next_workday(2), 10)
    results = race([request(start, index=i) for i in range(clients)])
    winners = [r for r in results if isinstance(r, dict)]
    losers = [r for r in results if isinstance(r, CallableError)]
    assert len(winners) == 1
    assert {(e.status, e.message) for e in losers} == (
        {("ALREADY_EXISTS", "Time slot no longer available")} if losers else set()
    )
    assert len(stored_holding_bookings(demo)) == 1
    # The confirmation commits with the winning booking, and with nothing else.
    assert [record.id for record in demo.collection("sites/demo/outbox").stream()] == [
        f"{winners[0]['bookingId']}-created"
    ]


def test_racing_mixed_durations_and_offsets_never_overlap(demo: Any) -> None:
    demo.document("sites/demo").update({"settings.slotIntervalMinutes": 15})
    change_catalog(demo, "sites/demo/staff/anna", {"serviceIds": ["haircut", "beard"]})
    day = next_workday(2)
    starts = [
        datetime(day.year, day.month, day.day, 9, tzinfo=AMSTERDAM) + timedelta(minutes=15 * i) for i in range(12)
    ]
    wanted = [
        request(start.isoformat(), service=("beard", "haircut")[i % 2], index=i)
        for i, start in enumerate(starts)
        for _ in range(3)
    ]
    results = race(wanted)
    assert any(isinstance(r, dict) for r in results)
    bookings = stored_holding_bookings(demo)
    assert len(bookings) == sum(isinstance(r, dict) for r in results)
    assert_no_overlaps(bookings)
    assert_calendars_hold_exactly(demo, bookings)


def test_buffers_hold_under_racing_requests(demo: Any) -> None:
    demo.document("sites/demo").update({"settings.bufferMinutes": 15})
    day = next_workday(2)
    results = race([request(local(day, 10)), request(local(day, 10, 30)), request(local(day, 11))])
    bookings = sorted(stored_holding_bookings(demo), key=lambda b: b["start"])
    assert len(bookings) == sum(isinstance(r, dict) for r in results) >= 1
    for before, after in pairwise(bookings):
        assert after["start"] - before["end"] >= timedelta(minutes=15)


def test_a_cancelled_slot_can_be_booked_again_by_one_racer(demo: Any) -> None:
    start = local(next_workday(2), 15)
    first = call("createBooking", request(start))
    call("cancelBooking", {"siteId": "demo", "bookingId": first["bookingId"], "token": first["manageToken"]})
    results = race([request(start, index=i) for i in range(10)])
    assert sum(isinstance(r, dict) for r in results) == 1
    assert len(stored_holding_bookings(demo)) == 1
    assert_calendars_hold_exactly(demo, stored_holding_bookings(demo))


def test_50_racing_clients_without_a_chosen_staff_member_get_one_booking_per_free_staff_member(demo: Any) -> None:
    """Anna and Ben both cut hair at Centrum: the slot has one place each."""
    start = local(next_workday(2), 10)
    results = race([request(start, staff=None, index=i) for i in range(50)])
    winners = [r for r in results if isinstance(r, dict)]
    losers = [r for r in results if isinstance(r, CallableError)]
    assert len(winners) == 2
    assert {(e.status, e.message) for e in losers} == {("ALREADY_EXISTS", "Time slot no longer available")}
    bookings = stored_holding_bookings(demo)
    assert sorted(b["staffId"] for b in bookings) == ["anna", "ben"]
    assert {b["id"] for b in bookings} == {w["bookingId"] for w in winners}
    assert_no_overlaps(bookings)
    assert_calendars_hold_exactly(demo, bookings)


def test_50_racing_clients_on_a_site_without_staff_leave_exactly_one_booking(demo: Any) -> None:
    without_staff(demo)
    start = local(next_workday(2), 11)
    results = race([request(start, staff=None, index=i) for i in range(50)])
    winners = [r for r in results if isinstance(r, dict)]
    losers = [r for r in results if isinstance(r, CallableError)]
    assert len(winners) == 1
    assert {(e.status, e.message) for e in losers} == {("ALREADY_EXISTS", "Time slot no longer available")}
    bookings = stored_holding_bookings(demo)
    assert [(b["id"], b.get("staffId")) for b in bookings] == [(winners[0]["bookingId"], None)]
    assert_no_overlaps(bookings)
