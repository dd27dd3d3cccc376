"""A customer profile as the admin pages see it (docs/customers.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from booking.domain.loyalty import Counts, Tier

MAX_TAGS = 20
MAX_TAG_LENGTH = 40
MAX_NOTES = 4000


@dataclass(frozen=True)
class CustomerProfile:
    id: str
    name: str
    email: str
    phone: str
    counts: Counts
    booking_count: int = 0
    """Every booking made, cancelled ones included (visits are in `counts`)."""
    tags: tuple[str, ...] = ()
    notes: str = ""
    marketing_opt_in: bool = False
    consent_at: datetime | None = None
    last_booking_at: datetime | None = None
    aliases: tuple[str, ...] = ()
    """E-mail addresses of profiles merged into this one."""

    @property
    def tier(self) -> Tier:
        return self.counts.tier


def clean_tags(tags: list[str]) -> tuple[str, ...]:
    """Trimmed, lowercased, without repeats, in the order typed."""
    seen: dict[str, None] = {}
    for tag in tags:
        cleaned = " ".join(tag.lower().split())
        if cleaned:
            seen.setdefault(cleaned, None)
    return tuple(seen)


def merged(keep: CustomerProfile, gone: CustomerProfile) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """Tags, notes and aliases of `keep` once `gone` is merged into it."""
    tags = clean_tags([*keep.tags, *gone.tags])[:MAX_TAGS]
    notes = "\n\n".join(part for part in (keep.notes, gone.notes) if part)[:MAX_NOTES]
    aliases = tuple(dict.fromkeys(a for a in (*keep.aliases, gone.email, *gone.aliases) if a and a != keep.email))
    return tags, notes, aliases
