"""PIN format and storage: salted scrypt, compared in constant time."""

from __future__ import annotations

import pytest

from booking.domain.errors import InvalidInput
from booking.domain.pins import SALT_BYTES, PinHash, hash_pin, pin_matches, validate_pin

SALT = bytes(range(SALT_BYTES))


@pytest.mark.parametrize("pin", ["0000", "12345", "987654"])
def test_four_to_six_digits_are_valid_pins(pin: str) -> None:
    assert validate_pin(pin) == pin


@pytest.mark.parametrize("pin", ["123", "1234567", "12a4", " 1234", "", None, 1234, "١٢٣٤"])
def test_anything_else_is_refused_naming_the_field(pin: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_pin(pin)
    assert refused.value.message == "pin: must be 4 to 6 digits"


def test_the_right_pin_matches_and_a_wrong_one_does_not() -> None:
    stored = hash_pin("4821", SALT)
    assert pin_matches("4821", stored)
    assert not pin_matches("4822", stored)
    assert not pin_matches("48210", stored)


def test_the_same_pin_with_another_salt_is_stored_differently() -> None:
    first, second = hash_pin("1111", SALT), hash_pin("1111", bytes(reversed(SALT)))
    assert first.digest != second.digest
    assert pin_matches("1111", first)
    assert pin_matches("1111", second)


def test_the_stored_form_holds_no_pin_and_reads_back() -> None:
    stored = hash_pin("1111", SALT)
    doc = stored.to_dict()
    assert doc["algorithm"] == "scrypt"
    assert "1111" not in str(doc)
    assert PinHash.from_dict(doc) == stored


@pytest.mark.parametrize(
    "doc",
    [
        {},
        {"algorithm": "md5", "hash": "00", "salt": "00", "n": 1, "r": 1, "p": 1},
        {"algorithm": "scrypt", "hash": "zz"},
    ],
)
def test_a_missing_or_unknown_stored_form_never_matches(doc: dict[str, object]) -> None:
    assert PinHash.from_dict(doc) is None
    assert not pin_matches("1111", None)


def test_a_short_salt_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="salt"):
        hash_pin("1111", b"short")
