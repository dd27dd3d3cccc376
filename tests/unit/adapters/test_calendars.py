"""Reading the busy calendars: entries stay in the epoch seconds they are stored in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from booking.adapters import calendars
from booking.domain.model import Busy


@dataclass
class Snapshot:
    id: str
    busy: list[str] = field(default_factory=list)
    exists: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"busy": self.busy}


def at(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def test_busy_in_keeps_the_entries_that_overlap_the_window_per_resource_in_seconds() -> None:
    snapshots = [
        Snapshot("ann_2024-03", ["100/200/a", "300/400/b", "900/1000/c", "10/151/d", "10/150/g"]),
        Snapshot("site_2024-03", ["150/160/e"]),
        Snapshot("bob_2024-03", ["100/200/f"], exists=False),
    ]

    busy = calendars.busy_in(snapshots, at(150), at(900))

    assert busy.columns("ann") == ([100, 300, 10], [200, 400, 151])
    assert busy.columns(None) == ([150], [160])
    assert busy.columns("bob") == ([], [])
    assert list(busy)[-1] == Busy(at(150), at(160), None)
    assert len(busy) == 4
