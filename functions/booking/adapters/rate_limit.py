"""Fixed-window request counters that a simultaneous burst can't slip past.

Each request adds one to its window's counter with a server-side increment
and reads the new total from the same atomic commit. Firestore applies the
increments one after another, so 50 simultaneous calls see 50 different
totals and only those within the limit are admitted. No read-then-write, so
no lost updates and no transaction retries under contention.

This module is the one place that writes the top-level `rateLimits`
collection: the public per-address limits (`consume`) and the staff PIN
guard (`booking.services.staff.guard`) are policies on top of `increment`,
`previous_total`, `give_back` and the block documents. Every document carries `expiresAt`, and
a TTL policy on it deletes old ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from google.cloud import firestore

from booking.adapters.firestore_client import db
from booking.domain.errors import RateLimited

COLLECTION = "rateLimits"
WINDOW = timedelta(minutes=1)
"""The window of the public per-address limits."""
COUNTER_RETENTION = timedelta(hours=1)
"""How long a counter or block outlives its window (a counter at least one
more window): the TTL policy on `expiresAt` deletes it then."""


@dataclass(frozen=True)
class Counter:
    """One window's counter right after this call's increment."""

    doc_id: str
    """The document in `rateLimits`, so that the place can be given back."""
    total: int
    """The new total, this call included: distinct for simultaneous calls."""


def digest(*parts: str) -> str:
    """A short, stable hash for document ids, so that no address or id is
    stored in the clear; one part hashes as itself."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def window_of(now: datetime, window: timedelta) -> tuple[int, datetime]:
    """The fixed window `now` falls in: its index since the epoch and its end."""
    seconds = int(window.total_seconds())
    index = int(now.timestamp()) // seconds
    return index, datetime.fromtimestamp((index + 1) * seconds, UTC)


def increment(kind: str, key: str, window: timedelta, now: datetime) -> Counter:
    """Add one to the counter `{key}_{window index}` and return its new total.

    `key` names the counter and must be unique across kinds (callers prefix
    it with their kind); `kind` is stored as a field, for people and tests.
    """
    (counter,) = increment_together([(kind, key)], window, now)
    return counter


def increment_together(names: Sequence[tuple[str, str]], window: timedelta, now: datetime) -> tuple[Counter, ...]:
    """`increment` for several `(kind, key)` counters in one atomic commit:
    all count or none do, and each new total comes back from that commit."""
    index, window_end = window_of(now, window)
    expires_at = window_end + max(COUNTER_RETENTION, window)  # `previous_total` reads it through the next window
    batch = db().batch()
    doc_ids = [f"{key}_{index}" for _, key in names]
    for (kind, _), doc_id in zip(names, doc_ids, strict=True):
        data = {"kind": kind, "count": firestore.Increment(1), "expiresAt": expires_at}
        batch.set(_ref(doc_id), data, merge=True)
    results = batch.commit()
    return tuple(
        Counter(doc_id, result.transform_results[0].integer_value)
        for doc_id, result in zip(doc_ids, results, strict=True)
    )


def previous_total(key: str, window: timedelta, now: datetime) -> int:
    """The final total of the window before the one `now` falls in (0 if
    nothing counted then): rules over "the last 24 hours" add it to the
    current window's total, so no alignment of windows doubles an allowance."""
    index, _ = window_of(now, window)
    snapshot = _ref(f"{key}_{index - 1}").get()
    return int(snapshot.get("count")) if snapshot.exists else 0


def give_back(counters: Iterable[Counter]) -> None:
    """Take one off each counter, in one commit: a request that turned out
    not to count returns the places it reserved."""
    batch = db().batch()
    for counter in counters:
        batch.update(_ref(counter.doc_id), {"count": firestore.Increment(-1)})
    batch.commit()


def block(kind: str, key: str, until: datetime) -> None:
    """Mark `key` as blocked until `until` (a later block replaces it)."""
    _ref(key).set({"kind": kind, "until": until, "expiresAt": until + COUNTER_RETENTION})


def blocked_until(key: str) -> datetime | None:
    """When the block on `key` ends, or None if it was never blocked."""
    snapshot = _ref(key).get()
    until: datetime | None = snapshot.get("until") if snapshot.exists else None
    return until


def consume(kind: str, client_key: str, limit: int, now: datetime) -> None:
    """Count one request of `kind` from `client_key`; refuse past `limit`.

    Counters live in the top-level `rateLimits` collection: a client's quota
    is the same whichever site it calls, and unknown site ids create nothing.
    """
    counter = increment(kind, f"{kind}_{digest(client_key)}", WINDOW, now)
    if counter.total > limit:
        raise RateLimited("Too many requests, please try again in a minute")


def _ref(doc_id: str) -> Any:
    return db().collection(COLLECTION).document(doc_id)
