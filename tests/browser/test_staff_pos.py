"""The POS register in the staff app: checkout from the agenda, cash and the
local simulated reader, the receipt sent to a (mocked) Web Serial printer
byte for byte, and the HTML receipt where Web Serial is missing."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_staff_app import TABLET, card, shot, sign_in, stored, walk_in
from tests.emulator.test_pos_sales import deliver, stub_reader
from tests.support.stripe_stub import DECLINED_PRESENT, STUB

SERIAL_MOCK = """
window.__written = [];
window.__opened = [];
const port = {
  getInfo: () => ({ usbVendorId: 0x0416, usbProductId: 0x5011 }),
  open: async (options) => { window.__opened.push(options); },
  close: async () => {},
  writable: { getWriter: () => ({
    write: async (bytes) => { window.__written.push(...bytes); },
    releaseLock: () => {},
  }) },
};
Object.defineProperty(navigator, "serial", { value: {
  getPorts: async () => (window.__granted ? [port] : []),
  requestPort: async () => {
    window.__granted = true;
    window.__requested = (window.__requested || 0) + 1;
    return port;
  },
} });
"""


def checkout(page: Page, customer: str) -> Any:
    card(page, customer).get_by_role("button", name="Take payment").click()
    dialog = page.get_by_role("dialog", name=f"Payment · {customer}")
    expect(dialog.locator("[data-total]")).to_have_text("€35.00")
    return dialog


def test_a_cash_checkout_prints_the_receipt_bytes_on_the_paired_printer(demo: Any, page: Page) -> None:
    page.add_init_script(SERIAL_MOCK)
    page.set_viewport_size(TABLET)
    booking = walk_in("anna", "07:00", "Grace")
    sign_in(page, "Anna", "1111")
    dialog = checkout(page, "Grace")
    dialog.get_by_role("radio", name="Cash").click()
    dialog.get_by_label("Cash received").fill("50")
    expect(dialog.locator(".pos-change")).to_have_text("Change: €15.00")
    shot(page, "staff-pos-checkout-cash")
    dialog.get_by_role("button", name="Take €35.00").click()
    dialog = page.get_by_role("dialog", name="Paid · receipt 1")  # the dialog is named by its heading
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Print receipt").click()
    expect(page.locator("#toast")).to_have_text("Receipt printed")
    written = bytes(page.evaluate("window.__written"))
    sale = next(doc.to_dict() for doc in demo.collection("sites/demo/sales").stream())
    assert sale["receiptNumber"] == 1
    assert written.startswith(b"\x1b@\x1bt\x13\x1ba\x01")
    assert b"Receipt 1\n" in written
    assert b"Haircut" + b" " * 35 + b"\xd535.00\n" in written
    assert b"Change" + b" " * 36 + b"\xd515.00\n" in written
    assert written.endswith(b"\x1dVB\x03")
    assert page.evaluate("window.__opened") == [{"baudRate": 9600}]
    shot(page, "staff-pos-paid")
    assert stored(demo, booking["id"])["status"] == "completed"

    # The printer is remembered: the next receipt prints without asking for a port.
    dialog.get_by_role("button", name="Print receipt").click()
    expect(page.locator("#toast")).to_have_text("Receipt printed")
    assert page.evaluate("window.__requested") == 1
    assert bytes(page.evaluate("window.__written")) == written + written


def test_a_card_checkout_on_the_simulated_reader_and_the_html_receipt_without_web_serial(demo: Any, page: Page) -> None:
    page.add_init_script("delete Navigator.prototype.serial;")
    page.set_viewport_size(TABLET)
    walk_in("anna", "07:00", "Grace")
    sign_in(page, "Anna", "1111")
    dialog = checkout(page, "Grace")
    dialog.get_by_role("radio", name="Card").click()
    dialog.get_by_role("button", name="Take €35.00").click()
    dialog = page.get_by_role("dialog", name="Paid · receipt 1")  # the dialog is named by its heading
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Print receipt").click()
    receipt = page.locator("[data-receipt]")
    expect(receipt).to_be_visible()
    expect(receipt).to_contain_text("Demo Hair Studio")
    expect(receipt).to_contain_text("Receipt 1")
    expect(receipt.locator(".receipt-body")).to_contain_text(re.compile(r"Card\s+€35\.00"))
    shot(page, "staff-pos-html-receipt")
    sale = next(doc.to_dict() for doc in demo.collection("sites/demo/sales").stream())
    assert (sale["method"], sale["status"]) == ("card", "paid")


def test_card_failures_are_shown_and_a_split_payment_goes_through_on_the_reader(demo: Any, page: Page) -> None:
    reader = stub_reader(demo)
    page.set_viewport_size(TABLET)
    booking = walk_in("anna", "07:00", "Grace")
    sign_in(page, "Anna", "1111")
    dialog = checkout(page, "Grace")
    dialog.get_by_role("radio", name="Card").click()
    dialog.get_by_role("button", name="Take €35.00").click()
    expect(dialog.get_by_role("status")).to_have_text("Waiting for the card reader… present the card.")
    shot(page, "staff-pos-waiting-for-card")
    deliver(STUB.present(reader, DECLINED_PRESENT))
    expect(dialog.get_by_role("alert")).to_have_text("The card was declined. Try another card or take cash.")
    shot(page, "staff-pos-declined")

    STUB.readers[reader]["status"] = "offline"
    dialog.get_by_role("button", name="Take €35.00").click()
    expect(dialog.get_by_role("alert")).to_have_text(
        "The card reader is offline. Check it is on and connected, or take cash."
    )
    STUB.readers[reader]["status"] = "online"

    dialog.get_by_role("button", name="Take €35.00").click()
    expect(dialog.get_by_role("status")).to_have_text("Waiting for the card reader… present the card.")
    STUB.cancel_at_reader(reader)
    expect(dialog.get_by_role("alert")).to_have_text("The payment was cancelled at the reader.")

    dialog.get_by_role("radio", name="Split").click()
    dialog.get_by_label("On the card").fill("20")
    dialog.get_by_label("Cash received").fill("20")
    expect(dialog.locator(".pos-change")).to_have_text("Change: €5.00")
    dialog.get_by_role("button", name="Take €35.00").click()
    expect(dialog.get_by_role("status")).to_have_text("Waiting for the card reader… present the card.")
    assert STUB.requests_to("POST", "/v1/payment_intents")[-1].params["amount"] == "2000"
    deliver(STUB.present(reader))
    paid = page.get_by_role("dialog", name="Paid · receipt 1")
    expect(paid).to_contain_text("Change: €5.00")
    assert stored(demo, booking["id"])["status"] == "completed"
    sales = [doc.to_dict() for doc in demo.collection("sites/demo/sales").stream()]
    assert sorted((sale["status"], sale.get("error")) for sale in sales) == [
        ("failed", "card_declined"),
        ("failed", "customer_canceled"),
        ("failed", "reader_offline"),
        ("paid", None),
    ]
    shot(page, "staff-pos-split-paid")


def test_a_sale_without_a_booking_from_the_toolbar(demo: Any, page: Page) -> None:
    page.set_viewport_size(TABLET)
    sign_in(page, "Chloé", "3333")
    page.get_by_role("button", name="+ Sale").click()
    dialog = page.get_by_role("dialog", name="Sale")
    expect(dialog.get_by_role("button", name="Take payment")).to_be_disabled()
    dialog.get_by_label("Add a service").select_option("beard")
    dialog.get_by_role("button", name="Add", exact=True).click()
    dialog.get_by_role("button", name="Add", exact=True).click()
    expect(dialog.locator("[data-total]")).to_have_text("€30.00")
    dialog.get_by_label("Discount (%)").fill("10")
    dialog.get_by_label("Discount (%)").blur()
    expect(dialog.locator("[data-total]")).to_have_text("€27.00")
    dialog.get_by_role("radio", name="Cash").click()
    dialog.get_by_label("Cash received").fill("27")
    dialog.get_by_role("button", name="Take €27.00").click()
    expect(page.get_by_role("dialog", name="Paid · receipt 1")).to_be_visible()
    sale = next(doc.to_dict() for doc in demo.collection("sites/demo/sales").stream())
    assert (sale["bookingId"], sale["branchId"], sale["totalCents"], sale["discountCents"]) == (None, "zuid", 2700, 300)
    shot(page, "staff-pos-sale-without-booking")
