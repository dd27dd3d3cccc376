"""PIN sign-in for the staff app against the emulators: custom tokens from
the Auth emulator, guess limits counted in Firestore, sessions that end.

The helpers here are shared by the other staff test modules.
"""

from __future__ import annotations

import base64
import contextlib
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from booking.services.staff import guard as staff_guard
from tests.support import rules
from tests.support.emulator import FUNCTIONS_URL, CallableError, call, change_catalog, result_of, stack

SIGN_IN_URL = (
    f"http://127.0.0.1:{stack.ports()['auth']}/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken"
    "?key=demo-api-key"
)
PINS = {"anna": "1111", "ben": "2222", "chloe": "3333"}
NOT_ACCEPTED = ("PERMISSION_DENIED", "PIN not accepted. Check it and try again, or wait a few minutes.")


def staff_call(name: str, data: Any, token: str | None, ip: str = "203.0.113.20") -> Any:
    """A callable with the session's ID token, as the staff app sends it."""
    headers = {"X-Forwarded-For": ip, **({"Authorization": f"Bearer {token}"} if token else {})}
    response = requests.post(f"{FUNCTIONS_URL}/{name}", json={"data": data}, headers=headers, timeout=300)
    return result_of(response)


def login(staff_id: str = "anna", pin: str | None = None, ip: str = "203.0.113.10", site: str = "demo") -> Any:
    return call("staffLogin", {"siteId": site, "staffId": staff_id, "pin": pin or PINS[staff_id]}, ip=ip)


def sign_in(custom_token: str) -> str:
    """Exchange the custom token for an ID token, as signInWithCustomToken does."""
    response = requests.post(SIGN_IN_URL, json={"token": custom_token, "returnSecureToken": True}, timeout=30)
    response.raise_for_status()
    id_token: str = response.json()["idToken"]
    return id_token


def session(staff_id: str = "anna", ip: str = "203.0.113.10") -> str:
    return sign_in(login(staff_id, ip=ip)["token"])


def claims(jwt: str) -> dict[str, Any]:
    payload = jwt.split(".")[1]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return decoded


def refusal(name: str, data: Any, token: str | None = None, ip: str = "203.0.113.20") -> tuple[str, str]:
    with pytest.raises(CallableError) as refused:
        staff_call(name, data, token, ip=ip)
    return refused.value.status, refused.value.message


def login_refusal(staff_id: str, pin: str, ip: str, site: str = "demo") -> tuple[str, str]:
    with pytest.raises(CallableError) as refused:
        login(staff_id, pin, ip=ip, site=site)
    return refused.value.status, refused.value.message


def forged(expires_in: timedelta, staff_id: str = "anna", generation: int = 0, site: str = "demo") -> str:
    """An ID token with staff claims (the emulator accepts unsigned ones)."""
    staff = {"siteId": site, "staffId": staff_id, "branchId": "centrum", "generation": generation}
    expires = int((datetime.now(UTC) + expires_in).timestamp())
    return rules.token(f"staff:{site}:{staff_id}", staff=staff, staffSessionExpiresAt=expires)


def within_one_window(window_seconds: int = 900, needed: float = 60) -> None:
    """Sign-in allowances count in fixed windows; don't let a test straddle two."""
    left = window_seconds - time.time() % window_seconds
    if left < needed:
        time.sleep(left + 0.5)


def site_counter(db: Any) -> int:
    """Places in the site's day counter: the attempts that reached the PIN check."""
    counters = [doc.to_dict() for doc in db.collection("rateLimits").stream()]
    return sum(counter["count"] for counter in counters if counter["kind"] == "staffPinSite")


def test_a_correct_pin_signs_in_for_the_configured_session_with_staff_claims(demo: Any) -> None:
    before = datetime.now(UTC)
    result = login("anna")
    after = datetime.now(UTC)
    assert result["staff"] == {"id": "anna", "name": "Anna", "branchId": "centrum"}
    id_token = sign_in(result["token"])
    token_claims = claims(id_token)
    assert token_claims["staff"] == {"siteId": "demo", "staffId": "anna", "branchId": "centrum", "generation": 0}
    expires = token_claims["staffSessionExpiresAt"]
    assert (before + timedelta(minutes=480)).timestamp() - 1 <= expires <= (after + timedelta(minutes=480)).timestamp()
    assert datetime.fromisoformat(result["expiresAt"]).timestamp() == pytest.approx(expires, abs=1)
    agenda = staff_call("staffAgenda", {}, id_token)
    assert agenda["me"]["name"] == "Anna"
    assert agenda["branch"] == {"id": "centrum", "name": "Centrum"}


