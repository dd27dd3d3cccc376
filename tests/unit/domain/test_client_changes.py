"""When a client may still cancel or move: never from the start on, and not
within the site's cutoff before it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from booking.domain import client_changes
from booking.domain.errors import Conflict

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("cutoff", [0, 1, 24])
def test_nothing_changes_once_the_appointment_has_begun(cutoff: int) -> None:
    for now in (START, START + timedelta(minutes=1)):
        assert not client_changes.may_change(START, cutoff, now)
        with pytest.raises(Conflict, match="already started"):
            client_changes.require_changeable(START, cutoff, now)


def test_without_a_cutoff_changes_are_open_until_the_start() -> None:
    now = START - timedelta(seconds=1)
    assert client_changes.may_change(START, 0, now)
    client_changes.require_changeable(START, 0, now)


def test_the_cutoff_closes_changes_that_many_hours_before() -> None:
    assert client_changes.changes_until(START, 4) == START - timedelta(hours=4)
    assert client_changes.may_change(START, 4, START - timedelta(hours=4, seconds=1))
    with pytest.raises(Conflict, match="up to 4 hours before"):
        client_changes.require_changeable(START, 4, START - timedelta(hours=4))
