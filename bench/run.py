"""`make bench`: run every benchmark, print a table, write bench-results.json.

In-process benchmarks run first; those that need the emulator suite share
one stack started here. Targets come from the issues; these machines are
shared and noisy, so read ratios within one run rather than absolute times.
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

from bench import availability_bench, booking_bench, pin_guess_bench, widget_bench  # noqa: E402

TARGETS: dict[str, tuple[str, float]] = {
    "slots_1staff_14d_p95_ms": ("<=", 2),
    "slots_10staff_90d_p95_ms": ("<=", 25),
    "slots_50staff_90d_p95_ms": ("<=", 120),
    "slots_speedup_vs_reference": (">=", 20),
    "booking_create_p95_ms": ("<=", 50),
    "booking_throughput_8w_per_s": (">=", 200),
    "booking_contention_k50_p99_ms": ("<=", 500),
    "booking_contention_k50_gave_up": ("<=", 0),
    "slots_call_10staff_90d_p95_ms": ("<=", 150),
    "widget_js_gzip_kb": ("<=", 80),
    "widget_first_slots_ms": ("<=", 1000),
    "pin_guess_success_per_day": ("<=", 0.001),
}


def meets(value: float, target: tuple[str, float]) -> bool:
    operator, limit = target
    return value <= limit if operator == "<=" else value >= limit


def print_table(results: dict[str, float]) -> None:
    print(f"\n{'benchmark':<34} {'result':>10}  {'target':>9}  ")
    print("-" * 62)
    for key, value in results.items():
        operator, limit = TARGETS.get(key, ("", float("nan")))
        verdict = "ok" if key in TARGETS and meets(value, TARGETS[key]) else ("MISSED" if key in TARGETS else "")
        shown = f"{value:>10.2f}" if value == 0 or abs(value) >= 0.01 else f"{value:>10.3e}"
        print(f"{key:<34} {shown}  {operator:>2} {limit:>6g}  {verdict}")


def main() -> None:
    results: dict[str, float] = {}
    print("availability engine (in-process) ...", flush=True)
    results.update(availability_bench.run())
    print("PIN guessing simulation (in-process) ...", flush=True)
    results.update(pin_guess_bench.run())
    subprocess.run(["node", str(ROOT / "hosting" / "build.mjs")], check=True)
    emulators = stack.start(log_path=ROOT / ".tools" / "bench-emulators.log")
    try:
        stack.wait_until_ready(emulators)
        steps: list[tuple[str, Callable[[], dict[str, float]]]] = [
            ("booking callables (emulator)", booking_bench.run),
            ("widget (real Chromium)", widget_bench.run),
        ]
        for label, run in steps:
            print(f"{label} ...", flush=True)
            results.update(run())
    finally:
        stack.stop(emulators)
    (ROOT / "bench-results.json").write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    print(f"\nwritten to {(ROOT / 'bench-results.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
