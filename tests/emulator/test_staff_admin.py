"""Admin callables for staff access: settings, PINs and the install QR code."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import pytest

from tests.emulator.test_staff_login import NOT_ACCEPTED, login, login_refusal, refusal, sign_in, staff_call
from tests.support import rules
from tests.support.emulator import change_catalog

ADMIN = rules.token("demo-admin", sites={"demo": "admin"})
OTHER_ADMIN = rules.token("other-admin", sites={"elsewhere": "admin"})


def test_the_admin_sees_the_settings_and_who_has_a_pin(demo: Any) -> None:
    demo.document("sites/demo/staffPrivate/ben").delete()
    access = staff_call("adminGetStaffAccess", {"siteId": "demo"}, ADMIN)
    assert (access["enabled"], access["sessionMinutes"]) == (True, 480)
    assert access["installUrl"] == "https://demo-booking.web.app/staff/?site=demo"
    assert [(m["id"], m["pinSet"]) for m in access["staff"]] == [("anna", True), ("ben", False), ("chloe", True)]
    assert set(access["staff"][0]) == {
        *("id", "name", "branchId", "active", "pinSet", "pinSetAt"),
        *("locked", "lockedAt", "failedAttempts"),
    }  # never the hash


def test_settings_are_updated_and_checked(demo: Any) -> None:
    updated = staff_call("adminUpdateStaffAccess", {"siteId": "demo", "sessionMinutes": 60}, ADMIN)
    assert updated["sessionMinutes"] == 60
    assert demo.document("sites/demo/private/staffAccess").get().get("sessionMinutes") == 60
    too_long = {"siteId": "demo", "sessionMinutes": 5000}
    assert refusal("adminUpdateStaffAccess", too_long, ADMIN) == (
        "INVALID_ARGUMENT",
        "sessionMinutes: must be 15 to 1440 minutes",
    )


def test_a_new_pin_replaces_the_old_one_and_null_removes_it(demo: Any) -> None:
    staff_call("adminSetStaffPin", {"siteId": "demo", "staffId": "anna", "pin": "246810"}, ADMIN)
    assert login("anna", "246810")["staff"]["name"] == "Anna"
    assert login_refusal("anna", "1111", ip="198.51.102.1")[0] == "PERMISSION_DENIED"
    staff_call("adminSetStaffPin", {"siteId": "demo", "staffId": "anna", "pin": None}, ADMIN)
    assert login_refusal("anna", "246810", ip="198.51.102.2")[0] == "PERMISSION_DENIED"
    assert refusal("adminSetStaffPin", {"siteId": "demo", "staffId": "anna"}, ADMIN)[0] == "INVALID_ARGUMENT"
    weak = {"siteId": "demo", "staffId": "anna", "pin": "12"}
    assert refusal("adminSetStaffPin", weak, ADMIN) == ("INVALID_ARGUMENT", "pin: must be 4 to 6 digits")
    unknown = {"siteId": "demo", "staffId": "nobody", "pin": "1234"}
    assert refusal("adminSetStaffPin", unknown, ADMIN)[0] == "NOT_FOUND"


def test_the_qr_code_is_an_svg_of_the_install_link(demo: Any) -> None:
    qr = staff_call("adminStaffQr", {"siteId": "demo"}, ADMIN)
    assert qr["url"] == "https://demo-booking.web.app/staff/?site=demo"
    assert qr["qr"].startswith("data:image/svg+xml")
    assert "<svg" in unquote(qr["qr"])


@pytest.mark.parametrize(
    "name", ["adminGetStaffAccess", "adminUpdateStaffAccess", "adminSetStaffPin", "adminUnlockStaffPin", "adminStaffQr"]
)
def test_only_admins_of_the_site_may_call(demo: Any, name: str) -> None:
    member = {"adminSetStaffPin": {"staffId": "anna", "pin": "1234"}, "adminUnlockStaffPin": {"staffId": "anna"}}
    data = {"siteId": "demo", **member.get(name, {})}
    assert refusal(name, data, None)[0] == "UNAUTHENTICATED"
    assert refusal(name, data, OTHER_ADMIN)[0] == "PERMISSION_DENIED"
    assert refusal(name, data, rules.token("visitor"))[0] == "PERMISSION_DENIED"


def test_a_member_deleted_and_re_created_under_the_same_id_does_not_revive_an_old_session(demo: Any) -> None:
    """A counter restarts with the deleted record; the session's random key doesn't come back."""
    ended = ("UNAUTHENTICATED", "Your session has ended, please sign in again")
    staff_call("adminSetStaffPin", {"siteId": "demo", "staffId": "chloe", "pin": "3333"}, ADMIN)
    old = sign_in(login("chloe", "3333", ip="198.51.102.40")["token"])
    assert staff_call("staffAgenda", {}, old)["me"]["id"] == "chloe"
    assert staff_call("adminDeleteStaff", {"siteId": "demo", "staffId": "chloe"}, ADMIN)["deleted"] is True
    member = {"name": "Chloé", "branchId": "zuid", "serviceIds": ["haircut"], "active": True}
    change_catalog(demo, "sites/demo/staff/chloe", member, new=True)  # an import or the console
    staff_call("adminSetStaffPin", {"siteId": "demo", "staffId": "chloe", "pin": "3333"}, ADMIN)
    assert refusal("staffAgenda", {}, old) == ended
    fresh = sign_in(login("chloe", "3333", ip="198.51.102.41")["token"])
    assert staff_call("staffAgenda", {}, fresh)["me"]["id"] == "chloe"


def test_wrong_pins_from_many_addresses_lock_a_member_until_an_admin_unlocks(demo: Any) -> None:
    """Fixed 15-minute windows let a guesser start again four times an hour;
    past the site's tolerance a wrong PIN now locks the member for good."""
    guesses = [f"{1200 + index}" for index in range(8)]
    for index, pin in enumerate(guesses):
        assert login_refusal("anna", pin, ip=f"198.51.106.{index}") == NOT_ACCEPTED
    assert login_refusal("anna", "1111", ip="198.51.106.100") == NOT_ACCEPTED  # the same refusal as always
    anna = next(m for m in staff_call("adminGetStaffAccess", {"siteId": "demo"}, ADMIN)["staff"] if m["id"] == "anna")
    assert anna["locked"] is True
    assert anna["lockedAt"]
    attempts = {(attempt["address"], attempt["count"]) for attempt in anna["failedAttempts"]}
    assert attempts == {(f"198.51.106.{index}", 1) for index in range(6)}  # 6 were checked, the rest refused
    assert staff_call("adminUnlockStaffPin", {"siteId": "demo", "staffId": "anna"}, ADMIN) == {
        "staffId": "anna",
        "locked": False,
    }
    assert login("anna", ip="198.51.106.101")["staff"]["id"] == "anna"
    unknown = {"siteId": "demo", "staffId": "nobody"}
    assert refusal("adminUnlockStaffPin", unknown, ADMIN)[0] == "NOT_FOUND"


def test_a_new_pin_also_ends_the_lock(demo: Any) -> None:
    for index in range(6):
        login_refusal("ben", "0000", ip=f"198.51.107.{index}")
    assert login_refusal("ben", "2222", ip="198.51.107.100") == NOT_ACCEPTED
    staff_call("adminSetStaffPin", {"siteId": "demo", "staffId": "ben", "pin": "2468"}, ADMIN)
    assert login("ben", "2468", ip="198.51.107.101")["staff"]["id"] == "ben"
