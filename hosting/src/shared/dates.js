// Calendar dates travel as "YYYY-MM-DD" strings and are computed in UTC, so
// the browser's own zone never shifts them; instants are ISO-8601 strings.

const DAY_MS = 86400000;

export const toDate = (day) => new Date(`${day}T00:00:00Z`);
export const isoDay = (date) => date.toISOString().slice(0, 10);
export const addDays = (day, n) => isoDay(new Date(toDate(day).getTime() + n * DAY_MS));

/** Monday = 0 ... Sunday = 6 (both languages start the week on Monday). */
export const weekdayIndex = (day) => (toDate(day).getUTCDay() + 6) % 7;

export const monthStart = (day) => `${day.slice(0, 7)}-01`;

export function addMonths(day, n) {
  const date = toDate(monthStart(day));
  date.setUTCMonth(date.getUTCMonth() + n);
  return isoDay(date);
}

export const monthEnd = (day) => addDays(addMonths(day, 1), -1);

export function daysBetween(first, last) {
  const days = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The calendar date of an instant (default: now) in a time zone (undefined:
 * the browser's), e.g. today where the business is. */
export function dayIn(timeZone, instant = new Date()) {
  const parts = {};
  const format = dateFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function visitorZone() {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** True when two zones show different wall-clock times now or in half a year (DST). */
export function zonesDiffer(a, b, now = Date.now()) {
  if (!a || !b || a === b) return false;
  const clock = (timeZone, t) => formatInstant(t, "en-US", { timeZone, dateStyle: "short", timeStyle: "short" });
  return [now, now + 182 * DAY_MS].some((t) => clock(a, t) !== clock(b, t));
}

// ---- in words, with Intl ----

// Making an Intl.DateTimeFormat is slow next to using one, and a calendar
// formats dozens of dates per render: one is kept per locale and options.
const formats = new Map();

/** A locale of undefined is the browser's, as is options.timeZone undefined. */
function dateFormat(locale, options) {
  const key = locale + JSON.stringify(options);
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(locale, options));
  return formats.get(key);
}

/** An instant (ISO string, Date or epoch ms) in words. */
export const formatInstant = (instant, locale, options) => dateFormat(locale, options).format(new Date(instant));

/** A calendar date in words: its midnight in UTC, formatted in UTC. */
export const formatDay = (day, locale, options) => formatInstant(toDate(day), locale, { timeZone: "UTC", ...options });

/** The instant (ms) of a wall-clock date ("YYYY-MM-DD") and time ("HH:MM")
 * in a time zone; a time that a clock change skips reads as the hour before
 * the change would call it, as the server does. */
export function zonedInstant(day, time, timeZone) {
  const wall = Date.parse(`${day}T${time}:00Z`);
  const offsetAt = (instant) => {
    const parts = {};
    const format = dateFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
    for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
    return Date.parse(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:00Z`) - instant;
  };
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}
