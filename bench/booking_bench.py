"""Benchmarks of the booking callables over HTTP through the emulators."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import demo_data
import seed
import stack

from bench import analytics_bench, calendar_sync_bench, cpu, pos_bench, waitlist_bench
from bench.booking_calls import ZONE, Visitor, booking, percentile, reset, slot_starts, workdays


def closed_day_booking() -> dict[str, Any]:
    """A valid request for a Sunday, when the demo site is closed: it runs the
    whole read path (catalog, rate limit, busy time) and books nothing."""
    day = datetime.now(ZONE).date() + timedelta(days=1)
    while day.weekday() != 6:
        day += timedelta(days=1)
    return booking(datetime(day.year, day.month, day.day, 10, tzinfo=ZONE).isoformat(), "anna", 0)


SPARE_WORKERS = 10
"""The emulator marks a worker idle only once it has relayed its response,
so a round sent the moment the last one answered can find a few still busy
and would start cold ones in the middle of the measurement."""

COLD_STARTS_AT_ONCE = 4
"""New workers started together while warming up. Each cold start is about a
second of CPU: sixty at once on two cores took each past the emulator's
start deadline, and the emulator then abandons the worker and its request."""


def warm_workers(count: int) -> None:
    """Have `count` warm instances and a few spare, as a deployed function
    would after its first requests.

    The functions emulator runs one request per worker process and starts a
    new process (a cold start of a second or more here) whenever all are
    busy; each process then opens its Firestore connection, caches the
    catalog and loads the e-mail templates on its first real requests. So:
    simultaneous calls start the processes, then rounds of simultaneous
    valid calls warm each.
    """
    count += SPARE_WORKERS

    def simultaneous(requests_to_send: list[dict[str, Any]]) -> None:
        barrier = threading.Barrier(len(requests_to_send))

        def send(data: dict[str, Any]) -> None:
            visitor = Visitor()
            barrier.wait()
            visitor.call("createBooking", data)

        with ThreadPoolExecutor(len(requests_to_send)) as pool:
            list(pool.map(send, requests_to_send))

    # Grow the pool a few workers at a time: each round keeps the workers
    # there busy and starts at most COLD_STARTS_AT_ONCE new ones.
    for size in range(COLD_STARTS_AT_ONCE, count, COLD_STARTS_AT_ONCE):
        simultaneous([{}] * size)

    # Real bookings for Chloé at the other branch, whose time no measured
    # request uses: two rounds of distinct slots (the emulator gives work to
    # the first idle process, so the last ones started get some only when the
    # calls overlap), then races for one slot, which warm the losing path.
    starts = slot_starts(workdays(12))
    chloe = iter({**booking(start, "chloe", n), "branchId": "zuid"} for n, start in enumerate(starts))
    simultaneous([{}] * count)
    simultaneous([closed_day_booking()] * count)
    for _ in range(2):
        simultaneous([next(chloe) for _ in range(count)])
    for _ in range(2):
        simultaneous([next(chloe)] * count)


def sequential_create(db: Any) -> float:
    reset(db)
    visitor = Visitor()
    starts = slot_starts(workdays(4))[:60]
    visitor.call("createBooking", booking(starts[0], "anna", 0))  # warm the worker
    latencies = [visitor.call("createBooking", booking(s, "ben", i))[0] for i, s in enumerate(starts[1:])]
    return percentile(latencies, 0.95)


def throughput(db: Any, workers: int = 8) -> tuple[float, dict[str, float]]:
    """Bookings per second of distinct slots, 8 at a time, and the CPU each
    booking cost every part of the emulator suite."""
    reset(db)
    jobs = [(s, staff) for s in slot_starts(workdays(12)) for staff in ("anna", "ben")][:240]
    visitors = threading.local()

    def send(job: tuple[int, tuple[str, str]]) -> bool:
        index, (start, staff) = job
        visitors.value = getattr(visitors, "value", None) or Visitor()
        return "result" in visitors.value.call("createBooking", booking(start, staff, index))[1]

    warm_workers(workers)
    before, started = cpu.cpu_seconds(), time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        done = sum(pool.map(send, enumerate(jobs)))
    elapsed = time.perf_counter() - started
    return done / elapsed, cpu.per_item_ms(before, cpu.cpu_seconds(), done)


def callable_floor(workers: int = 8, calls: int = 400) -> float:
    """Calls per second of a request refused at once (invalid input: nothing
    read or written), 8 at a time, on the workers the throughput run warmed:
    what the functions emulator itself sustains here, the ceiling of any
    callable on this machine."""
    visitors = threading.local()

    def send(_: int) -> None:
        visitors.value = getattr(visitors, "value", None) or Visitor()
        visitors.value.call("createBooking", {})

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(send, range(calls)))
    return calls / (time.perf_counter() - started)


def claim_throughput(db: Any, workers: int = 8) -> float:
    """The claim alone (locks + booking + calendar + customer in one commit),
    called in-process with 8 threads: what the storage design sustains
    without the functions emulator's per-request process in front of it."""
    from booking.adapters import booking_store

    reset(db)
    days = [datetime.now(ZONE).date() + timedelta(days=i) for i in range(1, 31)]
    bookings = [
        stored_booking(1000 * n + 10 * i + k, f"claim{n}", datetime(d.year, d.month, d.day, 9 + k, tzinfo=ZONE))
        for n in range(workers)
        for i, d in enumerate(days)
        for k in range(4)
    ]
    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(booking_store.claim, bookings))
    return len(bookings) / (time.perf_counter() - started)


