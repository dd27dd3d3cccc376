// Locale-aware formatting with Intl. Calendar dates are formatted in UTC
// (they are plain dates); instants in an explicit zone (the business's or,
// with zone undefined, the visitor's).

import { toDate } from "./dates.js";

export function createFormat(t, currency) {
  const cache = new Map();
  const formatter = (options) => {
    const key = JSON.stringify(options);
    if (!cache.has(key)) cache.set(key, new Intl.DateTimeFormat(t.strings.intl, options));
    return cache.get(key);
  };
  const day = (date, options) => formatter({ timeZone: "UTC", ...options }).format(toDate(date));

  return {
    money(cents) {
      if (cents == null) return null;
      try {
        return new Intl.NumberFormat(t.strings.intl, { style: "currency", currency: currency || "EUR" }).format(cents / 100);
      } catch {
        return `${(cents / 100).toFixed(2)} ${currency}`;
      }
    },
    duration: (minutes) => t("minutes", { n: minutes }),
    day,
    longDay: (date) => day(date, { weekday: "long", day: "numeric", month: "long" }),
    month: (date) => day(date, { month: "long", year: "numeric" }),
    time: (iso, timeZone) => formatter({ timeZone, hour: "2-digit", minute: "2-digit" }).format(new Date(iso)),
    weekday: (iso, timeZone) => formatter({ timeZone, weekday: "short" }).format(new Date(iso)),
  };
}
