// Booking → Staff access: the staff dashboard's switch and session length,
// each staff member's PIN and whether wrong PINs locked it (with the recent
// wrong PINs and an Unlock action), and the install link with its QR code.
// Staff members are added (name and PIN), activated, deactivated and deleted
// here too, through the same callables and code as the Staff page (staff.js);
// their services and hours are set there.
import { h } from "../../shared/dom.js";
import { FieldError, button, field, form, saving, select } from "../dom.js";
import { dateTime, minutes } from "../format.js";
import { t } from "../i18n.js";
import { confirmStep, copy, listTable, nameOf } from "./common.js";
import { deleteStaffStep, saveStaff } from "./staff.js";

/** The texts of the staff members part of this page, in one place for the translation. */
export const STAFF_TEXT = {
  add: t("Add a staff member"),
  addHint: t("With a name and a PIN they can sign in to the staff dashboard at once. Choose their services on the Staff page."),
  name: t("Name"),
  branch: t("Branch"),
  chooseBranch: t("Choose a branch"),
  pin: t("PIN"),
  pinHint: t("4 to 6 digits."),
  save: t("Add staff member"),
  added: (name) => t("{name} added with a PIN", { name }),
  addedWithoutPin: (name, problem) => t("{name} added, but the PIN was not saved: {problem}", { name, problem }),
  activate: t("Activate"),
  deactivate: t("Deactivate"),
  activated: (name) => t("{name} activated", { name }),
  deactivated: (name) => t("{name} deactivated: no longer bookable and can't sign in", { name }),
  activateFor: (name) => t("Activate {name}", { name }),
  deactivateFor: (name) => t("Deactivate {name}", { name }),
};

const SESSION_CHOICES = [15, 30, 60, 120, 240, 480, 720, 1440];
const PIN = /^\d{4,6}$/;

export async function renderStaffAccess(app, [id]) {
  const access = await app.call("adminGetStaffAccess", {});
  if (id) {
    const member = access.staff.find((m) => m.id === id);
    if (!member) return [h("h1", {}, t("Staff member not found")), h("p", {}, h("a", { href: "#/staff-access" }, t(t("Back to staff access"))))];
    return pinForm(app, member);
  }
  const qr = await app.call("adminStaffQr", {});
  return h(
    "div",
    { class: "page" },
    h("h1", {}, t("Staff access")),
    dashboardSection(app, access),
    staffSection(app, access),
    addStaffSection(app),
    failuresSection(app, access),
    installSection(app, qr),
  );
}

function dashboardSection(app, access) {
  const enabled = access.enabled;
  const toggle = form(
    () =>
      saving(toggle, async () => {
        await app.call("adminUpdateStaffAccess", { enabled: !enabled });
        app.announce(enabled ? t("Staff dashboard switched off") : t("Staff dashboard switched on"));
        app.go("staff-access");
      }),
    h("p", {}, t("Status:"), " ", h("strong", { class: enabled ? "badge on" : "badge off" }, enabled ? t("On") : t("Off"))),
    h(
      "p",
      { class: "hint" },
      enabled
        ? t("Staff sign in on the tablet with their PIN. Switching it off ends every staff session at once.")
        : t("Nobody can sign in to the staff dashboard until you switch it on."),
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: enabled ? "button danger" : "button primary" }, enabled ? t("Switch the dashboard off") : t("Switch the dashboard on")),
    ),
  );
  const choices = [...new Set([...SESSION_CHOICES, access.sessionMinutes])].sort((a, b) => a - b);
  const length = select(choices.map((m) => [m, minutes(m)]), access.sessionMinutes);
  const sessionForm = form(
    () =>
      saving(sessionForm, async () => {
        await app.call("adminUpdateStaffAccess", { sessionMinutes: Number(length.value) });
        app.announce(t("Session length saved"));
        app.go("staff-access");
      }),
    field(t("Session length"), length, { path: "sessionMinutes", hint: t("After this time staff sign in again with their PIN.") }),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("Save session length"))),
  );
  return h(
    "section",
    { class: "card", "aria-labelledby": "sa-dashboard" },
    h("h2", { id: "sa-dashboard" }, t("Staff dashboard")),
    toggle,
    sessionForm,
  );
}

