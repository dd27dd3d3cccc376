"""The developer tools against the running emulators."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from typing import Any

import demo_bookings

from tests.emulator.test_admin_access import admin_call
from tests.emulator.test_invalid_input import dump
from tests.emulator.test_payments_checkout import session_of, status_token
from tests.support.dates import AMSTERDAM
from tests.support.emulator import ROOT, demo_data, seeding, stack

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


def stub_checkout_token(booking: dict[str, Any]) -> str:
    """The test stack pays through the Stripe stand-in: its token is in the session's return URL."""
    return status_token(session_of(booking))


def test_demo_bookings_show_every_source_both_deposit_states_and_a_cancel_and_come_only_once(demo: Any) -> None:
    with contextlib.suppress(urllib.error.HTTPError):  # made by an earlier test: kept, as emulator-data/ has it
        seeding.create_admin(demo_data.ADMIN_EMAIL, demo_data.ADMIN_PASSWORD, demo_data.SITE_ID)
    said = demo_bookings.add_demo_bookings(pay_token=stub_checkout_token)
    assert "one deposit paid, one unpaid" in said, said
    bookings = {doc.get("customer")["name"]: doc.to_dict() for doc in demo.collection("sites/demo/bookings").stream()}
    made = {name: (b["source"], b["status"], b["staffId"], b["serviceId"]) for name, b in bookings.items()}
    assert made == {
        "Charles Babbage": ("online", "confirmed", "ben", "beard"),
        "Tom Walker": ("walk-in", "confirmed", "anna", "haircut"),
        "Grace Hopper": ("admin", "confirmed", "anna", "haircut"),
        "Ada Lovelace": ("online", "confirmed", "anna", "colour"),
        "Katherine Johnson": ("online", "pending_payment", "anna", "colour"),
        "Alan Turing": ("online", "cancelled", "ben", "haircut"),
        "Hedy Lamarr": ("admin", "confirmed", "chloe", "haircut"),
    }
    (blocked,) = [doc.to_dict() for doc in demo.collection("sites/demo/blockedTime").stream()]
    assert (blocked["staffId"], blocked["reason"], blocked["end"] - blocked["start"]) == (
        "ben",
        "Supplier visit",
        timedelta(hours=1),
    )
    charles = bookings["Charles Babbage"]
    assert (charles["notes"], charles["answers"]) == ("Please keep the moustache.", {"style": "Full"})
    assert bookings["Tom Walker"]["statusHistory"][0]["by"] == "Anna"
    assert bookings["Grace Hopper"]["createdBy"] == demo_data.ADMIN_EMAIL
    assert bookings["Ada Lovelace"]["payment"]["depositStatus"] == "paid"
    assert bookings["Katherine Johnson"]["payment"]["depositStatus"] == "pending"
    (first_day,) = {bookings[name]["date"] for name in ("Charles Babbage", "Grace Hopper")}
    (second_day,) = {bookings[name]["date"] for name in ("Ada Lovelace", "Katherine Johnson", "Alan Turing")}
    assert first_day < second_day
    # Today when it is open, else on the first day with the others.
    assert bookings["Tom Walker"]["date"] in (datetime.now(AMSTERDAM).date().isoformat(), first_day)
    payments = admin_call("adminGetPayments", {"siteId": "demo"})["payments"]
    assert [(p["kind"], p["amountCents"], p["status"]) for p in payments] == [("deposit", 2000, "succeeded")]

    before = dump(demo)
    again = demo_bookings.add_demo_bookings(pay_token=stub_checkout_token)
    assert again == "Demo bookings: the demo site has bookings already, none added."
    assert dump(demo) == before
