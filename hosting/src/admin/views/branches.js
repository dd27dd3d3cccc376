// Booking → Branches: locations with their address and the per-branch rules
// that no-shows, the waitlist, client confirmation and reminders follow.
import { h } from "../../shared/dom.js";
import { checkbox, field, form, saving, select } from "../dom.js";
import { timeZones } from "../format.js";
import { confirmStep, listTable } from "./common.js";

const DEFAULT_SETTINGS = {
  noShow: { automatic: false, timerMinutes: 15 },
  waitlist: { enabled: false, mode: "manual", offerExpiryHours: 2 },
  clientConfirmation: { required: false, expiryHours: 2 },
  reminders: { enabled: true, leadHours: 24, oneHour: false },
};

export function renderBranches(app, [id]) {
  if (id) return branchForm(app, id === "new" ? null : app.data.branches.find((b) => b.id === id));
  const count = app.data.branches.length;
  return h(
    "div",
    { class: "page" },
    h("div", { class: "page-head" }, h("h1", {}, "Branches"), h("a", { class: "button primary", href: "#/branches/new" }, "New branch")),
    h(
      "p",
      { class: "hint" },
      count === 0
        ? "No branches: the site works as one location with the site-wide hours. Add a branch when you have several locations."
        : count === 1
          ? "One branch: it is used for every booking automatically."
          : "Visitors choose a branch first.",
    ),
    listTable(
      "Branches",
      ["Name", "Address", "Phone", "Status"],
      app.data.branches.map((branch) => [
        h("a", { href: `#/branches/${encodeURIComponent(branch.id)}` }, branch.name),
        [branch.address, branch.city].filter(Boolean).join(", ") || "—",
        branch.phone || "—",
        branch.active ? "Active" : "Inactive",
      ]),
      "No branches yet.",
    ),
  );
}

function number(value, min, max, step = 1) {
  return h("input", { type: "number", value, min, max, step, inputmode: "numeric" });
}

function branchForm(app, branch) {
  const existing = !!branch;
  branch ||= { name: "", address: "", city: "", phone: "", active: true, settings: DEFAULT_SETTINGS };
  const s = { ...DEFAULT_SETTINGS, ...branch.settings };
  const base = "branch.settings";
  const name = h("input", { type: "text", value: branch.name, maxlength: 100, required: true });
  const address = h("input", { type: "text", value: branch.address, maxlength: 200, autocomplete: "street-address" });
  const city = h("input", { type: "text", value: branch.city, maxlength: 100 });
  const phone = h("input", { type: "tel", value: branch.phone, maxlength: 32 });
  const zone = select([["", `Same as the site (${app.site.timezone})`], ...timeZones(branch.timezone).map((z) => [z, z])], branch.timezone || "");
  const active = checkbox("Active (offered in the widget)", branch.active);
  const noShowAuto = checkbox("Mark no-shows automatically", s.noShow.automatic);
  const noShowMinutes = number(s.noShow.timerMinutes, 5, 240, 5);
  const waitOn = checkbox("Keep a waitlist for full days", s.waitlist.enabled);
  const waitMode = select([["automatic", "Automatic: offer a freed slot to the next client"], ["manual", "Manual: staff decide"]], s.waitlist.mode);
  const waitExpiry = number(s.waitlist.offerExpiryHours, 1, 72);
  const confirmOn = checkbox("Clients confirm their booking by e-mail", s.clientConfirmation.required);
  const confirmExpiry = select([1, 2, 4, 12, 24].map((n) => [n, `${n} h`]), s.clientConfirmation.expiryHours);
  const remindOn = checkbox("Send reminders", s.reminders.enabled);
  const remindLead = number(s.reminders.leadHours, 2, 168);
  const remindHour = checkbox("Also one hour before", s.reminders.oneHour);

  const editor = form(
    () =>
      saving(editor, async () => {
        const result = await app.call("adminSaveBranch", {
          branch: {
            ...(existing ? { id: branch.id } : {}),
            name: name.value,
            address: address.value,
            city: city.value,
            phone: phone.value,
            active: active.control.checked,
            timezone: zone.value || null,
            settings: {
              noShow: { automatic: noShowAuto.control.checked, timerMinutes: Number(noShowMinutes.value) },
              waitlist: { enabled: waitOn.control.checked, mode: waitMode.value, offerExpiryHours: Number(waitExpiry.value) },
              clientConfirmation: { required: confirmOn.control.checked, expiryHours: Number(confirmExpiry.value) },
              reminders: { enabled: remindOn.control.checked, leadHours: Number(remindLead.value), oneHour: remindHour.control.checked },
            },
          },
        });
        await app.reload();
        app.announce(result.staffMoved ? `Branch saved; ${result.staffMoved} staff members now work there` : "Branch saved");
        app.go("branches");
      }),
    field("Name", name, { path: "branch.name" }),
    field("Address", address, { path: "branch.address" }),
    field("City", city, { path: "branch.city" }),
    field("Phone", phone, { path: "branch.phone" }),
    field("Time zone", zone, { path: "branch.timezone" }),
    active.wrap,
    h("h2", {}, "Rules for this branch"),
    h(
      "div",
      { class: "settings-grid" },
      h(
        "fieldset",
        { class: "group" },
        h("legend", {}, "No-shows"),
        noShowAuto.wrap,
        field("Minutes after the start", noShowMinutes, { path: `${base}.noShow.timerMinutes` }),
      ),
      h(
        "fieldset",
        { class: "group" },
        h("legend", {}, "Waitlist"),
        waitOn.wrap,
        field("Mode", waitMode, { path: `${base}.waitlist.mode` }),
        field("An offer expires after (hours)", waitExpiry, { path: `${base}.waitlist.offerExpiryHours` }),
      ),
      h(
        "fieldset",
        { class: "group" },
        h("legend", {}, "Client confirmation"),
        confirmOn.wrap,
        field("Unconfirmed bookings expire after", confirmExpiry, { path: `${base}.clientConfirmation.expiryHours` }),
      ),
      h(
        "fieldset",
        { class: "group" },
        h("legend", {}, "Reminders"),
        remindOn.wrap,
        field("Reminder (hours before)", remindLead, { path: `${base}.reminders.leadHours` }),
        remindHour.wrap,
      ),
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button primary" }, "Save branch"),
      existing ? h("a", { class: "button", href: `#/availability/branch/${encodeURIComponent(branch.id)}` }, "Opening hours") : null,
      h("a", { class: "button subtle", href: "#/branches" }, "Back to branches"),
    ),
  );
  const remove = existing
    ? confirmStep(app, {
        label: "Delete branch",
        question: `Delete ${branch.name}? A branch with staff or future bookings can only be deactivated.`,
        confirm: "Yes, delete",
        run: async () => {
          await app.call("adminDeleteBranch", { branchId: branch.id });
          await app.reload();
          app.announce(`${branch.name} deleted`);
          app.go("branches");
        },
      })
    : null;
  return h("div", { class: "page" }, h("h1", {}, existing ? `Edit ${branch.name}` : "New branch"), h("section", { class: "card" }, editor), remove);
}
