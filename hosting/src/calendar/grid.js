// The staff calendar's grid, one component for the admin page and the staff
// app. The server lays everything out (functions/booking/domain/
// calendar_layout.py): each block comes with `top` and `height` in percent of
// its day's axis, and a lane. This module only draws it, places the "now"
// line, turns a drag on a column into a time range, and moves the focus
// with the arrow keys. Positions go through the CSSOM: the pages'
// Content-Security-Policy refuses style attributes.
import { formatInstant } from "../shared/dates.js";
import { h } from "../shared/dom.js";

const SNAP_MS = 15 * 60 * 1000;
export const POLL_MS = 30_000;

function at(element, top, height) {
  element.style.setProperty("top", `${top}%`);
  if (height != null) element.style.setProperty("height", `${height}%`);
  return element;
}

const clock = (iso, zone, locale) => formatInstant(iso, locale, { timeZone: zone, hour: "2-digit", minute: "2-digit", hour12: false });

/** Where `instant` (ms) falls on an axis of epoch seconds, in percent, or null. */
export function axisPercent(axis, instant) {
  const share = (instant / 1000 - axis.start) / (axis.end - axis.start);
  return share >= 0 && share <= 1 ? share * 100 : null;
}

/** The instant (ms) at a share (0..1) of the axis, snapped to 15 minutes. */
export function axisInstant(axis, share) {
  const ms = (axis.start + Math.min(1, Math.max(0, share)) * (axis.end - axis.start)) * 1000;
  return Math.round(ms / SNAP_MS) * SNAP_MS;
}

function bookingBlock(block, options) {
  const { zone, locale, labels } = options;
  const when = `${clock(block.start, zone, locale)}–${clock(block.end, zone, locale)}`;
  const element = h(
    "button",
    {
      type: "button",
      class: `cal-block cal-booking status-${block.status}${block.cutBefore ? " cut-before" : ""}${block.cutAfter ? " cut-after" : ""}`,
      "data-id": block.id,
      "aria-label": `${when}, ${block.client}, ${block.service}, ${labels.status(block.status)}${block.hasNotes ? `, ${labels.notes}` : ""}`,
      onclick: () => options.onBooking?.(block),
    },
    h("span", { class: "cal-time" }, when),
    h("span", { class: "cal-client" }, block.client, block.hasNotes ? h("span", { class: "cal-notes", title: labels.notes, "aria-hidden": "true" }, " ✎") : null),
    h("span", { class: "cal-service" }, block.service),
  );
  return element;
}

function blockedBlock(block, options) {
  const { zone, locale, labels } = options;
  const when = `${clock(block.start, zone, locale)}–${clock(block.end, zone, locale)}`;
  return h(
    "button",
    {
      type: "button",
      class: "cal-block cal-blocked",
      "data-id": block.id,
      "aria-label": `${labels.blocked} ${when}${block.reason ? `, ${block.reason}` : ""}`,
      onclick: () => options.onBlocked?.(block),
    },
    h("span", { class: "cal-time" }, when),
    h("span", { class: "cal-client" }, block.reason || labels.blocked),
  );
}

function lane(element, block) {
  element.style.setProperty("left", `calc(${(block.lane * 100) / block.lanes}% + 2px)`);
  element.style.setProperty("width", `calc(${100 / block.lanes}% - 4px)`);
  return element;
}

/** Turns a drag down a column's free time into `onRange(start, end)` (Dates). */
function dragToBlock(body, axis, onRange) {
  let from = null;
  const ghost = h("div", { class: "cal-drag", hidden: true });
  body.append(ghost);
  const share = (event) => {
    const box = body.getBoundingClientRect();
    return (event.clientY - box.top) / box.height;
  };
  body.addEventListener("pointerdown", (event) => {
    // On the column or a free slot (a click there still books it: a drag
    // is a move of at least one snap step).
    if (event.button !== 0 || !(event.target === body || event.target.closest(".cal-free"))) return;
    from = axisInstant(axis, share(event));
  });
  body.addEventListener("pointermove", (event) => {
    if (from == null) return;
    const to = axisInstant(axis, share(event));
    // Captured only once it is a drag: a plain click still reaches the free slot.
    if (to !== from && !body.hasPointerCapture?.(event.pointerId)) body.setPointerCapture?.(event.pointerId);
    const [a, b] = [Math.min(from, to), Math.max(from, to)];
    ghost.hidden = b <= a;
    at(ghost, axisPercent(axis, a) ?? 0, ((b - a) / 1000 / (axis.end - axis.start)) * 100);
  });
  const finish = (event) => {
    if (from == null) return;
    const to = axisInstant(axis, share(event));
    const [a, b] = [Math.min(from, to), Math.max(from, to)];
    from = null;
    ghost.hidden = true;
    if (b > a) onRange(new Date(a), new Date(b));
  };
  body.addEventListener("pointerup", finish);
  body.addEventListener("pointercancel", () => {
    from = null;
    ghost.hidden = true;
  });
}

