"""The profile's consent is the latest verified entry of its log."""

from __future__ import annotations

from datetime import UTC, datetime

from booking.domain.consent import Consent, ConsentEntry, consent_after

EARLY, LATE = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)


def entry(value: bool, at: datetime, verified: bool = True) -> ConsentEntry:
    return ConsentEntry(value, at, "b1", "Keep me informed", verified)


def test_an_unverified_opt_in_changes_nothing() -> None:
    assert consent_after(Consent(), entry(True, LATE, verified=False)) == Consent()


def test_a_verified_entry_decides_the_consent() -> None:
    assert consent_after(Consent(), entry(True, EARLY)) == Consent(True, EARLY)
    assert consent_after(Consent(True, EARLY), entry(False, LATE)) == Consent(False, LATE)


def test_an_older_entry_verified_later_does_not_undo_a_newer_withdrawal() -> None:
    assert consent_after(Consent(False, LATE), entry(True, EARLY)) == Consent(False, LATE)