def contention(db: Any, clients: int = 50, rounds: int = 4) -> tuple[float, int]:
    """Latency of each racer for one slot, and racers that failed otherwise than 'taken'."""
    reset(db)
    warm_workers(clients)
    latencies: list[float] = []
    gave_up = 0
    visitors = [Visitor() for _ in range(clients)]  # each client keeps its connection
    for start in slot_starts(workdays(1))[:rounds]:
        barrier = threading.Barrier(clients)

        def race(index: int, start: str = start, barrier: threading.Barrier = barrier) -> tuple[float, dict[str, Any]]:
            visitor = visitors[index]
            barrier.wait()
            return visitor.call("createBooking", booking(start, "anna", index))

        with ThreadPoolExecutor(clients) as pool:
            outcomes = list(pool.map(race, range(clients)))
        latencies += [ms for ms, _ in outcomes]
        winners = sum("result" in body for _, body in outcomes)
        taken = sum(body.get("error", {}).get("status") == "ALREADY_EXISTS" for _, body in outcomes)
        gave_up += clients - winners - taken + abs(winners - 1)
    return percentile(latencies, 0.99), gave_up


def stored_booking(index: int, staff_id: str, start: datetime) -> Any:
    """A booking as createBooking stores it, for seeding through the real write path."""
    from booking.domain.booking import Customer
    from booking.domain.model import BookingSource, BookingStatus, Service, StaffMember
    from booking.domain.record import new_booking

    return new_booking(
        booking_id=f"bench{index}",
        site_id=demo_data.SITE_ID,
        branch_id="centrum",
        service=Service(id="haircut", name="Haircut", duration_minutes=30, price_cents=3500),
        staff=StaffMember(id=staff_id, name=staff_id),
        start=start,
        end=start + timedelta(minutes=30),
        timezone="Europe/Amsterdam",
        customer=Customer("Bench", f"bench{index}@example.com"),
        status=BookingStatus.CONFIRMED,
        now=datetime.now(UTC),
        manage_token_hash="0" * 64,
        buffer_minutes=0,
        source=BookingSource.ONLINE,
    )