function columnBody(column, axis, ticks, options) {
  const { zone, locale, labels } = options;
  const body = h("div", { class: "cal-col", "data-staff": column.staffId || "" });
  for (const tick of ticks) body.append(at(h("div", { class: "cal-line", "aria-hidden": "true" }), tick.top));
  for (const span of column.working) body.append(at(h("div", { class: "cal-working", "aria-hidden": "true" }), span.top, span.height));
  for (const span of column.breaks) {
    body.append(at(h("div", { class: "cal-break" }, h("span", {}, labels.break)), span.top, span.height));
  }
  for (const span of column.free) {
    const time = clock(span.start, zone, locale);
    const slot = h(
      "button",
      { type: "button", class: "cal-free", "data-start": span.start, "aria-label": labels.free(time), onclick: () => options.onFree?.(span, column) },
      h("span", {}, time),
    );
    body.append(at(slot, span.top, span.height));
  }
  for (const block of column.blocks) {
    const element = block.kind === "blocked" ? blockedBlock(block, options) : bookingBlock(block, options);
    body.append(lane(at(element, block.top, block.height), block));
  }
  if (options.onRange && column.staffId) dragToBlock(body, axis, (start, end) => options.onRange(column.staffId, start, end));
  const now = axisPercent(axis, options.now ?? Date.now());
  if (now != null) body.append(at(h("div", { class: "cal-now", "aria-hidden": "true" }), now));
  return body;
}

/** Arrow keys move between the grid's buttons: up and down in a column,
 * left and right to the nearest in the next column. */
function arrowKeys(grid) {
  grid.addEventListener("keydown", (event) => {
    const here = event.target.closest?.(".cal-col button");
    if (!here || event.altKey || event.ctrlKey || event.metaKey) return;
    const column = here.closest(".cal-col");
    const inColumn = [...column.querySelectorAll("button")].sort((a, b) => a.offsetTop - b.offsetTop);
    const columns = [...grid.querySelectorAll(".cal-col")];
    let next = null;
    if (event.key === "ArrowDown") next = inColumn[inColumn.indexOf(here) + 1];
    else if (event.key === "ArrowUp") next = inColumn[inColumn.indexOf(here) - 1];
    else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      const other = columns[columns.indexOf(column) + (event.key === "ArrowLeft" ? -1 : 1)];
      const candidates = other ? [...other.querySelectorAll("button")] : [];
      next = candidates.sort((a, b) => Math.abs(a.offsetTop - here.offsetTop) - Math.abs(b.offsetTop - here.offsetTop))[0];
    }
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });
}

/**
 * The grid: `columns` is [{ key, heading, axis: {start, end}, ticks, column }]
 * and `ticks` the hour marks down the side, `hours` the axis's length; `options` has zone, locale, labels
 * ({break, blocked, notes, free(time), status(s)}), now (ms) and the
 * handlers onBooking(block), onBlocked(block), onFree(span, column) and
 * onRange(staffId, start, end) for a drag.
 */
export function renderGrid(columns, ticks, hours, options) {
  const grid = h("div", { class: "cal-grid" });
  grid.style.setProperty("--columns", String(columns.length));
  grid.style.setProperty("--hours", String(hours));
  const axis = h("div", { class: "cal-axis", "aria-hidden": "true" }, ticks.map((tick) => at(h("span", { class: "cal-tick" }, tick.label), tick.top)));
  grid.append(
    h("div", { class: "cal-corner" }),
    ...columns.map((c) => h("div", { class: "cal-head", id: `cal-head-${c.key}` }, c.heading)),
    axis,
    ...columns.map((c) => {
      const body = columnBody(c.column, c.axis, c.ticks || ticks, options);
      body.setAttribute("role", "group");
      body.setAttribute("aria-labelledby", `cal-head-${c.key}`);
      return body;
    }),
  );
  arrowKeys(grid);
  return grid;
}

/** Loads now and every 30 seconds while the page is visible, and again when
 * it comes back into view or focus; returns stop(). */
export function keepFresh(load) {
  const again = () => {
    if (document.visibilityState === "visible" && !document.querySelector("dialog[open]")) load().catch(() => {});
  };
  const timer = setInterval(again, POLL_MS);
  window.addEventListener("focus", again);
  document.addEventListener("visibilitychange", again);
  return () => {
    clearInterval(timer);
    window.removeEventListener("focus", again);
    document.removeEventListener("visibilitychange", again);
  };
}
