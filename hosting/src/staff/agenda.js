// The day at the desk: every booking of the branch with its status, per
// staff member on a tablet and as one list on a phone.
import { addDays } from "../shared/dates.js";
import { h, replace } from "../shared/dom.js";
import { ACTION_LABELS, longDate, statusLabel } from "./format.js";
import { toast } from "./toast.js";
import { openWalkIn } from "./walkin.js";

const ACTION_ORDER = ["confirm", "complete", "no_show", "overrule_no_show", "reopen", "cancel"];

// Tablets (and wider) get a column per staff member; phones one list.
const wide = matchMedia("(min-width: 760px)");
let shown = null;
wide.addEventListener("change", () => shown && shown());

/** `staff`: the session's claims (`branchId` is the member's own branch, if any). */
/** The agenda's grid, one column per staff member. The count is set through
 * the CSSOM: the page's Content-Security-Policy refuses style attributes. */
function columns(count, ...children) {
  const grid = h("div", { class: "columns" }, ...children);
  grid.style.setProperty("--columns", String(Math.max(1, count)));
  return grid;
}

export function createAgenda(app, staff) {
  let day = null;
  let current = null;
  // Staff without a branch of their own pick one; this device remembers it.
  const branchKey = `staff.branch.${app.siteId}`;
  let branchId = staff.branchId ? null : localStorage.getItem(branchKey);

  async function load(date = day) {
    let data;
    try {
      data = await app.call("staffAgenda", { ...(date && { date }), ...(branchId && { branchId }) });
    } catch (error) {
      if (!branchId || error.status !== "NOT_FOUND") throw error;
      pickBranch(null); // the branch closed since: start from the first
      return load(date);
    }
    current = data;
    day = data.date;
    if (data.branches.length) pickBranch(data.branch.id);
    render();
    return data;
  }

  function pickBranch(id) {
    branchId = id;
    if (id) localStorage.setItem(branchKey, id);
    else localStorage.removeItem(branchKey);
  }

  function branchPicker(data) {
    const select = h(
      "select",
      {
        "aria-label": "Branch",
        onchange: () => {
          pickBranch(select.value);
          load().catch((error) => toast(error.message));
        },
      },
      data.branches.map((branch) => h("option", { value: branch.id }, branch.name)),
    );
    select.value = data.branch.id;
    return select;
  }

  async function act(booking, action, button) {
    button.disabled = true;
    try {
      const changed = await app.call("staffChangeStatus", { bookingId: booking.id, action });
      toast(`${changed.customer.name} · ${changed.time}: ${statusLabel(changed.status)}`);
      await load();
    } catch (error) {
      button.disabled = false;
      toast(error.status === "ALREADY_EXISTS" ? "That time is taken by another booking now, so it can't be reopened." : error.message);
    }
  }

  function actionButton(booking, action) {
    const button = h("button", { type: "button", class: `act act-${action}` }, ACTION_LABELS[action]);
    if (action === "cancel") {
      // Two taps, so a stray touch on a tablet doesn't cancel a booking.
      let armed = false;
      button.addEventListener("click", () => {
        if (armed) return act(booking, action, button);
        armed = true;
        button.textContent = "Tap again to cancel";
        setTimeout(() => {
          armed = false;
          button.textContent = ACTION_LABELS.cancel;
        }, 4000);
      });
    } else {
      button.addEventListener("click", () => act(booking, action, button));
    }
    return button;
  }

  function card(booking, showStaff) {
    const actions = ACTION_ORDER.filter((action) => booking.actions.includes(action));
    const customer = booking.customer;
    return h(
      "article",
      { class: `booking status-${booking.status}`, "data-booking": booking.id, "aria-label": `${booking.time} ${customer.name}` },
      h(
        "header",
        {},
        h("span", { class: "time" }, `${booking.time}–${booking.endTime}`),
        h("span", { class: `badge badge-${booking.status}` }, statusLabel(booking.status)),
        booking.source === "walk-in" && h("span", { class: "badge badge-walkin" }, "Walk-in"),
      ),
      h("p", { class: "customer" }, customer.name || "—"),
      h("p", { class: "service" }, booking.service.name, showStaff && booking.staffName ? ` · ${booking.staffName}` : ""),
      customer.phone && h("p", { class: "contact" }, h("a", { href: `tel:${customer.phone}` }, customer.phone)),
      customer.noShows > 0 &&
        h("p", { class: "warn" }, `${customer.noShows} earlier no-show${customer.noShows > 1 ? "s" : ""}`),
      booking.notes && h("p", { class: "notes" }, booking.notes),
      Object.keys(booking.answers).length > 0 &&
        h("p", { class: "notes" }, Object.values(booking.answers).join(" · ")),
      actions.length > 0 && h("div", { class: "actions" }, actions.map((action) => actionButton(booking, action))),
      h(
        "details",
        { class: "history" },
        h("summary", {}, "History"),
        h(
          "ol",
          {},
          booking.history.map((entry) =>
            h("li", {}, `${entry.at.slice(11, 16)} ${entry.by}: ${entry.from ? `${statusLabel(entry.from)} → ` : ""}${statusLabel(entry.to)}`),
          ),
        ),
      ),
    );
  }

  function column(member, bookings) {
    return h(
      "section",
      { class: "column", "aria-label": member.name },
      h("h2", {}, member.name, h("span", { class: "count" }, String(bookings.length))),
      bookings.length ? bookings.map((booking) => card(booking, false)) : h("p", { class: "muted empty" }, "Nothing booked"),
    );
  }

  function render() {
    shown = render;
    const data = current;
    const isToday = data.date === data.today;
    const main = document.getElementById("main");
    const byStaff = new Map(data.staff.map((member) => [member.id, []]));
    const others = [];
    for (const booking of data.bookings) (byStaff.get(booking.staffId) || others).push(booking);
    const active = data.bookings.filter((booking) => !["cancelled", "expired"].includes(booking.status));
    replace(
      main,
      h(
        "div",
        { class: "toolbar" },
        h(
          "div",
          { class: "daynav" },
          h("button", { type: "button", class: "icon", "aria-label": "Previous day", onclick: () => load(addDays(data.date, -1)) }, "‹"),
          h("h1", {}, isToday ? `Today · ${longDate(data.date)}` : longDate(data.date)),
          h("button", { type: "button", class: "icon", "aria-label": "Next day", onclick: () => load(addDays(data.date, 1)) }, "›"),
          !isToday && h("button", { type: "button", class: "link", onclick: () => load(data.today) }, "Back to today"),
          h("input", {
            type: "date",
            "aria-label": "Go to date",
            value: data.date,
            onchange: (event) => event.target.value && load(event.target.value),
          }),
        ),
        data.branches.length > 0 && branchPicker(data),
        h(
          "p",
          { class: "summary" },
          `${data.branch && !data.branches.length ? `${data.branch.name} · ` : ""}${active.length} booking${active.length === 1 ? "" : "s"}`,
        ),
        h("button", { type: "button", class: "primary", onclick: () => openWalkIn(app, data, () => load()) }, "+ Walk-in"),
      ),
      wide.matches
        ? columns(
            byStaff.size + (others.length ? 1 : 0),
            [...byStaff.entries()].map(([staffId, bookings]) => column(data.staff.find((m) => m.id === staffId), bookings)),
            others.length > 0 && column({ name: "Others" }, others),
          )
        : h(
            "div",
            { class: "list" },
            data.bookings.length ? data.bookings.map((booking) => card(booking, true)) : h("p", { class: "muted empty" }, "Nothing booked"),
          ),
    );
  }

  /** Forget the day's bookings: nothing of one session outlives it. */
  function stop() {
    if (shown === render) shown = null;
    current = null;
  }

  return { load, stop };
}
