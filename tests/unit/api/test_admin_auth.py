"""Only the signed-in admin of the very site passes `require_site_admin`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from booking.api.auth import require_site_admin
from booking.domain.errors import AccessDenied, Unauthenticated


@dataclass
class FakeAuth:
    uid: str
    token: dict[str, Any]


@dataclass
class FakeRequest:
    auth: FakeAuth | None


def request(uid: str = "u1", **token: Any) -> Any:
    return FakeRequest(FakeAuth(uid, token))


def test_the_sites_admin_passes_with_their_email_as_label() -> None:
    admin = require_site_admin(request(sites={"demo": "admin"}, email="a@x.test", name="Ann"), "demo")
    assert (admin.uid, admin.label) == ("u1", "a@x.test")


def test_without_an_email_the_name_labels_the_admin() -> None:
    assert require_site_admin(request(sites={"demo": "admin"}, name="Ann"), "demo").label == "Ann"


@pytest.mark.parametrize("auth", [None, FakeAuth("", {"sites": {"demo": "admin"}})])
def test_no_sign_in_is_unauthenticated(auth: FakeAuth | None) -> None:
    with pytest.raises(Unauthenticated) as error:
        require_site_admin(FakeRequest(auth), "demo")
    assert error.value.message == "Sign in as an admin of this site"


@pytest.mark.parametrize(
    "token",
    [
        {},
        {"sites": {"other": "admin"}},
        {"sites": {"demo": "staff"}},
        {"sites": {"demo": True}},
        {"sites": ["demo"]},
        {"sites": "demo"},
        {"admin": True},
    ],
)
def test_anyone_else_is_denied(token: dict[str, Any]) -> None:
    with pytest.raises(AccessDenied):
        require_site_admin(request(**token), "demo")
