"""The layers of functions/booking import only what docs/architecture.md allows,
and no module imports itself round a cycle (imports inside functions count)."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "functions" / "booking"
STDLIB = frozenset(sys.stdlib_module_names)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, anywhere in it; `from a import b` names
    `a.b` when that is a module of ours, else `a`."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
    return found


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}
IMPORTS = {name: imports_of(path) for name, path in MODULES.items()}


def layer_modules(layer: str) -> dict[str, set[str]]:
    return {name: found for name, found in IMPORTS.items() if name.startswith(f"booking.{layer}.")}


def test_the_domain_imports_only_the_standard_library_and_itself() -> None:
    offending = {
        name: sorted(i for i in found if i.split(".")[0] not in STDLIB and not i.startswith("booking.domain"))
        for name, found in layer_modules("domain").items()
    }
    assert {name: found for name, found in offending.items() if found} == {}


def test_services_hold_no_firestore_nor_firebase() -> None:
    forbidden = ("google", "firebase_admin", "firebase_functions", "booking.adapters.firestore_client")
    offending = {
        name: sorted(i for i in found if i == "google" or i.startswith(forbidden))
        for name, found in layer_modules("services").items()
    }
    assert {name: found for name, found in offending.items() if found} == {}


def test_only_the_api_layer_speaks_https_callable() -> None:
    outside = {
        name
        for name, found in IMPORTS.items()
        if not name.startswith("booking.api") and any(i.startswith("firebase_functions.https_fn") for i in found)
    }
    assert outside == set()


def test_the_domain_and_the_adapters_never_import_use_cases_or_handlers() -> None:
    offending = {
        name: sorted(i for i in found if i.startswith(("booking.services", "booking.api")))
        for layer in ("domain", "adapters")
        for name, found in layer_modules(layer).items()
    }
    assert {name: found for name, found in offending.items() if found} == {}


def find_cycle(graph: Mapping[str, Iterable[str]]) -> list[str] | None:
    """One import cycle of `graph` (module -> modules it imports), or None."""
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return None
        path.append(node)
        for target in graph.get(node, ()):
            if target in graph and (cycle := visit(target)):
                return cycle
        path.pop()
        done.add(node)
        return None

    for start in sorted(graph):
        if cycle := visit(start):
            return cycle
    return None


def test_there_is_no_import_cycle_in_the_package() -> None:
    ours = {name: {i for i in found if i in MODULES and i != name} for name, found in IMPORTS.items()}
    assert find_cycle(ours) is None


@pytest.mark.parametrize(
    ("graph", "cycle"),
    [
        ({"a": ["b"], "b": ["c"], "c": ["a"]}, ["a", "b", "c", "a"]),
        ({"a": ["b"], "b": [], "c": ["c"]}, ["c", "c"]),
        ({"a": ["b", "c"], "b": ["c"], "c": []}, None),
    ],
)
def test_the_cycle_finder_finds_cycles_and_only_cycles(graph: dict[str, list[str]], cycle: list[str] | None) -> None:
    assert find_cycle(graph) == cycle


def test_the_import_walk_sees_imports_inside_functions() -> None:
    assert "booking.adapters.booking_store" in IMPORTS["booking.services.booking_actions"]
    assert len(MODULES) > 50
