"""Fixed-window request counters that a simultaneous burst can't slip past.

Each request adds one to its window's counter with a server-side increment
and reads the new total from the same atomic commit. Firestore applies the
increments one after another, so 50 simultaneous calls see 50 different
totals and only those within the limit are admitted. No read-then-write, so
no lost updates and no transaction retries under contention.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from google.cloud import firestore

from booking.adapters.firestore_client import db
from booking.domain.errors import RateLimited

WINDOW_SECONDS = 60
COUNTER_RETENTION = timedelta(hours=1)
"""A TTL policy on `expiresAt` deletes old counters."""


def consume(kind: str, client_key: str, limit: int, now: datetime) -> None:
    """Count one request of `kind` from `client_key`; refuse past `limit`.

    Counters live in the top-level `rateLimits` collection: a client's quota
    is the same whichever site it calls, and unknown site ids create nothing.
    """
    window = int(now.timestamp()) // WINDOW_SECONDS
    digest = hashlib.sha256(client_key.encode()).hexdigest()[:24]
    ref = db().collection("rateLimits").document(f"{kind}_{digest}_{window}")
    window_end = datetime.fromtimestamp((window + 1) * WINDOW_SECONDS, UTC)
    result = ref.set(
        {"kind": kind, "count": firestore.Increment(1), "expiresAt": window_end + COUNTER_RETENTION},
        merge=True,
    )
    (total,) = result.transform_results
    if total.integer_value > limit:
        raise RateLimited("Too many requests, please try again in a minute")
