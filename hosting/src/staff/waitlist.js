// "View waitlist": who waits for a time on the agenda's day at this branch,
// first in line first, and (manual mode, or whenever the desk sees fit)
// offering a freed time to one of them: the client gets the offer by e-mail
// and the time is held for them (docs/waitlist.md).
import { h, replace } from "../shared/dom.js";
import { clock } from "./format.js";
import { longDate, t } from "./lang.js";
import { toast } from "./toast.js";

export function openWaitlist(app, agenda, done) {
  const dialog = h("dialog", { class: "walkin waitlist", "aria-labelledby": "waitlist-title" });
  const list = h("div", { class: "waitlist-list", "aria-live": "polite" }, h("p", { class: "muted" }, t("loading")));
  const message = h("p", { class: "error", role: "alert" });

  function offerForm(entry) {
    const able = agenda.staff.filter((member) => member.serviceIds.includes(entry.service.id));
    const staffSelect = h("select", { id: `offer-staff-${entry.entryId}` }, able.map((member) => h("option", { value: member.id }, member.name)));
    if (entry.staffId) staffSelect.value = entry.staffId;
    const time = h("input", { id: `offer-time-${entry.entryId}`, type: "time", step: "300", required: true, value: "09:00" });
    const send = h("button", { type: "submit", class: "primary" }, t("offerTime"));
    return h(
      "form",
      {
        class: "offer-form",
        onsubmit: async (event) => {
          event.preventDefault();
          message.textContent = "";
          send.disabled = true;
          try {
            const data = { entryId: entry.entryId, date: agenda.date, time: time.value };
            if (staffSelect.value) data.staffId = staffSelect.value;
            await app.call("staffOfferWaitlist", data);
            toast(t("offerSent", { name: entry.customer.name, time: time.value }));
            await load();
            done();
          } catch (error) {
            send.disabled = false;
            message.textContent = error.status === "UNAVAILABLE" ? t("network") : error.message;
          }
        },
      },
      h("div", { class: "row" },
        able.length > 0 && h("div", {}, h("label", { for: staffSelect.id }, t("with")), staffSelect),
        h("div", {}, h("label", { for: time.id }, t("time")), time),
      ),
      send,
    );
  }

  function row(entry) {
    const offer = entry.offer;
    return h(
      "article",
      { class: "waitlist-entry", "data-entry": entry.entryId },
      h("p", { class: "customer" }, `${entry.position}. ${entry.customer.name}`),
      h("p", { class: "service" }, entry.service.name, entry.staffName ? ` · ${entry.staffName}` : "", ` · ${entry.parts.map((part) => t(`part_${part}`)).join(", ")}`),
      (entry.customer.phone || entry.customer.email) &&
        h("p", { class: "contact" },
          entry.customer.phone && h("a", { href: `tel:${entry.customer.phone}` }, entry.customer.phone),
          entry.customer.email && h("a", { href: `mailto:${entry.customer.email}` }, entry.customer.email)),
      offer
        ? h("p", { class: "badge badge-pending" }, t("offered", { time: `${clock(offer.start)}–${clock(offer.end)}`, until: clock(offer.holdExpiresAt) }))
        : offerForm(entry),
    );
  }

  async function load() {
    try {
      const data = await app.call("staffWaitlist", { date: agenda.date, ...(agenda.branch && { branchId: agenda.branch.id }) });
      replace(list, data.entries.length ? data.entries.map(row) : h("p", { class: "muted empty" }, t("waitlistEmpty")));
    } catch (error) {
      replace(list, h("p", { class: "error" }, error.status === "UNAVAILABLE" ? t("network") : error.message));
    }
  }

  dialog.append(
    h("h2", { id: "waitlist-title" }, t("waitlistTitle", { date: longDate(agenda.date) })),
    h("p", { class: "hint" }, t("waitlistHint")),
    list,
    message,
    h("div", { class: "buttons" }, h("button", { type: "button", class: "link", onclick: () => dialog.close() }, t("close"))),
  );
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  load();
}
