// Settings → Payments: whether deposits can be taken, Stripe Connect
// onboarding for the site's own account, and the no-show fee.
import { h } from "../../shared/dom.js";
import { FieldError, checkbox, field, form, saving, select } from "../dom.js";
import { centsToInput, dateTime, money, parseMoney } from "../format.js";
import { confirmStep, listTable } from "./common.js";

/** The texts of the list of payments, in one place for the translation. */
export const LIST_TEXT = {
  title: "Recent payments",
  intro: "The last 50 payments of this site, newest first: deposits, no-show fees and refunds.",
  columns: ["When", "Kind", "Amount", "Status", "Booking"],
  none: "No payments yet. Deposits, no-show fees and refunds appear here.",
  open: "Open booking",
  kinds: { deposit: "Deposit", no_show_fee: "No-show fee", refund: "Refund" },
  statuses: {
    pending: "Pending",
    processing: "Processing",
    succeeded: "Succeeded",
    failed: "Failed",
    not_collected: "Not collected",
  },
  reasons: {
    time_taken: "time taken meanwhile",
    booking_cancelled: "booking cancelled",
    no_show_overruled: "no-show overruled",
    client_cancelled: "client had cancelled",
    no_payment_method: "no saved card",
  },
};

const MODES = {
  live: "Live",
  test: "Test mode",
  dev: "Development checkout (emulator, no money moves)",
  off: "Not configured",
};

export async function renderPayments(app) {
  const payments = await app.call("adminGetPayments", {});
  if (app.site.paymentsReady !== payments.ready) await app.reload(); // the check just changed it
  return h(
    "div",
    { class: "page" },
    h("h1", {}, "Payments"),
    statusSection(app, payments),
    feeSection(app, payments),
    paymentsSection(app, payments),
  );
}

function paymentsSection(app, payments) {
  const zone = app.site.timezone;
  const label = (table, value) => table[value] || value;
  return h(
    "section",
    { class: "card", "aria-labelledby": "p-list" },
    h("h2", { id: "p-list" }, LIST_TEXT.title),
    h("p", { class: "hint" }, LIST_TEXT.intro),
    listTable(
      LIST_TEXT.title,
      LIST_TEXT.columns,
      (payments.payments || []).map((payment) => [
        dateTime(payment.createdAt, zone),
        payment.reason ? `${label(LIST_TEXT.kinds, payment.kind)} (${label(LIST_TEXT.reasons, payment.reason)})` : label(LIST_TEXT.kinds, payment.kind),
        money(payment.amountCents, payment.currency),
        h("span", { class: `status payment-${payment.status}` }, label(LIST_TEXT.statuses, payment.status)),
        payment.bookingId ? h("a", { href: `#/bookings/${encodeURIComponent(payment.bookingId)}` }, LIST_TEXT.open) : "—",
      ]),
      LIST_TEXT.none,
    ),
  );
}

