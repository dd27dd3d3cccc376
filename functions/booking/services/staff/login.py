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

from booking.adapters import catalog_store, staff_store
from booking.config import pin_pepper
from booking.domain.errors import AccessDenied, NotFound
from booking.domain.pins import pin_matches
from booking.services.staff import guard as staff_guard
from booking.services.staff import session as staff_session


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
    records = staff_store.sign_in_records(request.site_id, request.staff_id)
    target = staff_guard.target_of(request.site_id, request.staff_id, records, now)
    attempt = staff_guard.reserve(request.ip, target, now)
    if not attempt.admitted:
        raise NotAccepted()
    member, secret = records.member, records.secret
    correct = pin_matches(request.pin, secret.pin if target is not None and secret else None, pin_pepper())
    staff_guard.settle(attempt, request.ip, correct, now)
    if not correct or member is None or secret is None:
        raise NotAccepted()
    expires_at = staff_session.session_end(records.access, now)
    token = staff_session.mint_token(request.site_id, request.staff_id, member.branch_id, secret, expires_at)
    return {
        "token": token,
        "expiresAt": expires_at.isoformat(),
        "staff": {"id": request.staff_id, "name": member.name, "branchId": member.branch_id},
    }


def directory(site_id: str) -> dict[str, Any]:
    """The names on the sign-in screen: active staff members who have a PIN.

    Staff names are public anyway (the booking widget shows them); a site
    without staff access answers NotFound.
    """
    site = catalog_store.site_name_and_locale(site_id)
    if site is None or not staff_store.access(site_id).enabled:
        raise NotFound("Staff access is not enabled for this site")
    members, secrets = staff_store.roster(site_id)
    branches = staff_store.branch_names(site_id)
    staff = [
        {
            "id": member.id,
            "name": member.name,
            "branchId": member.branch_id,
            "branchName": branches.get(member.branch_id or "", ""),
        }
        for member in members
        if member.active and member.id in secrets and secrets[member.id].pin is not None
    ]
    return {
        "site": {"id": site_id, "name": site[0], "locale": site[1]},
        "staff": sorted(staff, key=lambda member: (member["branchName"], member["name"])),
    }
