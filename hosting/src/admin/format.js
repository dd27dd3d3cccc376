// Display helpers: money, durations and instants in the site's zone; "—"
// where there is nothing to show.
import { formatDay, formatInstant } from "../shared/dates.js";
import { formatMoney } from "../shared/money.js";
import { intl, t } from "./i18n.js";

export const WEEKDAYS = [
  ["mon", t("Monday")],
  ["tue", t("Tuesday")],
  ["wed", t("Wednesday")],
  ["thu", t("Thursday")],
  ["fri", t("Friday")],
  ["sat", t("Saturday")],
  ["sun", t("Sunday")],
];

export const STATUSES = [
  ["pending", t("Awaiting client confirmation")],
  ["pending_payment", t("Awaiting payment")],
  ["confirmed", t("Confirmed")],
  ["cancelled", t("Cancelled")],
  ["completed", t("Completed")],
  ["no_show", t("No-show")],
  ["expired", t("Expired")],
];

export const SOURCES = [
  ["online", t("Online")],
  ["walk-in", t("Walk-in")],
  ["admin", t("Admin")],
  ["subscription", t("Subscription")],
];

export const sourceLabel = (source) => (SOURCES.find(([value]) => value === source) || [source, source || "—"])[1];

export const statusLabel = (status) => (STATUSES.find(([value]) => value === status) || [status, status])[1];

export const money = (cents, currency) => (cents == null ? "—" : formatMoney(cents, currency, intl));

export { parseMoney } from "../shared/money.js";

/** 3550 → "35.50" (English) or "35,50" (Dutch), as parseMoney reads it back. */
export const centsToInput = (cents) =>
  cents == null ? "" : new Intl.NumberFormat(intl, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(cents / 100);

export function minutes(value) {
  if (value < 60) return t("{n} min", { n: value });
  const hours = Math.floor(value / 60);
  const rest = value % 60;
  return rest ? t("{hours} h {n} min", { hours, n: rest }) : t("{hours} h", { hours });
}

export function dateTime(iso, timeZone) {
  if (!iso) return "—";
  return formatInstant(iso, intl, {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** A calendar date ("2026-12-25") in words: "Friday, 25 December 2026" ("vrijdag 25 december 2026"). */
export const readableDay = (day) => formatDay(day, intl, { weekday: "long", day: "numeric", month: "long", year: "numeric" });

export function timeZones(current) {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const all = new Set([...zones, "UTC", current].filter(Boolean));
  return [...all].sort();
}
