"""The pure parts of the request counters: windows and document ids."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from booking.adapters.rate_limit import digest, window_of


def test_windows_are_fixed_and_counted_from_the_epoch() -> None:
    now = datetime(2030, 3, 4, 9, 7, 30, tzinfo=UTC)
    index, end = window_of(now, timedelta(minutes=15))
    assert index == int(now.timestamp()) // 900
    assert end == datetime(2030, 3, 4, 9, 15, tzinfo=UTC)
    assert window_of(end - timedelta(microseconds=1), timedelta(minutes=15))[0] == index
    assert window_of(end, timedelta(minutes=15))[0] == index + 1


def test_a_one_minute_window_ends_on_the_next_minute() -> None:
    now = datetime(2030, 3, 4, 9, 7, 59, tzinfo=UTC)
    assert window_of(now, timedelta(minutes=1)) == (int(now.timestamp()) // 60, datetime(2030, 3, 4, 9, 8, tzinfo=UTC))


def test_one_part_hashes_as_itself_so_public_counter_ids_are_unchanged() -> None:
    assert digest("192.0.2.1") == hashlib.sha256(b"192.0.2.1").hexdigest()[:24]


def test_parts_are_separated_so_they_cant_be_shifted_between_each_other() -> None:
    assert digest("ip", "192.0.2.1") == hashlib.sha256(b"ip\x00192.0.2.1").hexdigest()[:24]
    assert digest("ab", "c") != digest("a", "bc")