function statusSection(app, payments) {
  const connect = payments.connect;
  const state = payments.ready
    ? h(
        "div",
        { class: "notice ok" },
        h("p", {}, h("strong", {}, "Deposits are available."), " Clients pay the deposit online when they book a service that has one."),
      )
    : h(
        "div",
        { class: "notice warn" },
        h("p", {}, h("strong", {}, "Deposits are not available."), " Deposit services are not bookable until Stripe is set up."),
        h(
          "p",
          { class: "hint" },
          connect
            ? "Finish the Stripe onboarding so the connected account can take payments."
            : "The platform's Stripe key is not configured. Connect Stripe, or ask the operator of this booking service.",
        ),
      );
  const details = h(
    "dl",
    {},
    h("dt", {}, "Stripe"),
    h("dd", {}, MODES[payments.mode] || payments.mode),
    h("dt", {}, "Connected account"),
    h(
      "dd",
      {},
      connect
        ? `${connect.accountId}: ${connect.chargesEnabled ? "can take payments" : connect.detailsSubmitted ? "details submitted, waiting for Stripe" : "onboarding not finished"}`
        : "None: payments go to the platform's account",
    ),
    connect ? [h("dt", {}, "Service fee"), h("dd", {}, `${payments.feePercent}% of each payment`)] : null,
  );
  const connectForm = form(
    () =>
      saving(connectForm, async () => {
        const back = `${location.origin}/admin/?site=${encodeURIComponent(app.siteId)}#/payments`;
        const result = await app.call("adminStripeConnect", { returnUrl: back });
        location.assign(result.url);
      }),
    h(
      "p",
      { class: "hint" },
      "Connect the business's own Stripe account to receive deposits and no-show fees directly. Stripe asks for the business details, then sends you back here.",
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button primary" }, connect ? "Continue Stripe setup" : "Connect Stripe"),
    ),
  );
  const disconnect = connect
    ? confirmStep(app, {
        label: "Disconnect Stripe account",
        question: "Disconnect the Stripe account? New payments then go to the platform's account, if it can take them.",
        confirm: "Yes, disconnect",
        run: async () => {
          await app.call("adminUpdatePayments", { disconnect: true });
          await app.reload();
          app.announce("Stripe account disconnected");
          app.go("payments");
        },
      })
    : null;
  return h(
    "section",
    { class: "card", "aria-labelledby": "p-status" },
    h("h2", { id: "p-status" }, "Online payments"),
    state,
    details,
    connectForm,
    disconnect,
  );
}

function describe(fee, currency) {
  if (!fee.enabled) return "No-show fee switched off";
  return fee.kind === "fixed" ? `No-show fee saved: ${money(fee.amountCents, currency)}` : `No-show fee saved: ${fee.percent}% of the service price`;
}

function feeSection(app, payments) {
  const fee = payments.noShowFee;
  const currency = payments.currency;
  const enabled = checkbox("Charge a fee when a client doesn't show up", fee.enabled, {
    path: "noShowFee.enabled",
    hint: "Charged to the card saved with the deposit, so only bookings paid with a deposit can be charged.",
  });
  const kind = select([["fixed", "A fixed amount"], ["percent", "A percentage of the service price"]], fee.kind, {});
  const amount = h("input", { type: "text", inputmode: "decimal", value: fee.kind === "fixed" ? centsToInput(fee.amountCents) : "" });
  const percent = h("input", { type: "text", inputmode: "decimal", value: fee.kind === "percent" ? String(fee.percent) : "" });
  const amountField = field(`Amount (${currency})`, amount, { path: "noShowFee.amountCents", hint: "For example 15.00." });
  const percentField = field("Percentage", percent, { path: "noShowFee.percent", hint: "From 0 to 100, at most two decimals." });
  const detailFields = h("div", {}, field("Fee", kind, { path: "noShowFee.kind" }), amountField, percentField);
  const show = () => {
    detailFields.hidden = !enabled.control.checked;
    amountField.hidden = kind.value !== "fixed";
    percentField.hidden = kind.value !== "percent";
  };
  enabled.control.addEventListener("change", show);
  kind.addEventListener("change", show);
  show();

  const read = () => {
    if (!enabled.control.checked) return { ...fee, enabled: false };
    if (kind.value === "fixed") {
      const cents = parseMoney(amount.value);
      if (cents == null || Number.isNaN(cents)) throw new FieldError("noShowFee.amountCents", "must be an amount such as 15.00");
      return { enabled: true, kind: "fixed", amountCents: cents };
    }
    const value = percent.value.trim().replace(",", ".");
    if (!/^\d+(\.\d{1,2})?$/.test(value)) throw new FieldError("noShowFee.percent", "must be a number from 0 to 100 with at most two decimals");
    return { enabled: true, kind: "percent", percent: Number(value) };
  };

  const editor = form(
    () =>
      saving(editor, async () => {
        const saved = read();
        await app.call("adminUpdatePayments", { noShowFee: saved });
        app.announce(describe(saved, currency));
        app.go("payments");
      }),
    enabled.wrap,
    detailFields,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, "Save no-show fee")),
  );
  return h("section", { class: "card", "aria-labelledby": "p-fee" }, h("h2", { id: "p-fee" }, "No-show fee"), editor);
}
