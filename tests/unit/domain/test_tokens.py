"""Magic-link tokens: random, stored as digests, bound, expiring, used up once."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from booking.domain import tokens
from booking.domain.errors import AccessDenied

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
END = NOW + timedelta(days=2)


def booking_with(primary: str, **entries: dict[str, Any]) -> dict[str, Any]:
    return {
        "manageTokenHash": hashlib.sha256(primary.encode()).hexdigest(),
        "manageTokenExpiresAt": END,
        "manageTokens": entries,
    }


def test_a_token_has_at_least_128_random_bits_and_only_its_sha256_is_kept() -> None:
    issued = tokens.issue(END)
    assert len(issued.raw) >= 22  # 43 URL-safe base64 characters carry 256 bits
    assert issued.digest == hashlib.sha256(issued.raw.encode()).hexdigest()
    assert issued.raw not in str(issued.entry(NOW, "reminder"))
    assert tokens.issue(END).raw != issued.raw


def test_the_first_token_works_until_the_appointment_is_over() -> None:
    booking = booking_with("first-token-0123456789")
    assert tokens.verify(booking, "first-token-0123456789", NOW).digest == booking["manageTokenHash"]
    with pytest.raises(AccessDenied, match="expired"):
        tokens.verify(booking, "first-token-0123456789", END)


def test_a_token_from_a_later_e_mail_works_too() -> None:
    issued = tokens.issue(END)
    booking = booking_with("first-token-0123456789", **{issued.digest: issued.entry(NOW, "reminder")})
    assert tokens.verify(booking, issued.raw, NOW).digest == issued.digest


@pytest.mark.parametrize("wrong", ["", "first-token-012345678", "x" * 43])
def test_a_wrong_token_is_refused(wrong: str) -> None:
    with pytest.raises(AccessDenied, match="not valid"):
        tokens.verify(booking_with("first-token-0123456789"), wrong, NOW)


def test_a_token_of_another_booking_is_refused() -> None:
    other = tokens.issue(END)
    with pytest.raises(AccessDenied, match="not valid"):
        tokens.verify(booking_with("first-token-0123456789"), other.raw, NOW)


def test_a_used_token_is_refused_whichever_kind_it_is() -> None:
    issued = tokens.issue(END)
    first = hashlib.sha256(b"first-token-0123456789").hexdigest()
    booking = booking_with(
        "first-token-0123456789",
        **{first: {"usedAt": NOW}, issued.digest: {**issued.entry(NOW, "reminder"), "usedAt": NOW}},
    )
    for token in ("first-token-0123456789", issued.raw):
        with pytest.raises(AccessDenied, match="already been used"):
            tokens.verify(booking, token, NOW)


def test_the_used_mark_is_one_field_path_per_token() -> None:
    digest = hashlib.sha256(b"abc").hexdigest()
    assert tokens.used_field("abc") == f"manageTokens.{digest}.usedAt"
    assert tokens.entry_field(digest) == f"manageTokens.{digest}"


def test_moving_a_booking_moves_every_token_expiry_to_the_new_end() -> None:
    issued = tokens.issue(END)
    booking = booking_with("first-token-0123456789", **{issued.digest: issued.entry(NOW, "reminder")})
    new_end = END + timedelta(days=5)
    updates = tokens.moved_expiries(booking, new_end)
    assert updates == {"manageTokenExpiresAt": new_end, f"manageTokens.{issued.digest}.expiresAt": new_end}