function staffSection(app, access) {
  const branches = app.data.branches;
  return h(
    "section",
    { class: "card", "aria-labelledby": "sa-staff" },
    h("h2", { id: "sa-staff" }, t("PINs")),
    h(
      "p",
      { class: "hint" },
      t("Each staff member signs in with a personal PIN of 4 to 6 digits."),
      " ",
      t("Their services and hours are set on the"),
      " ",
      h("a", { href: "#/staff" }, t("Staff page")),
      ".",
    ),
    h(
      "p",
      { class: "hint" },
      t("Too many wrong PINs lock a staff member's PIN sign-in until you unlock it or set a new PIN. They see the usual “PIN not accepted” message."),
    ),
    listTable(
      t("Staff PINs"),
      [t("Name"), t("Branch"), t("PIN"), t("Status"), t("Action")],
      access.staff.map((member) => [
        member.name,
        member.branchId ? nameOf(branches, member.branchId) : t("All of the site"),
        member.locked
          ? h(
              "span",
              {},
              h("strong", { class: "badge locked" }, t("Locked")),
              " ",
              t("since {at}", { at: dateTime(member.lockedAt, app.site.timezone) }),
            )
          : member.pinSet
            ? t("Set")
            : t("No PIN"),
        member.active ? t("Active") : t("Inactive"),
        h(
          "span",
          { class: "row-actions" },
          member.locked ? unlockButton(app, member) : null,
          h(
            "a",
            {
              href: `#/staff-access/${encodeURIComponent(member.id)}`,
              "aria-label": member.pinSet ? t("Change PIN for {name}", { name: member.name }) : t("Set PIN for {name}", { name: member.name }),
            },
            member.pinSet ? t("Change PIN") : t("Set PIN"),
          ),
          activeToggle(app, member),
          deleteStaffStep(app, stored(app, member), "staff-access"),
        ),
      ]),
      t("No staff yet. Add the first staff member below."),
    ),
  );
}

/** The member as the Staff page edits it (services, branch), from the site's catalog. */
function stored(app, member) {
  return app.data.staff.find((m) => m.id === member.id) || member;
}

function activeToggle(app, member) {
  const toggle = button(
    member.active ? STAFF_TEXT.deactivate : STAFF_TEXT.activate,
    async () => {
      toggle.disabled = true;
      try {
        await saveStaff(app, stored(app, member), { active: !member.active });
        await app.reload();
        app.announce(member.active ? STAFF_TEXT.deactivated(member.name) : STAFF_TEXT.activated(member.name));
        app.go("staff-access");
      } catch (error) {
        toggle.disabled = false;
        app.announce(error.message);
      }
    },
    { class: "button small", "aria-label": member.active ? STAFF_TEXT.deactivateFor(member.name) : STAFF_TEXT.activateFor(member.name) },
  );
  return toggle;
}

function addStaffSection(app) {
  const branches = app.data.branches;
  const name = h("input", { type: "text", maxlength: 100, autocomplete: "off" });
  const branch =
    branches.length > 1 ? select([["", STAFF_TEXT.chooseBranch], ...branches.map((b) => [b.id, b.name])], "") : null;
  const pin = h("input", { type: "password", inputmode: "numeric", autocomplete: "new-password", maxlength: 6, pattern: "[0-9]*" });
  const adder = form(
    () =>
      saving(adder, async () => {
        if (!name.value.trim()) throw new FieldError("staff.name", "is required");
        if (!PIN.test(pin.value)) throw new FieldError("pin", "must be 4 to 6 digits");
        const saved = await saveStaff(app, null, {
          name: name.value,
          serviceIds: [],
          branchId: branch && branch.value ? branch.value : null,
          active: true,
        });
        await app.reload();
        try {
          await app.call("adminSetStaffPin", { staffId: saved.id, pin: pin.value });
        } catch (error) {
          app.announce(STAFF_TEXT.addedWithoutPin(name.value.trim(), error.message));
          app.go(`staff-access/${encodeURIComponent(saved.id)}`);
          return;
        }
        app.announce(STAFF_TEXT.added(name.value.trim()));
        app.go("staff-access");
      }),
    h("p", { class: "hint" }, STAFF_TEXT.addHint),
    field(STAFF_TEXT.name, name, { path: "staff.name" }),
    branch ? field(STAFF_TEXT.branch, branch, { path: "staff.branchId" }) : null,
    field(STAFF_TEXT.pin, pin, { path: "pin", hint: STAFF_TEXT.pinHint }),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, STAFF_TEXT.save)),
  );
  return h("section", { class: "card", "aria-labelledby": "sa-add" }, h("h2", { id: "sa-add" }, STAFF_TEXT.add), adder);
}

