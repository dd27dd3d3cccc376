"""Busy time in the store's epoch seconds: a sequence of `Busy` to readers,
and exactly the same availability as the `Busy` it stands for."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from math import ceil, floor

from hypothesis import given, settings

from booking.domain.availability import AvailabilityRequest, available_days, days_to_json
from booking.domain.busy_seconds import BusySeconds
from booking.domain.model import Busy
from tests.unit.domain.test_availability_properties import comparable, requests


def as_stored(busy: tuple[Busy, ...]) -> BusySeconds:
    """What the calendars store hands over for this busy time."""
    columns: dict[str | None, tuple[list[int], list[int]]] = {}
    for entry in busy:
        starts, ends = columns.setdefault(entry.staff_id, ([], []))
        starts.append(floor(entry.start.timestamp()))
        ends.append(ceil(entry.end.timestamp()))
    return BusySeconds(columns)


def at(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def test_busy_seconds_read_as_busy_with_aware_utc_datetimes() -> None:
    busy = BusySeconds({"ann": ([3600, 0], [7200, 1800]), None: ([900], [1200])})

    assert len(busy) == 3
    assert list(busy) == [Busy(at(3600), at(7200), "ann"), Busy(at(0), at(1800), "ann"), Busy(at(900), at(1200))]
    assert busy[2].staff_id is None
    assert busy == (Busy(at(3600), at(7200), "ann"), Busy(at(0), at(1800), "ann"), Busy(at(900), at(1200)))
    assert BusySeconds({}) == ()
    assert busy.columns("bob") == ([], [])


def test_busy_seconds_columns_are_fresh_lists() -> None:
    busy = BusySeconds({"ann": ([0], [60])})
    busy.columns("ann")[0].append(120)
    assert busy.columns("ann") == ([0], [60])


@settings(max_examples=300, deadline=None)
@given(requests())
def test_the_engine_offers_the_same_slots_from_the_stores_seconds(request: AvailabilityRequest) -> None:
    stored = replace(request, busy=as_stored(tuple(request.busy)))
    assert comparable(available_days(stored)) == comparable(available_days(request))
    assert days_to_json(available_days(stored)) == days_to_json(available_days(request))
