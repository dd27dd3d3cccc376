"""Callables have the instance started before the SDK verifies an ID token:
the SDK's own `init` hook runs only after that check."""

from __future__ import annotations

from typing import Any

import pytest
from firebase_admin import auth
from firebase_functions import core, https_fn
from flask import Flask, Request
from werkzeug.test import EnvironBuilder

from booking.adapters import firebase_auth
from booking.api import startup

Code = https_fn.FunctionsErrorCode


@pytest.fixture
def steps(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What happens, in order: start-up, token check, handler."""
    seen: list[str] = []
    started: list[bool] = []

    def default_app() -> None:
        seen.append("start")
        started.append(True)

    def verify_id_token(token: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        seen.append("verify")
        if not started:
            raise ValueError("The default Firebase app does not exist.")
        return {"uid": "u1", "sites": {"demo": "admin"}}

    monkeypatch.setattr(firebase_auth, "default_app", default_app)
    monkeypatch.setattr(auth, "verify_id_token", verify_id_token)
    monkeypatch.setattr(core, "_did_init", False)  # a fresh instance
    return seen


def signed_in_call(endpoint: Any) -> tuple[int, dict[str, Any]]:
    environ = EnvironBuilder(
        method="POST", json={"data": {"siteId": "demo"}}, headers={"Authorization": "Bearer id-token"}
    ).get_environ()
    with Flask(__name__).test_request_context():
        response = endpoint(Request(environ))
    return response.status_code, response.get_json()


def whoami(request: https_fn.CallableRequest[Any]) -> dict[str, Any]:
    return {"uid": request.auth.uid if request.auth else None}


def test_the_first_signed_in_call_is_verified(steps: list[str]) -> None:
    status, body = signed_in_call(startup.on_call()(whoami))
    assert (status, body) == (200, {"result": {"uid": "u1"}})
    assert steps[:2] == ["start", "verify"]


def test_the_sdk_alone_would_check_the_token_first(steps: list[str]) -> None:
    """Why `on_call` exists: the plain declaration refuses the first call.
    Should a new SDK run its hook first, this fails and `on_call` can go."""
    status, body = signed_in_call(https_fn.on_call()(whoami))
    assert (status, body["error"]["status"]) == (401, "UNAUTHENTICATED")
    assert steps == ["verify"]


def test_the_init_hook_starts_the_instance_for_other_functions(steps: list[str]) -> None:
    core._with_init(lambda: None)()
    assert steps == ["start"]


def test_the_declaration_is_the_sdks() -> None:
    """Firebase finds the function and its options on the endpoint, by name."""
    endpoint = startup.on_call(region="europe-west1")(whoami)
    declared = getattr(endpoint, "__firebase_endpoint__", None)
    assert endpoint.__name__ == "whoami"
    assert declared.callableTrigger == {}
    assert declared.region == ["europe-west1"]
