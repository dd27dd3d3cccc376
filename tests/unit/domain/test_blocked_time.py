"""Blocked time: checked on the way in, claiming the same locks as a booking."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from booking.domain.blocked_time import freed, new_blocked_time
from booking.domain.booking import lock_ids
from booking.domain.errors import InvalidInput

NOW = datetime(2026, 6, 10, 8, 0, tzinfo=UTC)
START = datetime(2026, 6, 10, 10, 0, tzinfo=UTC)


def block(**changes: Any) -> Any:
    fields: dict[str, Any] = {
        "blocked_id": "b1",
        "site_id": "demo",
        "staff_id": "anna",
        "branch_id": "centrum",
        "start": START,
        "end": START + timedelta(hours=1),
        "reason": "Team meeting",
        "by": "admin@demo.test",
        "now": NOW,
        "buffer_minutes": 10,
    }
    return new_blocked_time(**{**fields, **changes})


def test_blocked_time_claims_the_granules_a_booking_of_that_time_would() -> None:
    made = block()
    assert made.lock_ids == lock_ids("anna", START, START + timedelta(hours=1), 10)
    assert len(made.lock_ids) == 14


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end": START}, "end"),
        ({"start": START + timedelta(minutes=3)}, "start"),
        ({"end": START + timedelta(days=32)}, "end"),
        ({"start": NOW - timedelta(hours=3), "end": NOW - timedelta(hours=2)}, "end"),
        ({"reason": "x" * 101}, "reason"),
    ],
)
def test_bad_blocked_time_is_refused_naming_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        block(**changes)
    assert refused.value.field == field


def test_the_reason_is_one_clean_line() -> None:
    assert block(reason="  Dentist\n\u202eappointment ").reason == "Dentist appointment"


def test_removing_it_frees_exactly_its_time_for_its_staff_member() -> None:
    made = freed(block())
    assert (made.branch_id, made.staff_id, made.start, made.end) == (
        "centrum",
        "anna",
        START,
        START + timedelta(hours=1),
    )
