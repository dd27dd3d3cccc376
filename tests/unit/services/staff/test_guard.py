"""The PIN guess policy, over in-memory stand-ins for the request counters
and the staff members' locks (the counters themselves are proven against
the emulator in tests/emulator/test_rate_limits.py)."""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from booking.adapters import rate_limit, staff_store
from booking.adapters.rate_limit import Counter
from booking.domain.pin_guard import DAY, SITE_TOLERATED_WRONG
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

    def previous_total(self, key: str, window: timedelta, now: datetime) -> int:
        index, _ = rate_limit.window_of(now, window)
        return self.counts[f"{key}_{index - 1}"]

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


@dataclass
class Staff:
    """The locks and wrong PINs `staff_store` keeps in the private records."""

    locked: set[str] = field(default_factory=set)
    epochs: Tally[str] = field(default_factory=Tally)
    wrong: list[tuple[str, str]] = field(default_factory=list)

    def record_wrong_pin(
        self, site_id: str, staff_id: str, address: str, lock: bool, forget: Iterable[str], now: datetime
    ) -> None:
        self.wrong.append((staff_id, address))
        if lock:
            self.locked.add(staff_id)

    def unlock(self, staff_id: str) -> None:
        self.locked.discard(staff_id)
        self.epochs[staff_id] += 1

    def target(self, staff_id: str) -> staff_guard.Target:
        return staff_guard.Target("demo", staff_id, staff_id in self.locked, self.epochs[staff_id])


@pytest.fixture
def counters(monkeypatch: pytest.MonkeyPatch) -> Counters:
    fake = Counters()
    for name in ("increment", "increment_together", "previous_total", "give_back", "block", "blocked_until"):
        monkeypatch.setattr(rate_limit, name, getattr(fake, name))
    return fake


@pytest.fixture
def staff(monkeypatch: pytest.MonkeyPatch) -> Staff:
    fake = Staff()
    monkeypatch.setattr(staff_store, "record_wrong_pin", fake.record_wrong_pin)
    return fake


def guess(staff: Staff, ip: str, correct: bool = False, staff_id: str | None = "anna", now: datetime = NOW) -> bool:
    """One sign-in attempt as `staff_login.login` makes it: True if evaluated.
    `staff_id` None is a made-up id (no real member with a PIN)."""
    if staff_guard.ip_blocked(ip, now):
        return False
    attempt = staff_guard.reserve(ip, staff.target(staff_id) if staff_id else None, now)
    if attempt.admitted:
        staff_guard.settle(attempt, ip, correct and staff_id is not None, now)
    return attempt.admitted


def test_five_wrong_pins_from_one_address_block_it_for_15_minutes(counters: Counters, staff: Staff) -> None:
    assert [guess(staff, "192.0.2.1") for _ in range(5)] == [True] * 5
    assert not guess(staff, "192.0.2.1", correct=True)
    assert staff_guard.ip_blocked("192.0.2.1", NOW + timedelta(minutes=14, seconds=59))
    assert not staff_guard.ip_blocked("192.0.2.1", NOW + timedelta(minutes=15))
    assert guess(staff, "192.0.2.2", correct=True)


def test_a_burst_past_the_address_allowance_writes_the_block_once(counters: Counters, staff: Staff) -> None:
    attempts = [staff_guard.reserve("192.0.2.1", staff.target("anna"), NOW) for _ in range(50)]
    assert sum(attempt.admitted for attempt in attempts) == 5
    assert counters.of_kind("staffPinSite") == 5
    assert counters.block_writes == 1


def test_a_correct_pin_gives_back_every_place_it_took(counters: Counters, staff: Staff) -> None:
    assert guess(staff, "192.0.2.1", correct=True)
    assert set(counters.counts.values()) == {0}
    assert set(counters.kinds.values()) == {"staffPinIp", "staffPinSite"}


