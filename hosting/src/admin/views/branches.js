// Booking → Branches: locations with their address and the per-branch rules
// that no-shows, the waitlist, client confirmation and reminders follow.
import { h } from "../../shared/dom.js";
import { checkbox, field, form, saving, select } from "../dom.js";
import { timeZones } from "../format.js";
import { t } from "../i18n.js";
import { confirmStep, listTable } from "./common.js";
import { rulesEditor, withDefaultRules } from "./rules.js";

export function renderBranches(app, [id]) {
  if (id) return branchForm(app, id === "new" ? null : app.data.branches.find((b) => b.id === id));
  const count = app.data.branches.length;
  return h(
    "div",
    { class: "page" },
    h("div", { class: "page-head" }, h("h1", {}, t("Branches")), h("a", { class: "button primary", href: "#/branches/new" }, t("New branch"))),
    h(
      "p",
      { class: "hint" },
      count === 0
        ? t("No branches: the site works as one location with the site-wide hours. Add a branch when you have several locations.")
        : count === 1
          ? t("One branch: it is used for every booking automatically.")
          : t("Visitors choose a branch first."),
    ),
    listTable(
      t("Branches"),
      [t("Name"), t("Address"), t("Phone"), t("Status")],
      app.data.branches.map((branch) => [
        h("a", { href: `#/branches/${encodeURIComponent(branch.id)}` }, branch.name),
        [branch.address, branch.city].filter(Boolean).join(", ") || "—",
        branch.phone || "—",
        branch.active ? t("Active") : t("Inactive"),
      ]),
      t("No branches yet."),
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
  const zone = select([["", t("Same as the site ({zone})", { zone: app.site.timezone })], ...timeZones(branch.timezone).map((z) => [z, z])], branch.timezone || "");
  const active = checkbox(t("Active (offered in the widget)"), branch.active);

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
        app.announce(result.staffMoved ? t("Branch saved; {n} staff members now work there", { n: result.staffMoved }) : t("Branch saved"));
        app.go("branches");
      }),
    field(t("Name"), name, { path: "branch.name" }),
    field(t("Address"), address, { path: "branch.address" }),
    field(t("City"), city, { path: "branch.city" }),
    field(t("Phone"), phone, { path: "branch.phone" }),
    field(t("Time zone"), zone, { path: "branch.timezone" }),
    active.wrap,
    h("h2", {}, t("Rules for this branch")),
    rules.element,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button primary" }, t("Save branch")),
      existing ? h("a", { class: "button", href: `#/availability/branch/${encodeURIComponent(branch.id)}` }, t("Opening hours")) : null,
      h("a", { class: "button subtle", href: "#/branches" }, t("Back to branches")),
    ),
  );
  const remove = existing
    ? confirmStep(app, {
        label: t("Delete branch"),
        question: t("Delete {name}? A branch with staff or future bookings can only be deactivated.", { name: branch.name }),
        confirm: t("Yes, delete"),
        run: async () => {
          await app.call("adminDeleteBranch", { branchId: branch.id });
          await app.reload();
          app.announce(t("{name} deleted", { name: branch.name }));
          app.go("branches");
        },
      })
    : null;
  return h("div", { class: "page" }, h("h1", {}, existing ? t("Edit {name}", { name: branch.name }) : t("New branch")), h("section", { class: "card" }, editor), remove);
}
