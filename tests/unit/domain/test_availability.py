"""One test per availability rule of issue 3, all with a fixed clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from booking.domain.availability import (
    AvailabilityRequest,
    Day,
    available_days,
    days_to_json,
    find_slot,
    location_hours,
)
from booking.domain.model import (
    Busy,
    DayStatus,
    Hours,
    Service,
    Settings,
    StaffMember,
    TimeRange,
    WeeklySchedule,
)

AMS = ZoneInfo("Europe/Amsterdam")
MONDAY = date(2024, 6, 10)
NOW = datetime(2024, 6, 10, 7, 0, tzinfo=AMS)  # before opening, Monday
SERVICE = Service("cut", "Haircut", duration_minutes=30)


def tr(start: str, end: str) -> TimeRange:
    return TimeRange(time.fromisoformat(start), time.fromisoformat(end))


def every_day(*ranges: TimeRange, breaks: tuple[TimeRange, ...] = ()) -> WeeklySchedule:
    return WeeklySchedule(
        ranges={wd: ranges for wd in range(7)},
        breaks={wd: breaks for wd in range(7)} if breaks else {},
    )


NINE_TO_FIVE = Hours(every_day(tr("09:00", "17:00")))


def make(**changes: Any) -> AvailabilityRequest:
    """A site in Amsterdam open 09:00-17:00 daily, no staff, asked about Monday."""
    base = AvailabilityRequest(
        timezone="Europe/Amsterdam",
        hours=NINE_TO_FIVE,
        service=SERVICE,
        staff=(),
        busy=(),
        settings=Settings(slot_interval_minutes=30, buffer_minutes=0, horizon_days=14),
        now=NOW,
        first_day=MONDAY,
        last_day=MONDAY,
    )
    return replace(base, **changes)


def one_day(request: AvailabilityRequest) -> Day:
    (day,) = available_days(request)
    return day


def local_starts(day: Day) -> list[str]:
    return [slot.start.strftime("%H:%M") for slot in day.slots]


def iso_starts(day: Day) -> list[str]:
    return [slot.start.isoformat() for slot in day.slots]


def staff(member_id: str, **changes: Any) -> StaffMember:
    return replace(StaffMember(member_id, member_id.title(), frozenset({"cut"})), **changes)


# --- a slot lies wholly inside one availability range -----------------------


def test_slot_lies_wholly_inside_one_availability_range() -> None:
    hours = Hours(
        WeeklySchedule(
            ranges={0: (tr("09:00", "10:00"), tr("10:00", "11:00"), tr("13:00", "15:00"))},
            breaks={0: (tr("14:00", "14:30"),)},
        )
    )
    service = replace(SERVICE, duration_minutes=60)

    day = one_day(make(hours=hours, service=service))

    # Adjacent ranges are not glued (no 09:30); a break splits a range.
    assert local_starts(day) == ["09:00", "10:00", "13:00"]
    shorter = one_day(make(hours=hours, service=replace(SERVICE, duration_minutes=30)))
    assert local_starts(shorter) == ["09:00", "09:30", "10:00", "10:30", "13:00", "13:30", "14:30"]


def test_buffer_keeps_slots_clear_of_busy_time_of_the_same_staff_member() -> None:
    def at(hh_mm: str) -> datetime:
        return datetime.combine(MONDAY, time.fromisoformat(hh_mm), AMS)

    ann, bob = staff("ann"), staff("bob")
    request = make(
        staff=(ann, bob),
        busy=(Busy(at("10:00"), at("11:00"), "ann"), Busy(at("15:00"), at("15:30"), "bob")),
        settings=Settings(slot_interval_minutes=15, buffer_minutes=15),
    )

    by_start = {slot.start.strftime("%H:%M"): slot.staff_ids for slot in one_day(request).slots}

    # [start - 15, end + 15) must miss Ann's 10:00-11:00.
    assert by_start["09:15"] == ("ann", "bob")
    assert by_start["09:30"] == ("bob",)
    assert by_start["10:45"] == ("bob",)
    assert by_start["11:15"] == ("ann", "bob")
    assert by_start["14:15"] == ("ann", "bob")
    assert by_start["14:30"] == ("ann",)
    assert by_start["15:45"] == ("ann", "bob")


def test_buffer_keeps_slots_clear_of_busy_time_of_the_site_without_staff() -> None:
    busy = Busy(datetime(2024, 6, 10, 12, 0, tzinfo=AMS), datetime(2024, 6, 10, 12, 30, tzinfo=AMS))
    request = make(busy=(busy,), settings=Settings(slot_interval_minutes=30, buffer_minutes=30))

    starts = local_starts(one_day(request))

    assert "11:00" in starts
    assert {"11:30", "12:00", "12:30"}.isdisjoint(starts)
    assert "13:00" in starts
    assert all(slot.staff_ids == () for slot in one_day(request).slots)


def test_site_wide_busy_time_blocks_every_staff_member() -> None:
    busy = Busy(datetime(2024, 6, 10, 9, 0, tzinfo=AMS), datetime(2024, 6, 10, 12, 0, tzinfo=AMS))
    request = make(staff=(staff("ann"), staff("bob")), busy=(busy,))

    assert local_starts(one_day(request))[0] == "12:00"


# --- starts are aligned to the slot interval from the range's start ----------


def test_starts_aligned_to_interval_from_range_start_and_last_slot_ends_at_closing() -> None:
    day = one_day(make())

    assert local_starts(day) == [f"{h:02}:{m:02}" for h in range(9, 17) for m in (0, 30)]
    assert day.slots[-1].end.strftime("%H:%M") == "17:00"

    odd = one_day(make(hours=Hours(every_day(tr("09:15", "11:00")))))
    assert local_starts(odd) == ["09:15", "09:45", "10:15"]


# --- daylight saving ---------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "spring_day", "expected_night"),
    [
        ("Europe/Amsterdam", date(2024, 3, 31), ["01:00+01:00", "01:30+01:00", "03:00+02:00", "03:30+02:00"]),
        ("America/New_York", date(2024, 3, 10), ["01:00-05:00", "01:30-05:00", "03:00-04:00", "03:30-04:00"]),
    ],
)
def test_daylight_saving_spring_forward_keeps_local_times_and_skips_missing_ones(
    zone: str, spring_day: date, expected_night: list[str]
) -> None:
    hours = Hours(every_day(tr("01:00", "04:00"), tr("09:00", "10:00")))
    now = datetime.combine(spring_day - timedelta(days=1), time(12), ZoneInfo(zone))
    request = make(timezone=zone, hours=hours, now=now, first_day=spring_day, last_day=spring_day)

    starts = [s[11:16] + s[19:] for s in iso_starts(one_day(request))]

    before = {"Europe/Amsterdam": "+02:00", "America/New_York": "-04:00"}[zone]
    assert starts == [*expected_night, f"09:00{before}", f"09:30{before}"]


@pytest.mark.parametrize(
    ("zone", "fall_day", "expected_night"),
    [
        (
            "Europe/Amsterdam",
            date(2024, 10, 27),
            ["01:00+02:00", "01:30+02:00", "02:00+02:00", "02:30+02:00", "03:00+01:00", "03:30+01:00"],
        ),
        (
            "America/New_York",
            date(2024, 11, 3),
            ["00:00-04:00", "00:30-04:00", "01:00-04:00", "01:30-04:00", "02:00-05:00", "02:30-05:00"],
        ),
    ],
)
def test_daylight_saving_fall_back_keeps_local_times_and_offers_repeated_times_once(
    zone: str, fall_day: date, expected_night: list[str]
) -> None:
    first = time.fromisoformat(expected_night[0][:5])
    hours = Hours(every_day(TimeRange(first, time(first.hour + 3)), tr("09:00", "10:00")))
    now = datetime.combine(fall_day - timedelta(days=1), time(12), ZoneInfo(zone))
    request = make(timezone=zone, hours=hours, now=now, first_day=fall_day, last_day=fall_day)

    day = one_day(request)
    starts = [s[11:16] + s[19:] for s in iso_starts(day)]

    after = {"Europe/Amsterdam": "+01:00", "America/New_York": "-05:00"}[zone]
    assert starts == [*expected_night, f"09:00{after}", f"09:30{after}"]
    # A slot lasts 30 real minutes even when it spans the change.
    assert all(s.end.timestamp() - s.start.timestamp() == 1800 for s in day.slots)


@pytest.mark.parametrize(("zone", "offset"), [("Asia/Kolkata", "+05:30"), ("Asia/Kathmandu", "+05:45")])
def test_half_and_quarter_hour_offset_zones(zone: str, offset: str) -> None:
    now = datetime(2024, 6, 10, 0, 0, tzinfo=UTC)
    request = make(timezone=zone, now=now)

    day = one_day(request)

    assert day.slots[0].start.isoformat() == f"2024-06-10T09:00:00{offset}"
    assert day.slots[-1].end.isoformat() == f"2024-06-10T17:00:00{offset}"
    assert len(day.slots) == 16


# --- a range crossing midnight belongs to the day it starts on --------------


def test_range_crossing_midnight_belongs_to_the_day_it_starts_on() -> None:
    friday, saturday = date(2024, 6, 14), date(2024, 6, 15)
    hours = Hours(WeeklySchedule(ranges={4: (tr("20:00", "02:00"),)}))
    request = make(hours=hours, first_day=friday, last_day=saturday, settings=Settings(60, 0, 14, 0))

    fri, sat = available_days(request)

    assert iso_starts(fri) == [
        "2024-06-14T20:00:00+02:00",
        "2024-06-14T21:00:00+02:00",
        "2024-06-14T22:00:00+02:00",
        "2024-06-14T23:00:00+02:00",
        "2024-06-15T00:00:00+02:00",
        "2024-06-15T01:00:00+02:00",
    ]
    assert fri.slots[-1].end.isoformat() == "2024-06-15T01:30:00+02:00"
    assert sat.status is DayStatus.CLOSED


# --- nothing in the past, before the notice, or past the horizon ------------


def test_nothing_in_the_past_before_minimum_notice_or_past_the_horizon() -> None:
    now = datetime(2024, 6, 10, 10, 7, tzinfo=AMS)
    request = make(
        now=now,
        first_day=MONDAY - timedelta(days=3),
        last_day=MONDAY + timedelta(days=60),
        settings=Settings(slot_interval_minutes=30, horizon_days=7, min_notice_minutes=60),
    )

    days = available_days(request)

    assert [d.date for d in days] == [MONDAY + timedelta(days=n) for n in range(7)]
    assert local_starts(days[0])[0] == "11:30"  # 10:07 + 60 min, next aligned start
    assert local_starts(days[1])[0] == "09:00"
    late = make(now=datetime(2024, 6, 10, 16, 45, tzinfo=AMS))
    assert one_day(late).status is DayStatus.FULL
    assert available_days(make(now=NOW + timedelta(days=1))) == ()


# --- only active services, active linked staff, personal schedules ----------


def test_only_active_services() -> None:
    request = make(service=replace(SERVICE, active=False), last_day=MONDAY + timedelta(days=2))

    days = available_days(request)

    assert [d.status for d in days] == [DayStatus.CLOSED] * 3
    assert all(d.slots == () for d in days)


def test_only_active_staff_linked_to_the_service() -> None:
    members = (
        staff("ann"),
        staff("bob", active=False),
        staff("cat", service_ids=frozenset({"colour"})),
        staff("dan"),
    )

    day = one_day(make(staff=members))

    assert {slot.staff_ids for slot in day.slots} == {("ann", "dan")}
    only_dan = one_day(make(staff=members, staff_id="dan"))
    assert {slot.staff_ids for slot in only_dan.slots} == {("dan",)}
    nobody = one_day(make(staff=(staff("bob", active=False),)))
    assert nobody.status is DayStatus.CLOSED


def test_per_staff_schedules_when_staff_have_them() -> None:
    tuesday = MONDAY + timedelta(days=1)
    wednesday = MONDAY + timedelta(days=2)
    early = Hours(
        every_day(tr("07:00", "09:00")),
        overrides={tuesday: (tr("12:00", "13:00"),)},
    )
    site = replace(NINE_TO_FIVE, overrides={wednesday: ()})  # site holiday
    members = (staff("ann", hours=early), staff("bob"))

    mon, tue, wed = available_days(make(hours=site, staff=members, last_day=wednesday))

    assert [(s.start.strftime("%H:%M"), s.staff_ids) for s in mon.slots][:5] == [
        ("07:00", ("ann",)),
        ("07:30", ("ann",)),
        ("08:00", ("ann",)),
        ("08:30", ("ann",)),
        ("09:00", ("bob",)),
    ]
    assert [s.start.strftime("%H:%M") for s in tue.slots if "ann" in s.staff_ids] == ["12:00", "12:30"]
    assert wed.status is DayStatus.CLOSED  # the site's holiday closes Ann too


# --- branches ---------------------------------------------------------------


def test_no_branches_uses_the_site_schedule() -> None:
    site = Hours(every_day(tr("10:00", "12:00")), overrides={MONDAY: (tr("14:00", "15:00"),)})

    mon, tue = available_days(make(hours=location_hours(site, None), last_day=MONDAY + timedelta(days=1)))

    assert local_starts(mon) == ["14:00", "14:30"]
    assert local_starts(tue) == ["10:00", "10:30", "11:00", "11:30"]


def test_with_branches_each_branch_uses_its_own_staff_and_schedule() -> None:
    tuesday = MONDAY + timedelta(days=1)
    site = Hours(every_day(tr("09:00", "17:00")), overrides={MONDAY: (), tuesday: ()})
    north = Hours(every_day(tr("08:00", "09:00")), overrides={tuesday: (tr("10:00", "11:00"),)})
    members = (staff("ann", branch_id="north"), staff("bob", branch_id="south"))

    mon, tue, wed = available_days(
        make(
            hours=location_hours(site, north),
            staff=members,
            branch_id="north",
            last_day=MONDAY + timedelta(days=2),
        )
    )

    assert mon.status is DayStatus.CLOSED  # the site-wide holiday applies
    assert local_starts(tue) == ["10:00", "10:30"]  # the branch's own override wins
    assert local_starts(wed) == ["08:00", "08:30"]  # the branch's weekly schedule
    assert {s.staff_ids for d in (tue, wed) for s in d.slots} == {("ann",)}


# --- statuses, overrides, serialisation, re-check ----------------------------


def test_day_status_open_closed_full() -> None:
    hours = Hours(WeeklySchedule(ranges={0: (tr("09:00", "10:00"),), 1: (tr("09:00", "10:00"),)}))
    busy = Busy(datetime(2024, 6, 11, 9, 0, tzinfo=AMS), datetime(2024, 6, 11, 10, 0, tzinfo=AMS))

    days = available_days(make(hours=hours, busy=(busy,), last_day=MONDAY + timedelta(days=2)))

    assert [d.status for d in days] == [DayStatus.OPEN, DayStatus.FULL, DayStatus.CLOSED]


def test_override_replaces_weekly_hours_and_breaks() -> None:
    hours = Hours(
        every_day(tr("09:00", "12:00"), breaks=(tr("10:00", "11:00"),)),
        overrides={MONDAY: (tr("09:00", "11:00"),)},
    )

    assert local_starts(one_day(make(hours=hours))) == ["09:00", "09:30", "10:00", "10:30"]


def test_days_to_json_shape() -> None:
    request = make(staff=(staff("bob"), staff("ann")), hours=Hours(every_day(tr("09:00", "10:00"))))

    body = days_to_json(available_days(replace(request, last_day=MONDAY + timedelta(days=1))))

    assert body[0] == {
        "date": "2024-06-10",
        "status": "open",
        "slots": [
            {"start": "2024-06-10T09:00:00+02:00", "end": "2024-06-10T09:30:00+02:00", "staffIds": ["ann", "bob"]},
            {"start": "2024-06-10T09:30:00+02:00", "end": "2024-06-10T10:00:00+02:00", "staffIds": ["ann", "bob"]},
        ],
    }
    assert [d["date"] for d in body] == ["2024-06-10", "2024-06-11"]


def test_find_slot_rechecks_one_start_including_ranges_from_the_day_before() -> None:
    hours = Hours(WeeklySchedule(ranges={6: (tr("22:00", "02:00"),)}))
    members = (staff("ann"), staff("bob"))
    request = make(hours=hours, staff=members, first_day=date(2000, 1, 1), last_day=date(2000, 1, 1))
    sunday = date(2024, 6, 16)
    after_midnight = datetime(2024, 6, 16, 23, 0, tzinfo=UTC)  # Monday 01:00 local
    busy = Busy(datetime(2024, 6, 17, 0, 0, tzinfo=AMS), datetime(2024, 6, 17, 1, 30, tzinfo=AMS), "bob")

    slot = find_slot(request, after_midnight)
    assert slot is not None
    assert slot.start.isoformat() == "2024-06-17T01:00:00+02:00"
    assert slot.staff_ids == ("ann", "bob")
    blocked = find_slot(replace(request, busy=(busy,)), after_midnight)
    assert blocked is not None
    assert blocked.staff_ids == ("ann",)
    assert find_slot(request, datetime.combine(sunday, time(22, 10), AMS)) is None  # not aligned
    assert find_slot(request, datetime.combine(sunday + timedelta(days=30), time(22), AMS)) is None  # horizon
