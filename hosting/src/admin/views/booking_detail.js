// Booking → Bookings → one booking: everything stored with it, the state of
// its deposit, and the status changes an admin makes (the same ones staff
// and clients make, through the one status path on the server). Each change
// is asked twice; confirming an unpaid deposit booking says that the
// deposit is waived.
import { h } from "../../shared/dom.js";
import { dateTime, minutes, money, sourceLabel, statusLabel } from "../format.js";
import { t } from "../i18n.js";
import { confirmStep, listTable, nameOf } from "./common.js";
import { checkoutSection } from "./pos.js";

/** Every text of this page, in one place for the translation. */
export const TEXT = {
  back: t("← All bookings"),
  backToCalendar: t("← Calendar"),
  actions: t("Actions"),
  confirm: t("Confirm booking"),
  confirmQuestion: t("Confirm this booking for the client?"),
  confirmYes: t("Yes, confirm"),
  confirmed: t("Booking confirmed"),
  waive: t("Confirm without the deposit"),
  waiveQuestion: (amount) =>
    t(
      "The deposit of {amount} is unpaid. Confirming waives it: the booking is confirmed without payment and the client can no longer pay the deposit online.",
      { amount },
    ),
  waiveYes: t("Yes, confirm and waive the deposit"),
  waived: t("Booking confirmed, deposit waived"),
  cancel: t("Cancel booking"),
  cancelQuestion: t("Cancel this booking? The time becomes free for others at once."),
  cancelYes: t("Yes, cancel booking"),
  cancelled: t("Booking cancelled"),
  complete: t("Mark completed"),
  completeQuestion: t("Mark this booking completed? This can't be undone."),
  completeYes: t("Yes, mark completed"),
  completed: t("Booking marked completed"),
  noShow: t("Mark no-show"),
  noShowQuestion: t("Mark the client a no-show? A no-show fee, if set, is charged to the saved card."),
  noShowYes: t("Yes, mark no-show"),
  noShown: t("Booking marked no-show"),
  noShowLater: t("A no-show can be marked once the booking has begun."),
  overrule: t("Overrule no-show"),
  overruleQuestion: t("The client came after all? The booking is confirmed again and a no-show fee is refunded."),
  overruleYes: t("Yes, overrule the no-show"),
  overruled: t("No-show overruled"),
  reopen: t("Reopen booking"),
  reopenQuestion: t("Reopen this cancelled booking? It takes its time again, if the time is still free."),
  reopenYes: t("Yes, reopen"),
  reopened: t("Booking reopened"),
  booking: t("Booking details"),
  appointment: t("Appointment"),
  starts: t("Starts"),
  ends: t("Ends"),
  zone: t("Time zone"),
  service: t("Service"),
  duration: t("Duration"),
  price: t("Price"),
  deposit: t("Deposit"),
  none: t("None"),
  staff: t("Staff member"),
  branch: t("Branch"),
  source: t("Source"),
  booked: t("Booked"),
  bookedBy: t("Booked by"),
  client: t("Client"),
  byClient: t("client"),
  bySystem: t("system"),
  byPayment: t("payment"),
  name: t("Name"),
  email: t("E-mail"),
  phone: t("Phone"),
  notes: t("Notes"),
  marketing: t("Marketing e-mails"),
  optedIn: t("Yes, opted in"),
  no: t("No"),
  terms: t("Terms"),
  termsAccepted: (version, at, url) =>
    url
      ? t("Accepted version {version} on {at} ({url})", { version: version || "—", at, url })
      : t("Accepted version {version} on {at}", { version: version || "—", at }),
  termsNotAccepted: t("Not accepted (not required)"),
  answers: t("Intake answers"),
  history: t("Status history"),
  historyColumns: [t("When"), t("By"), t("From"), t("To")],
  noHistory: t("No changes recorded."),
  depositState: {
    pending: (amount) => t("{amount}, unpaid", { amount }),
    paid: (amount, at) => (at ? t("{amount}, paid on {at}", { amount, at }) : t("{amount}, paid", { amount })),
    refund_pending: (amount) => t("{amount}, paid; refund under way", { amount }),
    refunded: (amount, at) => (at ? t("{amount}, refunded on {at}", { amount, at }) : t("{amount}, refunded", { amount })),
    waived: (amount) => t("{amount}, waived (confirmed without payment)", { amount }),
  },
};

