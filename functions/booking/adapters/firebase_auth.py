"""Firebase Auth through the Admin SDK: its default app, and custom tokens.

The callable runtime verifies callers' ID tokens with the default app, so it
is created before the first request (booking.api.startup); the SDK is
imported only when that happens. Credentials load lazily; with the Auth
emulator (FIREBASE_AUTH_EMULATOR_HOST) none are needed at all.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from booking.config import project_id


@functools.cache
def default_app() -> Any:
    """The default Admin app, created once per process if nothing made it yet."""
    import firebase_admin

    try:
        return firebase_admin.get_app()
    except ValueError:
        return firebase_admin.initialize_app(options={"projectId": project_id()})


def custom_token(uid: str, claims: Mapping[str, Any]) -> str:
    """A token the app exchanges with signInWithCustomToken; `claims` travel
    into every ID token of that sign-in.

    In production the runtime's service account signs it (it needs the
    Service Account Token Creator role on itself); the Auth emulator accepts
    the SDK's unsigned token.
    """
    from firebase_admin import auth

    token = auth.create_custom_token(uid, dict(claims), app=default_app())
    return token.decode() if isinstance(token, bytes) else str(token)


def verify_id_token(id_token: str) -> Mapping[str, Any] | None:
    """The claims of a valid ID token, or None (for on_request functions,
    where the callable runtime doesn't verify it for us)."""
    from firebase_admin import auth

    try:
        claims: Mapping[str, Any] = auth.verify_id_token(id_token, app=default_app())
    except (ValueError, auth.InvalidIdTokenError, auth.ExpiredIdTokenError, auth.RevokedIdTokenError):
        return None
    return claims
