"""Magic-link tokens: random, stored as digests, bound, expiring, used up once,
and only the opt-in e-mail's token confirms."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from booking.domain import tokens
from booking.domain.errors import AccessDenied
from booking.domain.record import BookingRecord, TokenEntry, TokenPurpose
from tests.support.records import booking_record

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
END = NOW + timedelta(days=2)
MANAGE, CONFIRM = TokenPurpose.MANAGE, TokenPurpose.CONFIRM


def booking_with(primary: str, **entries: TokenEntry) -> BookingRecord:
    return booking_record(
        manage_token_hash=hashlib.sha256(primary.encode()).hexdigest(),
        manage_token_expires_at=END,
        manage_tokens=entries,
    )


def test_a_token_has_at_least_128_random_bits_and_only_its_sha256_is_kept() -> None:
    issued = tokens.issue(END)
    assert len(issued.raw) >= 22  # 43 URL-safe base64 characters carry 256 bits
    assert issued.digest == hashlib.sha256(issued.raw.encode()).hexdigest()
    assert issued.raw not in str(issued.entry(NOW, MANAGE))
    assert tokens.issue(END).raw != issued.raw


def test_the_first_token_works_until_the_appointment_is_over() -> None:
    booking = booking_with("first-token-0123456789")
    assert tokens.verify(booking, "first-token-0123456789", NOW, MANAGE).digest == booking.manage_token_hash
    with pytest.raises(AccessDenied, match="expired"):
        tokens.verify(booking, "first-token-0123456789", END, MANAGE)


def test_a_token_from_a_later_e_mail_works_too() -> None:
    issued = tokens.issue(END)
    booking = booking_with("first-token-0123456789", **{issued.digest: issued.entry(NOW, MANAGE)})
    assert tokens.verify(booking, issued.raw, NOW, MANAGE).digest == issued.digest


@pytest.mark.parametrize("wrong", ["", "first-token-012345678", "x" * 43])
def test_a_wrong_token_is_refused(wrong: str) -> None:
    with pytest.raises(AccessDenied, match="not valid"):
        tokens.verify(booking_with("first-token-0123456789"), wrong, NOW, MANAGE)


def test_a_token_of_another_booking_is_refused() -> None:
    other = tokens.issue(END)
    with pytest.raises(AccessDenied, match="not valid"):
        tokens.verify(booking_with("first-token-0123456789"), other.raw, NOW, MANAGE)


def test_a_used_token_is_refused_whichever_kind_it_is() -> None:
    issued = tokens.issue(END)
    first = hashlib.sha256(b"first-token-0123456789").hexdigest()
    booking = booking_with(
        "first-token-0123456789",
        **{
            first: TokenEntry(expires_at=None, used_at=NOW),
            issued.digest: dataclasses.replace(issued.entry(NOW, MANAGE), used_at=NOW),
        },
    )
    for token in ("first-token-0123456789", issued.raw):
        with pytest.raises(AccessDenied, match="already been used"):
            tokens.verify(booking, token, NOW, MANAGE)


def test_the_token_handed_to_the_browser_never_confirms() -> None:
    booking = booking_with("first-token-0123456789")
    with pytest.raises(AccessDenied, match="e-mail we sent you"):
        tokens.verify(booking, "first-token-0123456789", NOW, CONFIRM)


def test_the_first_token_never_confirms_even_if_its_entry_says_so() -> None:
    first = hashlib.sha256(b"first-token-0123456789").hexdigest()
    booking = booking_with("first-token-0123456789", **{first: TokenEntry(expires_at=END, purpose=CONFIRM)})
    with pytest.raises(AccessDenied, match="e-mail we sent you"):
        tokens.verify(booking, "first-token-0123456789", NOW, CONFIRM)


def test_a_manage_token_from_a_later_e_mail_does_not_confirm() -> None:
    issued = tokens.issue(END)
    booking = booking_with("first-token-0123456789", **{issued.digest: issued.entry(NOW, MANAGE)})
    with pytest.raises(AccessDenied, match="e-mail we sent you"):
        tokens.verify(booking, issued.raw, NOW, CONFIRM)


def test_the_opt_in_token_confirms_and_also_manages() -> None:
    issued = tokens.issue(END)
    booking = booking_with("first-token-0123456789", **{issued.digest: issued.entry(NOW, CONFIRM)})
    for use in (CONFIRM, MANAGE):
        assert tokens.verify(booking, issued.raw, NOW, use).purpose is CONFIRM
