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

from google.cloud import firestore

from booking.adapters.firestore_client import site_ref
from booking.config import project_id
from booking.domain.errors import InvalidInput, NotFound
from booking.domain.pins import SALT_BYTES, hash_pin
from booking.services.staff import session as staff_session
from booking.services.staff.session import ACCESS_DOC, MAX_SESSION_MINUTES, MIN_SESSION_MINUTES

ORIGIN_PATTERN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


def _site(site_id: str) -> Any:
    ref = site_ref(site_id)
    if not ref.get().exists:
        raise NotFound("Site not found")
    return ref


def _access_ref(site_id: str) -> Any:
    return site_ref(site_id).collection(ACCESS_DOC[0]).document(ACCESS_DOC[1])


def install_url(site_id: str, origin: str | None) -> str:
    """The staff app's address on the live site. The admin page's own origin
    is the live site; without one, the project's default Hosting domain."""
    if not origin or not ORIGIN_PATTERN.match(origin):
        origin = f"https://{project_id()}.web.app"
    return f"{origin}/staff/?site={site_id}"


def get_access(site_id: str, origin: str | None) -> dict[str, Any]:
    site = _site(site_id)
    access = staff_session.load_access(site_id)
    private = {doc.id: doc.to_dict() or {} for doc in site.collection("staffPrivate").stream()}
    staff = []
    for doc in site.collection("staff").stream():
        member, secret = doc.to_dict() or {}, private.get(doc.id, {})
        staff.append(
            {
                "id": doc.id,
                "name": member.get("name", doc.id),
                "branchId": member.get("branchId"),
                "active": bool(member.get("active", True)),
                "pinSet": bool(secret.get("pin")),
                "pinSetAt": secret["pinSetAt"].isoformat() if secret.get("pinSetAt") else None,
            }
        )
    return {
        "enabled": access.enabled,
        "sessionMinutes": access.session_minutes,
        "installUrl": install_url(site_id, origin),
        "staff": sorted(staff, key=lambda member: member["name"]),
    }


def update_access(site_id: str, enabled: bool | None, session_minutes: int | None, now: datetime) -> None:
    _site(site_id)
    update: dict[str, Any] = {"updatedAt": now}
    if enabled is not None:
        update["enabled"] = enabled
    if session_minutes is not None:
        if not MIN_SESSION_MINUTES <= session_minutes <= MAX_SESSION_MINUTES:
            raise InvalidInput("sessionMinutes", f"must be {MIN_SESSION_MINUTES} to {MAX_SESSION_MINUTES} minutes")
        update["sessionMinutes"] = session_minutes
    _access_ref(site_id).set(update, merge=True)


def _member_ref(site_id: str, staff_id: str) -> Any:
    ref = site_ref(site_id).collection("staff").document(staff_id)
    if not ref.get().exists:
        raise NotFound("Staff member not found")
    return ref


def set_pin(site_id: str, staff_id: str, pin: str | None, now: datetime) -> None:
    """Set a new PIN, or remove it (None) so the member can't sign in.
    Either way their current sessions end."""
    _member_ref(site_id, staff_id)
    ref = site_ref(site_id).collection("staffPrivate").document(staff_id)
    if pin is None:
        ref.set({"pin": firestore.DELETE_FIELD, "pinSetAt": None, "generation": firestore.Increment(1)}, merge=True)
        return
    salt = secrets.token_bytes(SALT_BYTES)
    ref.set({"pin": hash_pin(pin, salt).to_dict(), "pinSetAt": now, "generation": firestore.Increment(1)}, merge=True)


def install_qr(site_id: str, origin: str | None) -> dict[str, str]:
    """The install link and its QR code as an SVG data URI for an <img>."""
    import segno

    _site(site_id)
    url = install_url(site_id, origin)
    qr = segno.make(url, error="m")
    return {"url": url, "qr": qr.svg_data_uri(scale=6, border=2, dark="#111827")}
