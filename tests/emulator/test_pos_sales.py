"""POS sales over HTTP: cash, card on a Terminal reader (the Stripe stand-in),
split, failures, one charge per sale id, and receipt numbers without gaps."""

from __future__ import annotations

import base64
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from google.cloud.firestore import FieldFilter

from tests.emulator.test_admin_access import OTHER_ADMIN_TOKEN, admin_call, admin_error
from tests.emulator.test_staff_login import refusal, session, staff_call
from tests.emulator.test_staff_walkin import walk_in
from tests.support.stripe_stub import DECLINED_PRESENT, SIMULATED_CODE, STUB


def sale_id() -> str:
    return f"sale-{secrets.token_hex(8)}"


def sell(token: str, **fields: Any) -> Any:
    return staff_call("staffPosSale", {"saleId": sale_id(), "method": "cash", **fields}, token)


def booked(token: str, time: str = "07:00", service: str = "haircut") -> str:
    booking_id: str = walk_in(token, time=time, serviceId=service)["id"]
    return booking_id


def stub_reader(demo: Any, status: str = "online") -> str:
    """A simulated reader at the stand-in, set up as the site's default."""
    code, reader = STUB.create_reader({"registration_code": SIMULATED_CODE, "label": "Desk"})
    assert code == 200
    STUB.readers[reader["id"]]["status"] = status
    demo.document("sites/demo/private/pos").update(
        {"readers": [{"id": reader["id"], "label": "Desk", "simulated": True}], "defaultReaderId": reader["id"]}
    )
    return str(reader["id"])


def deliver(events: list[dict[str, Any]]) -> None:
    for event in events:
        assert STUB.deliver(event).status_code == 200


def pos_payments(demo: Any, sale: str) -> dict[str, dict[str, Any]]:
    docs = demo.collection("sites/demo/payments").where(filter=FieldFilter("saleId", "==", sale)).stream()
    return {doc.id: doc.to_dict() for doc in docs}


def test_a_cash_sale_completes_the_booking_records_the_payment_and_prints_a_numbered_receipt(demo: Any) -> None:
    token = session("anna")
    booking_id = booked(token)
    sale = sell(token, bookingId=booking_id, cashReceivedCents=5000)
    assert (sale["status"], sale["totalCents"], sale["changeCents"], sale["receiptNumber"]) == ("paid", 3500, 1500, 1)
    assert [(line["description"], line["amountCents"]) for line in sale["lines"]] == [("Haircut", 3500)]
    stored = demo.document(f"sites/demo/bookings/{booking_id}").get().to_dict()
    assert stored["status"] == "completed"
    assert stored["statusHistory"][-1]["by"] == "Anna"
    assert list(pos_payments(demo, sale["id"])) == [f"pos-cash-{sale['id']}"]
    record = pos_payments(demo, sale["id"])[f"pos-cash-{sale['id']}"]
    assert (record["kind"], record["amountCents"], record["status"], record["bookingId"]) == (
        "pos_cash",
        3500,
        "succeeded",
        booking_id,
    )
    escpos = base64.b64decode(sale["receipt"]["escpos"])
    assert escpos.startswith(b"\x1b@\x1bt\x13")
    assert b"Receipt 1\n" in escpos
    assert b"Change" + b" " * 36 + b"\xd515.00" in escpos
    assert sale["receipt"]["head"][:2] == ["Thank you for your visit", "Damrak 1"]
    overview = admin_call("adminGetPayments", {"siteId": "demo"})
    assert f"pos-cash-{sale['id']}" in {payment["id"] for payment in overview["payments"]}


def test_a_card_sale_waits_for_the_reader_and_completes_the_booking_when_paid(demo: Any) -> None:
    reader = stub_reader(demo)
    token = session("anna")
    booking_id = booked(token)
    sale = sell(token, bookingId=booking_id, method="card")
    assert (sale["status"], sale["receiptNumber"], sale["readerId"]) == ("open", None, reader)
    intent = STUB.requests_to("POST", "/v1/payment_intents")[-1].params
    assert intent["payment_method_types"] == ["card_present"]
    assert (intent["amount"], intent["metadata"]["saleId"], intent["metadata"]["kind"]) == ("3500", sale["id"], "pos")
    assert STUB.readers[reader]["action"]["status"] == "in_progress"
    assert staff_call("staffPosSaleStatus", {"saleId": sale["id"]}, token)["status"] == "open"
    deliver(STUB.present(reader))
    paid = staff_call("staffPosSaleStatus", {"saleId": sale["id"]}, token)
    assert (paid["status"], paid["receiptNumber"], paid["cardCents"]) == ("paid", 1, 3500)
    assert b"Card" in base64.b64decode(paid["receipt"]["escpos"])
    assert demo.document(f"sites/demo/bookings/{booking_id}").get().get("status") == "completed"
    record = pos_payments(demo, sale["id"])[f"pos-card-{sale['id']}"]
    assert (record["kind"], record["amountCents"], record["stripe"]["paymentIntentId"]) == (
        "pos_card",
        3500,
        STUB.readers[reader]["action"]["process_payment_intent"]["payment_intent"],
    )


