"""Accessibility audits with axe-core, run inside the page under test.

axe-core comes from npm (package.json) and is evaluated through the DevTools
protocol, which the pages' strict CSP does not govern, so the audit sees the
page exactly as a visitor gets it. Violations of impact serious or critical
fail the test; moderate and minor ones are allowed only when listed, with a
reason, in docs/widget.md.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
ALLOWED_MODERATE = {
    # rule id: why it is allowed (listed in docs/widget.md, "Accessibility")
}


@cache
def axe_source() -> str:
    if not AXE_SOURCE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (or `make install`).", pytrace=False)
    return AXE_SOURCE.read_text()


def audit(page: Page, label: str) -> list[dict[str, Any]]:
    """Runs axe on the page as it is now; returns every violation found."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    result: dict[str, Any] = page.evaluate("() => axe.run(document, { resultTypes: ['violations'] })")
    violations: list[dict[str, Any]] = result["violations"]
    for violation in violations:
        violation["page"] = label
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:4])
        lines.append(f"[{violation['page']}] {violation['impact']} {violation['id']}: {violation['help']} at {targets}")
    return "\n".join(lines)


def assert_accessible(page: Page, label: str) -> None:
    """Fails on serious or critical violations, and on unlisted moderate ones."""
    violations = audit(page, label)
    failing = [
        violation
        for violation in violations
        if violation["impact"] in BLOCKING
        or (violation["impact"] == "moderate" and violation["id"] not in ALLOWED_MODERATE)
    ]
    assert not failing, "axe found:\n" + describe(failing)
