"""Staff sessions: a Firebase custom token at sign-in, its claims checked on
every call against the staff member's current record.

The claims alone are not trusted for longer than needed: each call re-reads
the staff member, their private record and the site's staff access, so
switching the dashboard off, deactivating or deleting someone, or setting a
new PIN ends their sessions at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from booking.adapters import firebase_auth
from booking.adapters.firestore_client import db, site_ref
from booking.domain.errors import Unauthenticated

ACCESS_DOC = ("private", "staffAccess")
"""sites/{siteId}/private/staffAccess: server only, read by admins through callables."""
DEFAULT_SESSION_MINUTES = 480
MIN_SESSION_MINUTES = 15
MAX_SESSION_MINUTES = 24 * 60


class SessionEnded(Unauthenticated):
    """No session, an expired one, or one that no longer matches the staff
    record: the app signs in again."""

    def __init__(self) -> None:
        super().__init__("Your session has ended, please sign in again")


@dataclass(frozen=True)
class StaffAccess:
    enabled: bool = False
    session_minutes: int = DEFAULT_SESSION_MINUTES

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any] | None) -> StaffAccess:
        doc = doc or {}
        return cls(
            enabled=bool(doc.get("enabled", False)),
            session_minutes=int(doc.get("sessionMinutes", DEFAULT_SESSION_MINUTES)),
        )


@dataclass(frozen=True)
class StaffSession:
    """The signed-in staff member, as currently stored."""

    site_id: str
    staff_id: str
    name: str
    branch_id: str | None
    service_ids: frozenset[str]
    expires_at: datetime


def uid_of(site_id: str, staff_id: str) -> str:
    return f"staff:{site_id}:{staff_id}"


def mint_token(site_id: str, staff_id: str, branch_id: str | None, generation: int, expires_at: datetime) -> str:
    """The session's custom token: its claims stay in every ID token of the
    session, refreshed ones too, and are checked by `session_from_claims`."""
    claims = {
        "staff": {"siteId": site_id, "staffId": staff_id, "branchId": branch_id, "generation": generation},
        "staffSessionExpiresAt": int(expires_at.timestamp()),
    }
    return firebase_auth.custom_token(uid_of(site_id, staff_id), claims)


def load_access(site_id: str) -> StaffAccess:
    snapshot = site_ref(site_id).collection(ACCESS_DOC[0]).document(ACCESS_DOC[1]).get()
    return StaffAccess.from_doc(snapshot.to_dict() if snapshot.exists else None)


def session_from_claims(token: Mapping[str, Any] | None, now: datetime) -> StaffSession:
    """Check the claims and that they still match the stored records."""
    staff = (token or {}).get("staff")
    expires = (token or {}).get("staffSessionExpiresAt")
    if not isinstance(staff, Mapping) or not isinstance(expires, int | float):
        raise SessionEnded()
    site_id, staff_id, generation = staff.get("siteId"), staff.get("staffId"), staff.get("generation", 0)
    if not isinstance(site_id, str) or not isinstance(staff_id, str) or not site_id or not staff_id:
        raise SessionEnded()
    expires_at = datetime.fromtimestamp(expires, UTC)
    if expires_at <= now:
        raise SessionEnded()
    site = site_ref(site_id)
    refs = [
        site.collection(ACCESS_DOC[0]).document(ACCESS_DOC[1]),
        site.collection("staff").document(staff_id),
        site.collection("staffPrivate").document(staff_id),
    ]
    docs = {snapshot.reference.path: snapshot.to_dict() if snapshot.exists else None for snapshot in db().get_all(refs)}
    access, member, private = (docs.get(ref.path) for ref in refs)
    if not StaffAccess.from_doc(access).enabled or not member or not member.get("active", True) or not private:
        raise SessionEnded()
    if int(private.get("generation", 0)) != generation:
        raise SessionEnded()
    return StaffSession(
        site_id=site_id,
        staff_id=staff_id,
        name=str(member.get("name", staff_id)),
        branch_id=member.get("branchId"),
        service_ids=frozenset(member.get("serviceIds") or ()),
        expires_at=expires_at,
    )


def session_end(access: StaffAccess, now: datetime) -> datetime:
    return now + timedelta(minutes=access.session_minutes)
