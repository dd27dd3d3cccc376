// The day at the desk: every booking of the branch with its status, per
// staff member on a tablet and as one list on a phone.
import { addDays, formatDay } from "../shared/dates.js";
import { definitionList, h, replace } from "../shared/dom.js";
import { formatMoney } from "../shared/money.js";
import { clock, localDay } from "./format.js";
import { actionLabel, intl, longDate, statusLabel, t, useLocale } from "./lang.js";
import { toast } from "./toast.js";
import { openCheckout } from "./pos.js";
import { openWaitlist } from "./waitlist.js";
import { renderDayCalendar } from "./calendar.js";
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
  // The list of cards or the calendar grid; this device remembers the choice.
  let mode = localStorage.getItem("staff.view") === "calendar" ? "calendar" : "list";
  let lastGrid = null;
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
    useLocale(data.site.locale);
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
        "aria-label": t("branch"),
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
      toast(t("statusChanged", { name: changed.customer.name, time: changed.time, status: statusLabel(changed.status) }));
      await load();
    } catch (error) {
      button.disabled = false;
      if (error.status === "ALREADY_EXISTS") toast(t("reopenTaken"));
      else if (error.status === "FAILED_PRECONDITION") {
        toast(t("changeRefused"));
        load().catch(() => {});
      } else toast(error.status === "UNAVAILABLE" ? t("network") : error.message);
    }
  }

  /** Check-out can't be undone: a dialog asks first, "No" has the focus. */
  function confirmCheckOut(booking, button) {
    const no = h("button", { type: "button", class: "link", onclick: () => dialog.close() }, t("keep"));
    const yes = h("button", { type: "button", class: "primary", onclick: () => { dialog.close(); act(booking, "complete", button); } }, t("checkOutYes"));
    const dialog = h(
      "dialog",
      { class: "confirm", "aria-labelledby": "confirm-title" },
      h("p", { id: "confirm-title" }, t("checkOutQuestion", { name: booking.customer.name || "—", time: booking.time })),
      h("div", { class: "buttons" }, no, yes),
    );
    dialog.addEventListener("close", () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  }

  function actionButton(booking, action) {
    const button = h("button", { type: "button", class: `act act-${action}` }, actionLabel(action));
    if (action === "cancel") {
      // Two taps, so a stray touch on a tablet doesn't cancel a booking.
      let armed = false;
      button.addEventListener("click", () => {
        if (armed) return act(booking, action, button);
        armed = true;
        button.textContent = t("tapAgainToCancel");
        setTimeout(() => {
          armed = false;
          button.textContent = actionLabel("cancel");
        }, 4000);
      });
    } else if (action === "complete") {
      button.addEventListener("click", () => confirmCheckOut(booking, button));
    } else {
      button.addEventListener("click", () => act(booking, action, button));
    }
    return button;
  }

  function depositLine(deposit) {
    if (!deposit || deposit.state === "none") return null;
    const amount = formatMoney(deposit.amountCents, deposit.currency || current.site.currency, intl());
    const key = { paid: "depositPaid", unpaid: "depositUnpaid", refunded: "depositRefunded" }[deposit.state];
    return h("p", { class: `deposit deposit-${deposit.state}` }, t(key, { amount }));
  }

  /** "09:12" for a change on the agenda's day, "3 Mar 09:12" for another. */
  function when(iso) {
    const date = localDay(iso);
    return date === current.date ? clock(iso) : `${formatDay(date, intl(), { day: "numeric", month: "short" })} ${clock(iso)}`;
  }

  function card(booking, showStaff) {
    const actions = ACTION_ORDER.filter((action) => booking.actions.includes(action));
    const customer = booking.customer;
    const earlier = customer.noShows;
    return h(
      "article",
      { class: `booking status-${booking.status}`, "data-booking": booking.id, "aria-label": `${booking.time} ${customer.name}` },
      h(
        "header",
        {},
        h("span", { class: "time" }, `${booking.time}–${booking.endTime}`),
        h("span", { class: `badge badge-${booking.status}` }, statusLabel(booking.status)),
        booking.source === "walk-in" && h("span", { class: "badge badge-walkin" }, t("walkInBadge")),
      ),
      h("p", { class: "customer" }, customer.name || "—"),
      h("p", { class: "service" }, booking.service.name, showStaff && booking.staffName ? ` · ${booking.staffName}` : ""),
      (customer.phone || customer.email) &&
        h(
          "p",
          { class: "contact" },
          customer.phone && h("a", { href: `tel:${customer.phone}` }, customer.phone),
          customer.email && h("a", { href: `mailto:${customer.email}` }, customer.email),
        ),
      depositLine(booking.deposit),
      earlier > 0 && h("p", { class: "warn" }, earlier === 1 ? t("earlierNoShowsOne") : t("earlierNoShowsMany", { count: earlier })),
      booking.notes && h("p", { class: "notes" }, booking.notes),
      booking.intake.length > 0 &&
        definitionList(booking.intake.map((item) => [item.question, item.answer]), { class: "intake" }),
      actions.length > 0 &&
        h(
          "div",
          { class: "actions" },
          app.pos?.enabled && booking.actions.includes("complete") &&
            h("button", { type: "button", class: "act act-checkout", onclick: () => openCheckout(app, app.pos, booking, () => load()) }, t("checkoutButton")),
          actions.map((action) => actionButton(booking, action)),
        ),
      h(
        "details",
        { class: "history" },
        h("summary", {}, t("history")),
        h(
          "ol",
          {},
          booking.history.map((entry) =>
            h("li", {}, `${when(entry.at)} ${entry.by}: ${entry.from ? `${statusLabel(entry.from)} → ` : ""}${statusLabel(entry.to)}`),
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
      bookings.length ? bookings.map((booking) => card(booking, false)) : h("p", { class: "muted empty" }, t("nothingBooked")),
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
          h("button", { type: "button", class: "icon", "aria-label": t("previousDay"), onclick: () => load(addDays(data.date, -1)) }, "‹"),
          h("h1", {}, isToday ? t("today", { date: longDate(data.date) }) : longDate(data.date)),
          h("button", { type: "button", class: "icon", "aria-label": t("nextDay"), onclick: () => load(addDays(data.date, 1)) }, "›"),
          !isToday && h("button", { type: "button", class: "link", onclick: () => load(data.today) }, t("backToToday")),
          h("input", {
            type: "date",
            lang: data.site.locale,
            "aria-label": t("goToDate"),
            value: data.date,
            onchange: (event) => event.target.value && load(event.target.value),
          }),
        ),
        data.branches.length > 0 && branchPicker(data),
        h(
          "p",
          { class: "summary" },
          `${data.branch && !data.branches.length ? `${data.branch.name} · ` : ""}${active.length === 1 ? t("bookingsOne") : t("bookingsMany", { count: active.length })}`,
        ),
        h("button", { type: "button", class: "primary", onclick: () => openWalkIn(app, data, () => load()) }, t("walkInButton")),
        app.pos?.enabled && h("button", { type: "button", class: "primary", onclick: () => openCheckout(app, app.pos, null, () => load(), data.branch?.id) }, t("saleButton")),
        h("button", { type: "button", onclick: () => openWaitlist(app, data, () => load()) }, t("viewWaitlist")),
      ),
      viewSwitch(),
      mode === "calendar"
        ? calendarOf(data)
        : wide.matches
        ? columns(
            byStaff.size + (others.length ? 1 : 0),
            [...byStaff.entries()].map(([staffId, bookings]) => column(data.staff.find((m) => m.id === staffId), bookings)),
            others.length > 0 && column({ name: t("others") }, others),
          )
        : h(
            "div",
            { class: "list" },
            data.bookings.length ? data.bookings.map((booking) => card(booking, true)) : h("p", { class: "muted empty" }, t("nothingBooked")),
          ),
    );
  }

  function viewSwitch() {
    const choice = (value, label) =>
      h("button", { type: "button", class: "toggle", "aria-pressed": String(mode === value), onclick: () => {
        mode = value;
        localStorage.setItem("staff.view", value);
        render();
      } }, label);
    return h("div", { class: "view-switch", role: "group", "aria-label": t("view") }, choice("list", t("viewList")), choice("calendar", t("viewCalendar")));
  }

  /** The shared calendar grid of the day, filled in once staffCalendar answers. */
  function calendarOf(data) {
    // The grid shown so far stays until the fresh one is in: no blank flash every poll.
    const holder = h("div", { class: "calendar-holder", "aria-busy": "true" }, lastGrid?.date === data.date ? lastGrid.element : null);
    renderDayCalendar(app, data, (booking) => card(booking, true), () => load().catch((error) => toast(error.message)))
      .then((grid) => {
        if (current !== data) return;
        holder.replaceChildren(grid);
        lastGrid = { date: data.date, element: grid };
      })
      .catch((error) => holder.replaceChildren(h("p", { class: "error" }, error.status === "UNAVAILABLE" ? t("network") : error.message)))
      .finally(() => holder.removeAttribute("aria-busy"));
    return holder;
  }

  /** Forget the day's bookings: nothing of one session outlives it. */
  function stop() {
    if (shown === render) shown = null;
    current = null;
    lastGrid = null;
  }

  /** Draw the day again (the POS setup arrived after it). */
  const redraw = () => current && render();

  return { load, stop, redraw };
}
