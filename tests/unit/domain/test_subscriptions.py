"""Occurrences of a plan in its periods, in the branch's zone, and the
subscription's state from Stripe's word."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from booking.domain.errors import InvalidInput
from booking.domain.subscriptions import (
    Frequency,
    Recurrence,
    SubscriptionState,
    add_months,
    describe,
    occurrences,
    occurrences_through,
    period_at,
    period_bounds,
    periods_to_book,
    released_after,
    state_from_stripe,
    validate_plan,
)

ZONE = "Europe/Amsterdam"


def weekly(anchor: date, at: time = time(10), per_period: int = 1) -> Recurrence:
    return Recurrence(Frequency.WEEKLY, anchor, at, ZONE, 30, per_period)


def monthly(anchor: date, at: time = time(10), per_period: int = 1) -> Recurrence:
    return Recurrence(Frequency.MONTHLY, anchor, at, ZONE, 45, per_period)


def local(instant: datetime) -> datetime:
    from zoneinfo import ZoneInfo

    return instant.astimezone(ZoneInfo(ZONE)).replace(tzinfo=None)


def test_a_weekly_plan_keeps_its_wall_clock_time_across_the_spring_change() -> None:
    plan = weekly(date(2026, 3, 24))  # Tuesday; summer time starts Sunday 29 March
    before, after = occurrences(plan, 0)[0], occurrences(plan, 1)[0]
    assert local(before.start) == datetime(2026, 3, 24, 10)
    assert local(after.start) == datetime(2026, 3, 31, 10)
    assert before.start == datetime(2026, 3, 24, 9, tzinfo=UTC)
    assert after.start == datetime(2026, 3, 31, 8, tzinfo=UTC)
    assert (after.end - after.start).total_seconds() == 30 * 60


def test_a_weekly_plan_keeps_its_wall_clock_time_across_the_autumn_change() -> None:
    plan = weekly(date(2026, 10, 20))
    assert [local(o.start).hour for o in occurrences_through(plan, 0, 2)] == [10, 10, 10]


def test_a_time_skipped_by_the_spring_change_moves_forward_by_the_gap() -> None:
    plan = weekly(date(2026, 3, 22), time(2, 30))  # Sunday; 29 March has no 02:30
    assert local(occurrences(plan, 1)[0].start) == datetime(2026, 3, 29, 3, 30)


def test_a_time_that_occurs_twice_in_autumn_means_the_first() -> None:
    plan = weekly(date(2026, 10, 18), time(2, 30))  # 25 October has 02:30 twice
    assert occurrences(plan, 1)[0].start == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_a_monthly_plan_on_the_31st_falls_on_the_last_day_of_shorter_months_and_comes_back() -> None:
    plan = monthly(date(2026, 1, 31))
    days = [local(o.start).date() for o in occurrences_through(plan, 0, 3)]
    assert days == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]


def test_a_monthly_plan_on_the_29th_of_january_meets_a_leap_february() -> None:
    assert add_months(date(2028, 1, 29), 1, 29) == date(2028, 2, 29)
    assert add_months(date(2027, 1, 29), 1, 29) == date(2027, 2, 28)


def test_a_monthly_plan_crosses_the_year() -> None:
    assert add_months(date(2026, 11, 15), 3, 15) == date(2027, 2, 15)


def test_several_appointments_a_week_spread_over_the_week() -> None:
    plan = weekly(date(2026, 5, 4), per_period=2)  # Monday
    assert [local(o.start).date() for o in occurrences(plan, 0)] == [date(2026, 5, 4), date(2026, 5, 7)]
    assert [o.key for o in occurrences(plan, 1)] == ["p1-0", "p1-1"]


def test_several_appointments_a_month_fall_a_week_apart() -> None:
    plan = monthly(date(2026, 5, 5), per_period=2)
    assert [local(o.start).date() for o in occurrences(plan, 0)] == [date(2026, 5, 5), date(2026, 5, 12)]


def test_periods_run_from_local_midnight_to_local_midnight() -> None:
    plan = monthly(date(2026, 3, 10))
    start, end = period_bounds(plan, 0)
    assert start == datetime(2026, 3, 9, 23, tzinfo=UTC)
    assert end == datetime(2026, 4, 9, 22, tzinfo=UTC)
    assert period_at(plan, datetime(2026, 4, 9, 21, 59, tzinfo=UTC)) == 0
    assert period_at(plan, end) == 1
    assert period_at(plan, datetime(2026, 3, 1, tzinfo=UTC)) == -1


def test_an_active_plan_books_its_paid_period_and_the_next_one() -> None:
    assert list(periods_to_book(2, SubscriptionState.ACTIVE)) == [2, 3]


def test_a_cancelling_or_past_due_plan_books_nothing_beyond_its_paid_period() -> None:
    assert list(periods_to_book(2, SubscriptionState.CANCELLING)) == [2]
    assert list(periods_to_book(2, SubscriptionState.PAST_DUE)) == [2]


def test_an_ended_or_unpaid_plan_books_nothing() -> None:
    assert list(periods_to_book(2, SubscriptionState.ENDED)) == []
    assert list(periods_to_book(-1, SubscriptionState.ACTIVE)) == []


def test_only_appointments_from_the_end_of_the_paid_period_are_released() -> None:
    end = datetime(2026, 4, 9, 22, tzinfo=UTC)
    inside, at_end, later = datetime(2026, 4, 1, tzinfo=UTC), end, datetime(2026, 4, 20, tzinfo=UTC)
    assert released_after(end, [inside, at_end, later]) == [at_end, later]


@pytest.mark.parametrize(
    ("status", "cancel", "state"),
    [
        ("active", False, SubscriptionState.ACTIVE),
        ("trialing", False, SubscriptionState.ACTIVE),
        ("active", True, SubscriptionState.CANCELLING),
        ("past_due", False, SubscriptionState.PAST_DUE),
        ("unpaid", False, SubscriptionState.PAST_DUE),
        ("incomplete", False, SubscriptionState.PENDING),
        ("canceled", False, SubscriptionState.ENDED),
        ("incomplete_expired", False, SubscriptionState.ENDED),
    ],
)
def test_stripe_statuses_map_to_our_states(status: str, cancel: bool, state: SubscriptionState) -> None:
    assert state_from_stripe(status, cancel, SubscriptionState.ACTIVE) is state


def test_an_ended_subscription_never_comes_back_on_a_late_event() -> None:
    assert state_from_stripe("active", False, SubscriptionState.ENDED) is SubscriptionState.ENDED


def test_the_recurrence_is_described_by_weekday_or_day_of_month_and_time() -> None:
    assert describe(weekly(date(2026, 5, 5))) == ("weekly", 1, "10:00")
    assert describe(monthly(date(2026, 5, 31), time(9, 30))) == ("monthly", 31, "09:30")


def test_a_plan_with_bad_fields_names_the_first_bad_one() -> None:
    assert validate_plan("Monthly haircut", "monthly", 3500, 1) is Frequency.MONTHLY
    for args, field in [
        (("", "monthly", 3500, 1), "name"),
        (("Cut", "yearly", 3500, 1), "frequency"),
        (("Cut", "weekly", 10, 1), "priceCents"),
        (("Cut", "monthly", 3500, 5), "appointmentsPerPeriod"),
        (("Cut", "weekly", 3500, 0), "appointmentsPerPeriod"),
    ]:
        with pytest.raises(InvalidInput) as raised:
            validate_plan(*args)  # type: ignore[arg-type]
        assert raised.value.field == field
