// Booking → Calendar: the staff calendar (the shared grid of
// hosting/src/calendar/grid.js). A day has a column per staff member, a week
// a column per day for one member, or a table of counts and occupancy for
// all. The view and its filters live in the address (#/calendar?date=…&view=
// week&branchId=…&staffId=…), so a view can be bookmarked. It polls every 30
// seconds and on focus: docs/admin.md says why it doesn't listen.
import { keepFresh, renderGrid } from "../../calendar/grid.js";
import { addDays, dayIn, formatDay, formatInstant, weekdayIndex, zonedInstant } from "../../shared/dates.js";
import { h } from "../../shared/dom.js";
import { button, field, form, saving, select } from "../dom.js";
import { statusLabel } from "../format.js";
import { intl, t } from "../i18n.js";
import { confirmStep } from "./common.js";

/** Every text of this page, in one place for the translation. */
export const TEXT = {
  title: t("Calendar"),
  day: t("Day"),
  week: t("Week"),
  view: t("View"),
  date: t("Date"),
  branch: t("Branch"),
  allBranches: t("All branches"),
  staff: t("Staff member"),
  allStaff: t("All staff"),
  previous: t("Previous"),
  next: t("Next"),
  today: t("Today"),
  keys: t("Arrow keys move between bookings and free slots; Page Up and Page Down change the day or week. Drag down a column to block time."),
  break: t("Break"),
  blocked: t("Blocked"),
  notes: t("Has notes"),
  free: (time) => t("Free at {time}: book", { time }),
  blockTitle: t("Block time"),
  blockHint: (zone) => t("For a meeting or a day off: no bookings then. Times in {zone}.", { zone }),
  from: t("From"),
  until: t("Until"),
  reason: t("Reason (optional)"),
  block: t("Block time"),
  blockedDone: (name) => t("Time blocked for {name}", { name }),
  removeTitle: t("Blocked time"),
  remove: t("Remove blocked time"),
  removeQuestion: t("Remove this blocked time? The time becomes free for bookings at once."),
  removeYes: t("Yes, remove"),
  removed: t("Blocked time removed"),
  bookings: (n) => (n === 1 ? t("1 booking") : t("{n} bookings", { n })),
  occupancy: (percent) => t("{percent}% booked", { percent }),
  clocks: (change) => (change > 0 ? t("The clocks go forward an hour on this day: it has 23 hours.") : t("The clocks go back an hour on this day: it has 25 hours.")),
  summary: t("Bookings and occupancy per staff member and day"),
  slotsFor: (service) => t("Free slots: {service}", { service }),
};

const VIEWS = ["day", "week"];
let stopPolling = null;

function stateFrom(app, query) {
  const view = VIEWS.includes(query.get("view")) ? query.get("view") : "day";
  return {
    date: query.get("date") || dayIn(app.site.timezone),
    view,
    branchId: query.get("branchId") || "",
    staffId: query.get("staffId") || "",
  };
}

export function calendarAddress(state) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) if (value) query.set(key, value);
  return `calendar?${query}`;
}

const clock = (iso, zone) => formatInstant(iso, intl, { timeZone: zone, hour: "2-digit", minute: "2-digit", hour12: false });
const weekStart = (day) => addDays(day, -weekdayIndex(day));

