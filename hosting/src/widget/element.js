// <booking-widget>: owns the state of one booking flow and re-renders the
// current step into its shadow root whenever that state changes.

import { ApiError, compact, createApi } from "./api.js";
import { palette } from "./contrast.js";
import { addDays, addMonths, dayIn, monthEnd, monthStart } from "./dates.js";
import { detailsStep, emptyDetails, serverFieldError, validate } from "./details.js";
import { h } from "./dom.js";
import { doneStep } from "./done.js";
import { createFormat } from "./format.js";
import { translator } from "./i18n.js";
import { createPreviewApi } from "./preview.js";
import { branchStep, serviceStep, staffStep, summary } from "./steps.js";
import { STYLES } from "./styles.js";
import { whenStep } from "./when.js";

const VIEWS = {
  branch: branchStep,
  service: serviceStep,
  staff: staffStep,
  when: whenStep,
  details: detailsStep,
  done: doneStep,
};
const RESTART_ON = ["site", "preview", "api-base", "locale"];
const BUTTON_DAYS_MAX = 14;
const PREFETCH_FRESH_MS = 30000;

let defaultOrigin = typeof location === "undefined" ? "" : location.origin;
export const setDefaultOrigin = (origin) => (defaultOrigin = origin);

export class BookingWidget extends HTMLElement {
  static get observedAttributes() {
    return ["site", "heading", "accent-color", "layout", "show-staff", "preview", "api-base", "locale"];
  }

  connectedCallback() {
    if (!this.shadowRoot) this.build();
    if (!this.started) {
      this.started = true;
      this.start();
    }
  }

  attributeChangedCallback(name, before, after) {
    if (!this.started || before === after) return;
    if (RESTART_ON.includes(name)) this.start();
    else this.render();
  }

  // ---- options: attributes win over the site's widget settings ----

  get preview() {
    return this.hasAttribute("preview") && this.getAttribute("preview") !== "false";
  }

  look() {
    const site = (this.config && this.config.site.widget) || {};
    const showStaff = this.getAttribute("show-staff");
    const layout = this.getAttribute("layout") || site.layout;
    return {
      heading: this.getAttribute("heading") || site.heading || this.t("defaultHeading"),
      accent: this.getAttribute("accent-color") || site.accentColor,
      layout: layout === "compact" ? "compact" : "full",
      showStaff: showStaff == null ? site.showStaff !== false : showStaff !== "false",
    };
  }

  // ---- lifecycle ----

  build() {
    const root = this.attachShadow({ mode: "open" });
    // Kept in `ui`, not as own properties: HTMLElement already has `title` & co.
    const ui = (this.ui = {
      title: h("h2"),
      sub: h("p", { class: "bw-sub" }),
      alert: h("div", { class: "bw-alert", role: "alert" }),
      body: h("div", { class: "bw-body" }),
      status: h("div", { class: "bw-sr", role: "status" }),
    });
    ui.frame = h("div", { class: "bw" }, h("div", { class: "bw-head" }, ui.title, ui.sub), ui.alert, ui.body, ui.status);
    root.append(h("style", {}, STYLES), ui.frame);
  }

  async start() {
    const run = (this.runs = (this.runs || 0) + 1);
    performance.mark("booking-widget:start");
    this.firstSlotsShown = false;
    this.config = null;
    this.setLanguage(this.getAttribute("locale"));
    this.state = { step: "loading", details: emptyDetails(), fieldErrors: {} };
    this.api = this.preview ? createPreviewApi(this.t, this.getAttribute("locale")) : createApi(this.apiBase());
    this.say("");
    this.render();
    try {
      if (!this.preview && !this.getAttribute("site")) throw new ApiError("NOT_FOUND", "no site attribute");
      const config = await this.api("getBookingConfig", { siteId: this.getAttribute("site") });
      if (run === this.runs) this.useConfig(config);
    } catch (error) {
      if (run !== this.runs) return;
      this.state.step = "failed";
      this.state.failure = error;
      this.render();
      this.say(this.errorText(error), true);
    }
  }

