"""Property tests: the engine against the simple reference and its invariants.

Inputs cluster around daylight-saving changes (including Lord Howe's
30-minute shift) and odd offsets, so the awkward days come up often.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from booking.domain.availability import AvailabilityRequest, Day, available_days, days_to_json
from booking.domain.model import (
    BUFFERS,
    HORIZONS,
    SLOT_INTERVALS,
    BookingStatus,
    Busy,
    Hours,
    Service,
    Settings,
    StaffMember,
    TimeRange,
    WeeklySchedule,
)
from tests.unit.domain.reference_availability import blocks, reference_days, reference_ranges

PLACES = (
    ("America/New_York", date(2024, 3, 10)),  # springs forward 02:00 -> 03:00
    ("America/New_York", date(2024, 11, 3)),  # falls back 02:00 -> 01:00
    ("Europe/Amsterdam", date(2024, 3, 31)),  # springs forward 02:00 -> 03:00
    ("Europe/Amsterdam", date(2024, 10, 27)),  # falls back 03:00 -> 02:00
    ("Australia/Lord_Howe", date(2024, 4, 7)),  # falls back 30 minutes
    ("Australia/Lord_Howe", date(2024, 10, 6)),  # springs forward 30 minutes
    ("America/Santiago", date(2024, 4, 6)),  # falls back at midnight
    ("America/Santiago", date(2024, 9, 8)),  # springs forward at midnight
    ("Asia/Kolkata", date(2024, 6, 12)),  # +05:30
    ("Asia/Kathmandu", date(2024, 6, 12)),  # +05:45
    ("UTC", date(2024, 2, 28)),  # leap day ahead
)
STAFF_IDS = ("a", "b", "c")
SERVICE_ID = "svc"

MOSTLY = st.sampled_from((True, True, True, True, True, False))

times = st.builds(time, st.integers(0, 23), st.sampled_from((0, 15, 30, 45)))
time_ranges = st.builds(TimeRange, times, times)
day_ranges = st.lists(time_ranges, max_size=2).map(tuple)
day_plans = st.lists(time_ranges, min_size=1, max_size=2).map(tuple)

# Strategies are built once here and assembled by plain functions: Hypothesis
# spends most of its time validating strategies created inside draws.
HoursShape = tuple[
    tuple[TimeRange, ...],
    tuple[TimeRange, ...],
    list[int],
    list[tuple[int, TimeRange]],
    list[tuple[int, tuple[TimeRange, ...]]],
]
hours_shapes: st.SearchStrategy[HoursShape] = st.tuples(
    day_plans,
    day_plans,
    st.lists(st.sampled_from((0, 1, 1, 2, 2)), min_size=7, max_size=7),
    st.lists(st.tuples(st.integers(0, 6), time_ranges), max_size=1),
    st.lists(st.tuples(st.integers(-1, 4), day_ranges), max_size=2),
)
BusyShape = tuple[int, int, str | None]
busy_shapes: st.SearchStrategy[BusyShape] = st.tuples(
    st.integers(-288, 4 * 288), st.integers(1, 48), st.sampled_from((None, *STAFF_IDS))
)
staff_shapes = st.tuples(MOSTLY, MOSTLY, st.sampled_from((None, "b1", "b2")), st.none() | hours_shapes)


def make_hours(base: date, shape: HoursShape) -> Hours:
    """Two day plans spread over the week (0 = closed), a break, overrides."""
    first, second, pattern, breaks, overrides = shape
    plans = ((), first, second)
    return Hours(
        weekly=WeeklySchedule(
            ranges={wd: plans[p] for wd, p in enumerate(pattern) if p},
            breaks={wd: (r,) for wd, r in breaks},
        ),
        overrides={base + timedelta(days=n): ranges for n, ranges in overrides},
    )


def make_busy(base: date, shape: BusyShape) -> Busy:
    """Busy time in 5-minute steps from the UTC midnight of `base`."""
    offset, length, staff_id = shape
    start = datetime.combine(base, time(), UTC) + timedelta(minutes=5 * offset)
    return Busy(start, start + timedelta(minutes=5 * length), staff_id)


@st.composite
def requests(draw: st.DrawFn) -> AvailabilityRequest:
    zone, base = draw(st.sampled_from(PLACES))
    staff: list[StaffMember] = []
    for staff_id in STAFF_IDS[: draw(st.integers(0, 3))]:
        linked, active, branch_id, own = draw(staff_shapes)
        staff.append(
            StaffMember(
                id=staff_id,
                name=staff_id.upper(),
                service_ids=frozenset({SERVICE_ID} if linked else ()),
                branch_id=branch_id,
                active=active,
                hours=None if own is None else make_hours(base, own),
            )
        )
    now = datetime.combine(base, time(), UTC) + timedelta(minutes=5 * draw(st.integers(-288, 144)))
    first_day = base + timedelta(days=draw(st.sampled_from((-1, 0, 0, 0, 1, 2, 5, 7))))
    return AvailabilityRequest(
        timezone=zone,
        hours=make_hours(base, draw(hours_shapes)),
        service=Service(
            SERVICE_ID,
            "Service",
            duration_minutes=5 * draw(st.integers(1, 36)),
            active=draw(MOSTLY),
        ),
        staff=tuple(staff),
        busy=tuple(make_busy(base, b) for b in draw(st.lists(busy_shapes, max_size=6))),
        settings=Settings(
            slot_interval_minutes=draw(st.sampled_from(SLOT_INTERVALS)),
            buffer_minutes=draw(st.sampled_from(BUFFERS)),
            horizon_days=draw(st.sampled_from(HORIZONS)),
            min_notice_minutes=draw(st.sampled_from((0, 0, 30, 120, 1440))),
        ),
        now=now,
        first_day=first_day,
        last_day=first_day + timedelta(days=draw(st.integers(0, 3))),
        branch_id=draw(st.sampled_from((None, None, "b1"))),
        staff_id=draw(st.sampled_from((None, None, "a"))),
    )


def taken(days: tuple[Day, ...]) -> set[tuple[date, int, str | None]]:
    """(date, start instant, staff id or None for the site) of every offer."""
    offers: set[tuple[date, int, str | None]] = set()
    for day in days:
        for slot in day.slots:
            stamp = int(slot.start.timestamp())
            for staff_id in slot.staff_ids or (None,):
                offers.add((day.date, stamp, staff_id))
    return offers


def comparable(days: tuple[Day, ...]) -> list[tuple[object, ...]]:
    """Days with instants as epoch seconds: aware datetimes of one zone
    compare by wall clock, which would hide a fall-back mistake."""
    return [
        (
            day.date,
            day.status,
            [(s.start.timestamp(), s.end.timestamp(), s.staff_ids) for s in day.slots],
        )
        for day in days
    ]


@settings(max_examples=500, deadline=None)
@given(requests())
def test_engine_output_equals_reference(request: AvailabilityRequest) -> None:
    engine = available_days(request)
    reference = reference_days(request)
    assert comparable(engine) == comparable(reference)
    assert days_to_json(engine) == days_to_json(reference)


def assert_no_slot_overlaps_busy_time_plus_buffers(request: AvailabilityRequest) -> None:
    """Buffers are counted in elapsed time: in UTC, because arithmetic on a
    local time is wall-clock arithmetic and goes wrong across a change."""
    buffer = timedelta(minutes=request.settings.buffer_minutes)
    for day in available_days(request):
        for slot in day.slots:
            start, end = slot.start.astimezone(UTC), slot.end.astimezone(UTC)
            for staff_id in slot.staff_ids or (None,):
                for busy in request.busy:
                    if staff_id is None and busy.staff_id is not None:
                        continue
                    if staff_id is not None and not blocks(busy, staff_id):
                        continue
                    assert not (start - buffer < busy.end and busy.start < end + buffer)


@settings(max_examples=500, deadline=None)
@given(requests())
def test_no_slot_overlaps_busy_time_plus_buffers(request: AvailabilityRequest) -> None:
    assert_no_slot_overlaps_busy_time_plus_buffers(request)


def test_a_slot_just_after_santiago_falls_back_keeps_its_buffer_in_elapsed_time() -> None:
    """Midnight of 7 April 2024 comes an hour after the first 23:30: a slot
    then is 55 minutes clear of a booking that ended at 02:35 UTC, more than
    the 30-minute buffer (wall-clock arithmetic would say 5 minutes short)."""
    request = AvailabilityRequest(
        timezone="America/Santiago",
        hours=Hours(weekly=WeeklySchedule(ranges={5: (TimeRange(time(0, 15), time(0, 15)),)}, breaks={}), overrides={}),
        service=Service(id="svc", name="Service", duration_minutes=5, active=True),
        staff=(),
        busy=(Busy(start=datetime(2024, 4, 6, 22, 35, tzinfo=UTC), end=datetime(2024, 4, 7, 2, 35, tzinfo=UTC)),),
        settings=Settings(slot_interval_minutes=15, buffer_minutes=30, horizon_days=7, min_notice_minutes=0),
        now=datetime(2024, 4, 6, 0, 0, tzinfo=UTC),
        first_day=date(2024, 4, 5),
        last_day=date(2024, 4, 6),
    )
    starts = [slot.start.astimezone(UTC) for day in available_days(request) for slot in day.slots]
    assert datetime(2024, 4, 7, 4, 0, tzinfo=UTC) in starts  # local midnight, after the change
    assert datetime(2024, 4, 7, 3, 0, tzinfo=UTC) not in starts  # within the buffer
    assert_no_slot_overlaps_busy_time_plus_buffers(request)


@settings(max_examples=500, deadline=None)
@given(requests())
def test_every_slot_is_inside_availability_and_aligned(request: AvailabilityRequest) -> None:
    interval = request.settings.slot_interval_minutes
    duration = request.service.duration_minutes * 60
    earliest = request.now + timedelta(minutes=request.settings.min_notice_minutes)
    for day in available_days(request):
        assert request.first_day <= day.date <= request.last_day
        ranges = {
            staff_id: reference_ranges(request, staff_id, day.date)
            for staff_id in {s for slot in day.slots for s in slot.staff_ids or (None,)}
        }
        for slot in day.slots:
            assert slot.start >= earliest
            assert slot.end.timestamp() - slot.start.timestamp() == duration
            wall = slot.start.replace(tzinfo=None)
            for staff_id in slot.staff_ids or (None,):
                assert any(
                    rng.start <= slot.start
                    and slot.end <= rng.end
                    and ((wall - rng.local_start) // timedelta(minutes=1)) % interval == 0
                    for rng in ranges[staff_id]
                )


@settings(max_examples=500, deadline=None)
@given(requests(), st.data())
def test_adding_a_booking_never_adds_a_slot(request: AvailabilityRequest, data: st.DataObject) -> None:
    booking = make_busy(request.now.date(), data.draw(busy_shapes))
    before = available_days(request)
    after = available_days(replace(request, busy=(*request.busy, booking)))
    assert taken(after) <= taken(before)
    assert [d.date for d in after] == [d.date for d in before]


@settings(max_examples=500, deadline=None)
@given(requests(), st.data())
def test_cancelling_a_booking_restores_exactly_the_slots_it_took(
    request: AvailabilityRequest, data: st.DataObject
) -> None:
    booking = make_busy(request.now.date(), data.draw(busy_shapes))
    bookings = [(b, BookingStatus.CONFIRMED) for b in request.busy]
    bookings.append((booking, BookingStatus.CONFIRMED))

    def holding(entries: list[tuple[Busy, BookingStatus]]) -> AvailabilityRequest:
        return replace(request, busy=tuple(b for b, status in entries if status.holds_time))

    booked = available_days(holding(bookings))
    bookings[-1] = (booking, BookingStatus.CANCELLED)
    cancelled = available_days(holding(bookings))

    buffer = timedelta(minutes=request.settings.buffer_minutes)
    duration = timedelta(minutes=request.service.duration_minutes)
    with_booking, without = taken(booked), taken(cancelled)
    restored = without - with_booking
    assert with_booking <= without
    expected = {
        (day, stamp, staff_id)
        for day, stamp, staff_id in without
        if (booking.staff_id is None or booking.staff_id == staff_id)
        and datetime.fromtimestamp(stamp, UTC) - buffer < booking.end
        and booking.start < datetime.fromtimestamp(stamp, UTC) + duration + buffer
    }
    assert restored == expected
