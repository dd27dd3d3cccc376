"""Status changes from the desk go through the one status pipeline, recorded
under the staff member's name; another branch's bookings look missing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from booking.domain.errors import InvalidInput, NotFound
from booking.domain.record import BookingRecord
from booking.domain.transitions import Action
from booking.services import booking_actions
from booking.services.staff import status as staff_status
from booking.services.staff.session import StaffSession
from tests.support.records import booking_record

NOW = datetime(2026, 3, 10, 9, 20, tzinfo=UTC)


def session(branch_id: str | None) -> StaffSession:
    return StaffSession("demo", "anna", "Anna", branch_id, frozenset({"haircut"}), NOW)


@pytest.fixture
def applied(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Calls of the pipeline, each checked against the stored booking `b1` of branch `centrum`."""
    calls: list[dict[str, Any]] = []

    def apply(site_id: str, booking_id: str, action: Action, by: str, now: datetime, **options: Any) -> BookingRecord:
        stored = booking_record(id=booking_id, site_id=site_id, branch_id="centrum")
        if options.get("check"):
            options["check"](stored)
        calls.append({"site_id": site_id, "booking_id": booking_id, "action": action, "by": by, "now": now})
        return stored

    monkeypatch.setattr(booking_actions, "apply", apply)
    return calls


def test_the_change_is_made_by_the_pipeline_under_the_staff_members_name(applied: list[dict[str, Any]]) -> None:
    changed = staff_status.change_status(session("centrum"), "b1", Action.NO_SHOW, NOW)
    assert changed.id == "b1"
    assert applied == [{"site_id": "demo", "booking_id": "b1", "action": Action.NO_SHOW, "by": "Anna", "now": NOW}]


def test_staff_without_a_branch_may_change_any_branchs_booking(applied: list[dict[str, Any]]) -> None:
    staff_status.change_status(session(None), "b1", Action.COMPLETE, NOW)
    assert len(applied) == 1


def test_another_branchs_booking_looks_missing(applied: list[dict[str, Any]]) -> None:
    with pytest.raises(NotFound):
        staff_status.change_status(session("zuid"), "b1", Action.CANCEL, NOW)
    assert applied == []


@pytest.mark.parametrize("value", ["expire", "delete", 3, None])
def test_only_desk_actions_are_accepted(value: object) -> None:
    with pytest.raises(InvalidInput):
        staff_status.parse_action(value)
