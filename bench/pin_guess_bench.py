"""Simulation of a distributed PIN guesser against the staff sign-in rules.

`run()` returns `pin_guess_success_per_day`: the chance that an attacker
with any number of client addresses, sending guesses as fast as the rules
let them be checked, finds some staff member's PIN within 24 hours, on a
site with 5 staff members with 4-digit PINs.

It replays the server's own rules and constants (`booking.domain.pin_guard`,
used by `booking.services.staff.guard`) over in-memory counters, minute by
minute, from every hour of the day window, so no alignment of the windows
is missed. Each guess comes from a fresh address, so the per-address limit
never binds; every checked guess is wrong and distinct, so a staff member
whose PIN was tried `g` times is found with probability `g / 10**digits`.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
for _entry in (_ROOT, _ROOT / "functions"):
    if str(_entry) not in sys.path:
        sys.path.insert(0, str(_entry))

from booking.domain import pin_guard  # noqa: E402
from booking.domain.pin_guard import DAY  # noqa: E402

STAFF = 5
DIGITS = 4
GUESSES_PER_MINUTE = 200
"""More than the rules ever check in a minute: the rest are refused."""
EPOCH = datetime(2030, 1, 1, tzinfo=UTC)


def _day(moment: datetime) -> int:
    return int(moment.timestamp() // DAY.total_seconds())


def checked_wrong_pins(staff_count: int, start: datetime, period: timedelta = DAY) -> list[int]:
    """Per staff member, the wrong PINs the rules let be checked from
    `start` over `period`, against a greedy attacker that never stops."""
    site: Counter[int] = Counter()
    last_chance: Counter[tuple[int, int]] = Counter()
    checked = [0] * staff_count
    locked: set[int] = set()
    turn = 0
    minute = start
    while minute < start + period and len(locked) < staff_count:
        day = _day(minute)
        for _ in range(GUESSES_PER_MINUTE):
            open_staff = [member for member in range(staff_count) if member not in locked]
            if not open_staff:
                break
            member = open_staff[turn % len(open_staff)]
            turn += 1
            site[day] += 1
            if pin_guard.within_tolerance(site[day - 1], site[day]):
                checked[member] += 1
                continue
            last_chance[(member, day)] += 1
            if pin_guard.last_chance_admits(last_chance[(member, day)]):
                checked[member] += 1
                locked.add(member)  # a wrong PIN on the last chance locks until an admin acts
            else:
                last_chance[(member, day)] -= 1
        minute += timedelta(minutes=1)
    return checked


def success_probability(checked: list[int], digits: int = DIGITS) -> float:
    """The chance that at least one staff member's PIN was among the guesses."""
    space = 10**digits
    return 1 - math.prod(1 - guesses / space for guesses in checked)


def worst_day(staff_count: int = STAFF, digits: int = DIGITS) -> float:
    """The attacker's best 24 hours, over every start hour of a day window."""
    starts = [EPOCH + timedelta(hours=hour, minutes=59) for hour in range(24)]
    return max(success_probability(checked_wrong_pins(staff_count, start), digits) for start in starts)


def run() -> dict[str, float]:
    return {"pin_guess_success_per_day": worst_day()}


if __name__ == "__main__":
    print(run())