def test_a_declined_card_records_nothing_and_leaves_the_booking_open(demo: Any) -> None:
    reader = stub_reader(demo)
    token = session("anna")
    booking_id = booked(token)
    sale = sell(token, bookingId=booking_id, method="card")
    deliver(STUB.present(reader, DECLINED_PRESENT))
    failed = staff_call("staffPosSaleStatus", {"saleId": sale["id"]}, token)
    assert (failed["status"], failed["error"], failed["errorMessage"]) == (
        "failed",
        "card_declined",
        "The card was declined",
    )
    assert failed["receiptNumber"] is None
    assert pos_payments(demo, sale["id"]) == {}
    assert demo.document(f"sites/demo/bookings/{booking_id}").get().get("status") == "confirmed"
    retry = sell(token, bookingId=booking_id, cashReceivedCents=3500)  # a new sale id: the desk tries again
    assert (retry["status"], retry["receiptNumber"]) == ("paid", 1)


def test_a_payment_cancelled_at_the_reader_or_an_offline_reader_is_shown_and_records_nothing(demo: Any) -> None:
    reader = stub_reader(demo)
    token = session("anna")
    sale = sell(token, bookingId=booked(token), method="card")
    STUB.cancel_at_reader(reader)
    cancelled = staff_call("staffPosSaleStatus", {"saleId": sale["id"]}, token)
    assert (cancelled["status"], cancelled["errorMessage"]) == ("failed", "The payment was cancelled at the reader")
    STUB.readers[reader]["status"] = "offline"
    offline_id = sale_id()
    data = {"saleId": offline_id, "method": "card", "bookingId": booked(token, "08:00")}
    assert refusal("staffPosSale", data, token) == ("FAILED_PRECONDITION", "The card reader is offline")
    assert demo.document(f"sites/demo/sales/{offline_id}").get().get("status") == "failed"
    assert pos_payments(demo, sale["id"]) == {}
    assert pos_payments(demo, offline_id) == {}


def test_stripe_out_of_reach_fails_the_card_sale_and_records_nothing(demo: Any) -> None:
    stub_reader(demo)
    token = session("anna")
    data = {"saleId": sale_id(), "method": "card", "bookingId": booked(token)}
    STUB.failing = True
    try:
        refused = refusal("staffPosSale", data, token)
    finally:
        STUB.failing = False
    assert refused == ("FAILED_PRECONDITION", "Payments are not available right now, please try again later")
    assert demo.document(f"sites/demo/sales/{data['saleId']}").get().get("error") == "stripe_unavailable"
    assert pos_payments(demo, data["saleId"]) == {}


def test_a_split_sale_takes_the_card_part_first_then_records_both_parts(demo: Any) -> None:
    reader = stub_reader(demo)
    token = session("ben")
    booking_id = booked(token)
    extras = [{"serviceId": "beard", "quantity": 1}]
    sale = sell(
        token,
        bookingId=booking_id,
        extras=extras,
        discount={"percent": 10},
        method="split",
        cardCents=2000,
        cashReceivedCents=3000,
    )
    assert (sale["subtotalCents"], sale["discountCents"], sale["totalCents"]) == (5000, 500, 4500)
    assert (sale["cardCents"], sale["cashCents"], sale["changeCents"], sale["status"]) == (2000, 2500, 500, "open")
    assert STUB.requests_to("POST", "/v1/payment_intents")[-1].params["amount"] == "2000"
    deliver(STUB.present(reader))
    paid = staff_call("staffPosSaleStatus", {"saleId": sale["id"]}, token)
    assert paid["status"] == "paid"
    amounts = {doc["kind"]: doc["amountCents"] for doc in pos_payments(demo, sale["id"]).values()}
    assert amounts == {"pos_card": 2000, "pos_cash": 2500}
    assert demo.document(f"sites/demo/bookings/{booking_id}").get().get("status") == "completed"


