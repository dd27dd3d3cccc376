"""Benchmark of the availability engine.

`run()` returns p95 latencies in milliseconds of `available_days` plus
`days_to_json` (the response body), in-process, over repeated runs on
deterministic inputs, and the speed-up over the simple reference
implementation of the tests on the 10 staff x 90 days input.
"""

from __future__ import annotations

import gc
import math
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

_ROOT = Path(__file__).resolve().parent.parent
for _entry in (_ROOT, _ROOT / "functions"):
    if str(_entry) not in sys.path:
        sys.path.insert(0, str(_entry))

from booking.domain.availability import (  # noqa: E402
    AvailabilityRequest,
    Day,
    available_days,
    days_to_json,
)
from booking.domain.busy_seconds import BusySeconds  # noqa: E402
from booking.domain.model import (  # noqa: E402
    Busy,
    Hours,
    Service,
    Settings,
    StaffMember,
    TimeRange,
    WeeklySchedule,
)

ZONE = "Europe/Amsterdam"
NOW = datetime(2024, 3, 4, 6, 0, tzinfo=UTC)  # a Monday; 90 days span the spring change
HOLIDAY = date(2024, 4, 1)  # Easter Monday
RUNS = 40
WARMUP = 3
REFERENCE_RUNS = 3
BOOKINGS_PER_DAY = 10


def _site_hours() -> Hours:
    """Monday-Saturday 09:00-18:00 with a lunch break, Sunday closed."""
    day = (TimeRange(clock(9), clock(18)),)
    lunch = (TimeRange(clock(12, 30), clock(13)),)
    return Hours(
        WeeklySchedule(
            ranges={weekday: day for weekday in range(6)},
            breaks={weekday: lunch for weekday in range(6)},
        ),
        overrides={HOLIDAY: ()},
    )


def _own_hours() -> Hours:
    """A personal schedule for every fifth staff member: 10:00-19:00, with
    Sunday instead of Friday and Saturday."""
    day = (TimeRange(clock(10), clock(19)),)
    return Hours(WeeklySchedule(ranges={weekday: day for weekday in (0, 1, 2, 3, 6)}))


def scenario(staff_count: int, days: int, interval: int, seed: int, as_stored: bool = True) -> AvailabilityRequest:
    """`staff_count` linked staff, 10 half-hour bookings each per working day,
    placed at random in their nine opening hours. The busy time comes as the
    store hands it over (`BusySeconds`, epoch seconds per staff member), or
    as a tuple of `Busy` with aware datetimes (`as_stored=False`)."""
    rng = random.Random(seed)
    zone = ZoneInfo(ZONE)
    service = Service("cut", "Haircut", duration_minutes=30)
    members = tuple(
        StaffMember(
            id=f"staff-{n:03}",
            name=f"Staff {n}",
            service_ids=frozenset({"cut"}),
            hours=_own_hours() if n % 5 == 4 else None,
        )
        for n in range(staff_count)
    )
    today = NOW.astimezone(zone).date()
    busy: list[Busy] = []
    for member in members:
        hours = member.hours or _site_hours()
        for offset in range(days):
            day = today + timedelta(days=offset)
            opening = hours.weekly.ranges.get(day.weekday())
            if not opening or day == HOLIDAY:
                continue
            first = datetime.combine(day, opening[0].start, zone)
            for block in rng.sample(range(18), BOOKINGS_PER_DAY):
                # Firestore hands timestamps back in UTC.
                start = (first + timedelta(minutes=30 * block)).astimezone(UTC)
                busy.append(Busy(start, start + timedelta(minutes=30), member.id))
    rng.shuffle(busy)
    stored: dict[str | None, tuple[list[int], list[int]]] = {}
    for entry in busy:
        starts, ends = stored.setdefault(entry.staff_id, ([], []))
        starts.append(int(entry.start.timestamp()))
        ends.append(int(entry.end.timestamp()))
    return AvailabilityRequest(
        timezone=ZONE,
        hours=_site_hours(),
        service=service,
        staff=members,
        busy=BusySeconds(stored) if as_stored else tuple(busy),
        settings=Settings(slot_interval_minutes=interval, buffer_minutes=5, horizon_days=90),
        now=NOW,
        first_day=today,
        last_day=today + timedelta(days=days - 1),
    )


def _timings(call: Callable[[], object], runs: int, warmup: int) -> list[float]:
    """Wall-clock milliseconds per call. Like `timeit`, the garbage collector
    is paused while a call is timed and run in between."""
    for _ in range(warmup):
        call()
    samples: list[float] = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            call()
            samples.append((time.perf_counter() - started) * 1000.0)
        finally:
            gc.enable()
    return samples


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _respond(engine: Callable[[AvailabilityRequest], tuple[Day, ...]], request: AvailabilityRequest) -> None:
    days_to_json(engine(request))


def run() -> dict[str, float]:
    """The four metrics of issue 3, in milliseconds except the ratio."""
    from tests.unit.domain.reference_availability import reference_days

    small = scenario(1, 14, 30, seed=1)
    medium = scenario(10, 90, 15, seed=10)
    large = scenario(50, 90, 15, seed=50)

    medium_samples = _timings(lambda: _respond(available_days, medium), RUNS, WARMUP)
    reference_samples = _timings(lambda: _respond(reference_days, medium), REFERENCE_RUNS, 0)
    return {
        "slots_1staff_14d_p95_ms": round(_p95(_timings(lambda: _respond(available_days, small), RUNS, WARMUP)), 3),
        "slots_10staff_90d_p95_ms": round(_p95(medium_samples), 3),
        "slots_50staff_90d_p95_ms": round(_p95(_timings(lambda: _respond(available_days, large), RUNS, WARMUP)), 3),
        "slots_speedup_vs_reference": round(
            statistics.median(reference_samples) / statistics.median(medium_samples), 1
        ),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
