// The confirmation: what was booked, its status, and ways to keep it.

import { definitionList, h } from "../shared/dom.js";
import { googleCalendarUrl, icsDataUrl } from "./ics.js";
import { actions, button, commaList, heading, slotText } from "./parts.js";
import { chosenPlan, recurrenceText } from "./subscribe.js";

export function manageUrl(w, booking) {
  const params = new URLSearchParams({ site: w.config.site.id, booking: booking.bookingId });
  return `${w.apiBase()}/manage?${params}#token=${encodeURIComponent(booking.manageToken)}`;
}

export function doneStep(w) {
  const { t, state, config } = w;
  const booking = state.booking;
  const service = w.service();
  const branch = w.branch();
  const member = booking.staffId && w.staffMember(booking.staffId);
  const email = state.details.email.trim();
  const manage = manageUrl(w, booking);
  const unpaid = booking.status === "pending_payment";
  // A subscription's first payment is the plan's price, not a deposit.
  const due = booking.subscriptionId ? chosenPlan(w)?.priceCents : service.deposit;
  const place = branch ? commaList(config.site.name, branch.address, branch.city) : config.site.name;
  // No manage link (nor its token) in calendars, which are shared more widely
  // than mailboxes, nor in Google's URL: the same rule as the e-mails' files.
  const event = {
    uid: `${booking.bookingId}@${new URL(w.apiBase()).hostname}`,
    start: booking.start,
    end: booking.end,
    title: `${service.name} – ${config.site.name}`,
    description: [member ? `${service.name} – ${member.name}` : service.name, `${config.site.name}: ${booking.bookingId}`].join("\n"),
    location: place,
  };
  const texts = {
    confirmed: t("confirmedText", { email }),
    pending: t("pendingText", { site: config.site.name, email }),
    pending_payment: t("pendingPaymentText", { amount: w.fmt.money(due), email }),
  };
  const slot = { start: booking.start, end: booking.end };
  const rows = [
    [t("service"), service.name],
    [t("when"), `${slotText(w, slot)}–${w.fmt.time(booking.end, w.zone())} (${w.zone()})`],
    member && [t("staff"), member.name],
    branch && [t("location"), commaList(branch.name, branch.address, branch.city)],
    service.price != null && [t("price"), w.fmt.money(service.price)],
  ].filter(Boolean);

  return h("div", { class: "bw-done", "data-status": booking.status },
    heading(t(booking.status in texts ? booking.status : "confirmed")),
    h("p", {}, texts[booking.status] || texts.confirmed),
    definitionList(rows),
    booking.checkoutUrl && h("p", {}, t("toCheckout")),
    booking.checkoutUrl && h("p", {},
      h("a", { class: "bw-primary", href: booking.checkoutUrl, target: "_top", "data-key": "pay" },
        t(booking.subscriptionId ? "paySubscription" : "payDeposit", { amount: w.fmt.money(due) }))),
    booking.recurrence && h("p", { "data-key": "recurrence" }, t("recurrence", { text: recurrenceText(w, booking.recurrence) })),
    h("div", { class: "bw-links" },
      // An unpaid hold is no appointment yet: calendar entries come with the paid booking's e-mail.
      !unpaid && h("a", { class: "bw-btn", href: googleCalendarUrl(event), target: "_blank", rel: "noopener" }, t("addToGoogle")),
      !unpaid && h("a", { class: "bw-btn", href: icsDataUrl(event), download: `booking-${booking.bookingId}.ics` }, t("downloadIcs")),
      h("a", { class: "bw-btn", href: manage, target: "_blank", rel: "noopener", "data-key": "manage" }, t("manage")),
    ),
    actions(button(null, t("another"), () => w.restart())),
  );
}