/** Who made a change: the client, the system (a hold expiring, the no-show
 * timer), the payment, a staff member on the staff app, or an admin's e-mail. */
function byLabel(app, by) {
  const actors = { client: TEXT.byClient, system: TEXT.bySystem, payment: TEXT.byPayment };
  if (actors[by]) return actors[by];
  const staffId = /^staff:[^:]*:(.+)$/.exec(by || "")?.[1];
  return staffId ? nameOf(app.data.staff, staffId, staffId) : by || "—";
}

function row(label, value) {
  return [h("dt", {}, label), h("dd", {}, value == null || value === "" ? "—" : value)];
}

/** The deposit as it stands: asked for or not, paid, unpaid, refunded or waived. */
export function depositText(booking, currency, zone) {
  const payment = booking.payment;
  const cents = payment?.depositCents ?? booking.service?.depositCents;
  if (!cents) return TEXT.none;
  const amount = money(cents, payment?.currency || currency);
  if (!payment) return TEXT.depositState.pending(amount);
  const state = TEXT.depositState[payment.depositStatus] || TEXT.depositState.pending;
  const at = payment.depositStatus === "refunded" ? payment.refundedAt : payment.paidAt;
  return state(amount, at ? dateTime(at, zone) : "");
}

function actionsFor(app, booking, change) {
  const status = booking.status;
  const unpaid = status === "pending_payment" && (!booking.payment || booking.payment.depositStatus === "pending");
  const begun = new Date(booking.start) <= new Date();
  const step = (key, run, danger = false) =>
    confirmStep(app, { label: TEXT[key], question: TEXT[`${key}Question`], confirm: TEXT[`${key}Yes`], danger, run });
  const actions = [];
  if (unpaid) {
    const amount = money(booking.payment?.depositCents ?? booking.service?.depositCents, booking.payment?.currency || app.site.currency);
    actions.push(
      confirmStep(app, {
        label: TEXT.waive,
        question: TEXT.waiveQuestion(amount),
        confirm: TEXT.waiveYes,
        danger: false,
        run: () => change("confirm", TEXT.waived),
      }),
    );
  } else if (["pending", "pending_payment"].includes(status)) {
    actions.push(step("confirm", () => change("confirm", TEXT.confirmed)));
  }
  if (status === "confirmed") {
    actions.push(step("complete", () => change("complete", TEXT.completed)));
    actions.push(begun ? step("noShow", () => change("no_show", TEXT.noShown), true) : h("p", { class: "hint" }, TEXT.noShowLater));
  }
  if (status === "no_show") {
    actions.push(step("overrule", () => change("overrule_no_show", TEXT.overruled)));
    actions.push(step("complete", () => change("complete", TEXT.completed)));
  }
  if (status === "cancelled") actions.push(step("reopen", () => change("reopen", TEXT.reopened)));
  if (["pending", "pending_payment", "confirmed"].includes(status)) actions.push(step("cancel", () => change("cancel", TEXT.cancelled), true));
  return actions;
}

