"""PIN format and storage: peppered, salted scrypt, compared in constant time."""

from __future__ import annotations

import hashlib

import pytest

from booking.domain.errors import InvalidInput
from booking.domain.pins import SALT_BYTES, PinHash, hash_pin, pin_matches, validate_pin

SALT = bytes(range(SALT_BYTES))
PEPPER = b"test pepper"


@pytest.mark.parametrize("pin", ["0000", "12345", "987654"])
def test_four_to_six_digits_are_valid_pins(pin: str) -> None:
    assert validate_pin(pin) == pin


@pytest.mark.parametrize("pin", ["123", "1234567", "12a4", " 1234", "", None, 1234, "١٢٣٤"])
def test_anything_else_is_refused_naming_the_field(pin: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_pin(pin)
    assert refused.value.message == "pin: must be 4 to 6 digits"


def test_the_right_pin_matches_and_a_wrong_one_does_not() -> None:
    stored = hash_pin("4821", SALT, PEPPER)
    assert pin_matches("4821", stored, PEPPER)
    assert not pin_matches("4822", stored, PEPPER)
    assert not pin_matches("48210", stored, PEPPER)


def test_the_same_pin_with_another_salt_is_stored_differently() -> None:
    first, second = hash_pin("1111", SALT, PEPPER), hash_pin("1111", bytes(reversed(SALT)), PEPPER)
    assert first.digest != second.digest
    assert pin_matches("1111", first, PEPPER)
    assert pin_matches("1111", second, PEPPER)


def test_the_stored_form_holds_no_pin_and_reads_back() -> None:
    stored = hash_pin("1111", SALT, PEPPER)
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
    assert not pin_matches("1111", None, PEPPER)


def test_a_short_salt_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="salt"):
        hash_pin("1111", b"short", PEPPER)


def test_a_new_hash_is_keyed_with_the_pepper_and_no_other_pepper_matches() -> None:
    stored = hash_pin("4821", SALT, PEPPER)
    assert stored.peppered
    assert stored.to_dict()["peppered"] is True
    assert stored.digest != hash_pin("4821", SALT, b"another pepper").digest
    assert not pin_matches("4821", stored, b"another pepper")


def test_a_hash_stored_before_the_pepper_still_matches() -> None:
    """Written as the earlier code wrote it: scrypt of the bare PIN, no mark."""
    digest = hashlib.scrypt(b"4821", salt=SALT, n=2**14, r=8, p=1, maxmem=2 * 128 * 2**14 * 8 + 1024**2, dklen=32)
    legacy = {"algorithm": "scrypt", "hash": digest.hex(), "salt": SALT.hex(), "n": 2**14, "r": 8, "p": 1}
    stored = PinHash.from_dict(legacy)
    assert stored is not None
    assert not stored.peppered
    assert pin_matches("4821", stored, PEPPER)
    assert not pin_matches("4822", stored, PEPPER)


def test_a_pin_is_never_hashed_without_a_pepper() -> None:
    with pytest.raises(ValueError, match="pepper"):
        hash_pin("1111", SALT, b"")
