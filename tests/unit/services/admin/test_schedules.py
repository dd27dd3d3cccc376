"""Which future bookings a change of hours leaves outside: judged exactly
as the engine offers slots, in the booking's own zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from booking.domain.catalog import Catalog
from booking.domain.model import Hours, StaffMember, TimeRange, WeeklySchedule
from booking.domain.record import BookingRecord
from booking.domain.site import Branch, Site
from booking.services.admin.schedules import outside_hours, schedule_id
from tests.support.records import booking_record

AMS = ZoneInfo("Europe/Amsterdam")
MONDAY = date(2030, 3, 4)
NINE_TO_FIVE = (TimeRange(time(9), time(17)),)


def week(ranges: tuple[TimeRange, ...], breaks: tuple[TimeRange, ...] = ()) -> Hours:
    return Hours(
        weekly=WeeklySchedule(ranges={day: ranges for day in range(6)}, breaks={day: breaks for day in range(6)})
    )


def booking(start: datetime, minutes: int = 30, **extra: Any) -> BookingRecord:
    return booking_record(
        id=f"b{start:%d%H%M}",
        start=start.astimezone(UTC),
        end=(start + timedelta(minutes=minutes)).astimezone(UTC),
        timezone="Europe/Amsterdam",
        **extra,
    )


def catalog(site: Hours, branch: Hours | None = None, staff: Hours | None = None) -> Catalog:
    return Catalog(
        site=Site(id="s", name="S", timezone="Europe/Amsterdam", hours=site),
        branches=(Branch(id="b1", name="B1", hours=branch),),
        staff=(StaffMember(id="ann", name="Ann", branch_id="b1", hours=staff),),
    )


def ids(found: list[BookingRecord]) -> list[str]:
    return [b.id for b in found]


def at(hour: int, minute: int = 0, day: date = MONDAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMS)


def test_bookings_inside_a_range_fit_and_those_over_its_edge_do_not() -> None:
    inside, edge, before = booking(at(16, 30)), booking(at(16, 45)), booking(at(8, 45))
    assert ids(outside_hours(catalog(week(NINE_TO_FIVE)), [inside, edge, before])) == [edge.id, before.id]


def test_a_new_break_leaves_the_booking_in_it_outside() -> None:
    lunch = booking(at(12, 30), branch_id="b1")
    hours = week(NINE_TO_FIVE, breaks=(TimeRange(time(12, 30), time(13)),))
    assert ids(outside_hours(catalog(week(NINE_TO_FIVE), branch=hours), [lunch])) == [lunch.id]


def test_a_booking_across_two_ranges_does_not_fit_like_the_engine_never_offers_it() -> None:
    split = week((TimeRange(time(9), time(12)), TimeRange(time(12, 30), time(17))))
    across = booking(at(11, 45), minutes=60)
    assert ids(outside_hours(catalog(split), [across])) == [across.id]


def test_the_branch_hours_apply_to_its_bookings_and_the_site_hours_to_others() -> None:
    branch_hours = week((TimeRange(time(13), time(17)),))
    at_branch, elsewhere = booking(at(10), branch_id="b1"), booking(at(10), branch_id="gone")
    assert ids(outside_hours(catalog(week(NINE_TO_FIVE), branch=branch_hours), [at_branch, elsewhere])) == [
        at_branch.id
    ]


def test_a_staff_members_own_hours_decide_for_their_bookings() -> None:
    early = week((TimeRange(time(7), time(12)),))
    theirs, others = booking(at(7), branch_id="b1", staff_id="ann"), booking(at(7), branch_id="b1", staff_id="bob")
    assert ids(outside_hours(catalog(week(NINE_TO_FIVE), staff=early), [theirs, others])) == [others.id]


def test_a_site_holiday_closes_the_day_for_branches_too() -> None:
    site = Hours(weekly=week(NINE_TO_FIVE).weekly, overrides={MONDAY: ()})
    held = booking(at(10), branch_id="b1")
    assert ids(outside_hours(catalog(site, branch=week(NINE_TO_FIVE)), [held])) == [held.id]


def test_a_range_crossing_midnight_holds_a_booking_after_midnight() -> None:
    night = Hours(weekly=WeeklySchedule(ranges={0: (TimeRange(time(20), time(2)),)}))
    after_midnight = booking(at(1, 0, day=date(2030, 3, 5)))
    too_late = booking(at(1, 45, day=date(2030, 3, 5)))
    assert ids(outside_hours(catalog(night), [after_midnight, too_late])) == [too_late.id]


def test_local_hours_hold_across_the_daylight_saving_change() -> None:
    sunday_before = date(2030, 3, 31)  # clocks go forward in Amsterdam
    monday_after = date(2030, 4, 1)
    hours = Hours(weekly=WeeklySchedule(ranges={0: NINE_TO_FIVE, 6: NINE_TO_FIVE}))
    first, last = booking(at(9, day=sunday_before)), booking(at(16, 30, day=monday_after))
    assert outside_hours(catalog(hours), [first, last]) == []


def test_schedule_ids_follow_the_data_model() -> None:
    assert [schedule_id("site", None), schedule_id("branch", "b1"), schedule_id("staff", "ann")] == [
        "site",
        "branch-b1",
        "staff-ann",
    ]
