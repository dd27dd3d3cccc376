"""Give a user admin rights on a site: `{"sites": {SITE: "admin"}}` claims.

    python tools/grant_admin.py EMAIL SITE

Against the Auth emulator when FIREBASE_AUTH_EMULATOR_HOST is set or the
local emulators are running; otherwise against the real project of the
default credentials. Other sites' rights of the user are kept. The user
must sign in again (or refresh the ID token) to get the new claims.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack


def grant(email: str, site_id: str) -> dict[str, object]:
    import firebase_admin
    from firebase_admin import auth

    app = firebase_admin.initialize_app(options={"projectId": os.environ.get("GCLOUD_PROJECT", stack.PROJECT_ID)})
    try:
        user = auth.get_user_by_email(email, app=app)
        claims = dict(user.custom_claims or {})
        claims["sites"] = {**claims.get("sites", {}), site_id: "admin"}
        auth.set_custom_user_claims(user.uid, claims, app=app)
        return claims
    finally:
        firebase_admin.delete_app(app)


def main() -> int:
    if len(sys.argv) != 3 or not sys.argv[1] or not sys.argv[2]:
        print("usage: python tools/grant_admin.py EMAIL SITE", file=sys.stderr)
        return 2
    if "FIREBASE_AUTH_EMULATOR_HOST" not in os.environ and stack.port_open(stack.ports()["auth"]):
        os.environ["FIREBASE_AUTH_EMULATOR_HOST"] = f"127.0.0.1:{stack.ports()['auth']}"
    email, site_id = sys.argv[1], sys.argv[2]
    try:
        claims = grant(email, site_id)
    except Exception as error:
        print(f"Could not grant admin rights: {error}", file=sys.stderr)
        return 1
    print(f"{email} is now admin of site '{site_id}'. Claims: {claims}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
