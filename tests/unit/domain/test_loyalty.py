"""Visits, no-shows and tiers of a customer profile."""

from __future__ import annotations

import pytest

from booking.domain import loyalty
from booking.domain.loyalty import CountChange, Counted, Counts, Tier
from booking.domain.model import BookingStatus as S


@pytest.mark.parametrize(
    ("visits", "tier"),
    [(0, Tier.NEW), (1, Tier.NEW), (2, Tier.RETURNING), (4, Tier.RETURNING), (5, Tier.REGULAR), (9, Tier.REGULAR)],
)
def test_tiers_follow_the_visit_numbers_of_the_spec(visits: int, tier: Tier) -> None:
    assert loyalty.tier_for(visits) is tier
    assert loyalty.tier_for(10) is loyalty.tier_for(250) is Tier.VIP


def test_every_tier_range_holds_exactly_its_visits() -> None:
    for tier in Tier:
        low, high = loyalty.visit_range(tier)
        assert loyalty.tier_for(low) is tier
        assert high is None or (loyalty.tier_for(high - 1) is tier and loyalty.tier_for(high) is not tier)


@pytest.mark.parametrize("status", [S.PENDING, S.PENDING_PAYMENT, S.CONFIRMED, S.CANCELLED, S.EXPIRED])
def test_only_a_completed_booking_is_a_visit(status: S) -> None:
    assert loyalty.count_change(Counted(), status) == CountChange()
    assert loyalty.count_change(Counted(), S.COMPLETED) == CountChange(visits=1)


def test_a_booking_already_counted_counts_no_more() -> None:
    assert not loyalty.count_change(Counted(visit=True), S.COMPLETED).any
    assert not loyalty.count_change(Counted(no_show=True), S.NO_SHOW).any


def test_completing_a_no_show_moves_it_from_no_shows_to_visits() -> None:
    assert loyalty.count_change(Counted(no_show=True), S.COMPLETED) == CountChange(visits=1, no_shows=-1)
    assert loyalty.count_change(Counted(no_show=True), S.CONFIRMED) == CountChange(no_shows=-1)


def test_visit_days_keep_the_first_and_the_last_whatever_the_order() -> None:
    counts = loyalty.after_change(Counts(), CountChange(visits=1), "2026-05-10")
    counts = loyalty.after_change(counts, CountChange(visits=1), "2026-03-01")
    counts = loyalty.after_change(counts, CountChange(visits=1), "2026-07-20")
    assert (counts.visits, counts.first_visit_day, counts.last_visit_day) == (3, 20260301, 20260720)
    assert counts.tier is Tier.RETURNING


def test_counts_never_go_below_zero() -> None:
    assert loyalty.after_change(Counts(), CountChange(visits=-1, no_shows=-1), "2026-01-01") == Counts()


def test_a_recount_counts_completed_visits_and_no_shows_only() -> None:
    bookings = [(S.COMPLETED, "2026-01-02"), (S.CANCELLED, "2026-02-01"), (S.NO_SHOW, "2026-03-01")]
    bookings += [(S.COMPLETED, "2026-01-09"), (S.CONFIRMED, "2026-04-01")]
    expected = Counts(visits=2, no_shows=1, first_visit_day=20260102, last_visit_day=20260109, return_day=20260109)
    assert loyalty.recount(bookings) == expected


def test_a_visit_within_90_days_of_the_one_before_is_a_return() -> None:
    counts = loyalty.recount([(S.COMPLETED, "2026-01-01"), (S.COMPLETED, "2026-06-01"), (S.COMPLETED, "2026-07-01")])
    assert counts.return_day == 20260701
    assert loyalty.recount([(S.COMPLETED, "2026-01-01"), (S.COMPLETED, "2026-06-01")]).return_day is None
