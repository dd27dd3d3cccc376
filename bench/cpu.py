"""Where the CPU of a measured stretch goes, per part of the emulator suite.

On two shared cores every process of a benchmark competes for them: the
emulator CLI (node, which also relays each callable to a worker), the
Firestore emulator (Java), the functions' Python worker processes and the
benchmark's own client. Reading their CPU time before and after a stretch
shows which part a speed-up would have to come from.
"""

from __future__ import annotations

import psutil
import stack

ROLES = ("emulator_cli", "firestore", "functions", "bench_client")


def _emulator_cli() -> psutil.Process:
    config = str(stack.config_path())
    for process in psutil.process_iter(["cmdline"]):
        command = process.info["cmdline"] or []
        if "emulators:start" in command and config in command:
            return process
    raise RuntimeError("The emulator suite of this checkout is not running")


def _role(process: psutil.Process) -> str:
    command = " ".join(process.cmdline())
    if "java" in command:
        return "firestore"
    return "functions" if "functions-framework" in command else "emulator_cli"


def cpu_seconds() -> dict[str, float]:
    """CPU seconds used so far by each role (processes that ended are not counted)."""
    totals = dict.fromkeys(ROLES, 0.0)
    cli = _emulator_cli()
    for process in [cli, *cli.children(recursive=True)]:
        try:
            times = process.cpu_times()
            totals[_role(process)] += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    own = psutil.Process().cpu_times()
    totals["bench_client"] = own.user + own.system
    return totals


def per_item_ms(before: dict[str, float], after: dict[str, float], items: int) -> dict[str, float]:
    """Milliseconds of CPU per item and role between two readings."""
    return {role: round((after[role] - before[role]) * 1000 / items, 2) for role in ROLES}