export async function renderBookingDetail(app, bookingId, listAddress) {
  const booking = await app.call("adminGetBooking", { bookingId });
  const zone = booking.timezone || app.site.timezone;
  const currency = app.site.currency;
  const service = booking.service || {};
  const questions = app.data.services.find((s) => s.id === booking.serviceId)?.intakeQuestions || [];
  const answers = Object.entries(booking.answers || {});
  const terms = booking.terms || {};
  const history = booking.statusHistory || [];
  async function change(action, message) {
    await app.call("adminChangeBookingStatus", { bookingId, action });
    app.announce(message);
    app.go(`bookings/${encodeURIComponent(bookingId)}`);
  }
  const actions = actionsFor(app, booking, change);
  const actionsCard = actions.length ? h("section", { class: "card actions-card", "aria-label": TEXT.actions }, actions) : null;
  const statusBadge = h("span", { class: `status status-${booking.status}` }, statusLabel(booking.status));
  const deposit = depositText(booking, currency, zone);

  return h(
    "div",
    { class: "page" },
    h("p", {}, h("a", { href: `#/${listAddress || "bookings"}` }, listAddress?.startsWith("calendar") ? TEXT.backToCalendar : TEXT.back)),
    h("h1", {}, `${booking.customer?.name || TEXT.booking} — ${dateTime(booking.start, zone)}`),
    h("p", {}, statusBadge),
    actionsCard,
    checkoutSection(app, booking, () => app.go(`bookings/${encodeURIComponent(bookingId)}`), () => {
      // A paid sale completed the booking: show it so, without its old actions.
      statusBadge.className = "status status-completed";
      statusBadge.textContent = statusLabel("completed");
      if (actionsCard) actionsCard.hidden = true;
    }),
    h(
      "div",
      { class: "columns" },
      h(
        "section",
        { class: "card" },
        h("h2", {}, TEXT.appointment),
        h(
          "dl",
          {},
          row(TEXT.starts, dateTime(booking.start, zone)),
          row(TEXT.ends, dateTime(booking.end, zone)),
          row(TEXT.zone, zone),
          row(TEXT.service, service.name),
          row(TEXT.duration, service.durationMinutes ? minutes(service.durationMinutes) : null),
          row(TEXT.price, money(service.priceCents, currency)),
          row(TEXT.deposit, h("span", { class: booking.payment?.depositStatus === "waived" ? "deposit-waived" : null, "data-deposit": booking.payment?.depositStatus || "" }, deposit)),
          row(TEXT.staff, booking.staffName),
          row(TEXT.branch, booking.branchId ? nameOf(app.data.branches, booking.branchId, booking.branchId) : null),
          row(TEXT.source, sourceLabel(booking.source)),
          booking.source === "online" ? null : row(TEXT.bookedBy, booking.createdBy),
          row(TEXT.booked, dateTime(booking.createdAt, zone)),
        ),
      ),
      h(
        "section",
        { class: "card" },
        h("h2", {}, TEXT.client),
        h(
          "dl",
          {},
          row(TEXT.name, booking.customer?.name),
          row(TEXT.email, booking.customer?.email ? h("a", { href: `mailto:${booking.customer.email}` }, booking.customer.email) : null),
          row(TEXT.phone, booking.customer?.phone ? h("a", { href: `tel:${booking.customer.phone}` }, booking.customer.phone) : null),
          row(TEXT.notes, booking.notes),
          row(TEXT.marketing, booking.marketingOptIn ? TEXT.optedIn : TEXT.no),
          row(TEXT.terms, terms.accepted ? TEXT.termsAccepted(terms.version, dateTime(terms.acceptedAt, zone), terms.url) : TEXT.termsNotAccepted),
        ),
        h("h3", {}, TEXT.answers),
        answers.length
          ? h("dl", {}, answers.flatMap(([id, answer]) => row(questions.find((q) => q.id === id)?.label || id, answer)))
          : h("p", { class: "hint" }, TEXT.none),
      ),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, TEXT.history),
      listTable(
        TEXT.history,
        TEXT.historyColumns,
        history.map((entry) => [dateTime(entry.at, zone), byLabel(app, entry.by), entry.from ? statusLabel(entry.from) : "—", statusLabel(entry.to)]),
        TEXT.noHistory,
      ),
    ),
  );
}
