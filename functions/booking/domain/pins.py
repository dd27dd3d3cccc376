"""Staff PINs: what a valid PIN is and how it is stored.

A 4-6 digit PIN has at most a million values, so a fast hash of it would be
reversed in a second by anyone holding the database. Each PIN is stored as
scrypt of a random per-PIN salt, costly enough (16 MiB, tens of milliseconds)
that every guess costs real work. Even so, 10,000 four-digit values take a
copy of the database minutes, so the PIN is first keyed with a server-side
pepper (HMAC-SHA256 with a secret that is never stored with the hashes): a
copy of the database alone can't be searched at all. Guessing through the
API is stopped by the sign-in limits (`pin_guard`), not by the hash.

Hashes stored before the pepper carry no `peppered` mark and are checked
without it, so existing PINs keep working; a new PIN is always peppered.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from booking.domain.errors import InvalidInput

PIN_PATTERN = re.compile(r"[0-9]{4,6}")
SALT_BYTES = 16
ALGORITHM = "scrypt"


@dataclass(frozen=True)
class ScryptCost:
    n: int = 2**14
    r: int = 8
    p: int = 1
    length: int = 32

    @property
    def max_memory(self) -> int:
        return 2 * 128 * self.n * self.r * self.p


COST = ScryptCost()


@dataclass(frozen=True)
class PinHash:
    """A stored PIN: the digest, its salt and the cost it was made with."""

    digest: bytes
    salt: bytes
    cost: ScryptCost = COST
    peppered: bool = False
    """Keyed with the server's pepper before scrypt; False for older hashes."""

    def to_dict(self) -> dict[str, Any]:
        stored: dict[str, Any] = {
            "algorithm": ALGORITHM,
            "hash": self.digest.hex(),
            "salt": self.salt.hex(),
            "n": self.cost.n,
            "r": self.cost.r,
            "p": self.cost.p,
        }
        if self.peppered:
            stored["peppered"] = True
        return stored

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> PinHash | None:
        """The stored hash, or None when the document holds no usable one."""
        try:
            if doc.get("algorithm") != ALGORITHM:
                return None
            digest = bytes.fromhex(doc["hash"])
            cost = ScryptCost(n=int(doc["n"]), r=int(doc["r"]), p=int(doc["p"]), length=len(digest))
            return cls(digest, bytes.fromhex(doc["salt"]), cost, peppered=doc.get("peppered") is True)
        except (KeyError, TypeError, ValueError):
            return None


def validate_pin(pin: object, field: str = "pin") -> str:
    if not isinstance(pin, str) or not PIN_PATTERN.fullmatch(pin):
        raise InvalidInput(field, "must be 4 to 6 digits")
    return pin


def _derive(pin: str, salt: bytes, cost: ScryptCost, pepper: bytes | None) -> bytes:
    secret = hmac.new(pepper, pin.encode(), hashlib.sha256).digest() if pepper is not None else pin.encode()
    return hashlib.scrypt(
        secret, salt=salt, n=cost.n, r=cost.r, p=cost.p, maxmem=cost.max_memory + 1024**2, dklen=cost.length
    )


def hash_pin(pin: str, salt: bytes, pepper: bytes) -> PinHash:
    """Hash a valid PIN with a fresh random `salt` (the caller draws it) and
    the server's `pepper`."""
    if len(salt) < SALT_BYTES:
        raise ValueError("salt too short")
    if not pepper:
        raise ValueError("no pepper")
    return PinHash(digest=_derive(validate_pin(pin), salt, COST, pepper), salt=salt, peppered=True)


def pin_matches(pin: str, stored: PinHash | None, pepper: bytes) -> bool:
    """Constant-time comparison; a missing hash costs as much as a wrong PIN,
    so the answer's timing doesn't tell whether the staff member exists."""
    if stored is None:
        _derive(pin, b"\0" * SALT_BYTES, COST, pepper)
        return False
    derived = _derive(pin, stored.salt, stored.cost, pepper if stored.peppered else None)
    return hmac.compare_digest(derived, stored.digest)
