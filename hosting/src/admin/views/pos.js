// Booking → POS Settings: the register's switch, Stripe Terminal readers
// (registered with their code; the local simulated reader in the emulator),
// the Terminal location, the receipt options and the recent sales with their
// refunds. And the Checkout of a booking's detail page: cash or a reader,
// amounts from the server only.
import { h } from "../../shared/dom.js";
import { FieldError, button, checkbox, field, form, saving, select } from "../dom.js";
import { dateTime, money, parseMoney } from "../format.js";
import { t } from "../i18n.js";
import { confirmStep, listTable } from "./common.js";

const POLL_MS = 1500;
const SALE_STATUS = { open: t("Waiting for the card"), paid: t("Paid"), failed: t("Failed") };
const FAILURES = {
  card_declined: t("The card was declined"),
  customer_canceled: t("The payment was cancelled at the reader"),
  reader_offline: t("The card reader is offline"),
};

export async function renderPos(app) {
  const pos = await app.call("adminGetPos", {});
  return h(
    "div",
    { class: "page" },
    h("h1", {}, t("POS Settings")),
    h("p", { class: "hint" }, t("Take payment at the desk: by card on a Stripe Terminal reader, in cash, or split. Staff check out from the staff app's agenda, admins from a booking.")),
    registerSection(app, pos),
    readersSection(app, pos),
    receiptSection(app, pos),
    salesSection(app, pos),
  );
}

function registerSection(app, pos) {
  const enabled = checkbox(t("Enable the POS register"), pos.enabled, { path: "enabled" });
  const location = h("input", { type: "text", value: pos.locationId || "", maxlength: "64", autocomplete: "off" });
  const settings = form(
    () =>
      saving(settings, async () => {
        await app.call("adminUpdatePos", { enabled: enabled.control.checked, locationId: location.value.trim() });
        app.announce(t("POS settings saved"));
        app.go("pos");
      }),
    enabled.wrap,
    field(t("Default Terminal location"), location, { path: "locationId", hint: t("The Stripe Terminal location id (tml_…) new readers are registered at. Empty: none.") }),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("Save"))),
  );
  return h("section", { class: "card", "aria-labelledby": "pos-register" }, h("h2", { id: "pos-register" }, t("Register")), settings);
}

function readersSection(app, pos) {
  const code = h("input", { type: "text", maxlength: "100", autocomplete: "off" });
  const label = h("input", { type: "text", maxlength: "60", autocomplete: "off" });
  const add = form(
    () =>
      saving(add, async () => {
        if (!code.value.trim()) throw new FieldError("registrationCode", "is required");
        await app.call("adminPosRegisterReader", { registrationCode: code.value.trim(), label: label.value.trim() });
        app.announce(t("Reader registered"));
        app.go("pos");
      }),
    field(t("Registration code"), code, { path: "registrationCode", hint: t("Shown on the reader. In Stripe's test mode, simulated-wpe adds a simulated reader.") }),
    field(t("Name"), label, { path: "label" }),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("Register reader"))),
  );
  const rows = pos.readers.map((reader) => [
    reader.label,
    reader.id,
    reader.simulated ? t("Simulated") : t("Card reader"),
    reader.id === pos.defaultReaderId
      ? t("Default")
      : button(t("Make default"), async () => {
          await app.call("adminUpdatePos", { defaultReaderId: reader.id });
          app.announce(t("Default reader changed"));
          app.go("pos");
        }, { "aria-label": t("Make {name} the default reader", { name: reader.label }) }),
    confirmStep(app, {
      label: t("Remove"),
      name: t("Remove {name}", { name: reader.label }),
      question: t("Remove this reader from the register?"),
      confirm: t("Yes, remove"),
      run: async () => {
        await app.call("adminUpdatePos", { removeReaderId: reader.id });
        app.announce(t("Reader removed"));
        app.go("pos");
      },
    }),
  ]);
  const local = pos.localReaderAvailable && !pos.readers.some((reader) => reader.id === "local-simulated")
    ? button(t("Add the local simulated reader"), async () => {
        await app.call("adminPosRegisterReader", { local: true, label: t("Simulated reader") });
        app.announce(t("Reader registered"));
        app.go("pos");
      })
    : null;
  return h(
    "section",
    { class: "card", "aria-labelledby": "pos-readers" },
    h("h2", { id: "pos-readers" }, t("Card readers")),
    listTable(t("Card readers"), [t("Name"), t("Reader id"), t("Kind"), t("Default"), t("Actions")], rows, t("No readers yet: the register takes cash only.")),
    local && h("p", {}, local, " ", h("span", { class: "hint" }, t("For development without a Stripe key: its card payments succeed at once and move no money."))),
    h("h3", {}, t("Register a reader")),
    add,
  );
}

