"""Half-open integer intervals `[start, end)`.

The availability engine turns every instant into whole seconds since the
epoch (and wall-clock times into minutes since local midnight) so that the
hot loops compare plain integers instead of aware datetimes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

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


def widened_columns(intervals: list[Interval], margin: int) -> tuple[list[int], list[int]]:
    """Grow each interval by `margin` on both sides, merge, and return the
    starts and the ends as two ascending lists (ready for `bisect`).

    A slot `[s, e)` clears a busy interval `[b, f)` with a buffer `B` on both
    sides exactly when `[s, e)` misses `[b - B, f + B)`, so widening the busy
    side once is cheaper than widening every candidate slot.
    """
    starts: list[int] = []
    ends: list[int] = []
    last_end = None
    for start, end in sorted(intervals):
        if end <= start:
            continue
        start -= margin
        end += margin
        if last_end is not None and start <= last_end:
            if end > last_end:
                ends[-1] = last_end = end
        else:
            starts.append(start)
            ends.append(end)
            last_end = end
    return starts, ends


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
) -> list[int]:
    """Points `origin + k * step` (k >= 0) at or after `lo` where `[p, p + length)`
    fits in `[lo, hi)` and misses every interval of a merged list.

    `starts` and `ends` are the columns of a merged, sorted interval list
    (both ascending). This is the engine's sweep: one binary search, then one
    step per busy interval inside `[lo, hi)`, and the aligned points of each
    free gap come out of `range` without being tested one by one.
    """
    found: list[int] = []
    lo = max(lo, origin)
    if hi - lo < length:
        return found
    index = bisect_right(ends, lo)
    count = len(starts)
    cursor = lo
    while cursor < hi:
        if index < count and starts[index] < hi:
            gap_end = starts[index]
            next_cursor = max(cursor, ends[index])
            index += 1
        else:
            gap_end = next_cursor = hi
        last = gap_end - length
        if last >= cursor:
            found.extend(range(origin - ((origin - cursor) // step) * step, last + 1, step))
        cursor = next_cursor
    return found


def is_free(start: int, end: int, starts: Sequence[int], ends: Sequence[int]) -> bool:
    """True when `[start, end)` misses every interval of a merged list."""
    index = bisect_right(ends, start)
    return index == len(starts) or starts[index] >= end
