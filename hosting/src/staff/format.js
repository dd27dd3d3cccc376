// Labels and local-date arithmetic for the desk.

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

/** YYYY-MM-DD plus `days`, on the calendar (no time zones involved). */
export function addDays(day, days) {
  const [year, month, date] = day.split("-").map(Number);
  const moved = new Date(Date.UTC(year, month - 1, date + days));
  return moved.toISOString().slice(0, 10);
}

export function longDate(day) {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date)).toLocaleDateString(undefined, {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  });
}

/** The wall-clock time of an ISO instant with offset, "HH:MM". */
export const clock = (iso) => iso.slice(11, 16);

/** The next 5-minute step at or after the local time of `nowIso`. */
export function nextStep(nowIso) {
  const [hours, minutes] = clock(nowIso).split(":").map(Number);
  const total = Math.min(Math.ceil((hours * 60 + minutes) / 5) * 5, 23 * 60 + 55);
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}
