// Booking → Availability: the weekly hours (several ranges a day, breaks,
// closed days) of the site, a branch or a staff member, and date overrides
// for holidays and special hours. Saving applies at once; bookings already
// made are kept, and the ones now outside the hours are listed.
import { h } from "../../shared/dom.js";
import { FieldError, button, checkbox, field, form, saving, select } from "../dom.js";
import { WEEKDAYS, dateTime, readableDay } from "../format.js";
import { t } from "../i18n.js";
import { nameOf } from "./common.js";

const clone = (value) => JSON.parse(JSON.stringify(value || {}));
const EMPTY = { weekly: {}, breaks: {}, overrides: {} };

function scopes(app) {
  const { branches, staff } = app.data;
  return [
    ["", t("The whole site")],
    ...branches.map((b) => [`branch/${b.id}`, t("Branch: {name}", { name: b.name })]),
    ...staff.map((s) => [`staff/${s.id}`, t("Staff: {name}", { name: s.name })]),
  ];
}

/** The hours a branch or staff member follows without hours of their own. */
function inherited(app, scope, id) {
  const { schedules, staff } = app.data;
  if (scope === "staff") {
    const member = staff.find((s) => s.id === id);
    if (member?.branchId && schedules[`branch-${member.branchId}`]) return schedules[`branch-${member.branchId}`];
  }
  return schedules.site || EMPTY;
}

function inheritedLabel(app, scope, id) {
  if (scope === "staff") {
    const member = app.data.staff.find((s) => s.id === id);
    if (member?.branchId && app.data.schedules[`branch-${member.branchId}`])
      return t("the hours of branch {name}", { name: nameOf(app.data.branches, member.branchId) });
  }
  return t("the site-wide hours");
}

function timeInput(value, label, path, onInput) {
  const input = h("input", { type: "time", step: 300, value, "aria-label": label, "data-path": path, required: true });
  input.addEventListener("input", () => onInput(input.value));
  return input;
}

/** The names screen readers give each range's controls, by kind of range. */
const RANGE_LABELS = {
  hours: {
    from: (day, n) => t("{day} hours {n} from", { day, n }),
    until: (day, n) => t("{day} hours {n} until", { day, n }),
    remove: (day, n) => t("Remove {day} hours {n}", { day, n }),
  },
  break: {
    from: (day, n) => t("{day} break {n} from", { day, n }),
    until: (day, n) => t("{day} break {n} until", { day, n }),
    remove: (day, n) => t("Remove {day} break {n}", { day, n }),
  },
};

/** Rows of from–to ranges bound to `list` (mutated in place). */
function rangeEditor(list, { dayLabel, kind, path, onChange }) {
  const labels = RANGE_LABELS[kind];
  const box = h("div", { class: "ranges" });
  const render = (focusIndex) => {
    box.replaceChildren(
      ...list.map((range, index) =>
        h(
          "div",
          { class: "range" },
          timeInput(range.start, labels.from(dayLabel, index + 1), `${path}.${index}.start`, (v) => (range.start = v)),
          h("span", { "aria-hidden": "true" }, "–"),
          timeInput(range.end, labels.until(dayLabel, index + 1), `${path}.${index}.end`, (v) => (range.end = v)),
          button(t("Remove"), () => {
            list.splice(index, 1);
            render();
            onChange?.();
            (box.querySelector("input") || box.nextElementSibling)?.focus();
          }, { class: "button subtle small", "aria-label": labels.remove(dayLabel, index + 1) }),
        ),
      ),
    );
    if (focusIndex != null) box.querySelectorAll(".range")[focusIndex]?.querySelector("input")?.focus();
  };
  render();
  box.add = (range) => {
    list.push(range);
    render(list.length - 1);
    onChange?.();
  };
  return box;
}

function dayEditor(state, key, label) {
  state.weekly[key] ||= [];
  state.breaks[key] ||= [];
  const block = h("fieldset", { class: "day", "data-path": `schedule.weekly.${key}`, tabindex: "-1" });
  const render = () => {
    const open = state.weekly[key].length > 0;
    const openBox = checkbox(t("Open"), open);
    openBox.control.addEventListener("change", () => {
      if (openBox.control.checked) state.weekly[key] = [{ start: "09:00", end: "17:00" }];
      else {
        state.weekly[key] = [];
        state.breaks[key] = [];
      }
      render();
      block.querySelector("input[type=checkbox]").focus();
    });
    const children = [h("legend", {}, label), openBox.wrap];
    if (open) {
      const hours = rangeEditor(state.weekly[key], { dayLabel: label, kind: "hours", path: `schedule.weekly.${key}` });
      const breaks = rangeEditor(state.breaks[key], { dayLabel: label, kind: "break", path: `schedule.breaks.${key}` });
      children.push(
        h("div", { class: "subhead" }, t("Hours")),
        hours,
        button(t("Add hours"), () => hours.add({ start: "18:00", end: "20:00" }), { class: "button small", "aria-label": t("Add {day} hours", { day: label }) }),
        h("div", { class: "subhead" }, t("Breaks")),
        breaks,
        button(t("Add break"), () => breaks.add({ start: "12:30", end: "13:00" }), { class: "button small", "aria-label": t("Add {day} break", { day: label }) }),
      );
    } else children.push(h("p", { class: "hint" }, t("Closed")));
    block.replaceChildren(...children);
  };
  render();
  block.render = render;
  return block;
}

