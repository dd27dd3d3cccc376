"""Staff access in Firestore: the site's switch (`private/staffAccess`), the
staff members and their PINs (`staffPrivate/{staffId}`, server only: the
PIN hash, the session key, the PIN lock and the recent wrong PINs).

Sessions re-read these records on every call, so switching access off,
deactivating or deleting a member, or a new PIN ends sessions at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from google.cloud import firestore

from booking.adapters.firestore_client import db, site_ref
from booking.domain.model import StaffMember
from booking.domain.pins import PinHash
from booking.domain.staff_access import (
    DEFAULT_SESSION_MINUTES,
    FailedSignIns,
    SignInRecords,
    StaffAccess,
    StaffSecret,
)

ACCESS_DOC = ("private", "staffAccess")
"""sites/{siteId}/private/staffAccess: server only, read by admins through callables."""
Doc = Mapping[str, Any]


def _access_ref(site_id: str) -> firestore.DocumentReference:
    ref: firestore.DocumentReference = site_ref(site_id).collection(ACCESS_DOC[0]).document(ACCESS_DOC[1])
    return ref


def _secret_ref(site_id: str, staff_id: str) -> firestore.DocumentReference:
    ref: firestore.DocumentReference = site_ref(site_id).collection("staffPrivate").document(staff_id)
    return ref


def _access_from(doc: Doc | None) -> StaffAccess:
    doc = doc or {}
    return StaffAccess(
        enabled=bool(doc.get("enabled", False)),
        session_minutes=int(doc.get("sessionMinutes", DEFAULT_SESSION_MINUTES)),
    )


def _member_from(staff_id: str, doc: Doc) -> StaffMember:
    return StaffMember(
        id=staff_id,
        name=str(doc.get("name", staff_id)),
        service_ids=frozenset(doc.get("serviceIds") or ()),
        branch_id=doc.get("branchId"),
        active=bool(doc.get("active", True)),
    )


def _failure_key(address: str) -> str:
    """The map key of an address in `pinFailures`: a plain field name."""
    return "a" + hashlib.sha256(address.encode()).hexdigest()[:16]


def _failures_from(doc: Doc) -> tuple[FailedSignIns, ...]:
    entries = doc.get("pinFailures") or {}
    return tuple(
        FailedSignIns(address=str(entry["address"]), count=int(entry["count"]), last_at=entry["lastAt"])
        for entry in entries.values()
        if isinstance(entry, Mapping) and {"address", "count", "lastAt"} <= set(entry)
    )


def _secret_from(doc: Doc | None) -> StaffSecret | None:
    """An empty private record counts as none, as a missing one does."""
    if not doc:
        return None
    return StaffSecret(
        pin=PinHash.from_dict(doc.get("pin") or {}),
        pin_set_at=doc.get("pinSetAt"),
        generation=int(doc.get("generation", 0)),
        session_key=doc.get("sessionKey"),
        locked_at=doc.get("pinLockedAt"),
        lock_epoch=int(doc.get("pinLockEpoch", 0)),
        failures=_failures_from(doc),
    )


def access(site_id: str) -> StaffAccess:
    snapshot = _access_ref(site_id).get()
    return _access_from(snapshot.to_dict() if snapshot.exists else None)


def update_access(site_id: str, enabled: bool | None, session_minutes: int | None, now: datetime) -> None:
    """Change what is given (None leaves a setting as it is)."""
    update: dict[str, Any] = {"updatedAt": now}
    if enabled is not None:
        update["enabled"] = enabled
    if session_minutes is not None:
        update["sessionMinutes"] = session_minutes
    _access_ref(site_id).set(update, merge=True)


def sign_in_records(site_id: str, staff_id: str) -> SignInRecords:
    """The site's access, the member and their secret: one batched read."""
    site = site_ref(site_id)
    refs = [_access_ref(site_id), site.collection("staff").document(staff_id), _secret_ref(site_id, staff_id)]
    found = {snapshot.reference.path: snapshot.to_dict() for snapshot in db().get_all(refs) if snapshot.exists}
    access_doc, member_doc, secret_doc = (found.get(ref.path) for ref in refs)
    return SignInRecords(
        access=_access_from(access_doc),
        member=_member_from(staff_id, member_doc) if member_doc is not None else None,
        secret=_secret_from(secret_doc),
    )


def roster(site_id: str) -> tuple[list[StaffMember], dict[str, StaffSecret]]:
    """Every staff member of the site, and the private records by staff id."""
    site = site_ref(site_id)
    secrets = {doc.id: _secret_from(doc.to_dict()) for doc in site.collection("staffPrivate").stream()}
    members = [_member_from(doc.id, doc.to_dict() or {}) for doc in site.collection("staff").stream()]
    return members, {staff_id: secret for staff_id, secret in secrets.items() if secret is not None}


def branch_names(site_id: str) -> dict[str, str]:
    return {
        doc.id: (doc.to_dict() or {}).get("name", doc.id) for doc in site_ref(site_id).collection("branches").stream()
    }


def member_exists(site_id: str, staff_id: str) -> bool:
    return bool(site_ref(site_id).collection("staff").document(staff_id).get().exists)


_UNLOCK = {"pinLockedAt": firestore.DELETE_FIELD, "pinLockEpoch": firestore.Increment(1)}
"""Ends a lock by wrong PINs and gives the member a fresh last chance."""


def set_pin(site_id: str, staff_id: str, pin: PinHash | None, session_key: str, now: datetime) -> None:
    """Store a new PIN hash, or remove the PIN (None); either way the
    generation goes up and the session key changes, which ends the member's
    current sessions."""
    if pin is None:
        fields: dict[str, Any] = {"pin": firestore.DELETE_FIELD, "pinSetAt": None}
    else:
        fields = {"pin": pin.to_dict(), "pinSetAt": now}
    update = {**fields, "generation": firestore.Increment(1), "sessionKey": session_key, **_UNLOCK}
    _secret_ref(site_id, staff_id).set(update, merge=True)


def record_wrong_pin(
    site_id: str, staff_id: str, address: str, lock: bool, forget: Iterable[str], now: datetime
) -> None:
    """Count a wrong PIN from `address` for the admin pages, lock the
    member's PIN sign-in if `lock`, and drop the entries of `forget`
    (addresses whose wrong PINs are old), in one write."""
    key = _failure_key(address)
    update: dict[str, Any] = {
        f"pinFailures.{key}.address": address,
        f"pinFailures.{key}.count": firestore.Increment(1),
        f"pinFailures.{key}.lastAt": now,
    }
    update.update({f"pinFailures.{_failure_key(old)}": firestore.DELETE_FIELD for old in forget if old != address})
    if lock:
        update["pinLockedAt"] = now
    _secret_ref(site_id, staff_id).update(update)


def unlock_pin(site_id: str, staff_id: str) -> bool:
    """Let the member sign in with their PIN again; False if they have no
    private record (nothing to unlock)."""
    ref = _secret_ref(site_id, staff_id)
    if not ref.get().exists:
        return False
    ref.update(_UNLOCK)
    return True
