"""Rate limits per client IP, and the counter primitive under them
(`booking.adapters.rate_limit`), counted with server-side increments."""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from booking.adapters import rate_limit
from booking.domain.errors import RateLimited
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


def at_once(count: int, action: Any) -> list[Any]:
    """Run `action(index)` in `count` threads released together, in this process."""
    barrier = threading.Barrier(count)

    def run(index: int) -> Any:
        barrier.wait()
        return action(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


NOW = datetime.now(UTC).replace(microsecond=0)


def test_a_simultaneous_burst_on_one_counter_sees_each_total_once(db: Any) -> None:
    totals = at_once(50, lambda _: rate_limit.increment("test", "test_burst", timedelta(minutes=1), NOW).total)
    assert sorted(totals) == list(range(1, 51))
    index, _ = rate_limit.window_of(NOW, timedelta(minutes=1))
    assert db.collection("rateLimits").document(f"test_burst_{index}").get().get("count") == 50


def test_a_simultaneous_burst_of_50_consumes_admits_exactly_the_limit(db: Any) -> None:
    def consume(_: int) -> str:
        try:
            rate_limit.consume("slots", "192.0.2.60", 30, NOW)
            return "OK"
        except RateLimited:
            return "LIMITED"

    outcomes = at_once(50, consume)
    assert (outcomes.count("OK"), outcomes.count("LIMITED")) == (30, 20)


def test_counters_that_count_together_get_their_own_totals(db: Any) -> None:
    window = timedelta(minutes=15)
    rate_limit.increment("b", "test_b", window, NOW)
    first, second = rate_limit.increment_together([("a", "test_a"), ("b", "test_b")], window, NOW)
    assert (first.total, second.total) == (1, 2)
    index, end = rate_limit.window_of(NOW, window)
    assert (first.doc_id, second.doc_id) == (f"test_a_{index}", f"test_b_{index}")
    stored = db.collection("rateLimits").document(first.doc_id).get().to_dict()
    assert stored == {"kind": "a", "count": 1, "expiresAt": end + rate_limit.COUNTER_RETENTION}


def test_giving_places_back_makes_room_for_the_next_request(db: Any) -> None:
    window = timedelta(minutes=1)
    held = at_once(10, lambda _: rate_limit.increment("test", "test_back", window, NOW))
    rate_limit.give_back(held[:4])
    assert rate_limit.increment("test", "test_back", window, NOW).total == 7
    other = rate_limit.increment("test", "test_other", window, NOW)
    rate_limit.give_back([other])
    assert db.collection("rateLimits").document(other.doc_id).get().get("count") == 0


def test_a_new_window_starts_a_new_counter(db: Any) -> None:
    window = timedelta(minutes=1)
    assert rate_limit.increment("test", "test_win", window, NOW).total == 1
    later = rate_limit.increment("test", "test_win", window, NOW + window)
    assert later.total == 1
    assert later.doc_id == f"test_win_{rate_limit.window_of(NOW, window)[0] + 1}"


def test_a_block_lasts_until_its_end_and_carries_an_expiry(db: Any) -> None:
    assert rate_limit.blocked_until("testBlock_x") is None
    until = NOW + timedelta(minutes=15)
    rate_limit.block("testBlock", "testBlock_x", until)
    assert rate_limit.blocked_until("testBlock_x") == until
    stored = db.collection("rateLimits").document("testBlock_x").get().to_dict()
    assert stored == {"kind": "testBlock", "until": until, "expiresAt": until + rate_limit.COUNTER_RETENTION}


def test_public_counter_ids_keep_their_format(db: Any) -> None:
    rate_limit.consume("slots", "192.0.2.61", 30, NOW)
    digest = hashlib.sha256(b"192.0.2.61").hexdigest()[:24]
    (snapshot,) = db.collection("rateLimits").stream()
    assert snapshot.id == f"slots_{digest}_{int(NOW.timestamp()) // 60}"


TOKEN_REQUEST = {"siteId": "demo", "bookingId": "nope", "token": "t" * 43}
LIMITED_CALLABLES = [
    ("getManagedBooking", TOKEN_REQUEST, 30),
    ("confirmBooking", TOKEN_REQUEST, 5),
    ("rescheduleBooking", {**TOKEN_REQUEST, "start": "2030-01-07T10:00:00+01:00"}, 5),
    ("staffDirectory", {"siteId": "demo"}, 30),
    ("getPaymentStatus", TOKEN_REQUEST, 30),
]


@pytest.mark.parametrize(("name", "data", "per_minute"), LIMITED_CALLABLES, ids=[c[0] for c in LIMITED_CALLABLES])
def test_each_public_callable_refuses_the_call_past_its_limit(
    demo: Any, name: str, data: dict[str, Any], per_minute: int
) -> None:
    start_of_a_fresh_window()
    ip = f"192.0.2.{100 + [c[0] for c in LIMITED_CALLABLES].index(name)}"
    outcomes = []
    for _ in range(per_minute + 1):
        try:
            call(name, data, ip=ip)
            outcomes.append("OK")
        except CallableError as error:
            outcomes.append(error.status)
    assert "RESOURCE_EXHAUSTED" not in outcomes[:per_minute]
    assert outcomes[per_minute] == "RESOURCE_EXHAUSTED"
    # Another address is still served as before.
    try:
        call(name, data, ip="192.0.2.200")
        other = "OK"
    except CallableError as error:
        other = error.status
    assert other == outcomes[0]
