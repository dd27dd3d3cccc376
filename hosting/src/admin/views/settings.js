// Booking → Settings: the site's profile, booking rules and terms.
import { h } from "../../shared/dom.js";
import { checkbox, field, form, saving, select } from "../dom.js";
import { minutes, timeZones } from "../format.js";
import { rulesEditor } from "./rules.js";

const NOTICE = [0, 15, 30, 60, 120, 240, 720, 1440, 2880];
const CHANGE_CUTOFF_HOURS = [0, 1, 2, 4, 12, 24, 48];
/** The sentences this page added for the site's rules, in one place for translation. */
const TEXT = {
  rulesHeading: "Rules for the site",
  rulesWithBranches: (n) => `New branches start with these rules. Your ${n === 1 ? "branch has its" : `${n} branches have their`} own, set on the Branches page.`,
  rulesWithoutBranches: "These rules apply to every booking while the site has no branches, and new branches start with them.",
};
const cutoffText = (h) => (h === 0 ? "Until the appointment starts" : h === 1 ? "Up to 1 hour before" : `Up to ${h} hours before`);

export function renderSettings(app) {
  const site = app.site;
  const settings = site.settings;
  const name = h("input", { type: "text", value: site.name, maxlength: 100, required: true });
  const zone = select(timeZones(site.timezone).map((z) => [z, z]), site.timezone);
  const locale = select([["en", "English"], ["nl", "Nederlands"]], site.locale);
  const currency = h("input", { type: "text", value: site.currency, maxlength: 3, size: 4, autocapitalize: "characters" });
  const horizon = select([7, 14, 30, 60, 90].map((d) => [d, `${d} days`]), settings.horizonDays);
  const buffer = select([0, 5, 10, 15, 30].map((m) => [m, m ? `${m} min` : "None"]), settings.bufferMinutes);
  const interval = select([15, 30, 60].map((m) => [m, `Every ${m} min`]), settings.slotIntervalMinutes);
  const noticeChoices = [...new Set([...NOTICE, settings.minNoticeMinutes])].sort((a, b) => a - b);
  const notice = select(noticeChoices.map((m) => [m, m ? minutes(m) : "None"]), settings.minNoticeMinutes);
  const cutoff = select(CHANGE_CUTOFF_HOURS.map((h) => [h, cutoffText(h)]), settings.changeCutoffHours ?? 0);
  const terms = site.terms;
  const termsRequired = checkbox("Clients must accept the terms and conditions", terms.required, { path: "terms.required" });
  const termsText = h("textarea", { rows: 6, value: terms.text, maxlength: 20000 });
  const termsUrl = h("input", { type: "url", value: terms.url, maxlength: 500, placeholder: "https://" });
  const rules = rulesEditor(settings, "settings");
  const branches = app.data.branches.length;

  const editor = form(
    () =>
      saving(editor, async () => {
        await app.call("adminUpdateSettings", {
          name: name.value,
          timezone: zone.value,
          locale: locale.value,
          currency: currency.value.trim().toUpperCase(),
          settings: {
            horizonDays: Number(horizon.value),
            slotIntervalMinutes: Number(interval.value),
            bufferMinutes: Number(buffer.value),
            minNoticeMinutes: Number(notice.value),
            changeCutoffHours: Number(cutoff.value),
            ...rules.value(),
          },
          terms: { required: termsRequired.control.checked, text: termsText.value, url: termsUrl.value.trim() },
        });
        await app.reload();
        app.announce("Settings saved");
        app.go("settings");
      }),
    h(
      "fieldset",
      { class: "group" },
      h("legend", {}, "Business"),
      field("Name", name, { path: "name" }),
      field("Time zone", zone, { path: "timezone", hint: "Opening hours and bookings are in this zone." }),
      field("Language of the widget and e-mails", locale, { path: "locale" }),
      field("Currency", currency, { path: "currency", hint: "Three-letter code, e.g. EUR." }),
    ),
    h(
      "fieldset",
      { class: "group" },
      h("legend", {}, "Booking rules"),
      field("Bookable up to", horizon, { path: "settings.horizonDays" }),
      field("Start times", interval, { path: "settings.slotIntervalMinutes" }),
      field("Buffer between bookings", buffer, { path: "settings.bufferMinutes" }),
      field("Minimum notice", notice, { path: "settings.minNoticeMinutes", hint: "How long before its start a slot can still be booked." }),
      field("Clients can cancel or reschedule", cutoff, { path: "settings.changeCutoffHours", hint: "Through the link in their e-mails; never once the appointment has started. Shown in the widget and the e-mails." }),
    ),
    h("h2", {}, TEXT.rulesHeading),
    h("p", { class: "hint" }, branches ? TEXT.rulesWithBranches(branches) : TEXT.rulesWithoutBranches),
    rules.element,
    h(
      "fieldset",
      { class: "group" },
      h("legend", {}, "Terms and conditions"),
      termsRequired.wrap,
      field("Text", termsText, { path: "terms.text" }),
      field("Or a link to them", termsUrl, { path: "terms.url" }),
      h("p", { class: "hint" }, terms.version ? `Current version: ${terms.version}. Changing the text or link makes a new version; each booking keeps the version its client accepted.` : "Each booking keeps the version its client accepted."),
    ),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, "Save settings")),
  );
  return h("div", { class: "page" }, h("h1", {}, "Settings"), h("section", { class: "card" }, editor));
}
