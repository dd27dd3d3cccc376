"""Limits on PIN guesses, per client address, per staff member and per site.

A PIN has at most a million values, so guesses must be scarce. Every
attempt reserves a place in its counters *before* the PIN is checked: the
reservation is a server-side increment whose new total comes back from the
same atomic commit, so a simultaneous burst sees distinct totals and only
the first few are ever evaluated. A correct PIN gives its places back, so
only wrong PINs use up the allowance.

- one address: 5 wrong PINs in a minute, then it is blocked for 15 minutes;
- one staff member: 10 wrong PINs in a 15-minute window (many addresses);
- one site: 30 wrong PINs in a 15-minute window (many staff, many addresses).

This module is policy only: the counters and blocks are the request
counters of `booking.adapters.rate_limit`, in the top-level `rateLimits`
collection (TTL on `expiresAt`), as `staffPin_{ip|staff|site}_{hash}_{window}`
and `staffPinBlock_{hash}`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from booking.adapters import rate_limit
from booking.adapters.rate_limit import Counter

IP_WRONG_PER_MINUTE = 5
IP_WINDOW = timedelta(minutes=1)
IP_BLOCK = timedelta(minutes=15)
STAFF_WRONG_PER_WINDOW = 10
SITE_WRONG_PER_WINDOW = 30
WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class Attempt:
    """The places one attempt holds; `admitted` says whether it may be evaluated."""

    counters: tuple[Counter, ...]
    admitted: bool


def _block_key(ip: str) -> str:
    return f"staffPinBlock_{rate_limit.digest('ip', ip)}"


def ip_blocked(ip: str, now: datetime) -> bool:
    until = rate_limit.blocked_until(_block_key(ip))
    return until is not None and until > now


def block_ip(ip: str, now: datetime) -> None:
    rate_limit.block("staffPinBlock", _block_key(ip), now + IP_BLOCK)


def reserve(ip: str, site_id: str, staff_id: str, now: datetime) -> Attempt:
    """Take one place per counter: the address first, so one address's burst
    can't use up a staff member's or the site's allowance."""
    ip_key = f"staffPin_ip_{rate_limit.digest('ip', ip)}"
    ip_counter = rate_limit.increment("staffPinIp", ip_key, IP_WINDOW, now)
    if ip_counter.total > IP_WRONG_PER_MINUTE:
        if ip_counter.total == IP_WRONG_PER_MINUTE + 1:  # one write per window, not one per refused guess
            block_ip(ip, now)
        return Attempt((ip_counter,), admitted=False)
    staff_counter, site_counter = rate_limit.increment_together(
        [
            ("staffPinStaff", f"staffPin_staff_{rate_limit.digest(site_id, staff_id)}"),
            ("staffPinSite", f"staffPin_site_{rate_limit.digest(site_id)}"),
        ],
        WINDOW,
        now,
    )
    admitted = staff_counter.total <= STAFF_WRONG_PER_WINDOW and site_counter.total <= SITE_WRONG_PER_WINDOW
    return Attempt((ip_counter, staff_counter, site_counter), admitted)


def settle(attempt: Attempt, ip: str, correct: bool, now: datetime) -> None:
    """A correct PIN gives its places back; the wrong PIN that reaches the
    address's allowance blocks the address."""
    if correct:
        rate_limit.give_back(attempt.counters)
    elif attempt.counters and attempt.counters[0].total >= IP_WRONG_PER_MINUTE:
        block_ip(ip, now)
