"""The default Admin app: made once, for this project, unless it exists."""

from __future__ import annotations

import base64
import contextlib
import json
from collections.abc import Iterator

import firebase_admin
import pytest

from booking.adapters import firebase_auth


@pytest.fixture(autouse=True)
def no_default_app() -> Iterator[None]:
    """Each test starts and ends without a default app (other tests make their own)."""
    _drop_default_app()
    yield
    _drop_default_app()


def _drop_default_app() -> None:
    firebase_auth.default_app.cache_clear()
    with contextlib.suppress(ValueError):
        firebase_admin.delete_app(firebase_admin.get_app())


def test_the_app_is_made_once_for_the_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GCLOUD_PROJECT", "booking-prod")
    app = firebase_auth.default_app()
    assert app is firebase_admin.get_app()
    assert app.project_id == "booking-prod"
    assert firebase_auth.default_app() is app


def test_an_existing_default_app_is_kept() -> None:
    existing = firebase_admin.initialize_app(options={"projectId": "made-elsewhere"})
    assert firebase_auth.default_app() is existing


def test_a_custom_token_names_the_user_and_carries_the_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIREBASE_AUTH_EMULATOR_HOST", "127.0.0.1:9099")  # unsigned: no credentials needed
    token = firebase_auth.custom_token("staff:demo:anna", {"staff": {"siteId": "demo"}})
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert (claims["uid"], claims["claims"]) == ("staff:demo:anna", {"staff": {"siteId": "demo"}})
