"""Half-open interval helpers used by the availability engine."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from booking.domain.intervals import busy_columns, free_starts, is_free, merge, overlaps, subtract

intervals = st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100)), max_size=8)


def covered(items: list[tuple[int, int]]) -> set[int]:
    return {p for start, end in items for p in range(start, end)}


def test_merge_sorts_coalesces_and_drops_empty() -> None:
    assert merge([(5, 7), (1, 3), (3, 4), (6, 9), (8, 8), (12, 10)]) == [(1, 4), (5, 9)]


def test_busy_columns_sort_starts_and_ends_apart_and_drop_empty() -> None:
    assert busy_columns([30, 10, 5], [40, 20, 5]) == ([10, 30], [20, 40])
    assert busy_columns([25, 12, 10], [30, 15, 20]) == ([10, 12, 25], [15, 20, 30])
    assert busy_columns([], []) == ([], [])


def test_subtract_cuts_out_breaks() -> None:
    assert subtract((0, 10), [(2, 3), (5, 7), (9, 12)]) == [(0, 2), (3, 5), (7, 9)]
    assert subtract((0, 10), [(0, 10)]) == []
    assert subtract((0, 10), []) == [(0, 10)]


def test_overlaps_is_half_open() -> None:
    assert overlaps((0, 5), (4, 6))
    assert not overlaps((0, 5), (5, 6))


def columns(items: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    return busy_columns([start for start, _ in items], [end for _, end in items])


def test_is_free() -> None:
    starts, ends = columns([(10, 20), (30, 40)])

    assert is_free(20, 30, starts, ends)
    assert is_free(0, 10, starts, ends)
    assert not is_free(19, 21, starts, ends)
    assert not is_free(0, 50, starts, ends)


def test_free_starts_are_aligned_to_the_origin_and_skip_busy_time() -> None:
    starts, ends = columns([(30, 45)])

    # Origin 10, step 15, length 15, window [10, 100): 25 would end at 40.
    assert free_starts(10, 10, 100, 15, 15, starts, ends) == [10, 55, 70, 85]
    assert free_starts(10, 11, 100, 15, 15, starts, ends) == [55, 70, 85]
    assert free_starts(10, 0, 39, 15, 15, [], []) == [10]


@settings(max_examples=500, deadline=None)
@given(intervals, st.integers(0, 10))
def test_merge_keeps_the_covered_points(items: list[tuple[int, int]], margin: int) -> None:
    merged = merge(items)
    assert covered(merged) == covered(items)
    assert all(a[1] < b[0] for a, b in pairwise(merged))
    widened = [(s - margin, e + margin) for s, e in items if e > s]
    starts, ends = columns(widened)
    assert starts == sorted(starts)
    assert ends == sorted(ends)
    # Sorted apart, `[starts[i], ends[i])` still covers exactly the busy points.
    assert covered(list(zip(starts, ends, strict=True))) == covered(widened)


@settings(max_examples=500, deadline=None)
@given(intervals, st.integers(0, 100), st.integers(0, 100))
def test_subtract_leaves_the_uncovered_points(items: list[tuple[int, int]], lo: int, hi: int) -> None:
    assert covered(subtract((lo, hi), items)) == set(range(lo, hi)) - covered(items)


@settings(max_examples=500, deadline=None)
@given(
    intervals,
    st.integers(0, 100),
    st.integers(0, 100),
    st.integers(0, 100),
    st.integers(1, 20),
    st.integers(1, 30),
)
def test_free_starts_match_a_point_by_point_check(
    items: list[tuple[int, int]], origin: int, lo: int, hi: int, step: int, length: int
) -> None:
    starts, ends = columns(items)
    busy = covered(items)
    expected = [
        p for p in range(origin, hi, step) if p >= lo and p + length <= hi and busy.isdisjoint(range(p, p + length))
    ]
    assert free_starts(origin, lo, hi, step, length, starts, ends) == expected


@settings(max_examples=500, deadline=None)
@given(
    intervals,
    st.integers(0, 100),
    st.integers(0, 100),
    st.integers(0, 100),
    st.integers(1, 20),
    st.integers(1, 30),
    st.integers(0, 15),
)
def test_free_starts_keep_the_margin_clear_of_overlapping_busy_time(
    items: list[tuple[int, int]], origin: int, lo: int, hi: int, step: int, length: int, margin: int
) -> None:
    """Unmerged, overlapping busy intervals and a buffer on both sides of
    each point, against a point-by-point check."""
    starts, ends = columns(items)
    busy = covered(items)
    expected = [
        p
        for p in range(origin, hi, step)
        if p >= lo and p + length <= hi and busy.isdisjoint(range(p - margin, p + length + margin))
    ]
    assert free_starts(origin, lo, hi, step, length, starts, ends, margin) == expected
    assert [p for p in range(origin, hi, step) if p in expected] == [
        p
        for p in range(origin, hi, step)
        if p >= lo and p + length <= hi and is_free(p - margin, p + length + margin, starts, ends)
    ]