function receiptSection(app, pos) {
  const receipt = pos.receipt;
  const header = h("input", { type: "text", maxlength: "200", value: receipt.header });
  const footer = h("input", { type: "text", maxlength: "200", value: receipt.footer });
  const vat = h("input", { type: "text", inputmode: "decimal", value: receipt.vatPercent == null ? "" : String(receipt.vatPercent) });
  const paper = select([[80, t("80 mm (48 characters)")], [58, t("58 mm (32 characters)")]], receipt.paperWidth);
  const options = form(
    () =>
      saving(options, async () => {
        const percent = vat.value.trim() ? Number(vat.value.trim().replace(",", ".")) : null;
        if (percent !== null && (Number.isNaN(percent) || percent < 0 || percent > 100)) throw new FieldError("receipt.vatPercent", "must be a number from 0 to 100, or empty for no VAT line");
        await app.call("adminUpdatePos", { receipt: { header: header.value, footer: footer.value, vatPercent: percent, paperWidth: Number(paper.value) } });
        app.announce(t("Receipt options saved"));
        app.go("pos");
      }),
    field(t("Header"), header, { path: "receipt.header", hint: t("Printed under the business name and address.") }),
    field(t("Footer"), footer, { path: "receipt.footer" }),
    field(t("VAT line (%)"), vat, { path: "receipt.vatPercent", hint: t("Prices include VAT; the receipt shows the VAT inside the total. Empty: no VAT line.") }),
    field(t("Paper width"), paper, { path: "receipt.paperWidth" }),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("Save receipt options"))),
  );
  return h("section", { class: "card", "aria-labelledby": "pos-receipt" }, h("h2", { id: "pos-receipt" }, t("Receipts")), options);
}

function salesSection(app, pos) {
  const zone = app.site.timezone;
  const rows = pos.sales.map((sale) => [
    sale.receiptNumber ? String(sale.receiptNumber) : "—",
    dateTime(sale.paidAt, zone),
    money(sale.totalCents, sale.currency),
    [sale.cardCents && t("Card {amount}", { amount: money(sale.cardCents, sale.currency) }), sale.cashCents && t("Cash {amount}", { amount: money(sale.cashCents, sale.currency) })].filter(Boolean).join(" · ") || "—",
    sale.refundedCents ? t("Refunded") : sale.status === "failed" ? FAILURES[sale.error] || SALE_STATUS.failed : SALE_STATUS[sale.status] || sale.status,
    sale.bookingId ? h("a", { href: `#/bookings/${encodeURIComponent(sale.bookingId)}` }, t("Open booking")) : t("Sale without a booking"),
    sale.status === "paid" && !sale.refundedCents
      ? confirmStep(app, {
          label: t("Refund"),
          name: t("Refund receipt {number}", { number: sale.receiptNumber }),
          question: t("Refund {amount}? The card part goes back to the card; hand the cash part back at the desk.", { amount: money(sale.totalCents, sale.currency) }),
          confirm: t("Yes, refund"),
          run: async () => {
            await app.call("adminPosRefund", { saleId: sale.id });
            app.announce(t("Sale refunded"));
            app.go("pos");
          },
        })
      : "",
  ]);
  return h(
    "section",
    { class: "card", "aria-labelledby": "pos-sales" },
    h("h2", { id: "pos-sales" }, t("Recent sales")),
    listTable(t("Recent sales"), [t("Receipt"), t("Paid"), t("Total"), t("Payment"), t("Status"), t("Booking details"), t("Actions")], rows, t("No sales yet.")),
  );
}

