// Labels, dates in words and wall-clock times for the desk.
import { formatDay } from "../shared/dates.js";

export const STATUS_LABELS = {
  pending: "Awaiting client",
  pending_payment: "Awaiting payment",
  confirmed: "Confirmed",
  completed: "Completed",
  no_show: "No-show",
  cancelled: "Cancelled",
  expired: "Expired",
};

export const ACTION_LABELS = {
  confirm: "Confirm",
  complete: "Check out",
  no_show: "No-show",
  overrule_no_show: "Undo no-show",
  reopen: "Reopen",
  cancel: "Cancel booking",
};

export const statusLabel = (status) => STATUS_LABELS[status] || status;

/** "Monday 2 March" in the browser's language. */
export const longDate = (day) => formatDay(day, undefined, { weekday: "long", day: "numeric", month: "long" });

/** The wall-clock time of an ISO instant with offset, "HH:MM". */
export const clock = (iso) => iso.slice(11, 16);

/** The next 5-minute step at or after the local time of `nowIso`. */
export function nextStep(nowIso) {
  const [hours, minutes] = clock(nowIso).split(":").map(Number);
  const total = Math.min(Math.ceil((hours * 60 + minutes) / 5) * 5, 23 * 60 + 55);
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}