  apiBase() {
    return (this.getAttribute("api-base") || defaultOrigin).replace(/\/+$/, "");
  }

  setLanguage(locale) {
    this.t = translator(locale);
    this.fmt = createFormat(this.t, this.config && this.config.site.currency);
  }

  useConfig(config) {
    this.config = config;
    this.setLanguage(this.getAttribute("locale") || config.site.locale);
    const state = this.state;
    if (config.branches.length === 1) state.branchId = config.branches[0].id;
    this.go(this.steps()[0]);
  }

  // ---- the flow ----

  branch() {
    return this.config.branches.find((b) => b.id === this.state.branchId);
  }

  service() {
    return this.config.services.find((s) => s.id === this.state.serviceId);
  }

  staffMember(id) {
    return this.config.staff.find((m) => m.id === id);
  }

  /** The business's zone: the branch's, else the site's (slot answers confirm it). */
  zone() {
    const branch = this.branch();
    return (this.state.slots && this.state.slots.timezone) || (branch && branch.timezone) || this.config.site.timezone;
  }

  /** Services someone at the chosen branch offers; all of them on a site without staff. */
  services() {
    const { services, staff } = this.config;
    if (!staff.length) return services;
    return services.filter((service) => this.staffFor(service.id).length);
  }

  staffFor(serviceId) {
    const branchId = this.state.branchId;
    return this.config.staff.filter((m) => m.serviceIds.includes(serviceId) && (!branchId || m.branchId === branchId));
  }

  steps() {
    const { state, config } = this;
    const staffStepShown =
      this.look().showStaff && (state.serviceId ? this.staffFor(state.serviceId).length : config.staff.length);
    const steps = [config.branches.length > 1 && "branch", "service", staffStepShown && "staff", "when", "details"];
    return steps.filter(Boolean);
  }

  go(step, options = {}) {
    this.state.step = step;
    this.state.fieldErrors = {};
    if (!options.keepAlert) this.say("");
    if (step === "when" && !options.keepSlots) this.loadSlots();
    this.render({ focusHeading: true });
    const index = this.steps().indexOf(step);
    if (index >= 0) {
      const progress = this.t("stepOf", { n: index + 1, total: this.steps().length });
      this.announce(`${progress}: ${this.t.strings.stepNames[step]}`);
    }
  }

  back() {
    const steps = this.steps();
    const index = steps.indexOf(this.state.step);
    if (index > 0) this.go(steps[index - 1]);
  }

  next() {
    const steps = this.steps();
    this.go(steps[steps.indexOf(this.state.step) + 1]);
  }

  chooseBranch(id) {
    Object.assign(this.state, { branchId: id, staffId: undefined, date: null, slot: null, slots: null });
    if (this.state.serviceId && !this.services().some((s) => s.id === this.state.serviceId)) this.state.serviceId = null;
    this.next();
  }

  chooseService(id) {
    Object.assign(this.state, { serviceId: id, staffId: undefined, date: null, slot: null, slots: null });
    // Most visitors pick "no preference": ask for those times while they decide.
    if (this.steps().includes("staff")) this.prefetch(this.slotQuery(null));
    this.next();
  }

  chooseStaff(id) {
    Object.assign(this.state, { staffId: id, date: null, slot: null, slots: null });
    this.next();
  }

  chooseDate(date) {
    this.state.date = date;
    this.say("");
    this.render();
    this.announceTimes();
  }

  chooseMonth(offset) {
    this.state.month = addMonths(this.state.month, offset);
    this.state.date = null;
    this.loadSlots();
    this.render();
  }

  chooseSlot(slot) {
    this.state.slot = slot;
    this.next();
  }

  // ---- dates and slots ----

  /** Dates the picker offers: `horizonDays` buttons, or one month of a calendar. */
  range() {
    const horizon = Math.max(1, this.config.settings.horizonDays || BUTTON_DAYS_MAX);
    const today = dayIn(this.zone());
    const last = addDays(today, horizon - 1);
    if (horizon <= BUTTON_DAYS_MAX) return { calendar: false, today, last, from: today, to: last };
    const month = (this.state.month = this.state.month || monthStart(today));
    const from = month > today ? month : today;
    const end = monthEnd(month);
    return { calendar: true, today, last, month, from, to: end < last ? end : last };
  }

