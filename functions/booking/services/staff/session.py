"""Staff sessions: a Firebase custom token at sign-in, its claims checked on
every call against the staff member's current record.

The claims alone are not trusted for longer than needed: each call re-reads
the staff member, their private record and the site's staff access, so
switching the dashboard off, deactivating or deleting someone, or setting a
new PIN ends their sessions at once. A session names the random key of the
PIN it was opened with, so re-creating a deleted member under the same id
doesn't bring their old sessions back.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from booking.adapters import firebase_auth, staff_store
from booking.domain.errors import Unauthenticated
from booking.domain.staff_access import StaffAccess, StaffSecret


class SessionEnded(Unauthenticated):
    """No session, an expired one, or one that no longer matches the staff
    record: the app signs in again."""

    def __init__(self) -> None:
        super().__init__("Your session has ended, please sign in again")


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


def new_session_key() -> str:
    """128 random bits: sessions carry it, and a new PIN draws a new one."""
    return secrets.token_hex(16)


def mint_token(site_id: str, staff_id: str, branch_id: str | None, secret: StaffSecret, expires_at: datetime) -> str:
    """The session's custom token: its claims stay in every ID token of the
    session, refreshed ones too, and are checked by `session_from_claims`."""
    staff: dict[str, Any] = {"siteId": site_id, "staffId": staff_id, "branchId": branch_id}
    staff["generation"] = secret.generation
    if secret.session_key is not None:
        staff["sessionKey"] = secret.session_key
    claims = {"staff": staff, "staffSessionExpiresAt": int(expires_at.timestamp())}
    return firebase_auth.custom_token(uid_of(site_id, staff_id), claims)


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
    records = staff_store.sign_in_records(site_id, staff_id)
    member, secret = records.member, records.secret
    if not records.access.enabled or member is None or not member.active or secret is None:
        raise SessionEnded()
    if secret.generation != generation or staff.get("sessionKey") != secret.session_key:
        raise SessionEnded()
    return StaffSession(
        site_id=site_id,
        staff_id=staff_id,
        name=member.name,
        branch_id=member.branch_id,
        service_ids=member.service_ids,
        expires_at=expires_at,
    )


def session_end(access: StaffAccess, now: datetime) -> datetime:
    return now + timedelta(minutes=access.session_minutes)