def test_the_sign_in_screen_lists_active_staff_with_a_pin(demo: Any) -> None:
    change_catalog(demo, "sites/demo/staff/ben", {"active": False})
    directory = call("staffDirectory", {"siteId": "demo"})
    assert directory["site"] == {"id": "demo", "name": "Demo Hair Studio", "locale": "en"}
    assert [(m["id"], m["branchName"]) for m in directory["staff"]] == [("anna", "Centrum"), ("chloe", "Zuid")]
    demo.document("sites/demo/private/staffAccess").update({"enabled": False})
    with pytest.raises(CallableError) as off:
        call("staffDirectory", {"siteId": "demo"})
    assert off.value.status == "NOT_FOUND"


def test_pins_are_stored_only_as_salted_hashes(demo: Any) -> None:
    records = {doc.id: doc.to_dict() for doc in demo.collection("sites/demo/staffPrivate").stream()}
    assert set(records) == {"anna", "ben", "chloe"}
    assert records["anna"]["pin"]["algorithm"] == "scrypt"
    assert records["anna"]["pin"]["salt"] != records["ben"]["pin"]["salt"]
    assert "1111" not in json.dumps(records, default=str)


def test_wrong_pin_unknown_staff_inactive_staff_and_unknown_site_all_answer_alike(demo: Any) -> None:
    change_catalog(demo, "sites/demo/staff/ben", {"active": False})
    answers = {
        login_refusal("anna", "9999", ip="198.51.100.1"),
        login_refusal("nobody", "1111", ip="198.51.100.2"),
        login_refusal("ben", "2222", ip="198.51.100.3"),
        login_refusal("anna", "1111", ip="198.51.100.4", site="elsewhere"),
    }
    assert answers == {NOT_ACCEPTED}


def test_a_malformed_pin_is_invalid_input_and_not_counted(demo: Any) -> None:
    with pytest.raises(CallableError) as refused:
        login("anna", "12ab", ip="198.51.100.9")
    assert (refused.value.status, refused.value.message) == ("INVALID_ARGUMENT", "pin: must be 4 to 6 digits")
    assert not list(demo.collection("rateLimits").stream())


def test_five_wrong_pins_in_a_minute_block_the_address(demo: Any) -> None:
    within_one_window(60, needed=30)
    for _ in range(5):
        assert login_refusal("anna", "0000", ip="198.51.100.20") == NOT_ACCEPTED
    assert login_refusal("anna", "1111", ip="198.51.100.20") == NOT_ACCEPTED
    assert login("anna", ip="198.51.100.21")["staff"]["id"] == "anna"


def test_a_correct_pin_gives_its_place_back(demo: Any) -> None:
    within_one_window(60, needed=30)
    for _ in range(4):
        login_refusal("anna", "0000", ip="198.51.100.30")
    for _ in range(3):
        login("anna", ip="198.51.100.30")
    assert login_refusal("anna", "0000", ip="198.51.100.30") == NOT_ACCEPTED
    assert login_refusal("anna", "1111", ip="198.51.100.30") == NOT_ACCEPTED  # 5 wrong: blocked


def warm_login_workers(count: int, wave: int = 10) -> None:
    """One worker process per concurrent request: start them first, from
    other addresses, so the burst arrives at once. The pool grows in waves,
    a few cold starts at a time, which a busy 2-core machine copes with."""

    def warm(index: int) -> None:
        data = {"siteId": "demo", "staffId": "anna", "pin": "not-a-pin"}  # refused before anything is counted
        headers = {"X-Forwarded-For": f"198.18.1.{index}"}
        with contextlib.suppress(requests.RequestException):
            requests.post(f"{FUNCTIONS_URL}/staffLogin", json={"data": data}, headers=headers, timeout=300)

    for size in range(wave, count + 1, wave):
        with ThreadPoolExecutor(max_workers=size) as pool:
            list(pool.map(warm, range(size)))


def test_a_simultaneous_burst_of_50_guesses_from_one_address_evaluates_at_most_5(demo: Any) -> None:
    warm_login_workers(50)
    within_one_window(60, needed=45)
    barrier = threading.Barrier(50)

    def guess(index: int) -> tuple[str, str] | str:
        pin = f"{9000 + index}"
        barrier.wait()
        try:
            staff_call("staffLogin", {"siteId": "demo", "staffId": "anna", "pin": pin}, None, ip="192.0.2.200")
            return "OK"
        except CallableError as error:
            return error.status, error.message

    with ThreadPoolExecutor(max_workers=50) as pool:
        outcomes = list(pool.map(guess, range(50)))
    assert set(outcomes) == {NOT_ACCEPTED}
    assert 1 <= site_counter(demo) <= 5  # only these reached the PIN check
    assert login_refusal("anna", "1111", ip="192.0.2.200") == NOT_ACCEPTED  # the address is blocked
    assert login("anna", ip="192.0.2.201")["staff"]["id"] == "anna"  # anna herself is not


