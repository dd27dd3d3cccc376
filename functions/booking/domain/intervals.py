"""Half-open integer intervals `[start, end)`.

The availability engine turns every instant into whole seconds since the
epoch (and wall-clock times into minutes since local midnight) so that the
hot loops compare plain integers instead of aware datetimes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import compress
from operator import lt

Interval = tuple[int, int]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sort and coalesce overlapping or touching intervals; drop empty ones.

    The result covers exactly the same points, which lets a caller find the
    intervals that overlap a query with one binary search.
    """
    ordered = sorted(iv for iv in intervals if iv[1] > iv[0])
    merged: list[Interval] = []
    for start, end in ordered:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def busy_columns(starts: Sequence[int], ends: Sequence[int]) -> tuple[list[int], list[int]]:
    """Busy intervals, given as two columns paired by position, as the two
    columns the sweep reads: the starts ascending, the ends ascending, each
    sorted on its own. Empty intervals are dropped.

    Sorted apart, the pairs no longer line up, but `[starts[i], ends[i])` is
    still always busy (at any point in it at least i + 1 intervals have
    started and at most i have ended) and every busy point lies in one of
    them, which is all the sweep needs. Two sorts of plain integers cost a
    fraction of sorting and merging pairs, and stay in C.
    """
    keep = list(map(lt, starts, ends))
    if not all(keep):
        starts, ends = list(compress(starts, keep)), list(compress(ends, keep))
    return sorted(starts), sorted(ends)


def subtract(base: Interval, cuts: Sequence[Interval]) -> list[Interval]:
    """The parts of `base` not covered by `cuts` (which need not be merged)."""
    pieces: list[Interval] = []
    cursor, end = base
    for cut_start, cut_end in merge(cuts):
        if cut_end <= cursor:
            continue
        if cut_start >= end:
            break
        if cut_start > cursor:
            pieces.append((cursor, cut_start))
        cursor = max(cursor, cut_end)
    if cursor < end:
        pieces.append((cursor, end))
    return pieces


def overlaps(a: Interval, b: Interval) -> bool:
    """True when the two half-open intervals share at least one point."""
    return a[0] < b[1] and b[0] < a[1]


def free_starts(
    origin: int,
    lo: int,
    hi: int,
    step: int,
    length: int,
    starts: Sequence[int],
    ends: Sequence[int],
    margin: int = 0,
) -> list[int]:
    """Points `origin + k * step` (k >= 0) at or after `lo` where `[p, p + length)`
    fits in `[lo, hi)` and `[p - margin, p + length + margin)` misses every
    busy interval.

    `starts` and `ends` are the columns of `busy_columns` (a merged list's
    starts and ends are such columns too). This is the engine's sweep: one
    binary search, then one step per busy interval near `[lo, hi)`, and the
    aligned points of each free gap come out of `range` without being tested
    one by one. The margin (the buffer) is applied here, to the query, so the
    busy columns are built once and never widened.
    """
    found: list[int] = []
    lo = max(lo, origin)
    last = hi - length
    if last < lo:
        return found
    index = bisect_right(ends, lo - margin)
    count = len(starts)
    cursor = lo
    before = length + margin
    while index < count:
        gap_last = starts[index] - before
        if gap_last >= last:
            break
        if gap_last >= cursor:
            found.extend(range(origin - ((origin - cursor) // step) * step, gap_last + 1, step))
        # `[starts[index], ends[index])` is busy; `ends` ascends, and is
        # past `lo - margin` from the binary search on.
        cursor = ends[index] + margin
        if cursor > last:
            return found
        index += 1
    found.extend(range(origin - ((origin - cursor) // step) * step, last + 1, step))
    return found


def is_free(start: int, end: int, starts: Sequence[int], ends: Sequence[int]) -> bool:
    """True when `[start, end)` misses every busy interval (`busy_columns`)."""
    index = bisect_right(ends, start)
    return index == len(starts) or starts[index] >= end
