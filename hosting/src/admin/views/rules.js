// The booking rules block (no-shows, waitlist, client confirmation,
// reminders): one editor for a branch and for the site itself, which follows
// it when it has no branches and gives it to new branches as their default.
import { h } from "../../shared/dom.js";
import { checkbox, field, select } from "../dom.js";

/** Every sentence of the block, in one place for translation. */
export const RULE_TEXT = {
  noShows: "No-shows",
  noShowAuto: "Mark no-shows automatically",
  noShowMinutes: "Minutes after the start",
  noShowNotify: "E-mail the client when marked as a no-show",
  noShowNotifyHint: "A short, friendly message inviting them to book again.",
  waitlist: "Waitlist",
  waitOn: "Keep a waitlist for full days",
  waitMode: "Mode",
  waitAutomatic: "Automatic: offer a freed slot to the next client",
  waitManual: "Manual: staff decide",
  waitExpiry: "An offer expires after (hours)",
  confirmation: "Client confirmation",
  confirmOn: "Clients confirm their booking by e-mail",
  confirmExpiry: "Unconfirmed bookings expire after",
  hours: (n) => `${n} h`,
  reminders: "Reminders",
  remindOn: "Send reminders",
  remindLead: "Reminder (hours before)",
  remindHour: "Also one hour before",
};

export const DEFAULT_RULES = {
  noShow: { automatic: false, timerMinutes: 15, notifyClient: false },
  waitlist: { enabled: false, mode: "manual", offerExpiryHours: 2 },
  clientConfirmation: { required: false, expiryHours: 2 },
  reminders: { enabled: true, leadHours: 24, oneHour: false },
};

/** Stored rules completed with the defaults, section by section. */
export function withDefaultRules(stored = {}) {
  return Object.fromEntries(Object.entries(DEFAULT_RULES).map(([name, value]) => [name, { ...value, ...(stored[name] || {}) }]));
}

function number(value, min, max, step = 1) {
  return h("input", { type: "number", value, min, max, step, inputmode: "numeric" });
}

/** The editor: `element` to place in a form, `value()` the API's rules object.
 * `base` is the API path of the block (`branch.settings` or `settings`), so
 * server errors land beside the right control. */
export function rulesEditor(stored, base) {
  const s = withDefaultRules(stored);
  const t = RULE_TEXT;
  const noShowAuto = checkbox(t.noShowAuto, s.noShow.automatic, { path: `${base}.noShow.automatic` });
  const noShowMinutes = number(s.noShow.timerMinutes, 5, 240, 5);
  const noShowNotify = checkbox(t.noShowNotify, s.noShow.notifyClient, { path: `${base}.noShow.notifyClient`, hint: t.noShowNotifyHint });
  const waitOn = checkbox(t.waitOn, s.waitlist.enabled);
  const waitMode = select([["automatic", t.waitAutomatic], ["manual", t.waitManual]], s.waitlist.mode);
  const waitExpiry = number(s.waitlist.offerExpiryHours, 1, 72);
  const confirmOn = checkbox(t.confirmOn, s.clientConfirmation.required);
  const confirmExpiry = select([1, 2, 4, 12, 24].map((n) => [n, t.hours(n)]), s.clientConfirmation.expiryHours);
  const remindOn = checkbox(t.remindOn, s.reminders.enabled);
  const remindLead = number(s.reminders.leadHours, 2, 168);
  const remindHour = checkbox(t.remindHour, s.reminders.oneHour);
  const group = (legend, ...children) => h("fieldset", { class: "group" }, h("legend", {}, legend), ...children);
  const element = h(
    "div",
    { class: "settings-grid" },
    group(t.noShows, noShowAuto.wrap, field(t.noShowMinutes, noShowMinutes, { path: `${base}.noShow.timerMinutes` }), noShowNotify.wrap),
    group(
      t.waitlist,
      waitOn.wrap,
      field(t.waitMode, waitMode, { path: `${base}.waitlist.mode` }),
      field(t.waitExpiry, waitExpiry, { path: `${base}.waitlist.offerExpiryHours` }),
    ),
    group(t.confirmation, confirmOn.wrap, field(t.confirmExpiry, confirmExpiry, { path: `${base}.clientConfirmation.expiryHours` })),
    group(t.reminders, remindOn.wrap, field(t.remindLead, remindLead, { path: `${base}.reminders.leadHours` }), remindHour.wrap),
  );
  const value = () => ({
    noShow: { automatic: noShowAuto.control.checked, timerMinutes: Number(noShowMinutes.value), notifyClient: noShowNotify.control.checked },
    waitlist: { enabled: waitOn.control.checked, mode: waitMode.value, offerExpiryHours: Number(waitExpiry.value) },
    clientConfirmation: { required: confirmOn.control.checked, expiryHours: Number(confirmExpiry.value) },
    reminders: { enabled: remindOn.control.checked, leadHours: Number(remindLead.value), oneHour: remindHour.control.checked },
  });
  return { element, value };
}
