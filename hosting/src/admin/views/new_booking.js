// Booking → Bookings → New booking: the admin books for a client on the
// phone or at the desk. The server checks the time with the same engine and
// locks as an online booking (beyond the public horizon and notice allowed,
// never over another booking) and says so when the time is taken.
import { dayIn } from "../../shared/dates.js";
import { h } from "../../shared/dom.js";
import { field, form, saving, select } from "../dom.js";
import { t } from "../i18n.js";

/** Every text of this page, in one place for the translation. */
export const TEXT = {
  title: t("New booking"),
  intro: t("For a client on the phone or at the desk. The booking is confirmed at once; with an e-mail address the client gets the confirmation."),
  service: t("Service"),
  branch: t("Branch"),
  staff: t("Staff member"),
  anyone: t("Anyone free"),
  date: t("Date"),
  time: t("Time"),
  timeHint: (zone) => t("In {zone}, on a 5-minute step. The public horizon and minimum notice don't apply here.", { zone }),
  name: t("Client's name"),
  email: t("E-mail (optional)"),
  phone: t("Phone (optional)"),
  notes: t("Notes (optional)"),
  save: t("Book"),
  back: t("Back to bookings"),
  made: (name) => t("Booking made for {name}", { name }),
};

/** Why the server refused the time (a SlotUnavailable, ALREADY_EXISTS), in
 * the admin's language: the server words these reasons in English only, so
 * its sentence is read for the reason and said again here. */
function refusedTime(error, staffName, serviceName) {
  if (/^That time is outside/.test(error.message)) {
    return staffName
      ? t("That time is outside {name}'s working hours", { name: staffName })
      : t("That time is outside the hours of {service}", { service: serviceName });
  }
  if (/a moment ago/.test(error.message)) return t("That time was booked by someone else a moment ago: choose another time");
  return staffName
    ? t("{name} already has a booking at that time", { name: staffName })
    : t("Everyone who offers {service} is booked at that time", { service: serviceName });
}

/** `query` may pre-fill the form: serviceId, branchId, staffId, date and time
 * (a free slot clicked on the Calendar), and the client's name, email and
 * phone ("Book for this client" on a customer's page). */
export function renderNewBooking(app, query = new URLSearchParams()) {
  const { services, branches, staff } = app.data;
  const active = branches.filter((b) => b.active);
  const service = select(services.filter((s) => s.active).map((s) => [s.id, s.name]), query.get("serviceId") || "");
  const branch = active.length > 1 ? select(active.map((b) => [b.id, b.name]), active.some((b) => b.id === query.get("branchId")) ? query.get("branchId") : active[0].id) : null;
  const member = h("select", {});
  const date = h("input", { type: "date", value: query.get("date") || dayIn(app.site.timezone), required: true });
  const time = h("input", { type: "time", step: 300, required: true, value: query.get("time") || null });
  const name = h("input", { type: "text", maxlength: 100, autocomplete: "off", required: true });
  const email = h("input", { type: "email", maxlength: 254, autocomplete: "off" });
  const phone = h("input", { type: "tel", maxlength: 32, autocomplete: "off" });
  const notes = h("textarea", { rows: 3, maxlength: 2000 });
  name.value = query.get("name") || "";
  email.value = query.get("email") || "";
  phone.value = query.get("phone") || "";
  const branchId = () => (branch ? branch.value : active[0]?.id || null);
  const zone = () => active.find((b) => b.id === branchId())?.timezone || app.site.timezone;

  const timeHint = h("p", { class: "hint", id: "new-booking-time-hint" }, TEXT.timeHint(zone()));
  date.setAttribute("aria-describedby", timeHint.id);
  time.setAttribute("aria-describedby", timeHint.id);

  /** Only who offers the chosen service at the chosen branch. */
  const fillStaff = () => {
    const chosen = member.value;
    const offering = staff.filter(
      (s) => s.active && s.serviceIds.includes(service.value) && (!s.branchId || !branchId() || s.branchId === branchId()),
    );
    member.replaceChildren(...[["", TEXT.anyone], ...offering.map((s) => [s.id, s.name])].map(([value, label]) => h("option", { value }, label)));
    member.value = offering.some((s) => s.id === chosen) ? chosen : "";
  };
  service.addEventListener("change", fillStaff);
  branch?.addEventListener("change", fillStaff);
  fillStaff();
  if (query.get("staffId") && [...member.options].some((o) => o.value === query.get("staffId"))) member.value = query.get("staffId");

  const editor = form(
    () =>
      saving(editor, async () => {
        const made = await app.call("adminCreateBooking", {
          serviceId: service.value,
          ...(branchId() ? { branchId: branchId() } : {}),
          ...(member.value ? { staffId: member.value } : {}),
          date: date.value,
          time: time.value,
          name: name.value,
          ...(email.value.trim() ? { email: email.value } : {}),
          ...(phone.value.trim() ? { phone: phone.value } : {}),
          ...(notes.value.trim() ? { notes: notes.value } : {}),
        }).catch((error) => {
          if (error.status !== "ALREADY_EXISTS") throw error;
          const chosen = (control) => (control?.value ? control.selectedOptions[0]?.textContent : null);
          throw new Error(refusedTime(error, chosen(member), chosen(service)));
        });
        app.announce(TEXT.made(made.customer.name));
        app.go(`bookings/${encodeURIComponent(made.id)}`);
      }),
    h("p", { class: "hint" }, TEXT.intro),
    field(TEXT.service, service, { path: "serviceId" }),
    branch ? field(TEXT.branch, branch, { path: "branchId" }) : null,
    staff.length ? field(TEXT.staff, member, { path: "staffId" }) : null,
    h("div", { class: "filters" }, field(TEXT.date, date, { path: "date" }), field(TEXT.time, time, { path: "time" })),
    timeHint,
    field(TEXT.name, name, { path: "name" }),
    field(TEXT.email, email, { path: "email" }),
    field(TEXT.phone, phone, { path: "phone" }),
    field(TEXT.notes, notes, { path: "notes" }),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button primary" }, TEXT.save),
      h("a", { class: "button subtle", href: "#/bookings" }, TEXT.back),
    ),
  );
  editor.dataset.fields = "booking"; // its field errors read from the "booking." sentences
  return h("div", { class: "page" }, h("h1", {}, TEXT.title), h("section", { class: "card" }, editor));
}
