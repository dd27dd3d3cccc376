"""Which entry a freed time goes to, where the offer starts, what a no-show frees."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from booking.domain.booking import Customer
from booking.domain.waitlist import (
    DayPart,
    Entry,
    EntryStatus,
    FreedTime,
    Mode,
    Preference,
    ServiceFit,
    WaitlistRules,
    day_part,
    matching_entries,
    no_show_frees_from,
    offer_expiry,
)

ZONE = "Europe/Amsterdam"
DAY = date(2026, 3, 10)
NOW = datetime(2026, 3, 9, 12, tzinfo=UTC)
SERVICES = {
    "haircut": ServiceFit(30, frozenset({"anna", "ben"})),
    "colour": ServiceFit(90, frozenset({"anna"})),
}


def at(hour: int, minute: int = 0) -> datetime:
    """A UTC instant for an Amsterdam wall-clock time on DAY (UTC+1 in March)."""
    return datetime(2026, 3, 10, hour - 1, minute, tzinfo=UTC)


def entry(entry_id: str, joined_minute: int, **changes: object) -> Entry:
    base = Entry(
        id=entry_id,
        site_id="demo",
        branch_id="centrum",
        service_id="haircut",
        customer=Customer("Ada", f"{entry_id}@example.com"),
        preference=Preference(DAY, DAY),
        status=EntryStatus.WAITING,
        joined_at=NOW + timedelta(minutes=joined_minute),
        queued_at=NOW + timedelta(minutes=joined_minute),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


FREED = FreedTime("centrum", "anna", at(10), at(10, 30))


def test_the_first_in_line_gets_the_freed_time_whatever_the_order_read() -> None:
    matches = matching_entries([entry("late", 5), entry("early", 1)], FREED, SERVICES, ZONE, 30, NOW)
    assert [m.entry.id for m in matches] == ["early", "late"]
    assert (matches[0].start, matches[0].end) == (at(10), at(10, 30))


def test_a_service_longer_than_the_freed_time_does_not_match() -> None:
    assert matching_entries([entry("a", 1, service_id="colour")], FREED, SERVICES, ZONE, 30, NOW) == []


def test_a_staff_member_who_does_not_give_the_service_does_not_match() -> None:
    freed = FreedTime("centrum", "ben", at(10), at(12))
    assert matching_entries([entry("a", 1, service_id="colour")], freed, SERVICES, ZONE, 30, NOW) == []


def test_a_chosen_staff_member_must_be_the_one_whose_time_is_freed() -> None:
    wants_ben = entry("a", 1, preference=Preference(DAY, DAY, staff_id="ben"))
    assert matching_entries([wants_ben], FREED, SERVICES, ZONE, 30, NOW) == []
    wants_anna = entry("b", 1, preference=Preference(DAY, DAY, staff_id="anna"))
    assert [m.entry.id for m in matching_entries([wants_anna], FREED, SERVICES, ZONE, 30, NOW)] == ["b"]


def test_the_part_of_the_day_and_the_date_range_are_local() -> None:
    afternoon = entry("a", 1, preference=Preference(DAY, DAY, frozenset({DayPart.AFTERNOON})))
    assert matching_entries([afternoon], FREED, SERVICES, ZONE, 30, NOW) == []
    later = entry("b", 1, preference=Preference(DAY + timedelta(days=1), DAY + timedelta(days=3)))
    assert matching_entries([later], FREED, SERVICES, ZONE, 30, NOW) == []


def test_the_offer_starts_at_the_first_grid_point_in_the_preference() -> None:
    freed = FreedTime("centrum", "anna", at(11), at(13))
    afternoon = entry("a", 1, preference=Preference(DAY, DAY, frozenset({DayPart.AFTERNOON})))
    [match] = matching_entries([afternoon], freed, SERVICES, ZONE, 30, NOW)
    assert (match.start, match.end) == (at(12), at(12, 30))


def test_entries_not_waiting_other_branches_and_passed_times_are_skipped() -> None:
    entries = [
        entry("offered", 1, status=EntryStatus.OFFERED),
        entry("left", 2, status=EntryStatus.LEFT),
        entry("zuid", 3, branch_id="zuid"),
        entry("passed", 4, passed=(FREED.key,)),
        entry("next", 5),
    ]
    assert [m.entry.id for m in matching_entries(entries, FREED, SERVICES, ZONE, 30, NOW)] == ["next"]


def test_time_that_has_begun_is_not_offered() -> None:
    assert matching_entries([entry("a", 1)], FREED, SERVICES, ZONE, 30, at(10, 5)) == []


def test_a_site_without_staff_matches_any_service_that_fits() -> None:
    freed = FreedTime(None, None, at(10), at(11))
    site_entry = entry("a", 1, branch_id=None)
    services = {"haircut": ServiceFit(30)}
    assert [m.entry.id for m in matching_entries([site_entry], freed, services, ZONE, 30, NOW)] == ["a"]


def test_an_offer_stays_open_its_hours_but_never_past_the_start() -> None:
    assert offer_expiry(NOW, 2, NOW + timedelta(days=1)) == NOW + timedelta(hours=2)
    assert offer_expiry(NOW, 2, NOW + timedelta(minutes=45)) == NOW + timedelta(minutes=45)


def test_a_no_show_frees_the_rest_from_the_next_grid_point() -> None:
    start, end = at(10), at(11, 30)
    assert no_show_frees_from(start, end, at(10, 20), 30) == at(10, 30)
    assert no_show_frees_from(start, end, at(10, 30), 30) == at(10, 30)
    assert no_show_frees_from(start, end, at(10, 31), 15) == at(10, 45)
    assert no_show_frees_from(start, end, at(11, 10), 30) is None


def test_day_parts_split_at_noon_and_five() -> None:
    assert [day_part(time(h)) for h in (11, 12, 16, 17)] == [
        DayPart.MORNING,
        DayPart.AFTERNOON,
        DayPart.AFTERNOON,
        DayPart.EVENING,
    ]


def test_rules_fall_back_to_manual_and_two_hours_on_bad_values() -> None:
    assert WaitlistRules.of({"enabled": True, "mode": "automatic", "offerExpiryHours": 4}) == WaitlistRules(
        True, Mode.AUTOMATIC, 4
    )
    assert WaitlistRules.of({"mode": "sometimes", "offerExpiryHours": "x"}) == WaitlistRules()
