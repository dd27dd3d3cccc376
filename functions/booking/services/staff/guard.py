"""Limits on PIN guesses: per client address, and the site's tolerance that
locks a staff member's PIN sign-in (the rules and their arithmetic are in
`booking.domain.pin_guard`).

Every attempt reserves its places in the counters *before* the PIN is
checked: the reservation is a server-side increment whose new total comes
back from the same atomic commit, so a simultaneous burst sees distinct
totals and only the first few are ever evaluated. A correct PIN gives its
places back, so only wrong PINs use up an allowance.

- one address: 5 wrong PINs in a minute, then it is blocked for 15 minutes;
- one site: 5 wrong PINs for its real staff members over two day windows
  lock no one; past them a staff member's next wrong PIN locks their PIN
  sign-in until an admin unlocks it or sets a new PIN.

Attempts for made-up staff ids, members without a PIN or locked members
count only against the address, so they can't use up the site's tolerance,
and the tolerance never refuses a correct PIN.

The counters and blocks are the request counters of
`booking.adapters.rate_limit`, in the top-level `rateLimits` collection
(TTL on `expiresAt`), as `staffPin_ip_{hash}_{minute}`,
`staffPin_site_{hash}_{day}`, `staffPin_staff_{hash}_{day}` and
`staffPinBlock_{hash}`; the lock and the recent wrong PINs are in the
member's private record (`booking.adapters.staff_store`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from booking.adapters import rate_limit, staff_store
from booking.adapters.rate_limit import Counter
from booking.domain import pin_guard
from booking.domain.pin_guard import DAY, FAILURE_RETENTION, IP_BLOCK, IP_WINDOW, IP_WRONG_PER_MINUTE
from booking.domain.staff_access import SignInRecords


@dataclass(frozen=True)
class Target:
    """A real staff member with a PIN: only these count against the site."""

    site_id: str
    staff_id: str
    locked: bool = False
    lock_epoch: int = 0
    """The member's last-chance counter starts again with every unlock."""
    stale_addresses: tuple[str, ...] = ()
    """Addresses whose wrong PINs the member's record no longer needs."""


@dataclass(frozen=True)
class Attempt:
    """The places one attempt holds; `admitted` says whether it may be evaluated."""

    counters: tuple[Counter, ...]
    admitted: bool
    target: Target | None = None
    last_chance: bool = False
    """Past the site's tolerance: a wrong PIN locks the member."""


def target_of(site_id: str, staff_id: str, records: SignInRecords, now: datetime) -> Target | None:
    """The member an attempt counts against, or None when no PIN of theirs
    could be right (unknown, inactive, no PIN, staff access off)."""
    member, secret = records.member, records.secret
    if not records.access.enabled or member is None or not member.active or secret is None or secret.pin is None:
        return None
    stale = tuple(f.address for f in secret.failures if f.last_at <= now - FAILURE_RETENTION)
    return Target(site_id, staff_id, secret.locked, secret.lock_epoch, stale)


def _block_key(ip: str) -> str:
    return f"staffPinBlock_{rate_limit.digest('ip', ip)}"


def ip_blocked(ip: str, now: datetime) -> bool:
    until = rate_limit.blocked_until(_block_key(ip))
    return until is not None and until > now


def block_ip(ip: str, now: datetime) -> None:
    rate_limit.block("staffPinBlock", _block_key(ip), now + IP_BLOCK)


def reserve(ip: str, target: Target | None, now: datetime) -> Attempt:
    """Take the attempt's places: the address first, so one address's burst
    can't use up the site's tolerance; then, for a real member who isn't
    locked, the site's day counter and, past its tolerance, the member's
    last chance."""
    ip_key = f"staffPin_ip_{rate_limit.digest('ip', ip)}"
    ip_counter = rate_limit.increment("staffPinIp", ip_key, IP_WINDOW, now)
    if ip_counter.total > IP_WRONG_PER_MINUTE:
        if ip_counter.total == IP_WRONG_PER_MINUTE + 1:  # one write per window, not one per refused guess
            block_ip(ip, now)
        return Attempt((ip_counter,), admitted=False)
    if target is None:
        return Attempt((ip_counter,), admitted=True)
    if target.locked:
        return Attempt((ip_counter,), admitted=False, target=target)
    site_key = f"staffPin_site_{rate_limit.digest(target.site_id)}"
    site_counter = rate_limit.increment("staffPinSite", site_key, DAY, now)
    if pin_guard.within_tolerance(rate_limit.previous_total(site_key, DAY, now), site_counter.total):
        return Attempt((ip_counter, site_counter), admitted=True, target=target)
    epoch = str(target.lock_epoch)
    staff_key = f"staffPin_staff_{rate_limit.digest(target.site_id, target.staff_id, epoch)}"
    staff_counter = rate_limit.increment("staffPinStaff", staff_key, DAY, now)
    if not pin_guard.last_chance_admits(staff_counter.total):
        rate_limit.give_back([staff_counter])  # the chance is someone else's: a correct PIN after it still counts
        return Attempt((ip_counter, site_counter), admitted=False, target=target, last_chance=True)
    return Attempt((ip_counter, site_counter, staff_counter), admitted=True, target=target, last_chance=True)


def settle(attempt: Attempt, ip: str, correct: bool, now: datetime) -> None:
    """A correct PIN gives its places back. A wrong one is recorded for the
    admin pages (locking the member on their last chance), and the wrong PIN
    that reaches the address's allowance blocks the address."""
    if correct:
        rate_limit.give_back(attempt.counters)
        return
    if attempt.counters and attempt.counters[0].total >= IP_WRONG_PER_MINUTE:
        block_ip(ip, now)
    target = attempt.target
    if target is not None and attempt.admitted:
        staff_store.record_wrong_pin(
            target.site_id, target.staff_id, ip, attempt.last_chance, target.stale_addresses, now
        )
