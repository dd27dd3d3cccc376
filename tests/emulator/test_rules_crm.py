"""The CRM's server-owned documents: no client reads or writes them, the
site's admin included (the admin callables serve them)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.test_rules import EVERYONE

CRM_DOCUMENTS = [
    "sites/demo/customers/c1/consent/b1",
    "sites/demo/dailyStats/2030-01-01",
    "sites/demo/analytics/dashboard",
]


@pytest.fixture
def crm(demo: Any) -> Any:
    site = demo.collection("sites").document("demo")
    site.collection("customers").document("c1").set({"email": "a@example.com"})
    demo.document("sites/demo/customers/c1/consent/b1").set({"value": True, "verified": False})
    demo.document("sites/demo/dailyStats/2030-01-01").set({"bookings": 1})
    demo.document("sites/demo/analytics/dashboard").set({"crm": {}})
    return site


@pytest.mark.parametrize("path", CRM_DOCUMENTS)
def test_no_client_reads_or_writes_the_consent_log_counters_or_aggregate(crm: Any, path: str) -> None:
    for client in EVERYONE:
        assert not client.can_read(path), path
        assert not client.can_write(path, {"value": True}), path
        assert not client.can_delete(path), path