def test_the_guard_admits_exactly_5_of_a_simultaneous_burst_and_blocks_the_address(db: Any) -> None:
    """In process, with one clock for all, so no window boundary can split the burst."""
    now = datetime.now(UTC).replace(microsecond=0)
    barrier = threading.Barrier(50)

    def reserve(_: int) -> staff_guard.Attempt:
        barrier.wait()
        return staff_guard.reserve("192.0.2.210", staff_guard.Target("demo", "anna"), now)

    with ThreadPoolExecutor(max_workers=50) as pool:
        attempts = list(pool.map(reserve, range(50)))
    assert sum(attempt.admitted for attempt in attempts) == 5
    assert site_counter(db) == 5
    assert staff_guard.ip_blocked("192.0.2.210", now)
    assert not staff_guard.ip_blocked("192.0.2.210", now + staff_guard.IP_BLOCK)
    for attempt in attempts:
        if attempt.admitted:
            staff_guard.settle(attempt, "192.0.2.210", True, now)
    assert site_counter(db) == 0


def test_guesses_from_many_addresses_lock_the_staff_member_but_not_colleagues(demo: Any) -> None:
    within_one_window()
    for index in range(10):
        assert login_refusal("anna", "0000", ip=f"198.51.100.{100 + index}") == NOT_ACCEPTED
    assert login_refusal("anna", "1111", ip="198.51.100.120") == NOT_ACCEPTED
    assert login("ben", ip="198.51.100.121")["staff"]["id"] == "ben"


def test_wrong_pins_for_made_up_staff_ids_never_keep_real_staff_out(demo: Any) -> None:
    """30 guesses for ids that don't exist, from 6 addresses, once filled the
    site's cap and refused everyone; they count only against their addresses."""
    for index in range(30):
        assert login_refusal(f"ghost-{index}", "0000", ip=f"198.51.105.{index // 5}") == NOT_ACCEPTED
    assert login("anna", ip="198.51.105.200")["staff"]["id"] == "anna"


def test_past_the_site_tolerance_wrong_pins_lock_their_staff_but_a_correct_pin_still_signs_in(demo: Any) -> None:
    for index in range(30):
        staff_id = ("anna", "ben", "chloe")[index % 3]
        assert login_refusal(staff_id, "0000", ip=f"198.51.101.{index}") == NOT_ACCEPTED
    assert login_refusal("anna", "1111", ip="198.51.101.199") == NOT_ACCEPTED  # locked: the same refusal
    change_catalog(
        demo, "sites/demo/staff/dora", {"name": "Dora", "branchId": "zuid", "serviceIds": [], "active": True}, new=True
    )
    admin = rules.token("demo-admin", sites={"demo": "admin"})
    staff_call("adminSetStaffPin", {"siteId": "demo", "staffId": "dora", "pin": "4444"}, admin)
    assert login("dora", "4444", ip="198.51.101.200")["staff"]["id"] == "dora"


def test_an_expired_or_missing_session_is_unauthenticated(demo: Any) -> None:
    ended = ("UNAUTHENTICATED", "Your session has ended, please sign in again")
    assert refusal("staffAgenda", {}, forged(timedelta(minutes=-1))) == ended
    assert refusal("staffAgenda", {}, None) == ended
    assert refusal("staffAgenda", {}, rules.token("visitor")) == ended
    assert staff_call("staffAgenda", {}, forged(timedelta(minutes=5)))["me"]["id"] == "anna"


def test_a_new_pin_deactivation_or_switching_staff_access_off_ends_sessions(demo: Any) -> None:
    ended = ("UNAUTHENTICATED", "Your session has ended, please sign in again")
    admin = rules.token("demo-admin", sites={"demo": "admin"})
    anna, ben, chloe = session("anna"), session("ben"), session("chloe")
    staff_call("adminSetStaffPin", {"siteId": "demo", "staffId": "anna", "pin": "5678"}, admin)
    assert refusal("staffAgenda", {}, anna) == ended
    assert login("anna", "5678")["staff"]["id"] == "anna"
    change_catalog(demo, "sites/demo/staff/ben", {"active": False})
    assert refusal("staffAgenda", {}, ben) == ended
    assert staff_call("staffAgenda", {}, chloe)["me"]["id"] == "chloe"
    staff_call("adminUpdateStaffAccess", {"siteId": "demo", "enabled": False}, admin)
    assert refusal("staffAgenda", {}, chloe) == ended
    assert login_refusal("chloe", "3333", ip="198.51.100.50") == NOT_ACCEPTED
