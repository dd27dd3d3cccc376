"""Act as a client against the Firestore emulator's REST API, so the real
security rules decide. An unsigned token stands for a signed-in user."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import requests

from tests.support.emulator import FIRESTORE_URL, stack

DOCUMENTS = f"{FIRESTORE_URL}/v1/projects/{stack.PROJECT_ID}/databases/(default)/documents"


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def token(uid: str, **claims: Any) -> str:
    now = int(time.time())
    payload = {
        "iss": f"https://securetoken.google.com/{stack.PROJECT_ID}",
        "aud": stack.PROJECT_ID,
        "sub": uid,
        "user_id": uid,
        "iat": now,
        "exp": now + 3600,
        "auth_time": now,
        "firebase": {"sign_in_provider": "password", "identities": {}},
        **claims,
    }
    return f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(payload)}."


class Client:
    """A browser's view of Firestore: anonymous, or signed in with claims."""

    def __init__(self, auth_token: str | None = None) -> None:
        self.headers = {"Authorization": f"Bearer {auth_token}"} if auth_token else {}

    def can_read(self, path: str) -> bool:
        response = requests.get(f"{DOCUMENTS}/{path}", headers=self.headers, timeout=10)
        return self._allowed(response)

    def can_list(self, path: str) -> bool:
        return self._allowed(requests.get(f"{DOCUMENTS}/{path}", headers=self.headers, timeout=10))

    def can_write(self, path: str, fields: dict[str, str] | None = None) -> bool:
        body = {"fields": {key: {"stringValue": value} for key, value in (fields or {"x": "y"}).items()}}
        return self._allowed(requests.patch(f"{DOCUMENTS}/{path}", json=body, headers=self.headers, timeout=10))

    def can_delete(self, path: str) -> bool:
        return self._allowed(requests.delete(f"{DOCUMENTS}/{path}", headers=self.headers, timeout=10))

    @staticmethod
    def _allowed(response: requests.Response) -> bool:
        if response.status_code == 403:
            return False
        if response.status_code in (200, 404):
            return True
        raise AssertionError(f"unexpected {response.status_code}: {response.text[:300]}")


ANONYMOUS = Client()
NO_ROLE = Client(token("visitor"))
OTHER_ADMIN = Client(token("other-admin", sites={"elsewhere": "admin"}))
ADMIN = Client(token("demo-admin", sites={"demo": "admin"}))
