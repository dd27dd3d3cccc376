// The POS register at the desk: checkout of a booking (or a sale on the
// spot), paid by card on the reader, in cash or split; then the receipt,
// printed through Web Serial or shown as HTML. Every amount shown comes
// from the server (staffPosQuote, staffPosSale); the desk only says what is
// sold and how it is paid.
import { h, replace } from "../shared/dom.js";
import { formatMoney, parseMoney } from "../shared/money.js";
import { intl, t } from "./lang.js";
import { canPrint, decodeBase64, printBytes } from "./printer.js";
import { toast } from "./toast.js";

const POLL_MS = 1500;
const newSaleId = () => `sale-${crypto.randomUUID()}`;

/** `booking` null: a sale on the spot, at `branchId` (the agenda's). `pos`: staffPosSetup's answer. */
export function openCheckout(app, pos, booking, done, branchId = null) {
  const extras = [];
  let quote = null;
  let method = pos.readers.length ? "card" : "cash";
  let saleId = newSaleId();
  const money = (cents) => formatMoney(cents, pos.currency, intl());
  const dialog = h("dialog", { class: "walkin pos", "aria-labelledby": "pos-title" });
  const linesBox = h("div", { class: "pos-lines", "aria-live": "polite" });
  const discount = h("input", { id: "pos-discount", type: "number", min: "0", max: "100", step: "1", inputmode: "numeric", value: "" });
  const extraSelect = h("select", { id: "pos-extra" }, pos.services.map((s) => h("option", { value: s.id }, `${s.name} · ${money(s.priceCents)}`)));
  const reader = h("select", { id: "pos-reader" }, pos.readers.map((r) => h("option", { value: r.id }, r.label)));
  if (pos.defaultReaderId) reader.value = pos.defaultReaderId;
  const cardPart = h("input", { id: "pos-card", type: "text", inputmode: "decimal", autocomplete: "off" });
  const received = h("input", { id: "pos-received", type: "text", inputmode: "decimal", autocomplete: "off" });
  const change = h("p", { class: "pos-change", "aria-live": "polite" });
  const message = h("p", { class: "error", role: "alert" });
  const status = h("p", { class: "pos-status", role: "status" });
  const pay = h("button", { type: "submit", class: "primary" }, t("payCard"));
  const methods = h("div", { class: "choices pos-methods", role: "radiogroup", "aria-label": t("payWith") });
  const readerField = h("div", {}, h("label", { for: "pos-reader" }, t("reader")), reader);
  const cardField = h("div", {}, h("label", { for: "pos-card" }, t("cardPart")), cardPart);
  const cashField = h("div", {}, h("label", { for: "pos-received" }, t("cashReceived")), received, change);

  async function requote() {
    const data = { ...(booking ? { bookingId: booking.id } : branchId && { branchId }), extras: extras.map((id) => ({ serviceId: id, quantity: 1 })) };
    const percent = Number(discount.value);
    if (discount.value && percent > 0) data.discount = { percent: Math.min(100, percent) };
    if (!booking && !extras.length) {
      quote = null;
      paint();
      return;
    }
    try {
      quote = await app.call("staffPosQuote", data);
      message.textContent = "";
    } catch (error) {
      message.textContent = error.message;
    }
    paint();
  }

  function paint() {
    const rows = quote ? quote.lines.map((line, index) => {
      const extraIndex = index - (booking ? quote.lines.filter((l) => l.kind === "deposit").length + 1 : 0);
      const label = line.kind === "deposit" ? t("depositLine") : `${line.quantity > 1 ? `${line.quantity} × ` : ""}${line.description}`;
      return h("li", {}, h("span", {}, label), h("span", { class: "amount" }, money(line.amountCents)),
        extraIndex >= 0 && h("button", { type: "button", class: "link", "aria-label": t("removeLine", { name: line.description }), onclick: () => { extras.splice(extraIndex, 1); requote(); } }, "×"));
    }) : [h("li", { class: "muted" }, t("nothingToSell"))];
    const totals = quote ? [
      quote.discountCents > 0 && h("li", {}, h("span", {}, t("discount")), h("span", { class: "amount" }, money(-quote.discountCents))),
      h("li", { class: "total" }, h("span", {}, t("total")), h("span", { class: "amount", "data-total": String(quote.totalCents) }, money(quote.totalCents))),
    ] : [];
    replace(linesBox, h("ul", {}, rows, totals));
    replace(methods, [["card", t("payCard")], ["cash", t("payCash")], ["split", t("paySplit")]]
      .filter(([value]) => value === "cash" || pos.readers.length)
      .map(([value, label]) => h("button", { type: "button", role: "radio", class: "choice", "aria-checked": String(method === value), onclick: () => { method = value; paint(); } }, label)));
    readerField.hidden = method === "cash" || pos.readers.length < 2;
    cardField.hidden = method !== "split";
    cashField.hidden = method === "card";
    const due = dueCash();
    change.textContent = due != null && parseMoney(received.value) >= due ? t("changeDue", { amount: money(parseMoney(received.value) - due) }) : "";
    pay.textContent = quote ? t("payButton", { amount: money(quote.totalCents) }) : t("checkoutButton");
    pay.disabled = !quote;
  }

  function dueCash() {
    if (!quote) return null;
    const card = method === "split" ? parseMoney(cardPart.value) || 0 : 0;
    return method === "card" ? 0 : quote.totalCents - card;
  }

  async function poll(sale) {
    while (sale.status === "open" && dialog.open) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      sale = await app.call("staffPosSaleStatus", { saleId: sale.id });
    }
    return sale;
  }

  function failure(error) {
    return { card_declined: t("declined"), customer_canceled: t("cancelledAtReader"), reader_offline: t("readerOffline") }[error] || t("cardFailed");
  }

  async function submit(event) {
    event.preventDefault();
    message.textContent = "";
    const data = { saleId, method, ...(booking ? { bookingId: booking.id } : branchId && { branchId }), extras: extras.map((id) => ({ serviceId: id, quantity: 1 })) };
    const percent = Number(discount.value);
    if (discount.value && percent > 0) data.discount = { percent: Math.min(100, percent) };
    if (method !== "cash" && pos.readers.length) data.readerId = reader.value;
    for (const [input, key, wanted] of [[cardPart, "cardCents", method === "split"], [received, "cashReceivedCents", method !== "card"]]) {
      if (!wanted) continue;
      const cents = parseMoney(input.value) ?? 0;
      if (Number.isNaN(cents)) {
        message.textContent = t("badAmount");
        input.focus();
        return;
      }
      data[key] = cents;
    }
    pay.disabled = true;
    try {
      let sale = await app.call("staffPosSale", data);
      if (sale.status === "open") {
        status.textContent = t("waitingForCard");
        sale = await poll(sale);
      }
      status.textContent = "";
      if (sale.status === "failed") {
        saleId = newSaleId(); // the next attempt is a new sale
        message.textContent = failure(sale.error);
        pay.disabled = false;
        return;
      }
      showPaid(sale);
      done();
    } catch (error) {
      status.textContent = "";
      saleId = newSaleId();
      pay.disabled = false;
      message.textContent = error.status === "FAILED_PRECONDITION" && /offline/.test(error.message) ? t("readerOffline") : error.status === "UNAVAILABLE" ? t("network") : error.message;
    }
  }

  function showPaid(sale) {
    const receipt = sale.receipt;
    const printButton = h("button", { type: "button", class: "primary", onclick: () => printReceipt(receipt, printButton) }, t("printReceipt"));
    const address = h("input", { id: "pos-email", type: "email", maxlength: "254", autocomplete: "off", value: sale.clientEmail || "" });
    const sendButton = h("button", { type: "button", onclick: () => emailReceipt(sale, address, sendButton) }, t("emailReceipt"));
    replace(
      form,
      h("h2", { id: "pos-title" }, t("paid", { number: sale.receiptNumber })),
      sale.changeCents > 0 && h("p", { class: "pos-change big" }, t("changeDue", { amount: money(sale.changeCents) })),
      h("div", {}, h("label", { for: "pos-email" }, t("receiptEmail")), h("div", { class: "inline" }, address, sendButton)),
      message,
      h("div", { class: "buttons" },
        h("button", { type: "button", class: "link", onclick: () => dialog.close() }, t("done")),
        h("button", { type: "button", onclick: () => showReceipt(receipt) }, t("showReceipt")),
        printButton),
    );
    printButton.focus();
  }

  async function emailReceipt(sale, address, button) {
    message.textContent = "";
    button.disabled = true;
    try {
      await app.call("staffPosEmailReceipt", { saleId: sale.id, ...(address.value.trim() && { email: address.value.trim() }) });
      toast(t("receiptSent", { email: address.value.trim() || sale.clientEmail }));
    } catch (error) {
      message.textContent = error.status === "INVALID_ARGUMENT" ? t("badEmail") : error.message;
      address.focus();
    } finally {
      button.disabled = false;
    }
  }

  async function printReceipt(receipt, button) {
    if (!canPrint()) {
      toast(t("noSerial"));
      showReceipt(receipt);
      return;
    }
    button.disabled = true;
    try {
      await printBytes(decodeBase64(receipt.escpos));
      toast(t("printed"));
    } catch (error) {
      toast(t("printFailed", { message: error.message || String(error) }));
    } finally {
      button.disabled = false;
    }
  }

  const form = h(
    "form",
    { method: "dialog", novalidate: true, onsubmit: submit },
    h("h2", { id: "pos-title" }, booking ? t("checkoutTitle", { name: booking.customer.name || "—" }) : t("saleTitle")),
    linesBox,
    h("div", { class: "row" },
      h("div", {}, h("label", { for: "pos-extra" }, t("addService")),
        h("div", { class: "inline" }, extraSelect, h("button", { type: "button", onclick: () => { extras.push(extraSelect.value); requote(); } }, t("addLine")))),
      h("div", {}, h("label", { for: "pos-discount" }, t("discountPercent")), discount)),
    h("p", { class: "label" }, t("payWith")),
    methods,
    h("div", { class: "row" }, readerField, cardField, cashField),
    status,
    message,
    h("div", { class: "buttons" }, h("button", { type: "button", class: "link", onclick: () => dialog.close() }, t("close")), pay),
  );
  discount.addEventListener("change", requote);
  for (const input of [received, cardPart]) input.addEventListener("input", paint);
  dialog.append(form);
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  paint();
  requote();
  dialog.showModal();
}

/** The receipt as a page of its own: printed by the browser, or e-mailed. */
export function showReceipt(receipt) {
  const lines = (list, cls) => h("div", { class: cls }, list.map((line) => h("div", {}, line)));
  const sheet = h("div", { class: `receipt paper-${receipt.paperWidth}`, "data-receipt": "" },
    h("div", { class: "receipt-business" }, receipt.business),
    lines(receipt.head, "receipt-head"),
    lines(receipt.body, "receipt-body"),
    lines(receipt.foot, "receipt-foot"));
  const dialog = h("dialog", { class: "walkin receipt-dialog", "aria-label": receipt.head.find((line) => /\d/.test(line)) || "" },
    sheet,
    h("div", { class: "buttons no-print" },
      h("button", { type: "button", class: "link", onclick: () => dialog.close() }, t("close")),
      h("button", { type: "button", class: "primary", onclick: () => window.print() }, t("printPage"))));
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