def test_past_the_site_tolerance_a_wrong_pin_locks_that_staff_member_only(counters: Counters, staff: Staff) -> None:
    for index in range(10):
        assert guess(staff, f"198.51.100.{index}") == (index <= SITE_TOLERATED_WRONG)
    assert staff.locked == {"anna"}
    assert not guess(staff, "198.51.100.50", correct=True)
    assert guess(staff, "198.51.100.51", correct=True, staff_id="ben")


def test_a_lock_lasts_until_an_admin_unlocks_and_then_gives_one_fresh_chance(counters: Counters, staff: Staff) -> None:
    for index in range(SITE_TOLERATED_WRONG + 1):
        guess(staff, f"198.51.100.{index}")
    assert not guess(staff, "198.51.100.60", correct=True, now=NOW + 3 * DAY)
    staff.unlock("anna")
    assert guess(staff, "198.51.100.61", correct=True)
    assert guess(staff, "198.51.100.62")  # still past the tolerance: a wrong PIN locks again
    assert not guess(staff, "198.51.100.63", correct=True)


def test_the_tolerance_counts_the_previous_day_too(counters: Counters, staff: Staff) -> None:
    """Five wrong PINs just before the day window turns and one just after
    lock: no alignment of the windows doubles the tolerance."""
    _, window_end = rate_limit.window_of(NOW, DAY)
    late = window_end - timedelta(minutes=1)
    for number in range(SITE_TOLERATED_WRONG):
        assert guess(staff, f"198.51.103.{number}", staff_id=("anna", "ben")[number % 2], now=late)
    assert not staff.locked
    assert guess(staff, "198.51.103.100", staff_id="chloe", now=window_end + timedelta(minutes=1))
    assert staff.locked == {"chloe"}


def test_wrong_pins_for_made_up_ids_count_only_against_their_addresses(counters: Counters, staff: Staff) -> None:
    for index in range(30):
        guess(staff, f"198.51.101.{index // 5}", staff_id=None)
    assert counters.of_kind("staffPinSite") == 0
    assert staff.wrong == []
    assert guess(staff, "198.51.101.200", correct=True)


def test_past_the_tolerance_the_site_refuses_no_correct_pin(counters: Counters, staff: Staff) -> None:
    for index in range(30):
        guess(staff, f"198.51.102.{index}", staff_id=("anna", "ben", "chloe")[index % 3])
    assert staff.locked == {"anna", "ben", "chloe"}
    assert guess(staff, "198.51.102.200", correct=True, staff_id="dora")
    assert guess(staff, "198.51.102.201", correct=True, staff_id="dora")


def test_past_the_tolerance_a_member_has_one_attempt_checked_at_a_time(counters: Counters, staff: Staff) -> None:
    for index in range(SITE_TOLERATED_WRONG):
        guess(staff, f"198.51.104.{index}", staff_id="ben")
    first = staff_guard.reserve("198.51.104.50", staff.target("anna"), NOW)
    second = staff_guard.reserve("198.51.104.51", staff.target("anna"), NOW)
    assert (first.admitted, first.last_chance, second.admitted) == (True, True, False)
    staff_guard.settle(first, "198.51.104.50", True, NOW)  # it was anna herself
    assert guess(staff, "198.51.104.52", correct=True)


def test_the_counters_keep_their_document_ids(counters: Counters, staff: Staff) -> None:
    for index in range(SITE_TOLERATED_WRONG):
        staff_guard.reserve(f"192.0.2.{index}", staff.target("ben"), NOW)
    staff_guard.reserve("192.0.2.9", staff.target("anna"), NOW)
    staff_guard.block_ip("192.0.2.9", NOW)
    minute, day = int(NOW.timestamp()) // 60, int(NOW.timestamp()) // 86400
    assert set(counters.counts) == {
        *(f"staffPin_ip_{rate_limit.digest('ip', f'192.0.2.{index}')}_{minute}" for index in (0, 1, 2, 3, 4, 9)),
        f"staffPin_site_{rate_limit.digest('demo')}_{day}",
        f"staffPin_staff_{rate_limit.digest('demo', 'anna', '0')}_{day}",
    }
