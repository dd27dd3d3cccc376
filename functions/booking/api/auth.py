"""Who may call the admin callables: users whose ID token names them admin
of the site, as custom claims `{"sites": {"<siteId>": "admin"}}`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from firebase_functions import https_fn

from booking.domain.errors import AccessDenied, Unauthenticated

ADMIN_ROLE = "admin"


@dataclass(frozen=True)
class Admin:
    uid: str
    email: str
    name: str

    @property
    def label(self) -> str:
        """How the admin appears in a booking's status history."""
        return self.email or self.name or self.uid


def require_site_admin(request: https_fn.CallableRequest[Any], site_id: str) -> Admin:
    """The signed-in admin of `site_id`; anyone else is refused.

    Without a (valid) ID token: `unauthenticated`. Signed in but not admin of
    this very site (admin of another site included): `permission-denied`.
    """
    auth = request.auth
    if auth is None or not auth.uid:
        raise Unauthenticated("Sign in as an admin of this site")
    return admin_of_claims(auth.uid, auth.token or {}, site_id)


def admin_of_claims(uid: str, token: Mapping[str, Any], site_id: str) -> Admin:
    """The admin of `site_id` a verified ID token's claims name, or AccessDenied."""
    sites = token.get("sites")
    if not isinstance(sites, Mapping) or sites.get(site_id) != ADMIN_ROLE:
        raise AccessDenied("You are not an admin of this site")
    return Admin(uid=uid, email=str(token.get("email") or ""), name=str(token.get("name") or ""))
