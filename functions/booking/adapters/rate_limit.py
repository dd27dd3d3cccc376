"""Fixed-window request counters, counted inside Firestore transactions so a
burst of simultaneous calls can't read the same count and all slip past."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from google.api_core import exceptions as gexc
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

    @firestore.transactional
    def admit(transaction: firestore.Transaction) -> bool:
        snapshot = ref.get(transaction=transaction)
        count = int((snapshot.to_dict() or {}).get("count", 0)) if snapshot.exists else 0
        if count >= limit:
            return False
        transaction.set(ref, {"kind": kind, "count": count + 1, "expiresAt": window_end + COUNTER_RETENTION})
        return True

    try:
        admitted = admit(db().transaction())
    except (ValueError, gexc.Aborted, gexc.Conflict) as error:
        # Gave up after its retries: the counter is hot, so the client is busy.
        raise RateLimited("Too many requests, please try again in a minute") from error
    if not admitted:
        raise RateLimited("Too many requests, please try again in a minute")
