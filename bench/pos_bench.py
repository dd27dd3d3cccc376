"""The POS register over HTTP: a cash sale without a booking from the admin
(adminPosSale: quote, store, receipt number, payment record, receipt bytes),
warm and one at a time, as the desk sells."""

from __future__ import annotations

import http.client
import json
import time
from typing import Any

import demo_data
import stack

from bench.booking_calls import FUNCTIONS_PATH, admin_token, percentile, reset

SALES = 30
WARM_UP = 10
"""Sales before the measured ones: the worker's first calls load the catalog and the POS code."""


def cash_sale_p95(db: Any) -> float:
    reset(db)
    connection = http.client.HTTPConnection("127.0.0.1", stack.ports()["functions"], timeout=120)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {admin_token()}"}
    latencies = []
    for index in range(SALES + WARM_UP):
        data = {
            "siteId": demo_data.SITE_ID,
            "saleId": f"bench-sale-{index}",
            "branchId": "centrum",
            "method": "cash",
            "extras": [{"serviceId": "beard", "quantity": 1}],
            "cashReceivedCents": 2000,
        }
        started = time.perf_counter()
        connection.request("POST", f"{FUNCTIONS_PATH}/adminPosSale", json.dumps({"data": data}), headers)
        body = json.loads(connection.getresponse().read())
        elapsed = (time.perf_counter() - started) * 1000
        assert body.get("result", {}).get("receiptNumber") == index + 1, body
        if index >= WARM_UP:
            latencies.append(elapsed)
    connection.close()
    return percentile(latencies, 0.95)


def step(db: Any) -> dict[str, float]:
    return {"pos_cash_sale_p95_ms": round(cash_sale_p95(db), 1)}
