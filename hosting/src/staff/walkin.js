// A walk-in in one go: service, who, time (now by default), and the client's
// details if they give them. Made at once; when the staff member's time is
// taken, the desk picks another time. With an e-mail address the client gets
// the confirmation e-mail, as an online booking does.
import { h, replace } from "../shared/dom.js";
import { nextStep } from "./format.js";
import { t } from "./lang.js";
import { toast } from "./toast.js";

// The server's own checks (api/schemas.py), so a typo is caught next to its field.
const EMAIL = /^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$/;
const PHONE = /^\+?[0-9 ()./-]{6,32}$/;

/** `preset` (a free slot tapped on the calendar) may choose the staff
 * member, the service and the time. */
export function openWalkIn(app, agenda, done, preset = {}) {
  const dialog = h("dialog", { class: "walkin", "aria-labelledby": "walkin-title" });
  const offers = (member, serviceId) => member.serviceIds.includes(serviceId);
  const me = agenda.staff.find((member) => member.id === agenda.me.id);
  // The signed-in member's own first service, else the first anyone here offers.
  let serviceId = (
    (me && agenda.services.find((service) => offers(me, service.id))) ||
    agenda.services.find((service) => agenda.staff.some((member) => offers(member, service.id)))
  )?.id;
  if (preset.serviceId && agenda.services.some((service) => service.id === preset.serviceId)) serviceId = preset.serviceId;
  let picked = preset.staffId || null;
  const staffSelect = h("select", { id: "walkin-staff", name: "staffId", onchange: () => (picked = staffSelect.value) });
  const time = h("input", {
    id: "walkin-time",
    type: "time",
    step: "300",
    required: true,
    value: preset.time || (agenda.date === agenda.today ? nextStep(agenda.now) : "09:00"),
  });
  const field = (id, props) => h("input", { id, autocomplete: "off", ...props });
  const name = field("walkin-name", { type: "text", maxlength: "100", placeholder: t("walkIn") });
  const phone = field("walkin-phone", { type: "tel", maxlength: "32", "aria-describedby": "walkin-phone-error" });
  const email = field("walkin-email", { type: "email", maxlength: "254", "aria-describedby": "walkin-email-hint walkin-email-error" });
  const notes = h("textarea", { id: "walkin-notes", rows: "2", maxlength: "2000" });
  const phoneError = h("p", { id: "walkin-phone-error", class: "error field-error" });
  const emailError = h("p", { id: "walkin-email-error", class: "error field-error" });
  const message = h("p", { class: "error", role: "alert" });
  const create = h("button", { type: "submit", class: "primary" }, t("createWalkIn"));
  const services = h("div", { class: "choices", role: "radiogroup", "aria-label": t("service") });

  function fillStaff() {
    const able = agenda.staff.filter((member) => offers(member, serviceId));
    // Whoever the desk picked, else the signed-in staff member, else the first who can.
    const chosen = [picked, me && me.id, able[0]?.id].find((id) => id && able.some((member) => member.id === id));
    replace(staffSelect, able.map((member) => h("option", { value: member.id }, member.name)));
    if (chosen) staffSelect.value = chosen;
    create.disabled = able.length === 0;
    message.textContent = able.length ? "" : t("nobodyOffers");
  }

  function paintServices() {
    replace(
      services,
      agenda.services.map((service) =>
        h(
          "button",
          {
            type: "button",
            role: "radio",
            "aria-checked": String(service.id === serviceId),
            class: "choice",
            onclick: () => {
              serviceId = service.id;
              paintServices();
              fillStaff();
            },
          },
          service.name,
          h("small", {}, t("minutes", { minutes: service.durationMinutes })),
        ),
      ),
    );
  }

  /** Marks a field wrong (or right again) next to it; true when it is fine. */
  function check(input, box, ok, problem) {
    box.textContent = ok ? "" : problem;
    input.setAttribute("aria-invalid", String(!ok));
    return ok;
  }

  function valid() {
    const phoneOk = check(phone, phoneError, !phone.value.trim() || PHONE.test(phone.value.trim()), t("badPhone"));
    const emailOk = check(email, emailError, !email.value.trim() || EMAIL.test(email.value.trim()), t("badEmail"));
    if (!phoneOk) phone.focus();
    else if (!emailOk) email.focus();
    return phoneOk && emailOk;
  }

  const form = h(
    "form",
    {
      method: "dialog",
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        message.textContent = "";
        if (!valid()) return;
        create.disabled = true;
        const data = { serviceId, staffId: staffSelect.value, date: agenda.date, time: time.value };
        if (agenda.branch) data.branchId = agenda.branch.id;
        for (const [key, input] of [["name", name], ["phone", phone], ["email", email], ["notes", notes]]) {
          if (input.value.trim()) data[key] = input.value.trim();
        }
        try {
          const booking = await app.call("staffCreateWalkIn", data);
          dialog.close();
          toast(t("walkInBooked", { time: booking.time, service: booking.service.name, staff: booking.staffName }));
          done();
        } catch (error) {
          create.disabled = false;
          if (error.status === "ALREADY_EXISTS") {
            message.textContent = t("walkInTaken", { staff: staffSelect.selectedOptions[0]?.textContent || "" });
            time.focus();
          } else if (error.status === "INVALID_ARGUMENT" && /^email\b/.test(error.message)) {
            check(email, emailError, false, t("badEmail"));
            email.focus();
          } else if (error.status === "INVALID_ARGUMENT" && /^phone\b/.test(error.message)) {
            check(phone, phoneError, false, t("badPhone"));
            phone.focus();
          } else {
            message.textContent = error.status === "UNAVAILABLE" ? t("network") : error.message;
          }
        }
      },
    },
    h("h2", { id: "walkin-title" }, t("walkIn")),
    h("p", { class: "label" }, t("service")),
    services,
    h("div", { class: "row" },
      h("div", {}, h("label", { for: "walkin-staff" }, t("with")), staffSelect),
      h("div", {}, h("label", { for: "walkin-time" }, t("time")), time),
    ),
    h("div", { class: "row" },
      h("div", {}, h("label", { for: "walkin-name" }, t("nameOptional")), name),
      h("div", {}, h("label", { for: "walkin-phone" }, t("phoneOptional")), phone, phoneError),
    ),
    h("div", {},
      h("label", { for: "walkin-email" }, t("emailOptional")),
      email,
      h("p", { id: "walkin-email-hint", class: "hint" }, t("emailHint")),
      emailError,
    ),
    h("div", {}, h("label", { for: "walkin-notes" }, t("notesOptional")), notes),
    message,
    h("div", { class: "buttons" }, h("button", { type: "button", class: "link", onclick: () => dialog.close() }, t("close")), create),
  );
  dialog.append(form);
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  paintServices();
  fillStaff();
  dialog.showModal();
}
