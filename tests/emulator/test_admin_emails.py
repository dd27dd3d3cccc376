"""Settings → E-mails through the admin callables: the branding is checked
on the server, and the preview is the real confirmation template rendered
with the values as typed, without saving or sending anything."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.test_admin_access import OTHER_ADMIN_TOKEN, admin_call, admin_error, assert_invalid

BRANDING = {"logoUrl": "https://cdn.example.com/logo.png", "footer": "KvK 12345678", "replyTo": "info@demohair.example"}


@pytest.mark.parametrize(
    ("email", "field"),
    [
        ({**BRANDING, "logoUrl": "javascript:alert(1)"}, "email.logoUrl"),
        ({**BRANDING, "logoUrl": "https://cdn.example.com/it's.png"}, "email.logoUrl"),
        ({**BRANDING, "replyTo": "not an address"}, "email.replyTo"),
        ({**BRANDING, "footer": "x" * 201}, "email.footer"),
        ({**BRANDING, "colour": "red"}, "email.colour"),
    ],
)
def test_bad_branding_is_refused_naming_its_field_and_changes_nothing(demo: Any, email: Any, field: str) -> None:
    assert_invalid("adminUpdateSettings", {"siteId": "demo", "email": email}, field, demo)
    error = admin_error("adminPreviewEmail", {"siteId": "demo", "email": email})
    assert error.message.startswith(f"{field}:")


def test_branding_is_saved_and_shown_back(demo: Any) -> None:
    overview = admin_call("adminUpdateSettings", {"siteId": "demo", "email": BRANDING})
    assert overview["site"]["email"] == BRANDING
    assert demo.document("sites/demo").get().get("email") == BRANDING
    cleared = admin_call("adminUpdateSettings", {"siteId": "demo", "email": {}})
    assert cleared["site"]["email"] == {"logoUrl": "", "footer": "", "replyTo": ""}


def test_the_preview_renders_the_confirmation_with_the_typed_branding_and_writes_nothing(demo: Any) -> None:
    preview = admin_call("adminPreviewEmail", {"siteId": "demo", "email": BRANDING})
    assert preview["subject"].startswith("Booking confirmed: ")
    assert 'src="https://cdn.example.com/logo.png"' in preview["html"]
    assert "KvK 12345678" in preview["html"]
    assert "KvK 12345678" in preview["text"]
    assert "Alex Example" in preview["html"]
    assert "Demo Hair Studio" in preview["html"]
    assert "Damrak 1" in preview["html"]  # the first branch's address, as real e-mails show it
    assert demo.document("sites/demo").get().to_dict().get("email", {}).get("footer", "") == ""
    assert not list(demo.collection("sites/demo/outbox").stream())
    assert not list(demo.collection("sites/demo/bookings").stream())


def test_only_the_sites_admins_may_preview(demo: Any) -> None:
    error = admin_error("adminPreviewEmail", {"siteId": "demo", "email": BRANDING}, auth=OTHER_ADMIN_TOKEN)
    assert error.status == "PERMISSION_DENIED"
