// The date and time step: date buttons (or a month calendar for long
// horizons), then the chosen day's free times in the business's time zone.

import { addMonths, daysBetween, monthEnd, visitorZone, weekdayIndex, zonesDiffer, dayIn } from "./dates.js";
import { h } from "./dom.js";
import { backButton } from "./steps.js";

function dayButton(w, date, inRange) {
  const { t, fmt, state } = w;
  const day = inRange && w.dayOf(date);
  const loading = state.slots && state.slots.loading;
  const open = Boolean(day && day.slots.length);
  const selected = open && date === state.date;
  const why = !day || day.status === "closed" ? t("closed") : t("full");
  return h("button", {
    type: "button",
    class: "bw-day",
    "data-key": `day:${date}`,
    "data-date": date,
    disabled: !open,
    "aria-pressed": String(selected),
    "aria-label": `${fmt.longDay(date)}${open || loading ? "" : `, ${why}`}`,
    onclick: () => w.chooseDate(date),
  },
  h("small", { "aria-hidden": "true" }, fmt.day(date, { weekday: "short" })),
  h("b", { "aria-hidden": "true" }, fmt.day(date, { day: "numeric" })),
  h("small", { "aria-hidden": "true" }, fmt.day(date, { month: "short" })),
  );
}

function dateButtons(w, range) {
  return h("div", { class: "bw-days", role: "group", "aria-label": w.t("dates") },
    daysBetween(range.from, range.to).map((date) => dayButton(w, date, true)));
}

function monthCalendar(w, range) {
  const { t, fmt } = w;
  const first = range.month;
  const last = monthEnd(first);
  const canGoBack = first > range.today;
  const canGoOn = addMonths(first, 1) <= range.last;
  const weekdays = daysBetween("2024-01-01", "2024-01-07").map((date) => h("span", {}, fmt.day(date, { weekday: "short" })));
  const cells = [];
  for (let i = 0; i < weekdayIndex(first); i++) cells.push(h("span", { class: "bw-blank" }));
  for (const date of daysBetween(first, last)) cells.push(dayButton(w, date, date >= range.from && date <= range.to));
  return h("div", {},
    h("div", { class: "bw-month" },
      h("button", { type: "button", class: "bw-btn", "data-key": "month:prev", "aria-label": t("previousMonth"), disabled: !canGoBack, onclick: () => w.chooseMonth(-1) }, "‹"),
      h("h4", { "aria-live": "polite" }, fmt.month(first)),
      h("button", { type: "button", class: "bw-btn", "data-key": "month:next", "aria-label": t("nextMonth"), disabled: !canGoOn, onclick: () => w.chooseMonth(1) }, "›"),
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
  return h("li", {},
    h("button", { type: "button", class: "bw-slot", "data-key": `slot:${slot.start}`, "data-start": slot.start, onclick: () => w.chooseSlot(slot) },
      h("span", {}, time), local && h("span", { class: "bw-local" }, local)));
}

function times(w, range) {
  const { t, fmt, state } = w;
  const slots = state.slots;
  if (!slots || slots.loading) return h("p", { class: "bw-message", role: "status" }, t("loadingTimes"));
  if (slots.failed) return h("div", { class: "bw-actions" }, h("button", { type: "button", class: "bw-btn", "data-key": "retry", onclick: () => w.loadSlots() }, t("retry")));
  const day = w.dayOf(state.date);
  if (!slots.days.some((d) => d.slots.length)) {
    const message = range.calendar ? t("noTimesMonth", { month: fmt.month(range.month) }) : t("noTimesRange", { days: slots.days.length || w.config.settings.horizonDays });
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
    h("h3", { tabindex: "-1" }, t("chooseWhen")),
    h("p", { class: "bw-zone" },
      t("timesIn", { zone: w.zone() }),
      zonesDiffer(visitor, w.zone()) && [" ", t("otherZone", { zone: visitor })],
    ),
    range.calendar ? monthCalendar(w, range) : dateButtons(w, range),
    h("p", { class: "bw-legend" }, t("greyedDays")),
    times(w, range),
    backButton(w),
  );
}
