// Booking → Branches: locations with their address and the per-branch rules
// that no-shows, the waitlist, client confirmation and reminders follow.
import { h } from "../../shared/dom.js";
import { checkbox, field, form, saving, select } from "../dom.js";
import { timeZones } from "../format.js";
import { confirmStep, listTable } from "./common.js";
import { rulesEditor, withDefaultRules } from "./rules.js";

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

function branchForm(app, branch) {
  const existing = !!branch;
  // A new branch starts from the site's own rules.
  branch ||= { name: "", address: "", city: "", phone: "", active: true, settings: withDefaultRules(app.site.settings) };
  const rules = rulesEditor(branch.settings, "branch.settings");
  const name = h("input", { type: "text", value: branch.name, maxlength: 100, required: true });
  const address = h("input", { type: "text", value: branch.address, maxlength: 200, autocomplete: "street-address" });
  const city = h("input", { type: "text", value: branch.city, maxlength: 100 });
  const phone = h("input", { type: "tel", value: branch.phone, maxlength: 32 });
  const zone = select([["", `Same as the site (${app.site.timezone})`], ...timeZones(branch.timezone).map((z) => [z, z])], branch.timezone || "");
  const active = checkbox("Active (offered in the widget)", branch.active);

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
            settings: rules.value(),
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
    rules.element,
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
