// Display helpers: money, durations and instants in the site's zone; "—"
// where there is nothing to show.
import { formatInstant } from "../shared/dates.js";
import { formatMoney } from "../shared/money.js";

export const WEEKDAYS = [
  ["mon", "Monday"],
  ["tue", "Tuesday"],
  ["wed", "Wednesday"],
  ["thu", "Thursday"],
  ["fri", "Friday"],
  ["sat", "Saturday"],
  ["sun", "Sunday"],
];

export const STATUSES = [
  ["pending", "Awaiting client confirmation"],
  ["pending_payment", "Awaiting payment"],
  ["confirmed", "Confirmed"],
  ["cancelled", "Cancelled"],
  ["completed", "Completed"],
  ["no_show", "No-show"],
  ["expired", "Expired"],
];

export const SOURCES = [
  ["online", "Online"],
  ["walk-in", "Walk-in"],
  ["admin", "Admin"],
];

export const sourceLabel = (source) => (SOURCES.find(([value]) => value === source) || [source, source || "—"])[1];

export const statusLabel = (status) => (STATUSES.find(([value]) => value === status) || [status, status])[1];

export const money = (cents, currency) => (cents == null ? "—" : formatMoney(cents, currency));

/** "35", "35.5" or "35,50" → 3550; empty → null; anything else → NaN. */
export function parseMoney(text) {
  const value = String(text || "").trim().replace(",", ".");
  if (!value) return null;
  if (!/^\d+(\.\d{1,2})?$/.test(value)) return NaN;
  return Math.round(Number(value) * 100);
}

export const centsToInput = (cents) => (cents == null ? "" : (cents / 100).toFixed(2));

export function minutes(value) {
  if (value < 60) return `${value} min`;
  const hours = Math.floor(value / 60);
  const rest = value % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

export function dateTime(iso, timeZone) {
  if (!iso) return "—";
  return formatInstant(iso, "en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

export function timeZones(current) {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const all = new Set([...zones, "UTC", current].filter(Boolean));
  return [...all].sort();
}
