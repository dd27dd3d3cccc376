"""The staff calendar's layout maths: axis, hour marks, lanes, breaks, occupancy."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from booking.domain.calendar_layout import (
    Axis,
    breaks,
    day_axis,
    day_bounds,
    free_time,
    lanes,
    occupancy,
    place,
    shared_axes,
    ticks,
    working_time,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
KOLKATA = ZoneInfo("Asia/Kolkata")


def at(text: str, zone: ZoneInfo = AMSTERDAM) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=zone).timestamp())


def test_the_axis_of_an_ordinary_day_spans_the_opening_hours_rounded_to_whole_hours() -> None:
    axis = day_axis(date(2026, 6, 10), AMSTERDAM, [(9 * 60 + 30, 12 * 60 + 30), (13 * 60, 17 * 60 + 15)])
    assert (axis.start, axis.end) == (at("2026-06-10T09:00"), at("2026-06-10T18:00"))
    assert axis.change_minutes == 0
    assert [tick.label for tick in ticks(axis, AMSTERDAM)][:2] == ["09:00", "10:00"]
    assert ticks(axis, AMSTERDAM)[-1].top == 100.0


def test_a_day_nobody_works_still_shows_office_hours() -> None:
    axis = day_axis(date(2026, 6, 14), AMSTERDAM, [])
    assert (axis.start, axis.end) == (at("2026-06-14T09:00"), at("2026-06-14T17:00"))


def test_the_spring_forward_day_has_a_23_hour_axis_without_two_oclock() -> None:
    axis = day_axis(date(2026, 3, 29), AMSTERDAM, [(9 * 60, 17 * 60)])
    assert axis.hours == 23
    assert axis.change_minutes == 60
    labels = [tick.label for tick in ticks(axis, AMSTERDAM)]
    assert labels[:4] == ["00:00", "01:00", "03:00", "04:00"]
    assert "02:00" not in labels


def test_the_fall_back_day_has_a_25_hour_axis_with_two_oclock_twice() -> None:
    axis = day_axis(date(2026, 10, 25), AMSTERDAM, [(9 * 60, 17 * 60)])
    assert axis.hours == 25
    assert axis.change_minutes == -60
    labels = [tick.label for tick in ticks(axis, AMSTERDAM)]
    assert labels[:5] == ["00:00", "01:00", "02:00", "02:00", "03:00"]
    nine = at("2026-10-25T09:00")
    assert place(axis, (nine, nine + 3600)).top == 10 * 100 / 25


def test_a_half_hour_zone_marks_its_own_local_hours() -> None:
    axis = day_axis(date(2026, 6, 10), KOLKATA, [(10 * 60, 12 * 60)])
    assert [tick.label for tick in ticks(axis, KOLKATA)] == ["10:00", "11:00", "12:00"]
    assert datetime.fromtimestamp(axis.start, UTC).minute == 30


def test_a_booking_crossing_midnight_shows_cut_on_both_days() -> None:
    late = (at("2026-06-10T23:00"), at("2026-06-11T01:00"))
    first = Axis(*day_bounds(date(2026, 6, 10), AMSTERDAM))
    second = Axis(*day_bounds(date(2026, 6, 11), AMSTERDAM))
    evening, morning = place(first, late), place(second, late)
    assert (evening.top, round(evening.height, 2), evening.cut_before, evening.cut_after) == (95.833, 4.17, False, True)
    assert (morning.top, round(morning.height, 2), morning.cut_before, morning.cut_after) == (0.0, 4.17, True, False)


def test_overlapping_bookings_sit_side_by_side_and_others_keep_the_full_width() -> None:
    h = 3600
    found = lanes([(0, 2 * h), (h, 3 * h), (2 * h, 4 * h), (5 * h, 6 * h)])
    assert found == [(0, 2), (1, 2), (0, 2), (0, 1)]


def test_three_at_once_make_three_lanes() -> None:
    assert lanes([(0, 10), (0, 10), (5, 8)]) == [(0, 3), (1, 3), (2, 3)]


def test_working_time_takes_the_night_shift_of_the_day_before() -> None:
    day = date(2026, 6, 11)
    found = working_time(day, AMSTERDAM, [(9 * 60, 12 * 60)], [(22 * 60, 26 * 60)])
    assert found == [(at("2026-06-11T00:00"), at("2026-06-11T02:00")), (at("2026-06-11T09:00"), at("2026-06-11T12:00"))]


def test_the_lunch_break_is_the_gap_between_working_ranges() -> None:
    working = [(at("2026-06-10T13:00"), at("2026-06-10T17:00")), (at("2026-06-10T09:00"), at("2026-06-10T12:30"))]
    assert breaks(working) == [(at("2026-06-10T12:30"), at("2026-06-10T13:00"))]


def test_free_time_and_occupancy_leave_out_what_is_taken() -> None:
    working = [(0, 4 * 3600)]
    busy = [(3600, 7200), (7200, 9000), (5 * 3600, 6 * 3600)]
    assert free_time(working, busy) == [(0, 3600), (9000, 4 * 3600)]
    assert occupancy(working, busy) == 0.375
    assert occupancy([], busy) == 0.0


def test_a_walk_in_before_opening_stretches_the_axis_to_show_it() -> None:
    early = (at("2026-06-10T07:10"), at("2026-06-10T07:40"))
    axis = day_axis(date(2026, 6, 10), AMSTERDAM, [(9 * 60, 17 * 60)], [early])
    assert (axis.start, axis.end) == (at("2026-06-10T07:00"), at("2026-06-10T17:00"))


def test_the_days_of_a_week_share_one_wall_clock_window_across_a_clock_change() -> None:
    days = [date(2026, 3, 28), date(2026, 3, 29)]
    axes = [
        day_axis(days[0], AMSTERDAM, [(9 * 60, 17 * 60)]),
        day_axis(days[1], AMSTERDAM, [(10 * 60, 18 * 60)], whole_change_day=False),
    ]
    saturday, sunday = shared_axes(days, AMSTERDAM, axes)
    assert (saturday.start, saturday.end) == (at("2026-03-28T09:00"), at("2026-03-28T18:00"))
    assert (sunday.start, sunday.end, sunday.change_minutes) == (at("2026-03-29T09:00"), at("2026-03-29T18:00"), 60)
