"""`make bench`: run every benchmark, print a table, write bench-results.json.

In-process benchmarks run first; those that need the emulator suite share
one stack started here (on EMULATOR_PORT_OFFSET, like the tests). These
machines are shared and noisy, so where the machine sets the floor the
targets are ratios measured in the same run (docs/booking-speed.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for entry in (ROOT, ROOT / "functions", ROOT / "tools"):
    sys.path.insert(0, str(entry))

import stack  # noqa: E402

from bench import (  # noqa: E402
    availability_bench,
    booking_bench,
    calendar_bench,
    cold_start_bench,
    pin_guess_bench,
    widget_bench,
)
from bench.booking_calls import Retries  # noqa: E402

LOG = ROOT / ".tools" / f"bench-emulators-{stack.PORT_OFFSET}.log"

TARGETS: dict[str, tuple[str, float]] = {
    "slots_1staff_14d_p95_ms": ("<=", 2),
    "slots_10staff_90d_p95_ms": ("<=", 25),
    "slots_50staff_90d_p95_ms": ("<=", 120),
    "slots_speedup_vs_reference": (">=", 150),
    "slots_50staff_vs_10staff": ("<=", 5.5),
    "cold_import_over_floor_ms": ("<=", 150),
    "booking_create_p95_ms": ("<=", 50),
    "booking_throughput_vs_floor": (">=", 0.35),
    "booking_cpu_ms_functions": ("<=", 6),
    "booking_contention_k50_p99_ms": ("<=", 500),
    "booking_contention_k50_gave_up": ("<=", 0),
    "slots_call_10staff_90d_p95_ms": ("<=", 60),
    "waitlist_offer_after_cancel_ms": ("<=", 2000),
    "calendar_week_10staff_ms": ("<=", 150),
    "widget_js_gzip_kb": ("<=", 80),
    "widget_first_slots_ms": ("<=", 1000),
    "pin_guess_success_per_day": ("<=", 0.001),
    "emulator_worker_load_failures": ("<=", 0),
    "bench_client_retries": ("<=", 0),
    "pos_cash_sale_p95_ms": ("<=", 250),
    "analytics_aggregate_10k_s": ("<=", 10),
    "dashboard_read_ms": ("<=", 100),
    "calendar_sync_100_connections_s": ("<=", 60),
}


class StepFailed(RuntimeError):
    """A benchmark step failed: the message names it and the emulator log."""


def meets(value: float, target: tuple[str, float]) -> bool:
    operator, limit = target
    return value <= limit if operator == "<=" else value >= limit


def ratios(results: dict[str, float]) -> dict[str, float]:
    """The targets that are ratios of two figures of this run."""
    derived = {}
    if "booking_throughput_8w_per_s" in results and results.get("callable_floor_8w_per_s"):
        derived["booking_throughput_vs_floor"] = round(
            results["booking_throughput_8w_per_s"] / results["callable_floor_8w_per_s"], 3
        )
    if "slots_50staff_90d_p95_ms" in results and results.get("slots_10staff_90d_p95_ms"):
        derived["slots_50staff_vs_10staff"] = round(
            results["slots_50staff_90d_p95_ms"] / results["slots_10staff_90d_p95_ms"], 2
        )
    return derived


def print_table(results: dict[str, float]) -> None:
    print(f"\n{'benchmark':<34} {'result':>10}  {'target':>9}  ")
    print("-" * 62)
    for key, value in results.items():
        shown = f"{value:>10.2f}" if value == 0 or abs(value) >= 0.01 else f"{value:>10.3e}"
        if key not in TARGETS:
            print(f"{key:<34} {shown}")
            continue
        operator, limit = TARGETS[key]
        print(f"{key:<34} {shown}  {operator:>2} {limit:>6g}  {'ok' if meets(value, TARGETS[key]) else 'MISSED'}")
    missing = [key for key in TARGETS if key not in results]
    if missing:
        print(f"not measured: {', '.join(missing)}")


def step(label: str, run: Callable[[], dict[str, float]]) -> dict[str, float]:
    print(f"{label} ...", flush=True)
    try:
        return run()
    except Exception as error:
        raise StepFailed(f"bench step '{label}' failed: {error!r}\nemulator log: {LOG}") from error


def ready(emulators: subprocess.Popen[bytes]) -> dict[str, float]:
    stack.wait_until_ready(emulators)
    return {}


def emulator_steps() -> dict[str, float]:
    results: dict[str, float] = {}
    db = booking_bench.client()
    for label, run in booking_bench.STEPS:
        results.update(step(label, lambda run=run: run(db)))
    results.update(step("adminGetCalendar, a week of 10 staff", lambda: calendar_bench.run(db)))
    results.update(step("widget in real Chromium, 10 staff x 90 days", lambda: widget_bench.run(db)))
    return results


def main() -> int:
    results: dict[str, float] = {}
    results.update(step("availability engine (in-process)", availability_bench.run))
    results.update(step("cold imports of main and of the SDK (fresh processes)", cold_start_bench.run))
    results.update(step("PIN guessing simulation (in-process)", pin_guess_bench.run))
    subprocess.run(["node", str(ROOT / "hosting" / "build.mjs")], check=True)
    try:
        emulators = stack.start(log_path=LOG)
    except stack.StackError as error:
        print(f"\nbench step 'starting the emulator suite' failed: {error}", file=sys.stderr)
        return 1
    try:
        step("starting the emulator suite", lambda: ready(emulators))
        results.update(emulator_steps())
    except StepFailed as error:
        print(f"\n{error}", file=sys.stderr)
        return 1
    finally:
        stack.stop(emulators)
    results["emulator_worker_load_failures"] = stack.worker_load_failures(LOG)
    results["bench_client_retries"] = Retries.count
    results.update(ratios(results))
    ordered = {key: results[key] for key in [*TARGETS, *results] if key in results}
    (ROOT / "bench-results.json").write_text(json.dumps(ordered, indent=2) + "\n")
    print_table(ordered)
    print(f"\nwritten to {(ROOT / 'bench-results.json').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
