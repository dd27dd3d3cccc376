// Booking → Bookings: a filtered list paged on the server (a Firestore cursor
// per page, never an offset). The filters live in the address
// (#/bookings?from=…&status=…), so reloading or going back keeps them. The
// full record of one booking is in booking_detail.js, the admin's own
// booking form in new_booking.js.
import { dayIn } from "../../shared/dates.js";
import { h } from "../../shared/dom.js";
import { FieldError, field, form, saving, select } from "../dom.js";
import { SOURCES, STATUSES, dateTime, sourceLabel, statusLabel } from "../format.js";
import { t } from "../i18n.js";
import { renderBookingDetail } from "./booking_detail.js";
import { listTable, nameOf } from "./common.js";
import { renderNewBooking } from "./new_booking.js";
import { pagedList, pagingFor } from "./paged_list.js";

/** Every text of this page, in one place for the translation. */
export const TEXT = {
  title: t("Bookings"),
  newBooking: t("New booking"),
  from: t("From"),
  until: t("Until"),
  status: t("Status"),
  source: t("Source"),
  branch: t("Branch"),
  staff: t("Staff"),
  allStatuses: t("All statuses"),
  allSources: t("All sources"),
  allBranches: t("All branches"),
  allStaff: t("All staff"),
  show: t("Show bookings"),
  // The problem the field_errors.js rule for "to" matches, not shown as such.
  untilBeforeFrom: "must not be before the From date",
  columns: {
    when: t("When"),
    service: t("Service"),
    staff: t("Staff member"),
    customer: t("Customer"),
    branch: t("Branch"),
    source: t("Source"),
    status: t("Status"),
  },
  none: t("No bookings match these filters."),
  summary: (n, count) =>
    count === 1 ? t("Page {n}: 1 booking, sorted by start.", { n }) : t("Page {n}: {count} bookings, sorted by start.", { n, count }),
  notes: t("Notes"),
  answers: t("Intake answers"),
  hasNotes: t("Has notes"),
  hasAnswers: t("Has intake answers"),
};

const PAGE_SIZE = 25;
const FILTERS = ["from", "to", "status", "source", "branchId", "staffId"];
/** The cursors of the pages seen for one site and set of filters (paged_list.js). */
let paging = null;

/** The filters the address names; a fresh visit starts at today. */
function filtersFrom(app, query) {
  const filters = Object.fromEntries(FILTERS.map((key) => [key, query.get(key) || ""]));
  if (!query.has("from")) filters.from = dayIn(app.site.timezone);
  return filters;
}

/** The address of the list with these filters ("from" is always written, so an emptied one stays empty). */
export function listAddress(filters) {
  const query = new URLSearchParams();
  for (const key of FILTERS) if (filters[key] || key === "from") query.set(key, filters[key] || "");
  return `bookings?${query}`;
}

export function renderBooking(app, bookingId, query) {
  // Opened from the Calendar, the way back leads there (`back`, an address of this app).
  const back = query?.get("back");
  return bookingId === "new" ? renderNewBooking(app, query) : renderBookingDetail(app, bookingId, back?.startsWith("calendar?") ? back : paging?.address);
}

export async function renderBookings(app, _parts, query = new URLSearchParams()) {
  const filters = filtersFrom(app, query);
  const address = listAddress(filters);
  paging = pagingFor(paging, app, address);
  const { branches, staff } = app.data;
  const from = h("input", { type: "date", value: filters.from });
  const to = h("input", { type: "date", value: filters.to });
  const status = select([["", TEXT.allStatuses], ...STATUSES], filters.status);
  const source = select([["", TEXT.allSources], ...SOURCES], filters.source);
  const branch = branches.length > 1 ? select([["", TEXT.allBranches], ...branches.map((b) => [b.id, b.name])], filters.branchId) : null;
  const member = staff.length ? select([["", TEXT.allStaff], ...staff.map((s) => [s.id, s.name])], filters.staffId) : null;
  const withBranch = branches.length > 1;

  const zone = app.site.timezone;
  const { results, summary, show } = pagedList("bookings", paging, {
    fetch: async (cursor) => {
      const request = { pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
      for (const [key, value] of Object.entries(filters)) if (value) request[key] = value;
      const page = await app.call("adminListBookings", request);
      return { rows: page.bookings, nextCursor: page.nextCursor };
    },
    table: (rows) =>
      listTable(
        TEXT.title,
        [TEXT.columns.when, TEXT.columns.service, TEXT.columns.staff, TEXT.columns.customer, ...(withBranch ? [TEXT.columns.branch] : []), TEXT.columns.source, TEXT.columns.status],
        rows.map((b) => [
          h("a", { href: `#/bookings/${encodeURIComponent(b.id)}` }, dateTime(b.start, b.timezone || zone)),
          b.serviceName,
          b.staffName || "—",
          h("span", {}, b.customer.name, markers(b), h("br"), h("span", { class: "muted" }, b.customer.email)),
          ...(withBranch ? [nameOf(branches, b.branchId)] : []),
          sourceLabel(b.source),
          h("span", { class: `status status-${b.status}` }, statusLabel(b.status)),
        ]),
        TEXT.none,
      ),
    text: TEXT,
  });

  const filterForm = form(
    () =>
      saving(filterForm, async () => {
        if (from.value && to.value && to.value < from.value) throw new FieldError("to", TEXT.untilBeforeFrom);
        paging = null; // "Show bookings" always starts at the first page
        app.go(
          listAddress({
            from: from.value,
            to: to.value,
            status: status.value,
            source: source.value,
            branchId: branch ? branch.value : "",
            staffId: member ? member.value : "",
          }),
        );
      }),
    h(
      "div",
      { class: "filters" },
      field(TEXT.from, from, { path: "from" }),
      field(TEXT.until, to, { path: "to" }),
      field(TEXT.status, status, { path: "status" }),
      field(TEXT.source, source, { path: "source" }),
      branch ? field(TEXT.branch, branch, { path: "branchId" }) : null,
      member ? field(TEXT.staff, member, { path: "staffId" }) : null,
      h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, TEXT.show)),
    ),
  );
  const page = h(
    "div",
    { class: "page" },
    h("div", { class: "page-head" }, h("h1", {}, TEXT.title), h("a", { class: "button primary", href: "#/bookings/new" }, TEXT.newBooking)),
    h("section", { class: "card" }, filterForm),
    summary,
    results,
  );
  await show();
  return page;
}

/** Small marks beside the client's name: the booking has notes, or intake answers. */
function markers(booking) {
  const marks = [];
  if (booking.hasNotes) marks.push(h("span", { class: "badge mark", title: TEXT.hasNotes }, TEXT.notes));
  if (booking.hasAnswers) marks.push(h("span", { class: "badge mark", title: TEXT.hasAnswers }, TEXT.answers));
  return marks.length ? h("span", { class: "marks" }, " ", marks) : null;
}
