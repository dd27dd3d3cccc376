// The desk speaks the site's language (en or nl): the sign-in screen learns
// it from the staff directory, the agenda from the day. The device remembers
// it, so the next start shows its first words in that language too.
import { formatDay } from "../shared/dates.js";
import { translator } from "../shared/i18n.js";
import { STRINGS } from "./strings.js";

const KEY = "staff.locale";
let current = translator(STRINGS, localStorage.getItem(KEY) || document.documentElement.lang);

/** t("key", {name: value}) in the site's language. */
export const t = (key, vars) => current(key, vars);

/** Switch to the site's locale ("en", "nl", "nl-BE", …). */
export function useLocale(locale) {
  current = translator(STRINGS, locale);
  localStorage.setItem(KEY, current.lang);
  document.documentElement.lang = current.lang;
  document.title = current("appName");
}

/** "Monday 2 March" in the site's language; calendar dates have no zone. */
export const longDate = (day) => formatDay(day, current.strings.intl, { weekday: "long", day: "numeric", month: "long" });

export const statusLabel = (status) => (STRINGS.en[`status_${status}`] ? t(`status_${status}`) : status);

export const actionLabel = (action) => t(`action_${action}`);

export const intl = () => current.strings.intl;
