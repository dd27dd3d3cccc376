"""The OAuth consent state: signed, expiring, and naming who asked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from booking.domain.errors import AccessDenied
from booking.domain.oauth_state import LIFETIME, ConsentState, sign, verify

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)
KEY = b"k" * 32


def state() -> ConsentState:
    return ConsentState("demo", "anna", "nonce-1", NOW + LIFETIME)


def test_a_signed_state_verifies_to_the_site_and_staff_member_that_asked() -> None:
    assert verify(sign(state(), KEY), KEY, NOW) == state()


def test_a_state_signed_with_another_key_is_refused() -> None:
    with pytest.raises(AccessDenied):
        verify(sign(state(), b"x" * 32), KEY, NOW)


def test_a_changed_state_is_refused() -> None:
    token = sign(state(), KEY)
    forged = sign(ConsentState("other-site", None, "nonce-1", NOW + LIFETIME), b"guess")
    with pytest.raises(AccessDenied):
        verify(f"{forged.split('.')[0]}.{token.split('.')[1]}", KEY, NOW)


def test_an_expired_or_garbled_state_is_refused() -> None:
    with pytest.raises(AccessDenied):
        verify(sign(state(), KEY), KEY, NOW + LIFETIME + timedelta(seconds=1))
    with pytest.raises(AccessDenied):
        verify("not-a-state", KEY, NOW)
