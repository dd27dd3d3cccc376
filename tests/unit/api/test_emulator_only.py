"""The dev mailbox and the stand-in Checkout refuse to run outside the
emulator with a `demo-` project, with the code and message callers have
always seen (main.py doesn't even export them there: test_main_exports.py)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask, Request
from werkzeug.test import EnvironBuilder

from booking.adapters import firebase_auth
from booking.api.mailbox import devListOutbox
from booking.api.payments_public import completeDevCheckout
from booking.api.subscriptions import completeDevSubscription

CHECKOUT = {"siteId": "demo", "bookingId": "b1", "token": "x" * 32}
DEV_CALLS = [(devListOutbox, {}), (completeDevCheckout, CHECKOUT), (completeDevSubscription, CHECKOUT)]


@pytest.fixture(autouse=True)
def deployed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FUNCTIONS_EMULATOR", raising=False)
    monkeypatch.setattr(firebase_auth, "default_app", lambda: None)


def call(endpoint: Any, data: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    environ = EnvironBuilder(method="POST", json={"data": data}).get_environ()
    with Flask(__name__).test_request_context():
        response = endpoint(Request(environ))
    return response.status_code, response.get_json()


@pytest.mark.parametrize(("endpoint", "data"), DEV_CALLS)
def test_refused_when_deployed(endpoint: Any, data: dict[str, Any]) -> None:
    status, body = call(endpoint, data)
    assert status == 403
    assert body == {"error": {"status": "PERMISSION_DENIED", "message": "Only available in the emulator"}}


@pytest.mark.parametrize(("endpoint", "data"), DEV_CALLS)
def test_refused_in_an_emulator_pointed_at_a_real_project(
    endpoint: Any, data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FUNCTIONS_EMULATOR", "true")
    monkeypatch.setenv("GCLOUD_PROJECT", "booking-prod")
    status, body = call(endpoint, data)
    assert status == 403
    assert body == {"error": {"status": "PERMISSION_DENIED", "message": "Only available in the emulator"}}


def test_the_mailbox_names_a_bad_field(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUNCTIONS_EMULATOR", "true")
    status, body = call(devListOutbox, {"siteId": "demo", "extra": 1})
    assert status == 400
    assert body == {
        "error": {
            "status": "INVALID_ARGUMENT",
            "message": "extra: is not a known field",
            "details": {"field": "extra", "problem": "is not a known field"},
        }
    }
