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

The counters live in the top-level `rateLimits` collection with the other
request counters (TTL on `expiresAt`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from google.cloud import firestore

from booking.adapters.firestore_client import db

IP_WRONG_PER_MINUTE = 5
IP_BLOCK = timedelta(minutes=15)
STAFF_WRONG_PER_WINDOW = 10
SITE_WRONG_PER_WINDOW = 30
WINDOW = timedelta(minutes=15)
RETENTION = timedelta(hours=1)


@dataclass(frozen=True)
class Counter:
    ref: Any
    total: int


def _key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def _window(now: datetime, size: timedelta) -> tuple[int, datetime]:
    seconds = int(size.total_seconds())
    index = int(now.timestamp()) // seconds
    return index, datetime.fromtimestamp((index + 1) * seconds, UTC)


def _doc(name: str, now: datetime, size: timedelta) -> tuple[Any, datetime]:
    index, window_end = _window(now, size)
    return db().collection("rateLimits").document(f"staffPin_{name}_{index}"), window_end


def _block_ref(ip: str) -> Any:
    return db().collection("rateLimits").document(f"staffPinBlock_{_key('ip', ip)}")


def _data(kind: str, window_end: datetime) -> dict[str, Any]:
    return {"kind": kind, "count": firestore.Increment(1), "expiresAt": window_end + RETENTION}


@dataclass(frozen=True)
class Attempt:
    """The places one attempt holds; `admitted` says whether it may be evaluated."""

    counters: tuple[Counter, ...]
    admitted: bool


def ip_blocked(ip: str, now: datetime) -> bool:
    snapshot = _block_ref(ip).get()
    until = snapshot.get("until") if snapshot.exists else None
    return until is not None and until > now


def block_ip(ip: str, now: datetime) -> None:
    until = now + IP_BLOCK
    _block_ref(ip).set({"kind": "staffPinBlock", "until": until, "expiresAt": until + RETENTION})


def reserve(ip: str, site_id: str, staff_id: str, now: datetime) -> Attempt:
    """Take one place per counter: the address first, so one address's burst
    can't use up a staff member's or the site's allowance."""
    ip_ref, ip_end = _doc(f"ip_{_key('ip', ip)}", now, timedelta(minutes=1))
    ip_result = ip_ref.set(_data("staffPinIp", ip_end), merge=True)
    ip_counter = Counter(ip_ref, ip_result.transform_results[0].integer_value)
    if ip_counter.total > IP_WRONG_PER_MINUTE:
        if ip_counter.total == IP_WRONG_PER_MINUTE + 1:  # one write per window, not one per refused guess
            block_ip(ip, now)
        return Attempt((ip_counter,), admitted=False)
    staff_ref, window_end = _doc(f"staff_{_key(site_id, staff_id)}", now, WINDOW)
    site_ref, _ = _doc(f"site_{_key(site_id)}", now, WINDOW)
    batch = db().batch()
    batch.set(staff_ref, _data("staffPinStaff", window_end), merge=True)
    batch.set(site_ref, _data("staffPinSite", window_end), merge=True)
    staff_result, site_result = batch.commit()
    staff_counter = Counter(staff_ref, staff_result.transform_results[0].integer_value)
    site_counter = Counter(site_ref, site_result.transform_results[0].integer_value)
    admitted = staff_counter.total <= STAFF_WRONG_PER_WINDOW and site_counter.total <= SITE_WRONG_PER_WINDOW
    return Attempt((ip_counter, staff_counter, site_counter), admitted)


def settle(attempt: Attempt, ip: str, correct: bool, now: datetime) -> None:
    """A correct PIN gives its places back; the wrong PIN that reaches the
    address's allowance blocks the address."""
    if correct:
        batch = db().batch()
        for counter in attempt.counters:
            batch.update(counter.ref, {"count": firestore.Increment(-1)})
        batch.commit()
    elif attempt.counters and attempt.counters[0].total >= IP_WRONG_PER_MINUTE:
        block_ip(ip, now)
