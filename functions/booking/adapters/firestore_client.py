"""One Firestore client per process, emulator-aware, created on first use."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from datetime import datetime

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from booking.config import project_id

Writer = firestore.WriteBatch | firestore.Transaction
"""Where a write can join a commit: a batch, or a transaction."""


@functools.cache
def db() -> firestore.Client:
    project = project_id()
    if os.environ.get("FIRESTORE_EMULATOR_HOST"):
        # Default credentials don't exist in the emulator; it needs none.
        from google.auth.credentials import AnonymousCredentials

        return firestore.Client(project=project, credentials=AnonymousCredentials())  # type: ignore[no-untyped-call]
    return firestore.Client(project=project)


def site_ref(site_id: str) -> firestore.DocumentReference:
    return db().collection("sites").document(site_id)


def due_in_sites(collection: str, now: datetime, limit: int, field: str = "nextAttemptAt") -> Iterator[tuple[str, str]]:
    """(site id, document id) of the `sites/*/{collection}` documents whose
    `field` time has come, oldest first: the work a retry sweep picks up."""
    query = (
        db()
        .collection_group(collection)
        .where(filter=FieldFilter(field, "<=", now))
        .order_by(field)
        .limit(limit)
        .select([field])
    )
    for snapshot in query.stream():
        yield snapshot.reference.parent.parent.id, snapshot.id