export async function renderCalendar(app, _parts, query = new URLSearchParams()) {
  stopPolling?.();
  const state = stateFrom(app, query);
  const first = state.view === "week" ? weekStart(state.date) : state.date;
  const { branches, staff } = app.data;
  const active = branches.filter((b) => b.active);
  const go = (changes) => app.go(calendarAddress({ ...state, ...changes }));
  const step = (n) => go({ date: addDays(first, n * (state.view === "week" ? 7 : 1)) });

  const date = h("input", { type: "date", value: state.date, onchange: () => date.value && go({ date: date.value }) });
  const view = select(VIEWS.map((v) => [v, v === "day" ? TEXT.day : TEXT.week]), state.view, { onchange: () => go({ view: view.value }) });
  // All branches at once by default (they share one time axis: the server refuses when their zones differ).
  const branch = active.length > 1 ? select([["", TEXT.allBranches], ...active.map((b) => [b.id, b.name])], state.branchId, { onchange: () => go({ branchId: branch.value, staffId: "" }) }) : null;
  const branchId = branch ? branch.value : active[0]?.id || "";
  const members = staff.filter((s) => s.active && (!branchId || !s.branchId || s.branchId === branchId));
  const member = select([["", TEXT.allStaff], ...members.map((s) => [s.id, s.name])], state.staffId, { onchange: () => go({ staffId: member.value }) });
  const toolbar = h(
    "div",
    { class: "cal-toolbar" },
    button(TEXT.previous, () => step(-1), { "aria-label": `${TEXT.previous} (${state.view === "week" ? TEXT.week : TEXT.day})` }),
    button(TEXT.today, () => go({ date: dayIn(app.site.timezone) })),
    button(TEXT.next, () => step(1), { "aria-label": `${TEXT.next} (${state.view === "week" ? TEXT.week : TEXT.day})` }),
    field(TEXT.date, date),
    field(TEXT.view, view),
    branch ? field(TEXT.branch, branch) : null,
    field(TEXT.staff, member),
  );
  const results = h("div", { class: "cal-results", "aria-busy": "true" });
  const panel = h("section", { class: "card cal-panel", "aria-label": TEXT.blockTitle });
  const page = h("div", { class: "page" }, h("h1", {}, TEXT.title), toolbar, h("p", { class: "hint" }, TEXT.keys), results, panel);
  page.addEventListener("keydown", (event) => {
    if (event.key === "PageDown" || event.key === "PageUp") {
      event.preventDefault();
      step(event.key === "PageDown" ? 1 : -1);
    }
  });

  let data = null;
  const load = async () => {
    if (!page.isConnected && data) {
      stopPolling?.();
      return;
    }
    const request = { date: first, days: state.view === "week" ? 7 : 1 };
    if (branchId) request.branchId = branchId;
    if (state.staffId) request.staffId = state.staffId;
    data = await app.call("adminGetCalendar", request);
    draw();
  };

  const blockForm = (staffId, start, end) => {
    const zone = data.timezone;
    const who = select(data.staff.filter((s) => s.id).map((s) => [s.id, s.name]), staffId || data.staff[0]?.id);
    const startDay = start ? dayIn(zone, start) : data.from;
    const on = h("input", { type: "date", value: startDay, required: true });
    const from = h("input", { type: "time", step: 300, required: true, value: start ? clock(start, zone) : "" });
    const until = h("input", { type: "time", step: 300, required: true, value: end ? clock(end, zone) : "" });
    const reason = h("input", { type: "text", maxlength: 100 });
    const editor = form(
      () =>
        saving(editor, async () => {
          const startMs = zonedInstant(on.value, from.value, zone);
          let endMs = zonedInstant(on.value, until.value, zone);
          if (endMs <= startMs) endMs = zonedInstant(addDays(on.value, 1), until.value, zone);
          await app.call("adminBlockTime", { staffId: who.value, start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString(), ...(reason.value.trim() ? { reason: reason.value } : {}) });
          app.announce(TEXT.blockedDone(who.selectedOptions[0].textContent));
          await load();
          showBlockForm();
        }),
      h("p", { class: "hint" }, TEXT.blockHint(zone)),
      h("div", { class: "filters" }, field(TEXT.staff, who, { path: "staffId" }), field(TEXT.date, on), field(TEXT.from, from, { path: "start" }), field(TEXT.until, until, { path: "end" }), field(TEXT.reason, reason, { path: "reason" })),
      h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, TEXT.block)),
    );
    return editor;
  };
  const showBlockForm = (staffId, start, end) => {
    panel.replaceChildren(h("h2", {}, TEXT.blockTitle), blockForm(staffId, start, end));
    if (start) panel.querySelector("input[type=text]").focus();
  };
  const showBlocked = (block) => {
    const name = data.staff.find((s) => s.id === block.staffId)?.name || "";
    panel.replaceChildren(
      h("h2", {}, TEXT.removeTitle),
      h("p", {}, `${name} ${clock(block.start, data.timezone)}–${clock(block.end, data.timezone)}${block.reason ? ` · ${block.reason}` : ""}`),
      confirmStep(app, {
        label: TEXT.remove,
        question: TEXT.removeQuestion,
        confirm: TEXT.removeYes,
        run: async () => {
          await app.call("adminRemoveBlockedTime", { blockedId: block.id });
          app.announce(TEXT.removed);
          await load();
          showBlockForm();
        },
      }),
    );
    panel.querySelector("button")?.focus();
  };

  const options = () => ({
    zone: data.timezone,
    locale: intl,
    labels: { break: TEXT.break, blocked: TEXT.blocked, notes: TEXT.notes, free: TEXT.free, status: statusLabel },
    onBooking: (block) => app.go(`bookings/${encodeURIComponent(block.id)}?${new URLSearchParams({ back: calendarAddress(state) })}`),
    onBlocked: (block) => showBlocked({ ...block, staffId: block.staffId }),
    onFree: (span, column) => {
      const query = new URLSearchParams({ date: dayIn(data.timezone, new Date(span.start)), time: clock(span.start, data.timezone) });
      if (column.serviceId) query.set("serviceId", column.serviceId);
      if (column.staffId) query.set("staffId", column.staffId);
      const branchOf = data.branchId || staff.find((s) => s.id === column.staffId)?.branchId;
      if (branchOf) query.set("branchId", branchOf);
      app.go(`bookings/new?${query}`);
    },
    onRange: (staffId, start, end) => showBlockForm(staffId, start, end),
  });

  /** Which service the column's free slots are for (each member's shortest, unless one is chosen). */
  const serviceNote = (column) => {
    const service = app.data.services.find((s) => s.id === column.serviceId);
    return service ? h("small", {}, TEXT.slotsFor(service.name)) : null;
  };
  const draw = () => {
    results.removeAttribute("aria-busy");
    const days = data.days;
    const heading = (day) => formatDay(day.date, intl, { weekday: "short", day: "numeric", month: "short" });
    const notes = days.filter((d) => d.change).map((d) => h("p", { class: "notice" }, `${heading(d)}: ${TEXT.clocks(d.change)}`));
    if (state.view === "week" && !state.staffId) {
      results.replaceChildren(...notes, weekSummary(data, heading, (day) => go({ view: "day", date: day })));
      return;
    }
    const withStaff = (column) => ({ ...column, blocks: column.blocks.map((b) => ({ ...b, staffId: column.staffId })) });
    const columns =
      state.view === "week"
        ? days.map((d) => ({ key: d.date, heading: heading(d), axis: d, ticks: d.ticks, column: withStaff(d.columns[0]) }))
        : days[0].columns.map((c, n) => ({ key: `s${n}`, heading: [data.staff[n].name, serviceNote(c)], axis: days[0], column: withStaff(c) }));
    results.replaceChildren(...notes, renderGrid(columns, days[0].ticks, days[0].hours, options()));
  };

  try {
    await load();
    showBlockForm();
    stopPolling = keepFresh(load);
  } catch (error) {
    results.removeAttribute("aria-busy");
    results.replaceChildren(h("p", { role: "alert" }, error.message));
  }
  return page;
}

/** The week for all staff: a table of bookings and occupancy per member and day. */
function weekSummary(data, heading, openDay) {
  return h(
    "table",
    { class: "list cal-summary" },
    h("caption", { class: "visually-hidden" }, TEXT.summary),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, TEXT.staff), data.days.map((d) => h("th", { scope: "col" }, button(heading(d), () => openDay(d.date), { class: "button subtle" }))))),
    h(
      "tbody",
      {},
      data.staff.map((member, n) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, member.name),
          data.days.map((d) => {
            const column = d.columns[n];
            return h("td", {}, TEXT.bookings(column.bookings), h("br"), h("span", { class: "muted" }, TEXT.occupancy(Math.round(column.occupancy * 100))));
          }),
        ),
      ),
    ),
  );
}