  slotQuery(staffId) {
    const { from, to } = this.range();
    const { serviceId, branchId } = this.state;
    return compact({ siteId: this.getAttribute("site"), serviceId, branchId, staffId, from, to });
  }

  prefetch(query) {
    const promise = this.api("getAvailableSlots", query);
    promise.catch(() => {}); // a failure shows when (and if) the answer is used
    this.prefetched = { key: JSON.stringify(query), promise, at: Date.now() };
  }

  /** Slots for `query`, from a recent prefetch of the very same query if there is one. */
  fetchSlots(query) {
    const key = JSON.stringify(query);
    const early = this.prefetched;
    this.prefetched = null;
    if (early && early.key === key && Date.now() - early.at < PREFETCH_FRESH_MS) return early.promise;
    return this.api("getAvailableSlots", query);
  }

  async loadSlots() {
    const query = this.slotQuery(this.state.staffId);
    const key = JSON.stringify(query);
    this.state.slots = { key, loading: true, days: [] };
    this.announce(this.t("loadingTimes"));
    try {
      const answer = await this.fetchSlots(query);
      if (!this.state.slots || this.state.slots.key !== key) return;
      this.state.slots = { key, timezone: answer.timezone, days: answer.days };
      const open = answer.days.filter((day) => day.slots.length);
      if (!open.some((day) => day.date === this.state.date)) this.state.date = open.length ? open[0].date : null;
    } catch (error) {
      if (!this.state.slots || this.state.slots.key !== key) return;
      this.state.slots = { key, failed: true, days: [] };
      this.say(this.errorText(error), true);
    }
    if (this.state.step !== "when") return;
    this.render();
    this.announceTimes();
  }

  dayOf(date) {
    return this.state.slots && this.state.slots.days.find((day) => day.date === date);
  }

  announceTimes() {
    const day = this.dayOf(this.state.date);
    if (day) this.announce(this.t("timesAvailable", { count: day.slots.length, date: this.fmt.longDay(day.date) }));
  }

  /** Called by the time step once slot buttons are in the page: the speed budget ends here. */
  slotsShown() {
    if (this.firstSlotsShown) return;
    this.firstSlotsShown = true;
    requestAnimationFrame(() => performance.mark("booking-widget:first-slots"));
  }

  // ---- booking ----

  async submit() {
    const { state, config } = this;
    if (state.submitting) return;
    const service = this.service();
    const errors = validate(this, service);
    state.fieldErrors = errors;
    if (Object.keys(errors).length) {
      this.render({ focusError: true });
      this.say(this.t("fixFields", { fields: Object.values(errors).map((e) => e.label).join(", ") }), true);
      return;
    }
    const d = state.details;
    const answers = {};
    for (const question of service.intakeQuestions) {
      const value = (d.answers[question.id] || "").trim();
      if (value) answers[question.id] = value;
    }
    const request = compact({
      siteId: this.getAttribute("site"),
      serviceId: service.id,
      branchId: state.branchId,
      staffId: state.staffId,
      start: state.slot.start,
      customer: compact({ name: d.name.trim(), email: d.email.trim(), phone: d.phone.trim() || null }),
      notes: d.notes.trim() || null,
      answers: Object.keys(answers).length ? answers : null,
      marketingOptIn: d.marketingOptIn,
      termsAccepted: config.settings.termsRequired ? d.termsAccepted : null,
    });
    state.submitting = true;
    this.say("");
    this.announce(this.t("booking"));
    this.render();
    try {
      state.booking = await this.api("createBooking", request);
      state.submitting = false;
      this.go("done");
      // For the host page (analytics, its own thank-you); the manage token stays private.
      const { manageToken, ...detail } = state.booking;
      this.dispatchEvent(new CustomEvent("booking-widget:booked", { bubbles: true, composed: true, detail }));
    } catch (error) {
      state.submitting = false;
      this.bookingFailed(error);
    }
  }

