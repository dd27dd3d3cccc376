"""Credentials sealed at rest: readable with the key, never without it."""

from __future__ import annotations

import pytest

from booking.adapters import secret_box


def test_sealed_credentials_open_with_the_same_key_and_hide_the_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(secret_box, "calendar_sync_key", lambda: b"one key")
    sealed = secret_box.seal({"password": "app-password-1"})
    assert "app-password-1" not in sealed
    assert secret_box.open_sealed(sealed) == {"password": "app-password-1"}


def test_credentials_sealed_under_another_key_are_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(secret_box, "calendar_sync_key", lambda: b"one key")
    sealed = secret_box.seal({"password": "app-password-1"})
    monkeypatch.setattr(secret_box, "calendar_sync_key", lambda: b"another key")
    with pytest.raises(secret_box.Unreadable):
        secret_box.open_sealed(sealed)


def test_a_deployment_without_the_secret_refuses_to_seal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FUNCTIONS_EMULATOR", raising=False)
    monkeypatch.delenv("CALENDAR_SYNC_KEY", raising=False)
    with pytest.raises(RuntimeError, match="CALENDAR_SYNC_KEY"):
        secret_box.seal({"password": "x"})
