"""Busy time as whole epoch seconds per resource, as the calendars store it.

The calendar documents already hold `start/end` in epoch seconds. Turning
them into aware datetimes for `Busy` and the engine turning those back into
seconds was over half of a slots request's engine time, so the store hands
this over instead: the engine reads the seconds as they are, and anyone who
iterates gets ordinary `Busy` objects, made on first use.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from math import ceil, floor
from operator import attrgetter
from typing import overload

from booking.domain.model import Busy


@dataclass(frozen=True, eq=False)
class BusySeconds(Sequence[Busy]):
    """Per resource (None: the site), the starts and the ends of its busy
    intervals in whole epoch seconds, paired by position, in no particular
    order; a sequence of `Busy` for every other reader."""

    by_owner: Mapping[str | None, tuple[Sequence[int], Sequence[int]]]

    def columns(self, owner: str | None) -> tuple[list[int], list[int]]:
        """Fresh lists of one resource's starts and ends."""
        starts, ends = self.by_owner.get(owner, ((), ()))
        return list(starts), list(ends)

    @cached_property
    def _items(self) -> tuple[Busy, ...]:
        return tuple(
            Busy(datetime.fromtimestamp(start, UTC), datetime.fromtimestamp(end, UTC), owner)
            for owner, (starts, ends) in self.by_owner.items()
            for start, end in zip(starts, ends, strict=True)
        )

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same `Busy` in the same order, as the
        tuple it replaces was."""
        if isinstance(other, Sequence):
            return self._items == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __len__(self) -> int:
        return sum(len(starts) for starts, _ in self.by_owner.values())

    def __iter__(self) -> Iterator[Busy]:
        return iter(self._items)

    @overload
    def __getitem__(self, index: int) -> Busy: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Busy]: ...

    def __getitem__(self, index: int | slice) -> Busy | Sequence[Busy]:
        return self._items[index]


_START = attrgetter("start")
_END = attrgetter("end")
_OWNER = attrgetter("staff_id")

Columns = tuple[list[int], list[int]]


def seconds_by_owner(busy: Sequence[Busy], owners: list[str | None]) -> dict[str | None, Columns]:
    """Busy time of the given owners (None: the site) in whole seconds, as
    starts and ends paired by position, rounded outwards so an interval
    never shrinks.

    A `BusySeconds` already is that. Other busy time is converted here, with
    `map`s whose per-item work stays in C: the engine passes every booking
    of the site through this.
    """
    if isinstance(busy, BusySeconds):
        return {owner: busy.columns(owner) for owner in owners}
    starts = map(floor, map(datetime.timestamp, map(_START, busy)))
    ends = map(ceil, map(datetime.timestamp, map(_END, busy)))
    groups: dict[str | None, Columns] = {owner: ([], []) for owner in owners}
    find = groups.get
    for owner, start, end in zip(map(_OWNER, busy), starts, ends, strict=True):
        group = find(owner)
        if group is not None:
            group[0].append(start)
            group[1].append(end)
    return groups
