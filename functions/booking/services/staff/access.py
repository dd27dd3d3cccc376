"""Admin side of the staff app: switch it on, set the session length, give
staff members their PINs, and hand out the install link as a QR code.

Staff members themselves (name, branch, services, active) are edited with
the catalog's admin callables; deleting one there deletes their PIN too.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from typing import Any

from booking.adapters import catalog_store, staff_store
from booking.config import project_id
from booking.domain.errors import InvalidInput, NotFound
from booking.domain.pins import SALT_BYTES, hash_pin
from booking.domain.staff_access import MAX_SESSION_MINUTES, MIN_SESSION_MINUTES

ORIGIN_PATTERN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


def _require_site(site_id: str) -> None:
    if not catalog_store.site_exists(site_id):
        raise NotFound("Site not found")


def install_url(site_id: str, origin: str | None) -> str:
    """The staff app's address on the live site. The admin page's own origin
    is the live site; without one, the project's default Hosting domain."""
    if not origin or not ORIGIN_PATTERN.match(origin):
        origin = f"https://{project_id()}.web.app"
    return f"{origin}/staff/?site={site_id}"


def get_access(site_id: str, origin: str | None) -> dict[str, Any]:
    _require_site(site_id)
    access = staff_store.access(site_id)
    members, secrets_by_id = staff_store.roster(site_id)
    staff = []
    for member in members:
        secret = secrets_by_id.get(member.id)
        staff.append(
            {
                "id": member.id,
                "name": member.name,
                "branchId": member.branch_id,
                "active": member.active,
                "pinSet": bool(secret and secret.pin),
                "pinSetAt": secret.pin_set_at.isoformat() if secret and secret.pin_set_at else None,
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
    pin_hash = hash_pin(pin, secrets.token_bytes(SALT_BYTES)) if pin is not None else None
    staff_store.set_pin(site_id, staff_id, pin_hash, now)


def install_qr(site_id: str, origin: str | None) -> dict[str, str]:
    """The install link and its QR code as an SVG data URI for an <img>."""
    import segno

    _require_site(site_id)
    url = install_url(site_id, origin)
    qr = segno.make(url, error="m")
    return {"url": url, "qr": qr.svg_data_uri(scale=6, border=2, dark="#111827")}
