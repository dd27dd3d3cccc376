"""The PIN guessing simulation replays the server's rules and constants."""

from __future__ import annotations

import pytest

from bench import pin_guess_bench
from booking.domain import pin_guard
from booking.domain.pin_guard import SITE_TOLERATED_WRONG


def test_a_greedy_attacker_gets_the_tolerance_plus_one_last_chance_per_staff_member() -> None:
    checked = pin_guess_bench.checked_wrong_pins(5, pin_guess_bench.EPOCH)
    assert sum(checked) == SITE_TOLERATED_WRONG + 5
    assert min(checked) >= 1


def test_five_staff_with_four_digit_pins_are_found_at_most_once_in_a_thousand_days() -> None:
    assert pin_guess_bench.run()["pin_guess_success_per_day"] <= 0.001
    assert pin_guess_bench.success_probability([2] * 5) == pytest.approx(1 - (1 - 2 / 10_000) ** 5)


def test_the_simulation_follows_the_server_constants(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pin_guard, "SITE_TOLERATED_WRONG", 15)
    assert sum(pin_guess_bench.checked_wrong_pins(5, pin_guess_bench.EPOCH)) == 20
    assert pin_guess_bench.run()["pin_guess_success_per_day"] > 0.001
