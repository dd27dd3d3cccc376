// Booking → Bookings: a filtered list paged on the server (a Firestore cursor
// per page, never an offset) and the full record of one booking, where an
// admin confirms or cancels it.
import { dayIn } from "../../shared/dates.js";
import { h } from "../../shared/dom.js";
import { button, field, form, saving, select } from "../dom.js";
import { STATUSES, dateTime, minutes, money, statusLabel } from "../format.js";
import { confirmStep, listTable, nameOf } from "./common.js";

const PAGE_SIZE = 25;
let remembered = null;
/** Filters and the cursors of the pages seen, kept while the admin opens a booking and comes back. */

function listState(app) {
  if (!remembered || remembered.siteId !== app.siteId) {
    remembered = {
      siteId: app.siteId,
      filters: { from: dayIn(app.site.timezone), to: "", status: "", branchId: "", staffId: "" },
      cursors: [null],
      page: 0,
    };
  }
  return remembered;
}

export async function renderBookings(app) {
  const state = listState(app);
  const { branches, staff } = app.data;
  const from = h("input", { type: "date", value: state.filters.from });
  const to = h("input", { type: "date", value: state.filters.to });
  const status = select([["", "All statuses"], ...STATUSES], state.filters.status);
  const branch = branches.length > 1 ? select([["", "All branches"], ...branches.map((b) => [b.id, b.name])], state.filters.branchId) : null;
  const member = staff.length ? select([["", "All staff"], ...staff.map((s) => [s.id, s.name])], state.filters.staffId) : null;
  const results = h("div", { class: "results" });
  const summary = h("p", { class: "hint", role: "status" });

  const load = async () => {
    const filters = state.filters;
    const query = { pageSize: PAGE_SIZE };
    for (const [key, value] of Object.entries(filters)) if (value) query[key] = value;
    const cursor = state.cursors[state.page];
    if (cursor) query.cursor = cursor;
    const page = await app.call("adminListBookings", query);
    state.cursors[state.page + 1] = page.nextCursor;
    const zone = app.site.timezone;
    results.replaceChildren(
      listTable(
        "Bookings",
        ["When", "Service", "Staff", "Customer", ...(branches.length > 1 ? ["Branch"] : []), "Status"],
        page.bookings.map((b) => [
          h("a", { href: `#/bookings/${encodeURIComponent(b.id)}` }, dateTime(b.start, b.timezone || zone)),
          b.serviceName,
          b.staffName || "—",
          h("span", {}, b.customer.name, h("br"), h("span", { class: "muted" }, b.customer.email)),
          ...(branches.length > 1 ? [nameOf(branches, b.branchId)] : []),
          h("span", { class: `status status-${b.status}` }, statusLabel(b.status)),
        ]),
        "No bookings match these filters.",
      ),
      h(
        "nav",
        { class: "pager", "aria-label": "Pages" },
        button("Previous page", () => move(-1), { disabled: state.page === 0 }),
        h("span", {}, `Page ${state.page + 1}`),
        button("Next page", () => move(1), { disabled: !page.nextCursor }),
      ),
    );
    summary.textContent = page.bookings.length
      ? `Page ${state.page + 1}: ${page.bookings.length} bookings, sorted by start.`
      : "No bookings match these filters.";
  };
  const move = async (step) => {
    state.page += step;
    await load();
    results.querySelector("table a, .empty")?.focus();
  };

  const filters = form(
    () =>
      saving(filters, async () => {
        state.filters = {
          from: from.value,
          to: to.value,
          status: status.value,
          branchId: branch ? branch.value : "",
          staffId: member ? member.value : "",
        };
        state.cursors = [null];
        state.page = 0;
        await load();
      }),
    h(
      "div",
      { class: "filters" },
      field("From", from, { path: "from" }),
      field("Until", to, { path: "to" }),
      field("Status", status, { path: "status" }),
      branch ? field("Branch", branch, { path: "branchId" }) : null,
      member ? field("Staff", member, { path: "staffId" }) : null,
      h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, "Show bookings")),
    ),
  );
  const page = h("div", { class: "page" }, h("h1", {}, "Bookings"), h("section", { class: "card" }, filters), summary, results);
  try {
    await load();
  } catch (error) {
    results.replaceChildren(h("p", { role: "alert" }, error.message));
  }
  return page;
}

