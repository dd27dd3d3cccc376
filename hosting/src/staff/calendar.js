// The desk's day as a calendar: the shared grid (hosting/src/calendar/grid.js)
// with a column per staff member of the branch, read with staffCalendar.
// A booking opens its card with the same status actions as the list; a free
// slot starts a walk-in at that time; a drag down a column blocks time, and
// blocked time can be removed again.
import { renderGrid } from "../calendar/grid.js";
import { h } from "../shared/dom.js";
import { clock, localDay } from "./format.js";
import { intl, longDate, statusLabel, t } from "./lang.js";
import { toast } from "./toast.js";
import { openWalkIn } from "./walkin.js";

function dialogOf(title, ...children) {
  const dialog = h("dialog", { class: "confirm cal-dialog", "aria-label": title }, h("h2", {}, title), ...children);
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** `agenda`: the staffAgenda answer of the day shown; `card(booking)` draws
 * a booking with its actions; `reload()` reads the day again. */
export async function renderDayCalendar(app, agenda, card, reload) {
  const data = await app.call("staffCalendar", { date: agenda.date, ...(agenda.branch && { branchId: agenda.branch.id }) });
  const day = data.days[0];
  const nameOf = (staffId) => data.staff.find((member) => member.id === staffId)?.name || "";

  const showBooking = (block) => {
    const booking = agenda.bookings.find((b) => b.id === block.id);
    if (!booking) return;
    const close = h("button", { type: "button", class: "link", onclick: () => dialog.close() }, t("close"));
    const dialog = dialogOf(`${booking.time} ${booking.customer.name}`, card(booking), h("div", { class: "buttons" }, close));
    close.focus();
  };

  const blockTime = (staffId, start, end) => {
    const reason = h("input", { id: "block-reason", type: "text", maxlength: "100" });
    const message = h("p", { class: "error", role: "alert" });
    const save = h("button", { type: "submit", class: "primary" }, t("blockSave"));
    const form = h(
      "form",
      {
        method: "dialog",
        onsubmit: async (event) => {
          event.preventDefault();
          save.disabled = true;
          try {
            await app.call("staffBlockTime", { staffId, start: start.toISOString(), end: end.toISOString(), ...(reason.value.trim() && { reason: reason.value.trim() }) });
            dialog.close();
            toast(t("blockDone", { name: nameOf(staffId) }));
            reload();
          } catch (error) {
            save.disabled = false;
            message.textContent = error.status === "ALREADY_EXISTS" ? t("blockTaken", { name: nameOf(staffId) }) : error.status === "UNAVAILABLE" ? t("network") : error.message;
          }
        },
      },
      h("p", {}, t("blockWhen", { date: longDate(agenda.date), from: fmt(start), until: fmt(end) })),
      h("label", { for: "block-reason" }, t("blockReason")),
      reason,
      message,
      h("div", { class: "buttons" }, h("button", { type: "button", class: "link", onclick: () => dialog.close() }, t("close")), save),
    );
    const dialog = dialogOf(t("blockTitle", { name: nameOf(staffId) }), form);
    reason.focus();
  };

  const showBlocked = (block, staffId) => {
    const remove = h("button", {
      type: "button",
      class: "primary",
      onclick: async () => {
        remove.disabled = true;
        try {
          await app.call("staffRemoveBlockedTime", { blockedId: block.id });
          dialog.close();
          toast(t("blockRemoved"));
          reload();
        } catch (error) {
          remove.disabled = false;
          toast(error.status === "UNAVAILABLE" ? t("network") : error.message);
        }
      },
    }, t("blockRemove"));
    const dialog = dialogOf(
      t("blockedTitle"),
      h("p", {}, `${nameOf(staffId)} · ${clock(block.start)}–${clock(block.end)}${block.reason ? ` · ${block.reason}` : ""}`),
      h("div", { class: "buttons" }, h("button", { type: "button", class: "link", onclick: () => dialog.close() }, t("close")), remove),
    );
    remove.focus();
  };

  const fmt = (date) => new Intl.DateTimeFormat(intl(), { timeZone: data.timezone, hour: "2-digit", minute: "2-digit", hour12: false }).format(date);
  const columns = day.columns.map((column, n) => ({ key: `s${n}`, heading: data.staff[n].name, axis: day, column }));
  const grid = renderGrid(columns, day.ticks, day.hours, {
    zone: data.timezone,
    locale: intl(),
    labels: { break: t("calBreak"), blocked: t("calBlocked"), notes: t("calNotes"), free: (time) => t("calFree", { time }), status: statusLabel },
    now: Date.parse(agenda.now),
    onBooking: showBooking,
    onBlocked: (block) => showBlocked(block, day.columns.find((c) => c.blocks.includes(block))?.staffId),
    onFree: (span, column) =>
      localDay(span.start) === agenda.date && openWalkIn(app, agenda, reload, { staffId: column.staffId, serviceId: column.serviceId, time: clock(span.start) }),
    onRange: blockTime,
  });
  return h(
    "div",
    { class: "desk-calendar" },
    day.change ? h("p", { class: "warn" }, t(day.change > 0 ? "clocksForward" : "clocksBack")) : null,
    h("p", { class: "muted hint" }, t("calHint")),
    grid,
  );
}
