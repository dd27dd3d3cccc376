"""Sign-in at the desk: the staff member picks their name and types their PIN.

Every refusal is the same `NotAccepted`, whatever the reason (unknown site
or staff member, no PIN, wrong PIN, a blocked address or a locked account,
staff access switched off), so the answer never tells a guesser which staff
member exists or whether they are locked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from booking.adapters.firestore_client import db, site_ref
from booking.domain.errors import AccessDenied, NotFound
from booking.domain.pins import PinHash, pin_matches
from booking.services.staff import guard as staff_guard
from booking.services.staff import session as staff_session
from booking.services.staff.session import ACCESS_DOC, StaffAccess


class NotAccepted(AccessDenied):
    def __init__(self) -> None:
        super().__init__("PIN not accepted. Check it and try again, or wait a few minutes.")


@dataclass(frozen=True)
class LoginRequest:
    site_id: str
    staff_id: str
    pin: str
    ip: str


def login(request: LoginRequest, now: datetime) -> dict[str, Any]:
    """Check the PIN within the guess limits; a correct one returns a custom
    token for the configured session length."""
    if staff_guard.ip_blocked(request.ip, now):
        raise NotAccepted()
    attempt = staff_guard.reserve(request.ip, request.site_id, request.staff_id, now)
    if not attempt.admitted:
        raise NotAccepted()
    access, member, private = _records(request.site_id, request.staff_id)
    usable = access.enabled and member is not None and bool(member.get("active", True))
    stored = PinHash.from_dict((private or {}).get("pin") or {}) if usable else None
    correct = pin_matches(request.pin, stored)
    staff_guard.settle(attempt, request.ip, correct, now)
    if not correct or member is None or private is None:
        raise NotAccepted()
    expires_at = staff_session.session_end(access, now)
    branch_id = member.get("branchId")
    token = staff_session.mint_token(
        request.site_id, request.staff_id, branch_id, int(private.get("generation", 0)), expires_at
    )
    return {
        "token": token,
        "expiresAt": expires_at.isoformat(),
        "staff": {"id": request.staff_id, "name": member.get("name", request.staff_id), "branchId": branch_id},
    }


def _records(site_id: str, staff_id: str) -> tuple[StaffAccess, dict[str, Any] | None, dict[str, Any] | None]:
    site = site_ref(site_id)
    refs = [
        site.collection(ACCESS_DOC[0]).document(ACCESS_DOC[1]),
        site.collection("staff").document(staff_id),
        site.collection("staffPrivate").document(staff_id),
    ]
    found = {snapshot.reference.path: snapshot.to_dict() for snapshot in db().get_all(refs) if snapshot.exists}
    access, member, private = (found.get(ref.path) for ref in refs)
    return StaffAccess.from_doc(access), member, private


def directory(site_id: str) -> dict[str, Any]:
    """The names on the sign-in screen: active staff members who have a PIN.

    Staff names are public anyway (the booking widget shows them); a site
    without staff access answers NotFound.
    """
    site = site_ref(site_id)
    snapshot = site.get()
    access = staff_session.load_access(site_id)
    if not snapshot.exists or not access.enabled:
        raise NotFound("Staff access is not enabled for this site")
    private = site.collection("staffPrivate").select(["pin"]).stream()
    with_pin = {doc.id for doc in private if (doc.to_dict() or {}).get("pin")}
    members = {doc.id: doc.to_dict() or {} for doc in site.collection("staff").stream()}
    staff = [
        {"id": staff_id, "name": doc.get("name", staff_id), "branchId": doc.get("branchId")}
        for staff_id, doc in members.items()
        if staff_id in with_pin and doc.get("active", True)
    ]
    branches = {doc.id: (doc.to_dict() or {}).get("name", doc.id) for doc in site.collection("branches").stream()}
    for member in staff:
        member["branchName"] = branches.get(member["branchId"] or "", "")
    return {
        "site": {"id": site_id, "name": (snapshot.to_dict() or {}).get("name", site_id)},
        "staff": sorted(staff, key=lambda member: (member["branchName"], member["name"])),
    }
