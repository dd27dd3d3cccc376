"""The commands the README gives a developer work as printed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tools"))
import dev  # noqa: E402


def test_make_scheduled_lists_the_jobs_with_the_virtualenvs_python() -> None:
    # Empty stamps: the venv of this checkout is used as it is, nothing is installed.
    result = subprocess.run(
        ["make", "-s", "scheduled", "ARGS=--list", "STAMP_PY=", "STAMP_NODE="],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "expireHolds\t*/10 * * * *" in result.stdout


def test_make_dev_prints_a_staff_url_that_names_the_demo_site() -> None:
    assert dev.PAGES["Staff app"].endswith("/staff/?site=demo")
    assert "/staff/?site=demo" in (ROOT / "README.md").read_text(encoding="utf-8")