function overridesEditor(state) {
  const rows = Object.entries(state.overrides)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, ranges]) => ({ date, ranges: clone(ranges), closed: ranges.length === 0 }));
  const box = h("div", { class: "overrides", "data-path": "schedule.overrides", tabindex: "-1" });
  const render = (focusLast) => {
    box.replaceChildren(
      ...rows.map((row, index) => {
        const label = t("Date {n}", { n: index + 1 });
        const date = h("input", { type: "date", value: row.date, required: true, "data-path": `schedule.overrides.${row.date}` });
        const title = h("legend", {}, row.date ? readableDay(row.date) : t("New date"));
        date.addEventListener("input", () => {
          row.date = date.value;
          date.dataset.path = `schedule.overrides.${row.date}`;
          title.textContent = row.date ? readableDay(row.date) : t("New date");
        });
        const closed = checkbox(t("Closed all day"), row.closed);
        closed.control.addEventListener("change", () => {
          row.closed = closed.control.checked;
          if (!row.closed && !row.ranges.length) row.ranges.push({ start: "10:00", end: "14:00" });
          render();
        });
        const parts = [field(label, date), closed.wrap];
        if (!row.closed) {
          const hours = rangeEditor(row.ranges, { dayLabel: label, kind: "hours", path: `schedule.overrides.${row.date}` });
          parts.push(hours, button(t("Add hours"), () => hours.add({ start: "18:00", end: "20:00" }), { class: "button small", "aria-label": t("Add {day} hours", { day: label }) }));
        }
        parts.push(
          button(t("Remove date"), () => {
            rows.splice(index, 1);
            render();
            box.nextElementSibling?.focus();
          }, { class: "button subtle small", "aria-label": t("Remove {date}", { date: label }) }),
        );
        return h("fieldset", { class: "override" }, title, ...parts);
      }),
    );
    if (focusLast) box.lastElementChild?.querySelector("input")?.focus();
  };
  render();
  box.add = () => {
    rows.push({ date: "", ranges: [], closed: true });
    render(true);
  };
  box.read = () => {
    if (rows.some((row) => !row.date)) throw new FieldError("schedule.overrides", "choose a date for every special day");
    return Object.fromEntries(rows.map((row) => [row.date, row.closed ? [] : row.ranges]));
  };
  return box;
}

const names = (branches) => branches.map((branch) => branch.name).join(", ");

/** Who follows the site-wide weekly hours: branches without their own. With
 * no branch left on them, saving them changes nothing today, and the page says so. */
function siteHoursNote({ branchCount, branches }) {
  if (!branchCount) return null;
  const holidays = t("Holidays and special hours listed here apply to every branch.");
  if (!branches.length) {
    return `${t("These weekly hours apply to no branch now: every branch has its own hours. They will apply to new branches and to any branch whose own hours are removed.")} ${holidays}`;
  }
  const applies =
    branches.length === branchCount
      ? t("These weekly hours apply to every branch: {names}, and to new branches.", { names: names(branches) })
      : t("These weekly hours apply to the branches without their own hours: {names}, and to new branches.", { names: names(branches) });
  return `${applies} ${holidays}`;
}

/** The read says which branches have hours of their own. */
function siteHoursUse(app) {
  const { branches } = app.data;
  return { branchCount: branches.length, branches: branches.filter((branch) => !branch.ownHours) };
}

