// Booking → Waitlist: who waits at a branch (the site, without branches),
// first in line first, filtered by status, day and service; and offering a
// time to a chosen entry by hand (manual mode, or whenever the admin sees
// fit): the client gets the offer by e-mail and the time is held for them.
// The filters live in the address (#/waitlist?branchId=…&status=…).
import { h } from "../../shared/dom.js";
import { field, form, saving, select } from "../dom.js";
import { t } from "../i18n.js";
import { listTable } from "./common.js";

const TEXT = {
  title: t("Waitlist"),
  branch: t("Branch"),
  status: t("Status"),
  day: t("Waiting for a time on"),
  service: t("Service"),
  allServices: t("All services"),
  show: t("Show the waitlist"),
  statuses: [
    ["open", t("Waiting or offered")],
    ["waiting", t("Waiting")],
    ["offered", t("Offered a time")],
    ["booked", t("Booked from the list")],
    ["left", t("Left the list")],
  ],
  columns: { place: t("Place"), customer: t("Customer"), service: t("Service"), wish: t("Wants"), status: t("Status") },
  parts: { morning: t("mornings"), afternoon: t("afternoons"), evening: t("evenings") },
  anyone: t("anyone"),
  none: t("Nobody on the waitlist matches these filters."),
  offered: (time, until) => t("Offered {time}, held until {until}", { time, until }),
  offerTitle: t("Offer a time"),
  offerHint: t("The client gets the offer by e-mail; the time is held for them until it is answered or lapses."),
  entry: t("Client"),
  staff: t("Staff member"),
  date: t("Date"),
  time: t("Time"),
  offer: t("Send the offer"),
  offerSent: (name) => t("Offer sent to {name}.", { name }),
  nobodyWaiting: t("Nobody is waiting for an offer."),
  off: t("The waitlist is switched off for this branch: visitors can't join it. Switch it on under Branches."),
};

const FILTERS = ["branchId", "status", "date", "serviceId"];
const clock = (iso) => iso.slice(11, 16);
const day = (iso) => iso.slice(0, 10);

function wish(entry) {
  const dates = entry.from === entry.to ? entry.from : `${entry.from} – ${entry.to}`;
  const parts = entry.parts.length === 3 ? "" : `, ${entry.parts.map((part) => TEXT.parts[part]).join(", ")}`;
  return `${dates}${parts} · ${entry.staffName || TEXT.anyone}`;
}

function statusCell(entry) {
  const label = TEXT.statuses.find(([value]) => value === entry.status)?.[1] || entry.status;
  const offer = entry.offer;
  return h("span", {}, h("span", { class: `status status-${entry.status}` }, label),
    offer && h("br"), offer && h("span", { class: "muted" }, TEXT.offered(`${day(offer.start)} ${clock(offer.start)}`, clock(offer.holdExpiresAt))));
}

export async function renderWaitlist(app, _parts, query = new URLSearchParams()) {
  const { branches, services, staff } = app.data;
  const filters = Object.fromEntries(FILTERS.map((key) => [key, query.get(key) || ""]));
  if (!filters.branchId && branches.length) filters.branchId = branches[0].id;
  const branch = branches.length > 1 ? select(branches.map((b) => [b.id, b.name]), filters.branchId) : null;
  const status = select(TEXT.statuses, filters.status || "open");
  const date = h("input", { type: "date", value: filters.date });
  const service = select([["", TEXT.allServices], ...services.map((s) => [s.id, s.name])], filters.serviceId);
  const request = { status: filters.status || "open" };
  for (const key of ["branchId", "date", "serviceId"]) if (filters[key]) request[key] = filters[key];
  const [listed, waiting] = await Promise.all([
    app.call("adminListWaitlist", request),
    app.call("adminListWaitlist", { status: "waiting", ...(filters.branchId && { branchId: filters.branchId }) }),
  ]);
  const chosen = branches.find((b) => b.id === filters.branchId);
  const switchedOff = chosen && chosen.settings && chosen.settings.waitlist && !chosen.settings.waitlist.enabled;

  const filterForm = form(
    () =>
      saving(filterForm, async () => {
        const next = new URLSearchParams();
        const values = { branchId: branch ? branch.value : filters.branchId, status: status.value, date: date.value, serviceId: service.value };
        for (const [key, value] of Object.entries(values)) if (value) next.set(key, value);
        app.go(`waitlist?${next}`);
      }),
    h("div", { class: "filters" },
      branch && field(TEXT.branch, branch),
      field(TEXT.status, status),
      field(TEXT.day, date),
      field(TEXT.service, service),
    ),
    h("button", { type: "submit", class: "button primary" }, TEXT.show),
  );

  const offerFormPart = () => {
    if (!waiting.entries.length) return h("p", { class: "hint" }, TEXT.nobodyWaiting);
    const entry = select(waiting.entries.map((e) => [e.entryId, `${e.customer.name} · ${e.service.name}`]), waiting.entries[0].entryId);
    const member = select([["", TEXT.anyone], ...staff.map((s) => [s.id, s.name])], "");
    const offerDate = h("input", { type: "date", required: true, value: filters.date || waiting.entries[0].from });
    const offerTime = h("input", { type: "time", required: true, step: "300", value: "09:00" });
    const status = h("p", { role: "status", class: "hint" });
    const offerForm = form(
      () =>
        saving(offerForm, async () => {
          const data = { entryId: entry.value, date: offerDate.value, time: offerTime.value };
          if (member.value) data.staffId = member.value;
          await app.call("adminOfferWaitlist", data);
          status.textContent = TEXT.offerSent(entry.selectedOptions[0].textContent);
          setTimeout(() => app.go(`waitlist?${query}`), 800);
        }),
      h("div", { class: "filters" },
        field(TEXT.entry, entry),
        field(TEXT.staff, member),
        field(TEXT.date, offerDate),
        field(TEXT.time, offerTime),
      ),
      h("button", { type: "submit", class: "button primary" }, TEXT.offer),
      status,
    );
    return offerForm;
  };

  return h("section", {},
    h("h1", {}, TEXT.title),
    switchedOff && h("p", { class: "hint" }, TEXT.off),
    filterForm,
    h("div", { class: "results" }, listTable(
      TEXT.title,
      [TEXT.columns.place, TEXT.columns.customer, TEXT.columns.service, TEXT.columns.wish, TEXT.columns.status],
      listed.entries.map((e) => [
        String(e.position),
        h("span", {}, e.customer.name, h("br"), h("span", { class: "muted" }, e.customer.email)),
        e.service.name,
        wish(e),
        statusCell(e),
      ]),
      TEXT.none,
    )),
    h("h2", {}, TEXT.offerTitle),
    h("p", { class: "hint" }, TEXT.offerHint),
    offerFormPart(),
  );
}
