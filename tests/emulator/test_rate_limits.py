"""Rate limits per client IP, counted in Firestore transactions."""

from __future__ import annotations

import contextlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests

from tests.support.dates import next_workday
from tests.support.emulator import CallableError, call

QUERY = {"siteId": "demo", "serviceId": "haircut", "branchId": "centrum"}


def burst(name: str, data: dict[str, Any], count: int, ip: str) -> list[str]:
    """Fire `count` identical calls at once from one IP; return each outcome."""
    barrier = threading.Barrier(count)

    def send(_: int) -> str:
        session = requests.Session()
        barrier.wait()
        try:
            call(name, data, ip=ip, session=session)
            return "OK"
        except CallableError as error:
            return error.status

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(send, range(count)))


def start_of_a_fresh_window() -> None:
    """Counters use one-minute windows; a burst that straddles two would be
    counted in both. Wait until most of a window lies ahead."""
    seconds_into_minute = time.time() % 60
    if seconds_into_minute > 40:
        time.sleep(60 - seconds_into_minute + 0.5)


def warm_workers(name: str, data: dict[str, Any], count: int) -> None:
    """The functions emulator starts one process per concurrent request; start
    them first (from other addresses) so the burst itself arrives at once."""
    with ThreadPoolExecutor(max_workers=count) as pool:
        list(pool.map(lambda i: burst_one(name, data, f"198.18.0.{i}"), range(count)))


def burst_one(name: str, data: dict[str, Any], ip: str) -> None:
    with contextlib.suppress(CallableError):
        call(name, data, ip=ip)


def slot_query() -> dict[str, Any]:
    day = next_workday(2).isoformat()
    return {**QUERY, "from": day, "to": day}


def test_a_simultaneous_burst_of_50_slot_requests_admits_at_most_30(demo: Any) -> None:
    warm_workers("getAvailableSlots", slot_query(), 50)
    start_of_a_fresh_window()
    outcomes = burst("getAvailableSlots", slot_query(), 50, ip="192.0.2.50")
    assert 1 <= outcomes.count("OK") <= 30
    assert set(outcomes) <= {"OK", "RESOURCE_EXHAUSTED"}
    assert outcomes.count("RESOURCE_EXHAUSTED") >= 20


def test_the_sixth_booking_attempt_in_a_minute_is_refused(demo: Any) -> None:
    cancel = {"siteId": "demo", "bookingId": "nope", "token": "t" * 43}
    statuses = []
    for _ in range(6):
        try:
            call("cancelBooking", cancel, ip="192.0.2.6")
        except CallableError as error:
            statuses.append(error.status)
    assert statuses == ["PERMISSION_DENIED"] * 5 + ["RESOURCE_EXHAUSTED"]


def test_limits_are_counted_per_client_ip(demo: Any) -> None:
    for _ in range(30):
        call("getAvailableSlots", slot_query(), ip="192.0.2.30")
    with pytest.raises(CallableError) as limited:
        call("getAvailableSlots", slot_query(), ip="192.0.2.30")
    assert limited.value.status == "RESOURCE_EXHAUSTED"
    assert call("getAvailableSlots", slot_query(), ip="192.0.2.31")["days"]


def test_only_the_last_forwarded_hop_counts(demo: Any) -> None:
    """A client can't reset its quota by prepending made-up addresses."""
    for index in range(30):
        call("getAvailableSlots", slot_query(), ip=f"10.0.0.{index}, 192.0.2.99")
    with pytest.raises(CallableError) as limited:
        call("getAvailableSlots", slot_query(), ip="10.0.0.200, 192.0.2.99")
    assert limited.value.status == "RESOURCE_EXHAUSTED"


def test_counters_carry_an_expiry_for_the_ttl_policy(demo: Any) -> None:
    call("getAvailableSlots", slot_query(), ip="192.0.2.77")
    (counter,) = [snapshot.to_dict() for snapshot in demo.collection("rateLimits").stream()]
    assert counter["count"] == 1
    assert counter["kind"] == "slots"
    assert counter["expiresAt"] is not None
