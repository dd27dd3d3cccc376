// Settings → Payments: whether deposits can be taken, Stripe Connect
// onboarding for the site's own account, and the no-show fee.
import { h } from "../../shared/dom.js";
import { FieldError, checkbox, field, form, saving, select } from "../dom.js";
import { centsToInput, dateTime, money, parseMoney } from "../format.js";
import { t } from "../i18n.js";
import { confirmStep, listTable } from "./common.js";

/** The texts of the list of payments, in one place for the translation. */
export const LIST_TEXT = {
  title: t("Recent payments"),
  intro: t("The last 50 payments of this site, newest first: deposits, no-show fees and refunds."),
  columns: [t("When"), t("Kind"), t("Amount"), t("Status"), t("Booking details")],
  none: t("No payments yet. Deposits, no-show fees and refunds appear here."),
  open: t("Open booking"),
  kinds: { deposit: t("Deposit"), no_show_fee: t("No-show fee"), refund: t("Refund"), pos_card: t("Card at the desk"), pos_cash: t("Cash at the desk") },
  statuses: {
    pending: t("Pending"),
    processing: t("Processing"),
    succeeded: t("Succeeded"),
    failed: t("Failed"),
    not_collected: t("Not collected"),
  },
  reasons: {
    time_taken: t("time taken meanwhile"),
    booking_cancelled: t("booking cancelled"),
    no_show_overruled: t("no-show overruled"),
    client_cancelled: t("client had cancelled"),
    no_payment_method: t("no saved card"),
    pos_refund: t("desk sale refunded"),
  },
};

const MODES = {
  live: t("Live"),
  test: t("Test mode"),
  dev: t("Development checkout (emulator, no money moves)"),
  off: t("Not configured"),
};

export async function renderPayments(app) {
  const payments = await app.call("adminGetPayments", {});
  if (app.site.paymentsReady !== payments.ready) await app.reload(); // the check just changed it
  return h(
    "div",
    { class: "page" },
    h("h1", {}, t("Payments")),
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
        payment.reason
          ? t("{kind} ({reason})", { kind: label(LIST_TEXT.kinds, payment.kind), reason: label(LIST_TEXT.reasons, payment.reason) })
          : label(LIST_TEXT.kinds, payment.kind),
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
        h("p", {}, h("strong", {}, t("Deposits are available.")), " ", t("Clients pay the deposit online when they book a service that has one.")),
      )
    : h(
        "div",
        { class: "notice warn" },
        h("p", {}, h("strong", {}, t("Deposits are not available.")), " ", t("Deposit services are not bookable until Stripe is set up.")),
        h(
          "p",
          { class: "hint" },
          connect
            ? t("Finish the Stripe onboarding so the connected account can take payments.")
            : t("The platform's Stripe key is not configured. Connect Stripe, or ask the operator of this booking service."),
        ),
      );
  const details = h(
    "dl",
    {},
    h("dt", {}, "Stripe"),
    h("dd", {}, MODES[payments.mode] || payments.mode),
    h("dt", {}, t("Connected account")),
    h(
      "dd",
      {},
      connect
        ? t("{account}: {state}", {
            account: connect.accountId,
            state: connect.chargesEnabled
              ? t("can take payments")
              : connect.detailsSubmitted
                ? t("details submitted, waiting for Stripe")
                : t("onboarding not finished"),
          })
        : t("None: payments go to the platform's account"),
    ),
    connect ? [h("dt", {}, t("Service fee")), h("dd", {}, t("{percent}% of each payment", { percent: payments.feePercent }))] : null,
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
      t("Connect the business's own Stripe account to receive deposits and no-show fees directly. Stripe asks for the business details, then sends you back here."),
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button primary" }, connect ? t("Continue Stripe setup") : t("Connect Stripe")),
    ),
  );
  const disconnect = connect
    ? confirmStep(app, {
        label: t("Disconnect Stripe account"),
        question: t("Disconnect the Stripe account? New payments then go to the platform's account, if it can take them."),
        confirm: t("Yes, disconnect"),
        run: async () => {
          await app.call("adminUpdatePayments", { disconnect: true });
          await app.reload();
          app.announce(t("Stripe account disconnected"));
          app.go("payments");
        },
      })
    : null;
  return h(
    "section",
    { class: "card", "aria-labelledby": "p-status" },
    h("h2", { id: "p-status" }, t("Online payments")),
    state,
    details,
    connectForm,
    disconnect,
  );
}

function describe(fee, currency) {
  if (!fee.enabled) return t("No-show fee switched off");
  return fee.kind === "fixed"
    ? t("No-show fee saved: {amount}", { amount: money(fee.amountCents, currency) })
    : t("No-show fee saved: {percent}% of the service price", { percent: fee.percent });
}

function feeSection(app, payments) {
  const fee = payments.noShowFee;
  const currency = payments.currency;
  const enabled = checkbox(t("Charge a fee when a client doesn't show up"), fee.enabled, {
    path: "noShowFee.enabled",
    hint: t("Charged to the card saved with the deposit, so only bookings paid with a deposit can be charged."),
  });
  const kind = select([["fixed", t("A fixed amount")], ["percent", t("A percentage of the service price")]], fee.kind, {});
  const amount = h("input", { type: "text", inputmode: "decimal", value: fee.kind === "fixed" ? centsToInput(fee.amountCents) : "" });
  const percent = h("input", { type: "text", inputmode: "decimal", value: fee.kind === "percent" ? String(fee.percent) : "" });
  const amountField = field(t("Amount ({currency})", { currency }), amount, { path: "noShowFee.amountCents", hint: t("For example 15.00.") });
  const percentField = field(t("Percentage"), percent, { path: "noShowFee.percent", hint: t("From 0 to 100, at most two decimals.") });
  const detailFields = h("div", {}, field(t("Fee"), kind, { path: "noShowFee.kind" }), amountField, percentField);
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
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("Save no-show fee"))),
  );
  return h("section", { class: "card", "aria-labelledby": "p-fee" }, h("h2", { id: "p-fee" }, t("No-show fee")), editor);
}