/** The Checkout card of a booking's detail page: only for a booking that can be completed. */
export function checkoutSection(app, booking, done, paid = () => {}) {
  if (!["confirmed", "no_show"].includes(booking.status)) return null;
  const currency = app.site.currency;
  const saleIdOf = () => `sale-${crypto.randomUUID()}`;
  let saleId = saleIdOf();
  let readers = [];
  const total = h("p", { class: "pos-total" });
  const method = select([["cash", t("Cash")], ["card", t("Card")]], "cash");
  const received = h("input", { type: "text", inputmode: "decimal", autocomplete: "off" });
  const reader = h("select", {});
  const readerField = field(t("Card reader"), reader, { path: "readerId" });
  const receivedField = field(t("Cash received"), received, { path: "cashReceivedCents" });
  const result = h("div", { "aria-live": "polite" });
  const paint = () => {
    readerField.hidden = method.value !== "card";
    receivedField.hidden = method.value !== "cash";
  };
  method.addEventListener("change", paint);
  const checkout = form(
    () =>
      saving(checkout, async () => {
        const data = { saleId, method: method.value, bookingId: booking.id };
        if (method.value === "cash") {
          const cents = parseMoney(received.value);
          if (cents == null || Number.isNaN(cents)) throw new FieldError("cashReceivedCents", "must be a whole number of cents");
          data.cashReceivedCents = cents;
        } else if (reader.value) data.readerId = reader.value;
        let sale = await app.call("adminPosSale", data);
        result.replaceChildren(h("p", { role: "status" }, SALE_STATUS.open));
        while (sale.status === "open") {
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          sale = await app.call("adminPosSaleStatus", { saleId: sale.id });
        }
        if (sale.status === "failed") {
          saleId = saleIdOf();
          result.replaceChildren(h("p", { class: "form-error", role: "alert" }, FAILURES[sale.error] || SALE_STATUS.failed));
          return;
        }
        app.announce(t("Paid: receipt {number}", { number: sale.receiptNumber }));
        checkout.hidden = true;
        paid(sale);
        result.replaceChildren(
          h("p", {}, h("strong", {}, t("Paid: receipt {number}", { number: sale.receiptNumber })), " ", t("The booking is completed.")),
          receiptSheet(sale.receipt),
          h("div", { class: "actions" }, button(t("Print receipt"), () => window.print()), button(t("Done"), () => done(sale), { class: "button primary" })),
        );
      }),
    total,
    field(t("Payment"), method, { path: "method" }),
    readerField,
    receivedField,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("Take payment"))),
  );
  paint();
  app.call("adminPosQuote", { bookingId: booking.id }).then(
    (quote) => {
      readers = quote.readers;
      reader.replaceChildren(...readers.map((r) => h("option", { value: r.id }, r.label)));
      if (quote.defaultReaderId) reader.value = quote.defaultReaderId;
      total.textContent = t("To pay: {amount}", { amount: money(quote.totalCents, quote.currency || currency) });
      if (!readers.length) method.querySelector("[value=card]").remove();
    },
    (error) => {
      checkout.replaceChildren(h("p", { class: "hint" }, error.status === "FAILED_PRECONDITION" ? t("The POS register is off: enable it under POS Settings.") : error.message));
    },
  );
  return h("section", { class: "card", "aria-labelledby": "pos-checkout" }, h("h2", { id: "pos-checkout" }, t("Checkout")), checkout, result);
}

/** The receipt as text, as it prints (the HTML fallback of the staff app too). */
export function receiptSheet(receipt) {
  const lines = (list, centred) => list.map((line) => h("div", centred ? { class: "centred" } : {}, line));
  return h("div", { class: "receipt", "data-receipt": "" }, h("strong", {}, receipt.business), lines(receipt.head, true), lines(receipt.body), lines(receipt.foot, true));
}
