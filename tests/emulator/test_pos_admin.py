"""POS Settings and refunds from the admin, and the desk's POS setup."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.email_support import outbox
from tests.emulator.test_admin_access import NO_ROLE_TOKEN, OTHER_ADMIN_TOKEN, admin_call, admin_error
from tests.emulator.test_invalid_input import dump
from tests.emulator.test_pos_sales import booked, deliver, sale_id, sell, stub_reader
from tests.emulator.test_staff_login import refusal, session, staff_call
from tests.emulator.test_staff_walkin import walk_in
from tests.support.stripe_stub import STUB

CALLS = {
    "adminGetPos": {"siteId": "demo"},
    "adminUpdatePos": {"siteId": "demo", "enabled": False},
    "adminPosRegisterReader": {"siteId": "demo", "registrationCode": "simulated-wpe"},
    "adminPosRefund": {"siteId": "demo", "saleId": "s1"},
    "adminPosQuote": {"siteId": "demo", "extras": [{"serviceId": "beard"}]},
    "adminPosSale": {"siteId": "demo", "saleId": "s1", "method": "cash", "extras": [{"serviceId": "beard"}]},
    "adminPosSaleStatus": {"siteId": "demo", "saleId": "s1"},
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_only_the_sites_admin_may_call_the_pos_callables(demo: Any, name: str) -> None:
    before, stripe_calls = dump(demo), len(STUB.calls)
    assert admin_error(name, CALLS[name], auth=None).status == "UNAUTHENTICATED"
    assert admin_error(name, CALLS[name], auth=NO_ROLE_TOKEN).status == "PERMISSION_DENIED"
    assert admin_error(name, CALLS[name], auth=OTHER_ADMIN_TOKEN).status == "PERMISSION_DENIED"
    assert dump(demo) == before
    assert len(STUB.calls) == stripe_calls


def test_readers_are_registered_with_their_code_and_receipt_options_are_checked(demo: Any) -> None:
    pos = admin_call("adminGetPos", {"siteId": "demo"})
    assert (pos["enabled"], pos["defaultReaderId"], pos["localReaderAvailable"]) == (True, "local-simulated", True)
    pos = admin_call("adminUpdatePos", {"siteId": "demo", "locationId": "tml_centrum"})
    added = admin_call(
        "adminPosRegisterReader", {"siteId": "demo", "registrationCode": "simulated-wpe", "label": "Front"}
    )
    reader = added["readers"][-1]
    assert reader["id"].startswith("tmr_")
    assert (reader["label"], reader["simulated"]) == ("Front", True)
    assert STUB.readers[reader["id"]]["location"] == "tml_centrum"
    refused = admin_error("adminPosRegisterReader", {"siteId": "demo", "registrationCode": "wrong-code"})
    assert (refused.status, refused.message) == (
        "INVALID_ARGUMENT",
        "registrationCode: The registration code is invalid or has expired.",
    )
    receipt = {"header": "Welkom", "footer": "Tot ziens", "vatPercent": 21, "paperWidth": 58}
    changed = admin_call("adminUpdatePos", {"siteId": "demo", "receipt": receipt, "defaultReaderId": reader["id"]})
    assert (changed["receipt"], changed["defaultReaderId"]) == (receipt, reader["id"])
    stored = demo.document("sites/demo/private/pos").get().to_dict()
    assert stored["receipt"]["paperWidth"] == 58
    before = dump(demo)
    bad = admin_error("adminUpdatePos", {"siteId": "demo", "receipt": {**receipt, "paperWidth": 70}})
    assert (bad.status, bad.message) == ("INVALID_ARGUMENT", "receipt.paperWidth: must be 58 or 80")
    assert admin_error("adminUpdatePos", {"siteId": "demo", "defaultReaderId": "nope"}).status == "INVALID_ARGUMENT"
    assert dump(demo) == before
    removed = admin_call("adminUpdatePos", {"siteId": "demo", "removeReaderId": reader["id"]})
    assert ([r["id"] for r in removed["readers"]], removed["defaultReaderId"]) == (["local-simulated"], None)


def test_a_card_sale_is_refunded_once_through_stripe_and_the_refund_is_recorded(demo: Any) -> None:
    reader = stub_reader(demo)
    token = session("anna")
    sale = sell(token, bookingId=booked(token), method="card")
    deliver(STUB.present(reader))
    assert staff_call("staffPosSaleStatus", {"saleId": sale["id"]}, token)["status"] == "paid"
    refunded = admin_call("adminPosRefund", {"siteId": "demo", "saleId": sale["id"]})
    assert refunded["refundedCents"] == 3500
    refund = STUB.requests_to("POST", "/v1/refunds")[-1]
    assert (refund.params["amount"], refund.idempotency_key) == ("3500", f"pos-refund-demo-{sale['id']}")
    record = demo.document(f"sites/demo/payments/pos-refund-{sale['id']}").get().to_dict()
    assert (record["kind"], record["amountCents"], record["reason"]) == ("refund", 3500, "pos_refund")
    again = admin_error("adminPosRefund", {"siteId": "demo", "saleId": sale["id"]})
    assert (again.status, again.message) == ("FAILED_PRECONDITION", "This sale was refunded already")
    listed = admin_call("adminGetPos", {"siteId": "demo"})["sales"]
    assert [(s["id"], s["refundedCents"]) for s in listed] == [(sale["id"], 3500)]


def test_the_desk_gets_the_readers_and_priced_services_but_a_cash_refund_needs_no_stripe(demo: Any) -> None:
    token = session("anna")
    setup = staff_call("staffPosSetup", {}, token)
    assert (setup["enabled"], setup["readers"], setup["currency"]) == (
        True,
        [{"id": "local-simulated", "label": "Desk reader (simulated)"}],
        "EUR",
    )
    assert {s["id"]: s["priceCents"] for s in setup["services"]} == {"haircut": 3500, "colour": 8500, "beard": 1500}
    sale = sell(token, extras=[{"serviceId": "beard"}], cashReceivedCents=1500)
    refunds_before = len(STUB.requests_to("POST", "/v1/refunds"))
    assert admin_call("adminPosRefund", {"siteId": "demo", "saleId": sale["id"]})["refundedCents"] == 1500
    assert len(STUB.requests_to("POST", "/v1/refunds")) == refunds_before
    unpaid = admin_error("adminPosRefund", {"siteId": "demo", "saleId": sale_id()})
    assert unpaid.status == "NOT_FOUND"


def test_the_desk_e_mails_the_receipt_to_the_client_once_per_address(demo: Any) -> None:
    token = session("anna")
    booking_id = walk_in(token, time="07:00", email="ada@example.com")["id"]
    sale = sell(token, bookingId=booking_id, cashReceivedCents=3500)
    assert sale["clientEmail"] == "ada@example.com"
    staff_call("staffPosEmailReceipt", {"saleId": sale["id"]}, token)
    staff_call("staffPosEmailReceipt", {"saleId": sale["id"]}, token)  # a second tap sends nothing more
    receipts = [mail for mail in outbox(demo) if mail["kind"] == "receipt"]
    assert len(receipts) == 1
    mail = receipts[0]
    assert (mail["to"]["email"], mail["subject"]) == ("ada@example.com", "Your receipt 1 from Demo Hair Studio")
    assert "Receipt 1" in mail["text"]
    assert "Haircut" in mail["html"]
    other = staff_call("staffPosEmailReceipt", {"saleId": sale["id"], "email": "tom@example.com"}, token)
    assert other["clientEmail"] == "tom@example.com"
    assert refusal("staffPosEmailReceipt", {"saleId": sale["id"], "email": "nope"}, token)[0] == "INVALID_ARGUMENT"
    walk_in_sale = sell(token, extras=[{"serviceId": "beard"}], cashReceivedCents=1500)
    assert refusal("staffPosEmailReceipt", {"saleId": walk_in_sale["id"]}, token) == (
        "INVALID_ARGUMENT",
        "email: is required: this sale has no client e-mail address",
    )
    assert refusal("staffPosEmailReceipt", {"saleId": sale["id"]}, session("chloe"))[0] == "NOT_FOUND"
