"""Every query the admin pages make has its composite index, and every
admin callable is exported and reachable through the hosting rewrites."""

from __future__ import annotations

import ast
import itertools
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
ADMIN_API = ROOT / "functions" / "booking" / "api" / "admin"


def booking_indexes() -> list[list[str]]:
    indexes = json.loads((ROOT / "firestore.indexes.json").read_text())["indexes"]
    return [
        [field["fieldPath"] for field in index["fields"]] for index in indexes if index["collectionGroup"] == "bookings"
    ]


def test_every_combination_of_list_filters_has_an_index_ordered_by_start() -> None:
    indexes = booking_indexes()
    for size in (1, 2, 3, 4):
        for combination in itertools.combinations(["status", "branchId", "staffId", "source"], size):
            assert [*combination, "start"] in indexes, combination


def test_future_booking_checks_have_their_indexes() -> None:
    indexes = booking_indexes()
    for field in ("serviceId", "staffId", "branchId"):
        assert ["status", field, "start"] in indexes, field


def admin_callables() -> list[str]:
    return [
        node.name
        for module in sorted(ADMIN_API.glob("*.py"))
        for node in ast.parse(module.read_text()).body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("admin")
    ]


def test_every_admin_callable_is_exported_and_rewritten() -> None:
    names = admin_callables()
    assert len(names) == 51
    main = (ROOT / "functions" / "main.py").read_text()
    rewrites = {rule["source"] for rule in json.loads((ROOT / "firebase.json").read_text())["hosting"]["rewrites"]}
    for name in names:
        assert f'"{name}"' in main, name
        assert f"/api/{name}" in rewrites, name
