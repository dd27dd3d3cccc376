// The subscription an appointment belongs to, on its manage page: the plan,
// its state, how it repeats, the next payment, dates that were not free, and
// cancelling (a button press, a POST; the token is checked, not used up).

import { definitionList, h } from "../shared/dom.js";

/** Appointments a subscription booked have ids `sub-…-p<period>-<index>`. */
export const isSubscriptionBooking = (bookingId) => /^sub-[A-Za-z0-9]+-p\d+-\d+$/.test(bookingId);

function repeats(t, recurrence, weekdayName) {
  if (recurrence.frequency === "weekly") return t("everyWeek", { weekday: weekdayName(recurrence.day), time: recurrence.time });
  return t("everyMonth", { day: recurrence.day, time: recurrence.time });
}

/**
 * @param view {t, subscription, mode, busy, longDate, longDay, clock, siteId, weekdayName,
 *   onAsk, onCancel, onKeep}
 */
export function subscriptionSection(view) {
  const { t, subscription: s, mode, busy, longDate, clock, siteId } = view;
  const ending = s.state === "cancelling" || s.state === "ended";
  const rows = [
    [t("plan"), s.planName],
    [t("repeats"), repeats(t, s.recurrence, view.weekdayName)],
    [t("statusLabel"), h("span", { class: "status", "data-status": s.state }, t.strings.subscriptionState[s.state] || s.state)],
    !ending && s.nextBillingAt && [t("nextBilling"), longDate(s.nextBillingAt)],
    ending && s.lastPaidDay && [t("endsOn"), view.longDay(s.lastPaidDay)],
  ].filter(Boolean);
  const canCancel = s.state === "active" || s.state === "past_due";
  // Once the plan ends, dates after its paid period no longer need another time.
  const conflicts = s.conflicts.filter((c) => !ending || !s.paidThrough || Date.parse(c.start) < Date.parse(s.paidThrough));
  const book = `/book?site=${encodeURIComponent(siteId)}`;
  return h("section", { "data-section": "subscription", "aria-labelledby": "subscription-heading" },
    h("h2", { id: "subscription-heading" }, t("subscriptionHeading")),
    definitionList(rows),
    conflicts.length > 0 && h("div", { class: "confirm-box", "data-section": "not-free" },
      h("p", {}, h("strong", {}, t("notFreeHeading"))),
      h("ul", {}, conflicts.map((c) => h("li", {}, `${longDate(c.start)} ${clock(c.start)}`))),
      h("p", {}, t("notFreeHint"), " ", h("a", { href: book }, t("bookOther")))),
    mode === "cancelSubscription"
      ? h("div", { class: "confirm-box", "data-section": "cancel-subscription" },
        h("p", { class: "lead" }, t("cancelSubscriptionQuestion")),
        h("div", { class: "actions" },
          h("button", { type: "button", class: "danger", disabled: busy, onclick: view.onCancel }, busy ? t("cancelling") : t("cancelSubscriptionYes")),
          h("button", { type: "button", disabled: busy, onclick: view.onKeep }, t("cancelSubscriptionNo"))))
      : canCancel && mode === "view" && h("div", { class: "actions" },
        h("button", { type: "button", "data-action": "cancel-subscription", onclick: view.onAsk }, t("cancelSubscription"))),
  );
}