function unlockButton(app, member) {
  const unlock = button(
    t("Unlock"),
    async () => {
      unlock.disabled = true;
      try {
        await app.call("adminUnlockStaffPin", { staffId: member.id });
        app.announce(t("{name} can sign in with their PIN again", { name: member.name }));
        app.go("staff-access");
      } catch (error) {
        unlock.disabled = false;
        app.announce(error.message || t("Unlocking failed"));
      }
    },
    { class: "button small", "aria-label": t("Unlock PIN sign-in for {name}", { name: member.name }) },
  );
  return unlock;
}

function failuresSection(app, access) {
  const rows = access.staff.flatMap((member) =>
    member.failedAttempts.map((attempt) => ({ member, attempt })),
  );
  rows.sort((a, b) => b.attempt.at.localeCompare(a.attempt.at));
  return h(
    "section",
    { class: "card", "aria-labelledby": "sa-failures" },
    h("h2", { id: "sa-failures" }, t("Wrong PINs in the last 24 hours")),
    listTable(
      t("Wrong PINs in the last 24 hours"),
      [t("Last attempt"), t("Staff member"), t("Address"), t("Wrong PINs")],
      rows.map(({ member, attempt }) => [
        dateTime(attempt.at, app.site.timezone),
        member.name,
        h("span", { class: "code" }, attempt.address),
        String(attempt.count),
      ]),
      t("No wrong PINs in the last 24 hours."),
    ),
  );
}

function installSection(app, qr) {
  const link = h("input", { type: "text", readonly: true, value: qr.url, class: "code", spellcheck: "false" });
  const copyButton = button(t("Copy install link"), async () => {
    await copy(link.value, link);
    app.announce(t("Install link copied"));
  });
  return h(
    "section",
    { class: "card", "aria-labelledby": "sa-install" },
    h("h2", { id: "sa-install" }, t("Install on a tablet")),
    h("p", { class: "hint" }, t("Scan the code with the tablet, or open the link on it; the browser then offers to install the staff app.")),
    h("img", { src: qr.qr, alt: t("QR code of the staff app link, {url}", { url: qr.url }), width: 200, height: 200, class: "qr" }),
    field(t("Install link"), link),
    h("div", { class: "actions" }, copyButton),
  );
}

function pinForm(app, member) {
  const pin = h("input", { type: "password", inputmode: "numeric", autocomplete: "new-password", maxlength: 6, pattern: "[0-9]*" });
  const editor = form(
    () =>
      saving(editor, async () => {
        if (!PIN.test(pin.value)) throw new FieldError("pin", "must be 4 to 6 digits");
        await app.call("adminSetStaffPin", { staffId: member.id, pin: pin.value });
        app.announce(t("PIN for {name} saved", { name: member.name }));
        app.go("staff-access");
      }),
    field(member.pinSet ? t("New PIN") : t("PIN"), pin, {
      path: "pin",
      hint: member.pinSet ? t("4 to 6 digits. A new PIN ends {name}'s current sessions.", { name: member.name }) : t("4 to 6 digits."),
    }),
    member.active ? null : h("p", { class: "hint" }, t("{name} is inactive and can't sign in until activated on the Staff page.", { name: member.name })),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button primary" }, t("Save PIN")),
      h("a", { class: "button subtle", href: "#/staff-access" }, t("Back to staff access")),
    ),
  );
  const remove = member.pinSet
    ? confirmStep(app, {
        label: t("Remove PIN"),
        question: t("Remove {name}'s PIN? They can no longer sign in to the staff dashboard, and their current sessions end.", { name: member.name }),
        confirm: t("Yes, remove it"),
        run: async () => {
          await app.call("adminSetStaffPin", { staffId: member.id, pin: null });
          app.announce(t("PIN for {name} removed", { name: member.name }));
          app.go("staff-access");
        },
      })
    : null;
  return h(
    "div",
    { class: "page" },
    h("h1", {}, t("PIN for {name}", { name: member.name })),
    h("p", {}, member.pinSet ? t("A PIN is set.") : t("No PIN yet: this staff member can't sign in to the staff dashboard.")),
    h("section", { class: "card" }, editor),
    remove,
  );
}
