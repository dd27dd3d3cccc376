"""One place for settings: the project id, the emulator test, and every
param declared in booking.config and nowhere else."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from booking import config

PACKAGE = Path(config.__file__).parent
PROJECT_VARIABLES = ("GCLOUD_PROJECT", "GOOGLE_CLOUD_PROJECT")
HEAVY = ("firebase_admin", "flask", "stripe", "google.cloud.firestore", "booking.")


@pytest.fixture
def no_project(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in PROJECT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_project_is_gcloud_project_first(no_project: pytest.MonkeyPatch) -> None:
    no_project.setenv("GCLOUD_PROJECT", "booking-prod")
    no_project.setenv("GOOGLE_CLOUD_PROJECT", "other")
    assert config.project_id() == "booking-prod"


def test_then_google_cloud_project(no_project: pytest.MonkeyPatch) -> None:
    no_project.setenv("GOOGLE_CLOUD_PROJECT", "booking-staging")
    assert config.project_id() == "booking-staging"


def test_an_empty_variable_counts_as_unset(no_project: pytest.MonkeyPatch) -> None:
    no_project.setenv("GCLOUD_PROJECT", "")
    no_project.setenv("GOOGLE_CLOUD_PROJECT", "booking-staging")
    assert config.project_id() == "booking-staging"


def test_without_either_the_demo_project(no_project: pytest.MonkeyPatch) -> None:
    assert config.project_id() == "demo-booking"


def test_the_emulator_is_recognised_by_its_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUNCTIONS_EMULATOR", "true")
    assert config.is_emulator()


@pytest.mark.parametrize("value", [None, "", "false", "1", "TRUE", "yes"])
def test_anything_else_is_a_deployment(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("FUNCTIONS_EMULATOR", raising=False)
    else:
        monkeypatch.setenv("FUNCTIONS_EMULATOR", value)
    assert not config.is_emulator()


def _param_declarations(path: Path) -> list[str]:
    """Names of the `*Param(...)` calls in a module's source."""
    calls = (node for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.Call))
    names = (call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "") for call in calls)
    return [name for name in names if name.endswith("Param")]


def test_params_are_declared_in_config_only() -> None:
    elsewhere = {
        str(path.relative_to(PACKAGE)): found
        for path in [*PACKAGE.rglob("*.py"), PACKAGE.parent / "main.py"]
        if path != Path(config.__file__) and (found := _param_declarations(path))
    }
    assert elsewhere == {}
    assert len(_param_declarations(Path(config.__file__))) == 12


def test_config_imports_only_the_params() -> None:
    """Every cold start imports it: no SDK, client or web framework comes along."""
    probe = "import sys, booking.config; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], cwd=PACKAGE.parent, check=True, capture_output=True, text=True
    ).stdout.split()
    heavy = [name for name in loaded if name.startswith(HEAVY)]
    assert heavy == ["booking.config"]


def test_the_pin_pepper_is_the_secret_and_the_emulator_has_a_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAFF_PIN_PEPPER", "s3cret")
    assert config.pin_pepper() == b"s3cret"
    monkeypatch.setenv("STAFF_PIN_PEPPER", "")
    monkeypatch.setenv("FUNCTIONS_EMULATOR", "true")
    assert config.pin_pepper() == config.EMULATOR_PIN_PEPPER.encode()


def test_a_deployment_without_a_pin_pepper_refuses_to_hash_pins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STAFF_PIN_PEPPER", raising=False)
    monkeypatch.delenv("FUNCTIONS_EMULATOR", raising=False)
    with pytest.raises(RuntimeError, match="STAFF_PIN_PEPPER"):
        config.pin_pepper()
