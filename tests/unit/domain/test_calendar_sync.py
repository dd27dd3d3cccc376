"""Calendar sync rules: busy time from remote events, diffs, deletes, backoff."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from booking.domain.calendar_sync import (
    BusyInterval,
    Occurrence,
    booking_of,
    busy_intervals,
    conflicts,
    deleted_pushes,
    diff,
    event_uid,
    next_push_attempt,
)

DAY = datetime(2026, 3, 2, tzinfo=UTC)
START, END = DAY, DAY + timedelta(days=14)


def at(hour: int, day: int = 0) -> datetime:
    return DAY + timedelta(days=day, hours=hour)


def test_event_uid_is_derived_from_the_booking_and_leads_back_to_it() -> None:
    assert event_uid("b1") == event_uid("b1")
    assert booking_of(event_uid("b1")) == "b1"
    assert booking_of("someone-elses-event@icloud.com") is None
    assert booking_of("booking-@booking") is None


def test_opaque_events_are_busy_and_free_ones_are_not() -> None:
    busy = busy_intervals(
        [Occurrence("dentist", at(9), at(10)), Occurrence("reminder", at(11), at(12), transparent=True)], START, END
    )
    assert [(interval.start, interval.end) for interval in busy] == [(at(9), at(10))]


def test_our_own_pushed_events_never_count_as_busy() -> None:
    assert busy_intervals([Occurrence(event_uid("b1"), at(9), at(10))], START, END) == []


def test_occurrences_outside_the_horizon_and_empty_ones_are_left_out() -> None:
    busy = busy_intervals(
        [
            Occurrence("old", at(9, -3), at(10, -3)),
            Occurrence("late", at(9, 20), at(10, 20)),
            Occurrence("empty", at(9), at(9)),
        ],
        START,
        END,
    )
    assert busy == []


def test_each_occurrence_of_a_recurring_event_has_its_own_key() -> None:
    busy = busy_intervals([Occurrence("weekly", at(9, day), at(10, day)) for day in (0, 7)], START, END)
    assert len({interval.key for interval in busy}) == 2


def test_diff_adds_new_removes_gone_and_moves_changed_occurrences() -> None:
    kept = BusyInterval("a@1", at(9), at(10))
    gone = BusyInterval("b@1", at(11), at(12))
    moved_before = BusyInterval("c@1", at(13), at(14))
    moved_after = BusyInterval("c@1", at(13), at(15))
    new = BusyInterval("d@1", at(16), at(17))
    change = diff({"a@1": kept, "b@1": gone, "c@1": moved_before}, [kept, moved_after, new])
    assert set(change.added) == {moved_after, new}
    assert set(change.removed) == {gone, moved_before}


def test_a_repeated_sync_changes_nothing() -> None:
    kept = BusyInterval("a@1", at(9), at(10))
    assert diff({"a@1": kept}, [kept]).empty


def test_a_pushed_event_missing_remotely_names_its_booking() -> None:
    assert deleted_pushes(["b1", "b2"], [event_uid("b2"), "other"]) == ["b1"]


def test_busy_time_on_a_booking_is_a_conflict_and_next_to_it_is_not() -> None:
    busy = [BusyInterval("a@1", at(9), at(10)), BusyInterval("b@1", at(10), at(11))]
    found = conflicts(busy, [("b1", at(9, 0) + timedelta(minutes=30), at(10))], {"a@1": "Dentist"})
    assert [(item.booking_id, item.summary) for item in found] == [("b1", "Dentist")]


def test_failed_pushes_back_off_exponentially_up_to_a_cap() -> None:
    now = at(0)
    assert next_push_attempt(1, now) - now == timedelta(minutes=1)
    assert next_push_attempt(3, now) - now == timedelta(minutes=4)
    assert next_push_attempt(40, now) - now == timedelta(hours=6)
