// The booking rules block (no-shows, waitlist, client confirmation,
// reminders): one editor for a branch and for the site itself, which follows
// it when it has no branches and gives it to new branches as their default.
import { h } from "../../shared/dom.js";
import { checkbox, field, select } from "../dom.js";
import { t } from "../i18n.js";

/** Every sentence of the block, in one place. */
export const RULE_TEXT = {
  noShows: t("No-shows"),
  noShowAuto: t("Mark no-shows automatically"),
  noShowMinutes: t("Minutes after the start"),
  noShowNotify: t("E-mail the client when marked as a no-show"),
  noShowNotifyHint: t("A short, friendly message inviting them to book again."),
  waitlist: t("Waitlist"),
  waitOn: t("Keep a waitlist for full days"),
  waitMode: t("Mode"),
  waitAutomatic: t("Automatic: offer a freed slot to the next client"),
  waitManual: t("Manual: staff decide"),
  waitExpiry: t("An offer expires after (hours)"),
  waitNotifyLapsed: t("E-mail the client when their offer lapses"),
  waitNotifyLapsedHint: t("They stay on the waitlist; the time goes to the next in line."),
  confirmation: t("Client confirmation"),
  confirmOn: t("Clients confirm their booking by e-mail"),
  confirmExpiry: t("Unconfirmed bookings expire after"),
  hours: (hours) => t("{hours} h", { hours }),
  reminders: t("Reminders"),
  remindOn: t("Send reminders"),
  remindLead: t("Reminder (hours before)"),
  remindHour: t("Also one hour before"),
};

export const DEFAULT_RULES = {
  noShow: { automatic: false, timerMinutes: 15, notifyClient: false },
  waitlist: { enabled: false, mode: "manual", offerExpiryHours: 2, notifyLapsed: true },
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
  const text = RULE_TEXT;
  const noShowAuto = checkbox(text.noShowAuto, s.noShow.automatic, { path: `${base}.noShow.automatic` });
  const noShowMinutes = number(s.noShow.timerMinutes, 5, 240, 5);
  const noShowNotify = checkbox(text.noShowNotify, s.noShow.notifyClient, { path: `${base}.noShow.notifyClient`, hint: text.noShowNotifyHint });
  const waitOn = checkbox(text.waitOn, s.waitlist.enabled);
  const waitMode = select([["automatic", text.waitAutomatic], ["manual", text.waitManual]], s.waitlist.mode);
  const waitExpiry = number(s.waitlist.offerExpiryHours, 1, 72);
  const waitNotify = checkbox(text.waitNotifyLapsed, s.waitlist.notifyLapsed, { path: `${base}.waitlist.notifyLapsed`, hint: text.waitNotifyLapsedHint });
  const confirmOn = checkbox(text.confirmOn, s.clientConfirmation.required);
  const confirmExpiry = select([1, 2, 4, 12, 24].map((n) => [n, text.hours(n)]), s.clientConfirmation.expiryHours);
  const remindOn = checkbox(text.remindOn, s.reminders.enabled);
  const remindLead = number(s.reminders.leadHours, 2, 168);
  const remindHour = checkbox(text.remindHour, s.reminders.oneHour);
  const group = (legend, ...children) => h("fieldset", { class: "group" }, h("legend", {}, legend), ...children);
  const element = h(
    "div",
    { class: "settings-grid" },
    group(text.noShows, noShowAuto.wrap, field(text.noShowMinutes, noShowMinutes, { path: `${base}.noShow.timerMinutes` }), noShowNotify.wrap),
    group(
      text.waitlist,
      waitOn.wrap,
      field(text.waitMode, waitMode, { path: `${base}.waitlist.mode` }),
      field(text.waitExpiry, waitExpiry, { path: `${base}.waitlist.offerExpiryHours` }),
      waitNotify.wrap,
    ),
    group(text.confirmation, confirmOn.wrap, field(text.confirmExpiry, confirmExpiry, { path: `${base}.clientConfirmation.expiryHours` })),
    group(text.reminders, remindOn.wrap, field(text.remindLead, remindLead, { path: `${base}.reminders.leadHours` }), remindHour.wrap),
  );
  const value = () => ({
    noShow: { automatic: noShowAuto.control.checked, timerMinutes: Number(noShowMinutes.value), notifyClient: noShowNotify.control.checked },
    waitlist: {
      enabled: waitOn.control.checked,
      mode: waitMode.value,
      offerExpiryHours: Number(waitExpiry.value),
      notifyLapsed: waitNotify.control.checked,
    },
    clientConfirmation: { required: confirmOn.control.checked, expiryHours: Number(confirmExpiry.value) },
    reminders: { enabled: remindOn.control.checked, leadHours: Number(remindLead.value), oneHour: remindHour.control.checked },
  });
  return { element, value };
}