function outsideReport(app, scope, result) {
  const usedByNone = scope === "site" && result.siteHours.branchCount > 0 && !result.siteHours.branches.length;
  if (usedByNone) {
    return h(
      "div",
      { class: "notice warn" },
      h("h2", {}, t("Saved, but these weekly hours apply to no branch")),
      h("p", {}, siteHoursNote(result.siteHours)),
    );
  }
  if (!result.outside.length) {
    const n = result.checked;
    const text =
      scope === "site" && result.siteHours.branchCount
        ? t("Saved. The new hours apply now to {names}; {n} upcoming bookings checked, all within the hours.", { names: names(result.siteHours.branches), n })
        : t("Saved. The new hours apply now; {n} upcoming bookings checked, all within the hours.", { n });
    return h("p", { class: "notice ok" }, text);
  }
  return h(
    "div",
    { class: "notice warn" },
    h(
      "h2",
      {},
      result.outside.length === 1
        ? t("{n} existing booking falls outside the new hours", { n: 1 })
        : t("{n} existing bookings fall outside the new hours", { n: result.outside.length }),
    ),
    h("p", {}, t("The hours are saved and apply now. These bookings are kept as they are: contact the clients, or cancel them.")),
    h(
      "ul",
      {},
      result.outside.map((b) =>
        h(
          "li",
          {},
          h("a", { href: `#/bookings/${encodeURIComponent(b.id)}` }, dateTime(b.start, b.timezone || app.site.timezone)),
          ` — ${b.staffName ? t("{client}, {service} with {staff}", { client: b.customerName, service: b.serviceName, staff: b.staffName }) : `${b.customerName}, ${b.serviceName}`}`,
        ),
      ),
    ),
  );
}

export function renderAvailability(app, [scope = "site", id]) {
  if (scope !== "site" && !id) scope = "site";
  const docId = scope === "site" ? "site" : `${scope}-${id}`;
  const stored = app.data.schedules[docId];
  const ownerName = scope === "branch" ? nameOf(app.data.branches, id) : scope === "staff" ? nameOf(app.data.staff, id) : app.site.name;
  const state = { ...clone(EMPTY), ...clone(stored || inherited(app, scope, id)) };
  state.weekly ||= {};
  state.breaks ||= {};
  state.overrides ||= {};

  const picker = select(scopes(app), scope === "site" ? "" : `${scope}/${id}`);
  picker.addEventListener("change", () => app.go(picker.value ? `availability/${picker.value}` : "availability"));

  const days = WEEKDAYS.map(([key, label]) => dayEditor(state, key, label));
  const copyMonday = button(t("Copy Monday to Tuesday–Friday"), () => {
    for (const [key] of WEEKDAYS.slice(1, 5)) {
      state.weekly[key] = clone(state.weekly.mon);
      state.breaks[key] = clone(state.breaks.mon);
    }
    days.slice(1, 5).forEach((day) => day.render());
    app.announce(t("Monday's hours copied to Tuesday to Friday"));
  });
  const overrides = overridesEditor(state);
  const addDate = button(t("Add date"), () => overrides.add());
  const hoursBox = h(
    "div",
    {},
    h("section", { class: "card" }, h("h2", {}, t("Weekly hours")), copyMonday, h("div", { class: "week" }, days)),
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("Holidays and special hours")),
      h("p", { class: "hint" }, t("A date listed here replaces the weekly hours of that date.") + (scope === "site" ? ` ${t("Site-wide dates apply to every branch.")}` : "")),
      overrides,
      addDate,
    ),
  );
  const siteNote = scope === "site" ? siteHoursNote(siteHoursUse(app)) : null;
  let own = null;
  if (scope !== "site") {
    own = checkbox(t("{name} has own hours", { name: ownerName }), !!stored, {
      hint: t("Otherwise {name} follows {hours}.", { name: ownerName, hours: inheritedLabel(app, scope, id) }),
    });
    const show = () => (hoursBox.hidden = !own.control.checked);
    own.control.addEventListener("change", show);
    show();
  }
  const report = h("div", { class: "report", role: "status" });
  const editor = form(
    () =>
      saving(editor, async () => {
        report.replaceChildren();
        const schedule =
          own && !own.control.checked
            ? null
            : {
                weekly: Object.fromEntries(Object.entries(state.weekly).filter(([, ranges]) => ranges.length)),
                breaks: Object.fromEntries(Object.entries(state.breaks).filter(([key, ranges]) => ranges.length && state.weekly[key]?.length)),
                overrides: overrides.read(),
              };
        const result = await app.call("adminSaveSchedule", { scope, ...(scope === "site" ? {} : { ownerId: id }), schedule });
        await app.reload();
        app.announce(t("Hours saved"));
        report.replaceChildren(outsideReport(app, scope, result));
        report.querySelector("h2")?.setAttribute("tabindex", "-1");
        (report.querySelector("h2") || report.firstChild)?.focus?.();
      }),
    own ? h("section", { class: "card" }, own.wrap) : null,
    siteNote ? h("p", { class: siteHoursUse(app).branches.length ? "notice info" : "notice warn", id: "site-hours-use" }, siteNote) : null,
    hoursBox,
    h("div", { class: "actions sticky" }, h("button", { type: "submit", class: "button primary" }, t("Save hours"))),
  );
  return h(
    "div",
    { class: "page" },
    h("h1", {}, t("Availability")),
    field(t("Hours of"), picker, { hint: t("With branches, each branch has its own hours; staff may have personal hours.") }),
    editor,
    report,
  );
}
