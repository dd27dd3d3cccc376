// The admin pages' language: the admin's choice, remembered on this device,
// else the browser's. Strings stay English in the code, wrapped in t(); the
// Dutch for each sits in nl/*.json keyed by that English text (as gettext
// does), one file per group of pages. tests/unit/hosting checks that each
// string has its Dutch and that the placeholders match.
import { translator } from "../shared/i18n.js";
import bookings from "./nl/bookings.json";
import calendar from "./nl/calendar.json";
import calendarSync from "./nl/calendar_sync.json";
import catalog from "./nl/catalog.json";
import pos from "./nl/pos.json";
import customers from "./nl/customers.json";
import dashboard from "./nl/dashboard.json";
import settings from "./nl/settings.json";
import shell from "./nl/shell.json";
import staff from "./nl/staff.json";
import waitlist from "./nl/waitlist.json";
import subscriptions from "./nl/subscriptions.json";

const STORE = "admin.language";

export const LANGUAGES = [
  ["en", "English"],
  ["nl", "Nederlands"],
];

function remembered() {
  try {
    return localStorage.getItem(STORE);
  } catch {
    return null; // storage refused (privacy mode): the browser's language it is
  }
}

export const t = translator({ en: {}, nl: { ...shell, ...bookings, ...calendar, ...calendarSync, ...catalog, ...customers, ...dashboard, ...settings, ...staff, ...pos, ...subscriptions, ...waitlist } }, remembered() || navigator.language);

/** The locale for dates and numbers in the chosen language. */
export const intl = t.lang === "nl" ? "nl-NL" : "en-GB";

/** Remembers the admin's choice and shows the pages again in it. */
export function chooseLanguage(lang) {
  try {
    localStorage.setItem(STORE, lang);
  } catch {
    // storage refused (privacy mode): the browser's language stays
  }
  location.reload();
}
