"""The developer tools against the running emulators."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from typing import Any

from tests.support.emulator import ROOT, seeding, stack

AUTH = f"http://127.0.0.1:{stack.ports()['auth']}"


def lookup(email: str) -> dict[str, Any]:
    url = f"{AUTH}/identitytoolkit.googleapis.com/v1/projects/{stack.PROJECT_ID}/accounts:lookup"
    request = urllib.request.Request(
        url,
        data=json.dumps({"email": [email]}).encode(),
        headers={"Content-Type": "application/json", "Authorization": "Bearer owner"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        (user,) = json.load(response)["users"]
    return dict(user)


def test_grant_admin_adds_the_site_and_keeps_other_sites(db: Any) -> None:
    seeding.create_admin("owner@example.com", "secret-pass-1", "first")
    env = {**os.environ, "FIREBASE_AUTH_EMULATOR_HOST": f"127.0.0.1:{stack.ports()['auth']}"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "grant_admin.py"), "owner@example.com", "second"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    claims = json.loads(lookup("owner@example.com")["customAttributes"])
    assert claims == {"sites": {"first": "admin", "second": "admin"}}


def test_grant_admin_reports_an_unknown_user(db: Any) -> None:
    env = {**os.environ, "FIREBASE_AUTH_EMULATOR_HOST": f"127.0.0.1:{stack.ports()['auth']}"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "grant_admin.py"), "nobody@example.com", "demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Could not grant admin rights" in result.stderr
