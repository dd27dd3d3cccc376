"""Allowed status changes and their effect on the booking's time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from booking.domain.errors import Conflict
from booking.domain.model import BookingStatus as S
from booking.domain.transitions import Action, require_begun, transition_for


@pytest.mark.parametrize("current", [S.PENDING, S.PENDING_PAYMENT, S.CONFIRMED])
def test_cancelling_an_active_booking_releases_its_time(current: S) -> None:
    transition = transition_for(Action.CANCEL, current)
    assert transition.target is S.CANCELLED
    assert transition.releases_time


def test_reopening_a_cancelled_booking_claims_its_time_again() -> None:
    transition = transition_for(Action.REOPEN, S.CANCELLED)
    assert transition.target is S.CONFIRMED
    assert transition.claims_time
    assert not transition.releases_time


def test_a_no_show_can_be_overruled_back_to_confirmed() -> None:
    assert transition_for(Action.OVERRULE_NO_SHOW, S.NO_SHOW).target is S.CONFIRMED


@pytest.mark.parametrize(
    ("action", "current"),
    [
        (Action.CONFIRM, S.CANCELLED),
        (Action.CANCEL, S.COMPLETED),
        (Action.NO_SHOW, S.PENDING),
        (Action.REOPEN, S.CONFIRMED),
        (Action.REOPEN, S.EXPIRED),
        (Action.COMPLETE, S.CANCELLED),
    ],
)
def test_changes_from_the_wrong_status_are_refused_with_the_reason(action: Action, current: S) -> None:
    with pytest.raises(Conflict, match=current.value.replace("_", " ")):
        transition_for(action, current)


def test_an_unpaid_hold_expires_and_an_unconfirmed_one_is_cancelled_both_freeing_the_time() -> None:
    for current, target in ((S.PENDING_PAYMENT, S.EXPIRED), (S.PENDING, S.CANCELLED)):
        transition = transition_for(Action.EXPIRE, current)
        assert transition.target_from(current) is target
        assert transition.releases_time


@pytest.mark.parametrize("current", [S.CONFIRMED, S.CANCELLED, S.EXPIRED])
def test_only_a_booking_waiting_for_its_client_can_expire(current: S) -> None:
    with pytest.raises(Conflict):
        transition_for(Action.EXPIRE, current)


def test_a_no_show_is_refused_before_the_booking_begins_and_accepted_from_its_start() -> None:
    start = datetime(2026, 3, 9, 10, tzinfo=UTC)
    with pytest.raises(Conflict, match="can't be marked a no-show before it begins"):
        require_begun(Action.NO_SHOW, start, start - timedelta(seconds=1))
    require_begun(Action.NO_SHOW, start, start)
    for action in (Action.CONFIRM, Action.CANCEL, Action.COMPLETE, Action.REOPEN):
        require_begun(action, start, start - timedelta(days=7))  # no time rule of their own here
