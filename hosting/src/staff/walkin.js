// A walk-in in one go: service, who, time (now by default). Made at once;
// when the staff member's time is taken, the desk picks another time.
import { h, replace } from "../shared/dom.js";
import { nextStep } from "./format.js";
import { toast } from "./toast.js";

export function openWalkIn(app, agenda, done) {
  const dialog = h("dialog", { class: "walkin", "aria-labelledby": "walkin-title" });
  const offers = (member, serviceId) => member.serviceIds.includes(serviceId);
  let serviceId = agenda.services.find((service) => agenda.staff.some((member) => offers(member, service.id)))?.id;
  let picked = null;
  const staffSelect = h("select", { id: "walkin-staff", name: "staffId", onchange: () => (picked = staffSelect.value) });
  const time = h("input", {
    id: "walkin-time",
    type: "time",
    step: "300",
    required: true,
    value: agenda.date === agenda.today ? nextStep(agenda.now) : "09:00",
  });
  const name = h("input", { id: "walkin-name", type: "text", maxlength: "100", autocomplete: "off", placeholder: "Walk-in" });
  const phone = h("input", { id: "walkin-phone", type: "tel", maxlength: "32", autocomplete: "off" });
  const message = h("p", { class: "error", role: "alert" });
  const create = h("button", { type: "submit", class: "primary" }, "Create walk-in");
  const services = h("div", { class: "choices", role: "radiogroup", "aria-label": "Service" });

  function fillStaff() {
    const me = agenda.staff.find((member) => member.id === agenda.me.id);
    const able = agenda.staff.filter((member) => offers(member, serviceId));
    // Whoever the desk picked, else the signed-in staff member, else the first who can.
    const chosen = [picked, me && me.id, able[0]?.id].find((id) => id && able.some((member) => member.id === id));
    replace(staffSelect, able.map((member) => h("option", { value: member.id }, member.name)));
    if (chosen) staffSelect.value = chosen;
    create.disabled = able.length === 0;
    message.textContent = able.length ? "" : "Nobody here offers this service.";
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
          h("small", {}, `${service.durationMinutes} min`),
        ),
      ),
    );
  }

  const form = h(
    "form",
    {
      method: "dialog",
      onsubmit: async (event) => {
        event.preventDefault();
        create.disabled = true;
        message.textContent = "";
        const data = { serviceId, staffId: staffSelect.value, date: agenda.date, time: time.value };
        if (agenda.branch) data.branchId = agenda.branch.id;
        if (name.value.trim()) data.name = name.value.trim();
        if (phone.value.trim()) data.phone = phone.value.trim();
        try {
          const booking = await app.call("staffCreateWalkIn", data);
          dialog.close();
          toast(`Walk-in booked: ${booking.time} ${booking.service.name} with ${booking.staffName}`);
          done();
        } catch (error) {
          message.textContent =
            error.status === "ALREADY_EXISTS" ? `${error.message}. Choose another time or someone else.` : error.message;
          create.disabled = false;
          if (error.status === "ALREADY_EXISTS") time.focus();
        }
      },
    },
    h("h2", { id: "walkin-title" }, "Walk-in"),
    h("p", { class: "label" }, "Service"),
    services,
    h("div", { class: "row" },
      h("div", {}, h("label", { for: "walkin-staff" }, "With"), staffSelect),
      h("div", {}, h("label", { for: "walkin-time" }, "Time"), time),
    ),
    h("div", { class: "row" },
      h("div", {}, h("label", { for: "walkin-name" }, "Name (optional)"), name),
      h("div", {}, h("label", { for: "walkin-phone" }, "Phone (optional)"), phone),
    ),
    message,
    h("div", { class: "buttons" }, h("button", { type: "button", class: "link", onclick: () => dialog.close() }, "Close"), create),
  );
  dialog.append(form);
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  paintServices();
  fillStaff();
  dialog.showModal();
}
