// Booking → Settings: the site's profile, booking rules and terms.
import { h } from "../../shared/dom.js";
import { checkbox, field, form, saving, select } from "../dom.js";
import { minutes, timeZones } from "../format.js";
import { LANGUAGES, t } from "../i18n.js";
import { rulesEditor } from "./rules.js";

const NOTICE = [0, 15, 30, 60, 120, 240, 720, 1440, 2880];
const CHANGE_CUTOFF_HOURS = [0, 1, 2, 4, 12, 24, 48];
const rulesHint = (branches) =>
  branches === 0
    ? t("These rules apply to every booking while the site has no branches, and new branches start with them.")
    : branches === 1
      ? t("New branches start with these rules. Your branch has its own, set on the Branches page.")
      : t("New branches start with these rules. Your {n} branches have their own, set on the Branches page.", { n: branches });
const cutoffText = (hours) =>
  hours === 0 ? t("Until the appointment starts") : hours === 1 ? t("Up to 1 hour before") : t("Up to {n} hours before", { n: hours });

export function renderSettings(app) {
  const site = app.site;
  const settings = site.settings;
  const name = h("input", { type: "text", value: site.name, maxlength: 100, required: true });
  const zone = select(timeZones(site.timezone).map((z) => [z, z]), site.timezone);
  const locale = select(LANGUAGES, site.locale);
  const currency = h("input", { type: "text", value: site.currency, maxlength: 3, size: 4, autocapitalize: "characters" });
  const horizon = select([7, 14, 30, 60, 90].map((d) => [d, t("{n} days", { n: d })]), settings.horizonDays);
  const buffer = select([0, 5, 10, 15, 30].map((m) => [m, m ? minutes(m) : t("None")]), settings.bufferMinutes);
  const interval = select([15, 30, 60].map((m) => [m, t("Every {n} min", { n: m })]), settings.slotIntervalMinutes);
  const noticeChoices = [...new Set([...NOTICE, settings.minNoticeMinutes])].sort((a, b) => a - b);
  const notice = select(noticeChoices.map((m) => [m, m ? minutes(m) : t("None")]), settings.minNoticeMinutes);
  const cutoff = select(CHANGE_CUTOFF_HOURS.map((h) => [h, cutoffText(h)]), settings.changeCutoffHours ?? 0);
  const terms = site.terms;
  const termsRequired = checkbox(t("Clients must accept the terms and conditions"), terms.required, { path: "terms.required" });
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
        app.announce(t("Settings saved"));
        app.go("settings");
      }),
    h(
      "fieldset",
      { class: "group" },
      h("legend", {}, t("Business")),
      field(t("Name"), name, { path: "name" }),
      field(t("Time zone"), zone, { path: "timezone", hint: t("Opening hours and bookings are in this zone.") }),
      field(t("Language of the widget and e-mails"), locale, { path: "locale" }),
      field(t("Currency"), currency, { path: "currency", hint: t("Three-letter code, e.g. EUR.") }),
    ),
    h(
      "fieldset",
      { class: "group" },
      h("legend", {}, t("Booking rules")),
      field(t("Bookable up to"), horizon, { path: "settings.horizonDays" }),
      field(t("Start times"), interval, { path: "settings.slotIntervalMinutes" }),
      field(t("Buffer between bookings"), buffer, { path: "settings.bufferMinutes" }),
      field(t("Minimum notice"), notice, { path: "settings.minNoticeMinutes", hint: t("How long before its start a slot can still be booked.") }),
      field(t("Clients can cancel or reschedule"), cutoff, {
        path: "settings.changeCutoffHours",
        hint: t("Through the link in their e-mails; never once the appointment has started. Shown in the widget and the e-mails."),
      }),
    ),
    h("h2", {}, t("Rules for the site")),
    h("p", { class: "hint" }, rulesHint(branches)),
    rules.element,
    h(
      "fieldset",
      { class: "group" },
      h("legend", {}, t("Terms and conditions")),
      termsRequired.wrap,
      field(t("Text"), termsText, { path: "terms.text" }),
      field(t("Or a link to them"), termsUrl, { path: "terms.url" }),
      h(
        "p",
        { class: "hint" },
        terms.version
          ? t("Current version: {version}. Changing the text or link makes a new version; each booking keeps the version its client accepted.", { version: terms.version })
          : t("Each booking keeps the version its client accepted."),
      ),
    ),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("Save settings"))),
  );
  return h("div", { class: "page" }, h("h1", {}, t("Settings")), h("section", { class: "card" }, editor));
}
