// Locale-aware formatting for the widget's language. Calendar dates are
// formatted in UTC (they are plain dates); instants in an explicit zone (the
// business's or, with zone undefined, the visitor's).

import { formatDay, formatInstant } from "../shared/dates.js";
import { formatMoney } from "../shared/money.js";

export function createFormat(t, currency) {
  const locale = t.strings.intl;
  const day = (date, options) => formatDay(date, locale, options);

  return {
    money: (cents) => formatMoney(cents, currency || "EUR", locale),
    duration: (minutes) => t("minutes", { n: minutes }),
    day,
    longDay: (date) => day(date, { weekday: "long", day: "numeric", month: "long" }),
    month: (date) => day(date, { month: "long", year: "numeric" }),
    time: (iso, timeZone) => formatInstant(iso, locale, { timeZone, hour: "2-digit", minute: "2-digit" }),
    weekday: (iso, timeZone) => formatInstant(iso, locale, { timeZone, weekday: "short" }),
  };
}