def busy_site(db: Any, staff: int = 10, per_day: int = 10) -> dict[str, Any]:
    """The demo site with `staff` staff at Centrum, a 90-day horizon and ~10
    bookings each a day; returns the getAvailableSlots query for 90 days."""
    from booking.adapters import booking_store, site_store

    reset(db)
    site = db.collection("sites").document(demo_data.SITE_ID)
    batch = db.batch()
    batch.update(site, {"settings.horizonDays": 90, "settings.slotIntervalMinutes": 15})
    for member in ("anna", "ben"):
        batch.update(site.collection("staff").document(member), {"active": False})
    for n in range(staff):
        batch.set(
            site.collection("staff").document(f"bench{n}"),
            {"name": f"Bench {n}", "serviceIds": ["haircut"], "branchId": "centrum", "active": True},
        )
    site_store.mark_catalog_changed(batch, demo_data.SITE_ID)  # as admin writes do
    batch.commit()
    days = [datetime.now(ZONE).date() + timedelta(days=i) for i in range(90)]
    hours = [9, 10, 11, 12, 13, 14, 15, 16, 16, 9][:per_day]
    bookings = [
        stored_booking(
            len(days) * 100 * n + 100 * i + k,
            f"bench{n}",
            datetime(day.year, day.month, day.day, hour, 30 if k == 9 else 0, tzinfo=ZONE).astimezone(UTC),
        )
        for n in range(staff)
        for i, day in enumerate(days)
        if day.weekday() != 6
        for k, hour in enumerate(hours)
        if k != 8
    ]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(booking_store.claim, bookings))
    query = {
        "siteId": demo_data.SITE_ID,
        "serviceId": "haircut",
        "branchId": "centrum",
        "from": days[0].isoformat(),
        "to": days[-1].isoformat(),
    }
    return query


def slots_call(db: Any) -> dict[str, float]:
    """getAvailableSlots for 10 staff over 90 days, ~10 bookings each a day,
    warm: the p95 latency, and the Python CPU per call in the functions,
    which the other engineers' load on a shared machine hardly moves."""
    query = busy_site(db)
    visitor = Visitor()
    for _ in range(3):
        visitor.call("getAvailableSlots", query)
    latencies = []
    before = cpu.cpu_seconds()
    for _ in range(30):
        ms, body = visitor.call("getAvailableSlots", query)
        assert len(body["result"]["days"]) == 90, body
        latencies.append(ms)
    used = cpu.per_item_ms(before, cpu.cpu_seconds(), 30)
    return {
        "slots_call_10staff_90d_p95_ms": round(percentile(latencies, 0.95), 2),
        "slots_call_cpu_ms_functions": used["functions"],
    }


def first_call(db: Any) -> dict[str, float]:
    """The first getBookingConfig of the run: the emulator starts a worker
    for it (workers are per function), which imports `main` and then
    answers, as a new instance serves the first visitor of the day."""
    reset(db)
    ms, body = Visitor().call("getBookingConfig", {"siteId": demo_data.SITE_ID})
    assert "result" in body, body
    return {"cold_first_call_ms": round(ms, 1)}


def contention_step(db: Any) -> dict[str, float]:
    p99, gave_up = contention(db)
    return {"booking_contention_k50_p99_ms": round(p99, 1), "booking_contention_k50_gave_up": gave_up}


def throughput_step(db: Any) -> dict[str, float]:
    rate, cpu_per_booking = throughput(db)
    return {
        "booking_throughput_8w_per_s": round(rate, 1),
        **{f"booking_cpu_ms_{role}": ms for role, ms in cpu_per_booking.items()},
    }


def floor_step(db: Any) -> dict[str, float]:
    """Right after the throughput run, on the workers it warmed."""
    return {"callable_floor_8w_per_s": round(callable_floor(), 1)}


STEPS: list[tuple[str, Callable[[Any], dict[str, float]]]] = [
    ("first getBookingConfig on a fresh worker", first_call),
    ("50 clients racing for one slot", contention_step),
    ("sequential createBooking", lambda db: {"booking_create_p95_ms": round(sequential_create(db), 2)}),
    ("createBooking 8 at a time", throughput_step),
    ("refused calls 8 at a time", floor_step),
    ("getAvailableSlots, 10 staff x 90 days", slots_call),
    ("the claim alone, in-process", lambda db: {"booking_claim_throughput_8w_per_s": round(claim_throughput(db), 1)}),
    ("POS cash sale, sequential", pos_bench.step),
    ("a cancel offered to the waitlist", waitlist_bench.offer_step),
    ("the dashboard aggregate over 10,000 bookings", analytics_bench.analytics_step),
    ("one calendar sync round over 100 CalDAV connections", calendar_sync_bench.step),
]
"""In order; each names itself when it fails."""


def client() -> Any:
    os.environ["FIRESTORE_EMULATOR_HOST"] = f"127.0.0.1:{stack.ports()['firestore']}"
    return seed.emulator_client()
