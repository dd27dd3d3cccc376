// "Join the waitlist?": on a full day, or when no time suits. The visitor
// names the dates, parts of the day and their details; the server e-mails a
// confirmation with the link to leave, and later any offer (docs/waitlist.md).
// The views are drawn from the when step; the methods are mixed into
// <booking-widget> (element.js).

import { compact } from "../shared/api.js";
import { addDays, dayIn } from "../shared/dates.js";
import { h } from "../shared/dom.js";
import { field, validateContact } from "./details.js";
import { actions, button, heading } from "./parts.js";

const PARTS = ["morning", "afternoon", "evening"];

/** Whether the chosen location (or a site without branches) keeps a waitlist. */
export const waitlistOn = (w) => Boolean(w.branch() ? w.branch().waitlist : w.config.settings.waitlist);

/** The offer under the times: louder on a full day. */
export function waitlistInvite(w) {
  const slots = w.state.slots;
  if (!waitlistOn(w) || !slots || slots.loading || slots.failed) return null;
  const full = slots.days.find((day) => day.status === "full");
  return h("div", { class: "bw-waitlist" },
    h("p", {}, full ? w.t("waitlistFull", { date: w.fmt.longDay(full.date) }) : w.t("waitlistNoneSuits")),
    actions(button("waitlist", w.t("waitlistJoin"), () => w.openWaitlist(full && full.date))),
  );
}

export function waitlistStep(w) {
  const { t, state } = w;
  const wish = state.waitlist;
  const d = state.details;
  const keep = (key) => (event) => (d[key] = event.target.value);
  const input = (key, type, autocomplete, maxlength) => h("input", { type, autocomplete, maxlength, value: d[key], oninput: keep(key) });
  const date = (key) => h("input", { type: "date", value: wish[key], min: wish.min, max: wish.max, oninput: (event) => (wish[key] = event.target.value) });
  const part = (name) =>
    h("div", { class: "bw-check" },
      h("input", { type: "checkbox", id: `bw-part-${name}`, "data-key": `part:${name}`, checked: wish.parts.includes(name),
        onchange: (event) => (wish.parts = event.target.checked ? [...wish.parts, name] : wish.parts.filter((p) => p !== name)) }),
      h("label", { for: `bw-part-${name}` }, t(`part_${name}`)));
  const partsError = state.fieldErrors.parts;
  return h("form", { novalidate: true, onsubmit: (event) => (event.preventDefault(), w.joinWaitlist()) },
    heading(t("waitlistTitle")),
    h("p", { class: "bw-recap" }, t("waitlistIntro", { service: w.service().name })),
    field(w, "from", t("waitlistFrom"), date("from"), true),
    field(w, "to", t("waitlistTo"), date("to"), true),
    h("fieldset", { class: "bw-parts", "aria-describedby": partsError ? "bw-parts-error" : null },
      h("legend", {}, t("waitlistParts")), PARTS.map(part),
      partsError && h("p", { class: "bw-error", id: "bw-parts-error" }, partsError.message)),
    field(w, "name", t("name"), input("name", "text", "name", "100"), true),
    field(w, "email", t("email"), input("email", "email", "email", "254"), true),
    field(w, "phone", t("phone"), input("phone", "tel", "tel", "32"), false),
    actions(
      h("button", { type: "submit", class: "bw-primary", "data-key": "join", "aria-disabled": state.submitting ? "true" : null },
        state.submitting ? t("waitlistJoining") : t("waitlistJoin")),
      button("back", t("back"), () => w.go("when", { keepSlots: true })),
    ),
  );
}

export function waitlistDoneStep(w) {
  return h("div", {},
    heading(w.t("waitlistDone")),
    h("p", {}, w.t("waitlistDoneText", { email: w.state.details.email.trim() })),
    actions(button("another", w.t("another"), () => w.restart())),
  );
}

export const waitlistMethods = {
  openWaitlist(date) {
    const today = dayIn(this.zone());
    const max = addDays(today, Math.max(1, this.config.settings.horizonDays) - 1);
    const from = date || this.state.date || today;
    this.state.waitlist = { from, to: from, min: today, max, parts: [...PARTS] };
    this.go("waitlist");
  },

  async joinWaitlist() {
    const { state } = this;
    if (state.submitting) return;
    const wish = state.waitlist;
    const errors = validateContact(this);
    if (!wish.from) errors.from = { label: this.t("waitlistFrom"), message: this.t("fieldRequired") };
    if (!wish.to || wish.to < wish.from) errors.to = { label: this.t("waitlistTo"), message: this.t("waitlistToInvalid") };
    if (!wish.parts.length) errors.parts = { label: this.t("waitlistParts"), message: this.t("waitlistPartsMissing") };
    if (Object.keys(errors).length) return this.showFieldErrors(errors);
    const d = state.details;
    state.submitting = true;
    this.render();
    try {
      await this.api("joinWaitlist", compact({
        siteId: this.getAttribute("site"),
        serviceId: state.serviceId,
        branchId: state.branchId,
        staffId: state.staffId,
        from: wish.from,
        to: wish.to,
        parts: wish.parts,
        locale: this.t.lang,
        customer: compact({ name: d.name.trim(), email: d.email.trim(), phone: d.phone.trim() || null }),
      }));
      state.submitting = false;
      this.go("waitlistDone");
      this.announce(this.t("waitlistDone"));
    } catch (error) {
      state.submitting = false;
      this.render();
      if (error.status === "FAILED_PRECONDITION") this.say(error.message, true);
      else this.sayError(error);
    }
  },
};
