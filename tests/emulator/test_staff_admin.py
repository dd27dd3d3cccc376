"""Admin callables for staff access: settings, PINs and the install QR code."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import pytest

from tests.emulator.test_staff_login import login, login_refusal, refusal, staff_call
from tests.support import rules

ADMIN = rules.token("demo-admin", sites={"demo": "admin"})
OTHER_ADMIN = rules.token("other-admin", sites={"elsewhere": "admin"})


def test_the_admin_sees_the_settings_and_who_has_a_pin(demo: Any) -> None:
    demo.document("sites/demo/staffPrivate/ben").delete()
    access = staff_call("adminGetStaffAccess", {"siteId": "demo"}, ADMIN)
    assert (access["enabled"], access["sessionMinutes"]) == (True, 480)
    assert access["installUrl"] == "https://demo-booking.web.app/staff/?site=demo"
    assert [(m["id"], m["pinSet"]) for m in access["staff"]] == [("anna", True), ("ben", False), ("chloe", True)]
    assert set(access["staff"][0]) == {"id", "name", "branchId", "active", "pinSet", "pinSetAt"}  # never the hash


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


@pytest.mark.parametrize("name", ["adminGetStaffAccess", "adminUpdateStaffAccess", "adminSetStaffPin", "adminStaffQr"])
def test_only_admins_of_the_site_may_call(demo: Any, name: str) -> None:
    data = {"siteId": "demo", **({"staffId": "anna", "pin": "1234"} if name == "adminSetStaffPin" else {})}
    assert refusal(name, data, None)[0] == "UNAUTHENTICATED"
    assert refusal(name, data, OTHER_ADMIN)[0] == "PERMISSION_DENIED"
    assert refusal(name, data, rules.token("visitor"))[0] == "PERMISSION_DENIED"
