"""The PIN guess policy, over an in-memory stand-in for the request counters
(the counters themselves are proven against the emulator in
tests/emulator/test_rate_limits.py)."""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

import pytest

from booking.adapters import rate_limit
from booking.adapters.rate_limit import Counter
from booking.services.staff import guard as staff_guard

NOW = datetime(2030, 3, 4, 9, 0, 5, tzinfo=UTC)


class Counters:
    """What `rate_limit` keeps in `rateLimits`, as plain dictionaries."""

    def __init__(self) -> None:
        self.counts: Tally[str] = Tally()
        self.kinds: dict[str, str] = {}
        self.blocks: dict[str, datetime] = {}
        self.block_writes = 0

    def increment_together(
        self, names: Sequence[tuple[str, str]], window: timedelta, now: datetime
    ) -> tuple[Counter, ...]:
        index, _ = rate_limit.window_of(now, window)
        counters = []
        for kind, key in names:
            doc_id = f"{key}_{index}"
            self.counts[doc_id] += 1
            self.kinds[doc_id] = kind
            counters.append(Counter(doc_id, self.counts[doc_id]))
        return tuple(counters)

    def increment(self, kind: str, key: str, window: timedelta, now: datetime) -> Counter:
        (counter,) = self.increment_together([(kind, key)], window, now)
        return counter

    def give_back(self, counters: Iterable[Counter]) -> None:
        for counter in counters:
            self.counts[counter.doc_id] -= 1

    def block(self, kind: str, key: str, until: datetime) -> None:
        self.blocks[key] = until
        self.block_writes += 1

    def blocked_until(self, key: str) -> datetime | None:
        return self.blocks.get(key)

    def of_kind(self, kind: str) -> int:
        return sum(count for doc_id, count in self.counts.items() if self.kinds[doc_id] == kind)


@pytest.fixture
def counters(monkeypatch: pytest.MonkeyPatch) -> Counters:
    fake = Counters()
    for name in ("increment", "increment_together", "give_back", "block", "blocked_until"):
        monkeypatch.setattr(rate_limit, name, getattr(fake, name))
    return fake


def guess(ip: str, correct: bool = False, staff_id: str = "anna", now: datetime = NOW) -> bool:
    """One sign-in attempt as `staff_login.login` makes it: True if evaluated."""
    if staff_guard.ip_blocked(ip, now):
        return False
    attempt = staff_guard.reserve(ip, "demo", staff_id, now)
    if attempt.admitted:
        staff_guard.settle(attempt, ip, correct, now)
    return attempt.admitted


def test_five_wrong_pins_from_one_address_block_it_for_15_minutes(counters: Counters) -> None:
    assert [guess("192.0.2.1") for _ in range(5)] == [True] * 5
    assert not guess("192.0.2.1", correct=True)
    assert staff_guard.ip_blocked("192.0.2.1", NOW + timedelta(minutes=14, seconds=59))
    assert not staff_guard.ip_blocked("192.0.2.1", NOW + timedelta(minutes=15))
    assert guess("192.0.2.2", correct=True)


def test_a_burst_past_the_address_allowance_writes_the_block_once(counters: Counters) -> None:
    attempts = [staff_guard.reserve("192.0.2.1", "demo", "anna", NOW) for _ in range(50)]
    assert sum(attempt.admitted for attempt in attempts) == 5
    assert counters.of_kind("staffPinStaff") == counters.of_kind("staffPinSite") == 5
    assert counters.block_writes == 1


def test_a_correct_pin_gives_back_every_place_it_took(counters: Counters) -> None:
    assert guess("192.0.2.1", correct=True)
    assert set(counters.counts.values()) == {0}
    assert set(counters.kinds.values()) == {"staffPinIp", "staffPinStaff", "staffPinSite"}


def test_ten_wrong_pins_from_many_addresses_lock_the_staff_member_only(counters: Counters) -> None:
    for index in range(10):
        assert guess(f"198.51.100.{index}")
    assert not guess("198.51.100.50", correct=True)
    assert guess("198.51.100.51", correct=True, staff_id="ben")


def test_thirty_wrong_pins_over_the_staff_lock_the_site(counters: Counters) -> None:
    for index in range(30):
        assert guess(f"198.51.101.{index}", staff_id=("anna", "ben", "chloe")[index % 3])
    assert not guess("198.51.101.200", correct=True, staff_id="dora")


def test_the_counters_keep_their_document_ids(counters: Counters) -> None:
    staff_guard.reserve("192.0.2.1", "demo", "anna", NOW)
    staff_guard.block_ip("192.0.2.1", NOW)
    minute, quarter = int(NOW.timestamp()) // 60, int(NOW.timestamp()) // 900
    assert set(counters.counts) == {
        f"staffPin_ip_{rate_limit.digest('ip', '192.0.2.1')}_{minute}",
        f"staffPin_staff_{rate_limit.digest('demo', 'anna')}_{quarter}",
        f"staffPin_site_{rate_limit.digest('demo')}_{quarter}",
    }
    assert set(counters.blocks) == {f"staffPinBlock_{rate_limit.digest('ip', '192.0.2.1')}"}