  bookingFailed(error) {
    const state = this.state;
    if (error.status === "ALREADY_EXISTS") {
      // Someone else took the time: fresh slots on the same day, details kept.
      state.slot = null;
      this.go("when", { keepAlert: true });
      this.say(this.t("slotTaken"), true);
      return;
    }
    const field = error.status === "INVALID_ARGUMENT" && serverFieldError(this, error.message);
    if (field) {
      state.fieldErrors = field;
      this.render({ focusError: true });
      this.say(this.t("fixFields", { fields: Object.values(field).map((e) => e.label).join(", ") }), true);
      return;
    }
    this.render();
    this.say(this.errorText(error), true);
  }

  restart() {
    const { branchId, details } = this.state;
    this.state = { step: "service", details: { ...details, termsAccepted: false }, fieldErrors: {} };
    if (this.config.branches.length === 1) this.state.branchId = branchId;
    this.go(this.steps()[0]);
  }

  errorText(error) {
    const byStatus = { NOT_FOUND: "notFound", RESOURCE_EXHAUSTED: "tooMany", UNAVAILABLE: "network" };
    return this.t(byStatus[error && error.status] || "generic");
  }

  // ---- output ----

  /** Errors go to the visible role=alert banner, so they are read out at once. */
  say(text, isError) {
    const said = (this.said = (this.said || 0) + 1);
    this.ui.alert.textContent = "";
    // Set a frame later so the same message twice is still a change to read out.
    if (text && isError) requestAnimationFrame(() => said === this.said && (this.ui.alert.textContent = text));
  }

  /** Progress for screen readers, through a polite live region. */
  announce(text) {
    this.ui.status.textContent = text;
  }

  render(options = {}) {
    const ui = this.ui;
    if (!ui) return;
    const look = this.look();
    const colours = palette(look.accent);
    ui.frame.style.setProperty("--accent", colours.accent);
    ui.frame.style.setProperty("--on-accent", colours.onAccent);
    ui.frame.style.setProperty("--accent-text", colours.accentText);
    ui.frame.style.setProperty("--tint", colours.tint);
    ui.frame.className = `bw bw--${look.layout}`;
    ui.frame.lang = this.t.lang;
    ui.title.textContent = look.heading;
    ui.sub.replaceChildren(
      this.config ? this.config.site.name : "",
      this.preview ? h("span", { class: "bw-preview", role: "note" }, " ", this.t("previewNote")) : "",
    );

    // Focus moves only while the visitor is inside the widget: loading it must
    // never pull focus (and scroll) away from the host page.
    const focused = this.shadowRoot.activeElement;
    const aside = look.layout === "full" && this.config && summary(this);
    ui.body.className = aside ? "bw-body bw-body--aside" : "bw-body";
    ui.body.replaceChildren(...[this.view(), aside].filter(Boolean));
    if (!focused) return;
    let selector = focused.dataset.key && `[data-key="${CSS.escape(focused.dataset.key)}"]`;
    if (options.focusHeading) selector = "[data-key=heading]";
    if (options.focusError) selector = "[aria-invalid=true]";
    const target = selector && ui.body.querySelector(selector);
    if (target) target.focus();
  }

  view() {
    const { step, failure } = this.state;
    if (step === "loading") return h("p", { class: "bw-message" }, this.t("loading"));
    if (step === "failed") {
      // The reason is in the alert banner above; offer a retry unless the site does not exist.
      if (failure.status === "NOT_FOUND") return null;
      const retry = h("button", { type: "button", class: "bw-btn", onclick: () => this.start() }, this.t("retry"));
      return h("div", { class: "bw-actions" }, retry);
    }
    const steps = this.steps();
    const index = steps.indexOf(step);
    return h("section", { class: "bw-step" },
      index >= 0 && h("p", { class: "bw-progress" }, this.t("stepOf", { n: index + 1, total: steps.length })),
      VIEWS[step](this),
    );
  }
}