def test_a_double_submit_charges_once(demo: Any) -> None:
    stub_reader(demo)
    token = session("anna")
    data = {"saleId": sale_id(), "method": "card", "bookingId": booked(token)}
    intents_before = len(STUB.requests_to("POST", "/v1/payment_intents"))
    start = threading.Barrier(2)

    def submit(_: int) -> Any:
        start.wait()
        return staff_call("staffPosSale", data, token)

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(submit, range(2)))
    assert {result["id"] for result in results} == {data["saleId"]}
    assert len(STUB.requests_to("POST", "/v1/payment_intents")) == intents_before + 1
    cash = {"saleId": sale_id(), "method": "cash", "bookingId": booked(token, "08:00"), "cashReceivedCents": 3500}
    first, again = staff_call("staffPosSale", cash, token), staff_call("staffPosSale", cash, token)
    assert first["receiptNumber"] == again["receiptNumber"] == 1
    assert len(pos_payments(demo, cash["saleId"])) == 1


def test_receipt_numbers_have_no_gaps_under_20_concurrent_sales(demo: Any) -> None:
    token = session("anna")
    with ThreadPoolExecutor(20) as pool:  # a worker per concurrent request, started before the race
        list(pool.map(lambda _: refusal("staffPosSale", {}, token), range(20)))
    start = threading.Barrier(20)

    def walk_in_sale(_: int) -> Any:
        start.wait()
        return sell(token, extras=[{"serviceId": "beard"}], cashReceivedCents=2000)

    with ThreadPoolExecutor(20) as pool:
        sales = list(pool.map(walk_in_sale, range(20)))
    assert all(sale["status"] == "paid" for sale in sales)
    stored = {doc.id: doc.to_dict() for doc in demo.collection("sites/demo/sales").stream()}
    numbers = sorted(doc["receiptNumber"] for doc in stored.values())
    assert numbers == list(range(1, 21))
    given = {int(doc.id): doc.get("saleId") for doc in demo.collection("sites/demo/receiptNumbers").stream()}
    assert given == {doc["receiptNumber"]: sale for sale, doc in stored.items()}
    assert demo.document("sites/demo/private/posReceipts").get().get("last") == 20
    cash = demo.collection("sites/demo/payments").where(filter=FieldFilter("kind", "==", "pos_cash"))
    assert sorted(doc.get("saleId") for doc in cash.stream()) == sorted(stored)


def test_staff_sell_only_in_their_branch_and_amounts_never_come_from_the_client(demo: Any) -> None:
    anna, chloe = session("anna"), session("chloe")
    booking_id = booked(anna)
    data = {"saleId": sale_id(), "method": "cash", "bookingId": booking_id, "cashReceivedCents": 5000}
    assert refusal("staffPosSale", data, chloe) == ("NOT_FOUND", "Booking not found")
    assert refusal("staffPosSale", {**data, "totalCents": 1}, anna)[0] == "INVALID_ARGUMENT"
    assert refusal("staffPosSale", {**data, "cashReceivedCents": 100}, anna) == (
        "INVALID_ARGUMENT",
        "cashReceivedCents: is less than the cash due",
    )
    assert refusal("staffPosSale", data, None)[0] == "UNAUTHENTICATED"
    assert admin_error("adminPosSale", {"siteId": "demo", **data}, OTHER_ADMIN_TOKEN).status == "PERMISSION_DENIED"
    assert demo.collection("sites/demo/sales").get() == []


def test_an_admin_checks_out_from_the_booking_detail_and_a_disabled_register_refuses(demo: Any) -> None:
    booking_id = booked(session("anna"))
    quote = admin_call("adminPosQuote", {"siteId": "demo", "bookingId": booking_id})
    assert (quote["totalCents"], quote["readers"][0]["id"]) == (3500, "local-simulated")
    sale = admin_call(
        "adminPosSale", {"siteId": "demo", "saleId": sale_id(), "method": "card", "bookingId": booking_id}
    )
    assert sale["status"] == "open"  # the local simulated reader answers when asked
    paid = admin_call("adminPosSaleStatus", {"siteId": "demo", "saleId": sale["id"]})
    assert (paid["status"], paid["receiptNumber"]) == ("paid", 1)
    history = demo.document(f"sites/demo/bookings/{booking_id}").get().get("statusHistory")
    assert (history[-1]["to"], history[-1]["by"]) == ("completed", "admin@demo.test")
    demo.document("sites/demo/private/pos").update({"enabled": False})
    refused = admin_error("adminPosSale", {"siteId": "demo", "saleId": sale_id(), "method": "cash", "extras": []})
    assert (refused.status, refused.message) == ("FAILED_PRECONDITION", "The POS register is not enabled for this site")