function row(label, value) {
  return [h("dt", {}, label), h("dd", {}, value == null || value === "" ? "—" : value)];
}

export async function renderBooking(app, bookingId) {
  const booking = await app.call("adminGetBooking", { bookingId });
  const zone = booking.timezone || app.site.timezone;
  const currency = app.site.currency;
  const service = booking.service || {};
  const questions = app.data.services.find((s) => s.id === booking.serviceId)?.intakeQuestions || [];
  const answers = Object.entries(booking.answers || {});
  const terms = booking.terms || {};
  const history = booking.statusHistory || [];
  const actions = [];
  if (["pending", "pending_payment"].includes(booking.status)) {
    actions.push(
      confirmStep(app, {
        label: "Confirm booking",
        question: "Confirm this booking for the client?",
        confirm: "Yes, confirm",
        danger: false,
        run: () => change("confirm", "Booking confirmed"),
      }),
    );
  }
  if (["pending", "pending_payment", "confirmed"].includes(booking.status)) {
    actions.push(
      confirmStep(app, {
        label: "Cancel booking",
        question: "Cancel this booking? The time becomes free for others at once.",
        confirm: "Yes, cancel booking",
        run: () => change("cancel", "Booking cancelled"),
      }),
    );
  }
  async function change(action, message) {
    await app.call("adminChangeBookingStatus", { bookingId, action });
    app.announce(message);
    app.go(`bookings/${encodeURIComponent(bookingId)}`);
  }

  return h(
    "div",
    { class: "page" },
    h("p", {}, h("a", { href: "#/bookings" }, "← All bookings")),
    h("h1", {}, `${booking.customer?.name || "Booking"} — ${dateTime(booking.start, zone)}`),
    h("p", {}, h("span", { class: `status status-${booking.status}` }, statusLabel(booking.status))),
    actions.length ? h("section", { class: "card actions-card", "aria-label": "Actions" }, actions) : null,
    h(
      "div",
      { class: "columns" },
      h(
        "section",
        { class: "card" },
        h("h2", {}, "Appointment"),
        h(
          "dl",
          {},
          row("Starts", dateTime(booking.start, zone)),
          row("Ends", dateTime(booking.end, zone)),
          row("Time zone", zone),
          row("Service", service.name),
          row("Duration", service.durationMinutes ? minutes(service.durationMinutes) : null),
          row("Price", money(service.priceCents, currency)),
          row("Deposit", service.depositCents ? money(service.depositCents, currency) : "None"),
          row("Staff", booking.staffName),
          row("Branch", booking.branchId ? nameOf(app.data.branches, booking.branchId, booking.branchId) : null),
          row("Source", booking.source),
          row("Booked", dateTime(booking.createdAt, zone)),
        ),
      ),
      h(
        "section",
        { class: "card" },
        h("h2", {}, "Client"),
        h(
          "dl",
          {},
          row("Name", booking.customer?.name),
          row("E-mail", booking.customer?.email ? h("a", { href: `mailto:${booking.customer.email}` }, booking.customer.email) : null),
          row("Phone", booking.customer?.phone ? h("a", { href: `tel:${booking.customer.phone}` }, booking.customer.phone) : null),
          row("Notes", booking.notes),
          row("Marketing e-mails", booking.marketingOptIn ? "Yes, opted in" : "No"),
          row(
            "Terms",
            terms.accepted
              ? `Accepted version ${terms.version || "—"} on ${dateTime(terms.acceptedAt, zone)}${terms.url ? ` (${terms.url})` : ""}`
              : "Not accepted (not required)",
          ),
        ),
        h("h3", {}, "Intake answers"),
        answers.length
          ? h("dl", {}, answers.flatMap(([id, answer]) => row(questions.find((q) => q.id === id)?.label || id, answer)))
          : h("p", { class: "hint" }, "None"),
      ),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Status history"),
      listTable(
        "Status history",
        ["When", "By", "From", "To"],
        history.map((change) => [dateTime(change.at, zone), change.by, change.from ? statusLabel(change.from) : "—", statusLabel(change.to)]),
        "No changes recorded.",
      ),
    ),
  );
}
