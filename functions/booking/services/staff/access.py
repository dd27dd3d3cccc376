"""Admin side of the staff app: switch it on, set the session length, give
staff members their PINs, unlock those locked by wrong PINs, and hand out
the install link as a QR code.

Staff members themselves (name, branch, services, active) are edited with
the catalog's admin callables; deleting one there deletes their PIN too.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from typing import Any

from booking.adapters import catalog_store, staff_store
from booking.config import pin_pepper, project_id
from booking.domain.errors import InvalidInput, NotFound
from booking.domain.pins import SALT_BYTES, hash_pin
from booking.domain.staff_access import MAX_SESSION_MINUTES, MIN_SESSION_MINUTES, StaffSecret
from booking.services.staff import session as staff_session

ORIGIN_PATTERN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")


def _require_site(site_id: str) -> None:
    if not catalog_store.site_exists(site_id):
        raise NotFound("Site not found")


def install_url(site_id: str, origin: str | None) -> str:
    """The staff app's address on the live site. The admin page's own origin
    is the live site; without one, the project's default Hosting domain."""
    if not origin or not ORIGIN_PATTERN.fullmatch(origin):
        origin = f"https://{project_id()}.web.app"
    return f"{origin}/staff/?site={site_id}"


def _failures(secret: StaffSecret | None, now: datetime) -> list[dict[str, Any]]:
    recent = secret.recent_failures(now) if secret else ()
    return [{"at": f.last_at.isoformat(), "address": f.address, "count": f.count} for f in recent]


def get_access(site_id: str, origin: str | None, now: datetime) -> dict[str, Any]:
    """The settings and every member's PIN state: set or not, locked or
    not, and the wrong PINs of the last day (newest first, per address)."""
    _require_site(site_id)
    access = staff_store.access(site_id)
    members, secrets_by_id = staff_store.roster(site_id)
    staff = []
    for member in members:
        secret = secrets_by_id.get(member.id)
        locked_at = secret.locked_at if secret and secret.pin else None
        staff.append(
            {
                "id": member.id,
                "name": member.name,
                "branchId": member.branch_id,
                "active": member.active,
                "pinSet": bool(secret and secret.pin),
                "pinSetAt": secret.pin_set_at.isoformat() if secret and secret.pin_set_at else None,
                "locked": locked_at is not None,
                "lockedAt": locked_at.isoformat() if locked_at else None,
                "failedAttempts": _failures(secret, now),
            }
        )
    return {
        "enabled": access.enabled,
        "sessionMinutes": access.session_minutes,
        "installUrl": install_url(site_id, origin),
        "staff": sorted(staff, key=lambda member: member["name"]),
    }


def update_access(site_id: str, enabled: bool | None, session_minutes: int | None, now: datetime) -> None:
    _require_site(site_id)
    if session_minutes is not None and not MIN_SESSION_MINUTES <= session_minutes <= MAX_SESSION_MINUTES:
        raise InvalidInput("sessionMinutes", f"must be {MIN_SESSION_MINUTES} to {MAX_SESSION_MINUTES} minutes")
    staff_store.update_access(site_id, enabled, session_minutes, now)


def set_pin(site_id: str, staff_id: str, pin: str | None, now: datetime) -> None:
    """Set a new PIN, or remove it (None) so the member can't sign in.
    Either way their current sessions end."""
    if not staff_store.member_exists(site_id, staff_id):
        raise NotFound("Staff member not found")
    pin_hash = hash_pin(pin, secrets.token_bytes(SALT_BYTES), pin_pepper()) if pin is not None else None
    staff_store.set_pin(site_id, staff_id, pin_hash, staff_session.new_session_key(), now)


def unlock_pin(site_id: str, staff_id: str) -> None:
    """Let a member locked by wrong PINs sign in with their PIN again; their
    sessions and PIN stay as they are."""
    if not staff_store.member_exists(site_id, staff_id) or not staff_store.unlock_pin(site_id, staff_id):
        raise NotFound("Staff member not found")


def install_qr(site_id: str, origin: str | None) -> dict[str, str]:
    """The install link and its QR code as an SVG data URI for an <img>."""
    import segno

    _require_site(site_id)
    url = install_url(site_id, origin)
    qr = segno.make(url, error="m")
    return {"url": url, "qr": qr.svg_data_uri(scale=6, border=2, dark="#111827")}
