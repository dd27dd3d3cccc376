"""What a new Cloud Functions instance pays before its first request: a
fresh Python process importing `main`, against the same process importing
only the SDK every function needs (the floor no code of ours can go below).

Each figure is the CPU time of the import in its own process, the median of
five, alternating the two so that both see the same machine. CPU time,
because these cores are shared: on a quiet machine the wall time is the same.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

FUNCTIONS = Path(__file__).resolve().parent.parent / "functions"
MAIN = "import main"
SDK_FLOOR = "import firebase_functions.https_fn, firebase_admin, google.cloud.firestore"
TIMED = "import time\nstarted = time.process_time()\n{statement}\nprint((time.process_time() - started) * 1000)"
RUNS = 5


def import_ms(statement: str) -> float:
    """CPU milliseconds of one import in a fresh interpreter (bytecode cached)."""
    result = subprocess.run(
        [sys.executable, "-c", TIMED.format(statement=statement)],
        cwd=FUNCTIONS,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.split()[-1])


def run() -> dict[str, float]:
    import_ms(MAIN)  # writes the bytecode caches a deployment ships compiled
    main, floor = [], []
    for _ in range(RUNS):
        main.append(import_ms(MAIN))
        floor.append(import_ms(SDK_FLOOR))
    cold, sdk = statistics.median(main), statistics.median(floor)
    return {
        "cold_import_ms": round(cold, 1),
        "sdk_import_floor_ms": round(sdk, 1),
        "cold_import_over_floor_ms": round(cold - sdk, 1),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
