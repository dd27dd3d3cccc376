// Booking → Staff: who works where and which services they give.
import { h } from "../../shared/dom.js";
import { checkbox, field, form, saving, select } from "../dom.js";
import { t } from "../i18n.js";
import { confirmStep, listTable, nameOf } from "./common.js";

export function renderStaff(app, [id]) {
  if (id) return staffForm(app, id === "new" ? null : app.data.staff.find((s) => s.id === id));
  const { services, branches } = app.data;
  return h(
    "div",
    { class: "page" },
    h("div", { class: "page-head" }, h("h1", {}, t("Staff")), h("a", { class: "button primary", href: "#/staff/new" }, t("New staff member"))),
    listTable(
      t("Staff"),
      [t("Name"), t("Branch"), t("Services"), t("Status")],
      app.data.staff.map((member) => [
        h("a", { href: `#/staff/${encodeURIComponent(member.id)}` }, member.name),
        member.branchId ? nameOf(branches, member.branchId) : t("All of the site"),
        member.serviceIds.map((sid) => nameOf(services, sid, sid)).join(", ") || t("None"),
        member.active ? t("Active") : t("Inactive"),
      ]),
      t("No staff yet. Without staff the site is booked as one resource."),
    ),
  );
}

/** Saves a staff member through `adminSaveStaff`: the stored fields of
 * `member` (none for a new one), with `changes` applied. The Staff and the
 * Staff access pages both save through here. Returns `{id, created, branchId}`. */
export function saveStaff(app, member, changes) {
  const current = member?.id ? { id: member.id, name: member.name, serviceIds: member.serviceIds || [], branchId: member.branchId || null, active: member.active } : {};
  return app.call("adminSaveStaff", { staff: { ...current, ...changes } });
}

/** "Delete staff member", asked twice; afterwards the site is reloaded and `back` shown. */
export function deleteStaffStep(app, member, back) {
  return confirmStep(app, {
    label: t("Delete staff member"),
    name: t("Delete staff member {name}", { name: member.name }),
    question: t("Delete {name}? Someone with future bookings can only be deactivated.", { name: member.name }),
    confirm: t("Yes, delete"),
    run: async () => {
      await app.call("adminDeleteStaff", { staffId: member.id });
      await app.reload();
      app.announce(t("{name} deleted", { name: member.name }));
      app.go(back);
    },
  });
}

function staffForm(app, member) {
  const existing = !!member;
  const { services, branches } = app.data;
  member ||= { name: "", serviceIds: [], branchId: branches.length === 1 ? branches[0].id : null, active: true };
  const name = h("input", { type: "text", value: member.name, maxlength: 100, required: true });
  const branchChoices = branches.map((b) => [b.id, b.active ? b.name : t("{name} (inactive)", { name: b.name })]);
  const branch = branches.length
    ? select(branchChoices.length > 1 ? [["", t("Choose a branch")], ...branchChoices] : branchChoices, member.branchId || "")
    : null;
  const boxes = services.map((service) => ({
    id: service.id,
    ...checkbox(service.active ? service.name : t("{name} (inactive)", { name: service.name }), member.serviceIds.includes(service.id)),
  }));
  const active = checkbox(t("Active (bookable)"), member.active);
  const editor = form(
    () =>
      saving(editor, async () => {
        await saveStaff(app, member, {
          name: name.value,
          serviceIds: boxes.filter((box) => box.control.checked).map((box) => box.id),
          branchId: branch && branch.value ? branch.value : null,
          active: active.control.checked,
        });
        await app.reload();
        app.announce(t("{name} saved", { name: name.value.trim() }));
        app.go("staff");
      }),
    field(t("Name"), name, { path: "staff.name" }),
    branch ? field(t("Branch"), branch, { path: "staff.branchId" }) : h("p", { class: "hint" }, t("No branches: staff work for the whole site.")),
    h(
      "fieldset",
      { class: "group", "data-path": "staff.serviceIds", tabindex: "-1" },
      h("legend", {}, t("Services")),
      boxes.length ? boxes.map((box) => box.wrap) : h("p", { class: "hint" }, t("Create services first.")),
    ),
    active.wrap,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button primary" }, t("Save staff member")),
      existing ? h("a", { class: "button", href: `#/availability/staff/${encodeURIComponent(member.id)}` }, t("Personal hours")) : null,
      h("a", { class: "button subtle", href: "#/staff" }, t("Back to staff")),
    ),
  );
  const remove = existing ? deleteStaffStep(app, member, "staff") : null;
  return h("div", { class: "page" }, h("h1", {}, existing ? t("Edit {name}", { name: member.name }) : t("New staff member")), h("section", { class: "card" }, editor), remove);
}
