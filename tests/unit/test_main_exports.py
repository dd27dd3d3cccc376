"""What a deployment discovers in functions/main.py: the emulator-only
callables are there only in the emulator with a `demo-` project.

Each case imports `main` in a fresh interpreter, the way the Firebase CLI
does when it deploys (`firebase_functions.private.serving.get_functions`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FUNCTIONS = Path(__file__).resolve().parents[2] / "functions"
DEV_ONLY = {"completeDevCheckout", "completeDevSubscription", "devListOutbox"}
DISCOVER = (
    "import json; from firebase_functions.private.serving import get_functions; "
    "import main; print(json.dumps({'discovered': sorted(get_functions()), 'all': sorted(main.__all__)}))"
)


def discovered(project: str, emulator: bool) -> dict[str, list[str]]:
    env = {key: value for key, value in os.environ.items() if key not in ("FUNCTIONS_EMULATOR", "GOOGLE_CLOUD_PROJECT")}
    env["GCLOUD_PROJECT"] = project
    if emulator:
        env["FUNCTIONS_EMULATOR"] = "true"
    done = subprocess.run(
        [sys.executable, "-c", DISCOVER], cwd=FUNCTIONS, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize(("project", "emulator"), [("booking-prod", False), ("booking-prod", True), ("demo-x", False)])
def test_a_deployment_or_a_real_project_never_has_the_emulator_only_callables(project: str, emulator: bool) -> None:
    found = discovered(project, emulator)
    assert not DEV_ONLY & set(found["discovered"])
    assert not DEV_ONLY & set(found["all"])
    assert {"createBooking", "stripeWebhook", "getPaymentStatus"} <= set(found["discovered"])


def test_the_emulator_with_a_demo_project_has_them() -> None:
    found = discovered("demo-booking", emulator=True)
    assert set(found["discovered"]) >= DEV_ONLY
    assert set(found["all"]) >= DEV_ONLY
