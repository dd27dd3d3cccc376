// The date and time step: date buttons (or a month calendar for long
// horizons), then the chosen day's free times in the business's time zone.

import { addMonths, dayIn, daysBetween, monthEnd, visitorZone, weekdayIndex, zonesDiffer } from "../shared/dates.js";
import { h } from "../shared/dom.js";
import { actions, backButton, button, heading } from "./parts.js";
import { waitlistInvite } from "./waitlist.js";

/** One day; `inRange` false for calendar days before today or past the horizon. */
function dayButton(w, date, { inRange = true, inCalendar = false } = {}) {
  const { t, fmt, state } = w;
  const day = inRange && w.dayOf(date);
  const loading = state.slots?.loading;
  const open = Boolean(day && day.slots.length);
  const why = !inRange || loading ? "" : `, ${!day || day.status === "closed" ? t("closed") : t("full")}`;
  return h("button", {
    type: "button",
    class: inRange ? "bw-day" : "bw-day bw-out",
    "data-key": `day:${date}`,
    "data-date": date,
    disabled: !open,
    "aria-pressed": String(open && date === state.date),
    "aria-label": fmt.longDay(date) + (open ? "" : why),
    onclick: () => w.chooseDate(date),
  },
  // The calendar has a weekday header, so its cells need only the number.
  !inCalendar && h("small", { "aria-hidden": "true" }, fmt.day(date, { weekday: "short" })),
  h("b", { "aria-hidden": "true" }, fmt.day(date, { day: "numeric" })),
  !inCalendar && h("small", { "aria-hidden": "true" }, fmt.day(date, { month: "short" })),
  );
}

function dateButtons(w, range) {
  return h("div", { class: "bw-days", role: "group", "aria-label": w.t("dates") },
    daysBetween(range.from, range.to).map((date) => dayButton(w, date)));
}

function monthCalendar(w, range) {
  const { t, fmt } = w;
  const first = range.month;
  const last = monthEnd(first);
  const canGoBack = first > range.today;
  const canGoOn = addMonths(first, 1) <= range.last;
  // 2024-01-01 was a Monday: any Monday-to-Sunday week gives the header's names.
  const weekdays = daysBetween("2024-01-01", "2024-01-07").map((date) => h("span", {}, fmt.day(date, { weekday: "short" })));
  const cells = [];
  for (let i = 0; i < weekdayIndex(first); i++) cells.push(h("span", { class: "bw-blank" }));
  for (const date of daysBetween(first, last)) {
    cells.push(dayButton(w, date, { inRange: date >= range.from && date <= range.to, inCalendar: true }));
  }
  const arrow = (offset, label, enabled, text) =>
    h("button", {
      type: "button", class: "bw-btn", "data-key": `month:${offset}`, "aria-label": label, disabled: !enabled,
      onclick: () => w.chooseMonth(offset),
    }, text);
  return h("div", {},
    h("div", { class: "bw-month" },
      arrow(-1, t("previousMonth"), canGoBack, "‹"),
      h("h4", { "aria-live": "polite" }, fmt.month(first)),
      arrow(1, t("nextMonth"), canGoOn, "›"),
    ),
    h("div", { class: "bw-weekdays", "aria-hidden": "true" }, weekdays),
    h("div", { class: "bw-days", role: "group", "aria-label": fmt.month(first) }, cells),
  );
}

function slotButton(w, slot, localZone) {
  const { t, fmt } = w;
  const zone = w.zone();
  const time = fmt.time(slot.start, zone);
  let local = "";
  if (localZone) {
    const localTime = fmt.time(slot.start, localZone);
    const shifted = dayIn(localZone, new Date(slot.start)) !== slot.start.slice(0, 10);
    local = t("localTime", { time: shifted ? `${fmt.weekday(slot.start, localZone)} ${localTime}` : localTime });
  }
  const attributes = { type: "button", class: "bw-slot", "data-key": `slot:${slot.start}`, "data-start": slot.start };
  return h("li", {},
    h("button", { ...attributes, onclick: () => w.chooseSlot(slot) },
      h("span", {}, time), local && h("span", { class: "bw-local" }, local)));
}

function times(w, range) {
  const { t, fmt, state } = w;
  const slots = state.slots;
  if (!slots || slots.loading) return h("p", { class: "bw-message", role: "status" }, t("loadingTimes"));
  if (slots.failed) {
    return actions(button("retry", t("retry"), () => w.loadSlots()));
  }
  const day = w.dayOf(state.date);
  if (!slots.days.some((d) => d.slots.length)) {
    const message = range.calendar
      ? t("noTimesMonth", { month: fmt.month(range.month) })
      : t("noTimesRange", { days: slots.days.length || w.config.settings.horizonDays });
    return h("p", { class: "bw-message bw-empty" }, message);
  }
  if (!day) return h("p", { class: "bw-message" }, t("noDayChosen"));
  const localZone = zonesDiffer(visitorZone(), w.zone()) ? visitorZone() : null;
  const title = t("times", { date: fmt.longDay(day.date) });
  queueMicrotask(() => w.slotsShown());
  return h("div", {},
    h("h4", { class: "bw-sr" }, title),
    h("ul", { class: "bw-slots", "aria-label": title }, day.slots.map((slot) => slotButton(w, slot, localZone))),
  );
}

export function whenStep(w) {
  const { t } = w;
  const range = w.range();
  const visitor = visitorZone();
  return h("div", {},
    heading(t("chooseWhen")),
    h("p", { class: "bw-zone" },
      t("timesIn", { zone: w.zone() }),
      zonesDiffer(visitor, w.zone()) && [" ", t("otherZone", { zone: visitor })],
    ),
    range.calendar ? monthCalendar(w, range) : dateButtons(w, range),
    h("p", { class: "bw-legend" }, t("greyedDays")),
    times(w, range),
    waitlistInvite(w),
    actions(backButton(w)),
  );
}
