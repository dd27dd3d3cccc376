"""One Firestore client per process, emulator-aware, created on first use."""

from __future__ import annotations

import functools
import os

from google.cloud import firestore

DEFAULT_PROJECT = "demo-booking"


@functools.cache
def db() -> firestore.Client:
    project = os.environ.get("GCLOUD_PROJECT") or os.environ.get("GOOGLE_CLOUD_PROJECT") or DEFAULT_PROJECT
    if os.environ.get("FIRESTORE_EMULATOR_HOST"):
        # Default credentials don't exist in the emulator; it needs none.
        from google.auth.credentials import AnonymousCredentials

        return firestore.Client(project=project, credentials=AnonymousCredentials())  # type: ignore[no-untyped-call]
    return firestore.Client(project=project)


def site_ref(site_id: str) -> firestore.DocumentReference:
    return db().collection("sites").document(site_id)
