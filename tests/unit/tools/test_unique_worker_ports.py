"""The firebase CLI preload that keeps two emulator workers off one port."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRELOAD = ROOT / "tools" / "unique_worker_ports.cjs"

# The emulator asks for a free port, then starts a worker that binds it a
# second or two later. Nothing is bound here, as between those two moments.
ASK_FOR_PORTS = """
const portfinder = require("portfinder");
const ask = () => portfinder.getPortPromise({ port: 18500 });
(async () => {
  const first = await ask();
  const second = await ask();
  const together = await Promise.all(Array.from({ length: 10 }, ask));
  console.log(JSON.stringify([first, second, ...together]));
})();
"""


def ports_handed_out(*node_options: str) -> list[int]:
    result = subprocess.run(
        ["node", *node_options, "-e", ASK_FOR_PORTS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    ports: list[int] = json.loads(result.stdout)
    return ports


def test_without_the_preload_a_port_not_yet_bound_is_handed_out_again() -> None:
    first, second, *_ = ports_handed_out()
    assert first == second, "the upstream race this preload works around"


def test_every_worker_gets_its_own_port() -> None:
    ports = ports_handed_out("--require", str(PRELOAD))
    assert len(ports) == len(set(ports)) == 12
    assert min(ports) >= 18500
