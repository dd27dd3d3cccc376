// <booking-widget>, the custom element itself: its attributes, its shadow
// root, the alert and status regions, and rendering the current step. The
// flow's state and actions are mixed in from flow.js (steps and choices),
// slots.js (dates and free times) and booking.js (sending the booking).

import { ApiError, createApi } from "../shared/api.js";
import { h } from "../shared/dom.js";
import { translator } from "../shared/i18n.js";
import { bookingMethods } from "./booking.js";
import { palette } from "./contrast.js";
import { detailsStep, emptyDetails } from "./details.js";
import { doneStep } from "./done.js";
import { flowMethods } from "./flow.js";
import { createFormat } from "./format.js";
import { actions, button } from "./parts.js";
import { createPreviewApi } from "./preview.js";
import { slotMethods } from "./slots.js";
import { branchStep, serviceStep, staffStep, summary } from "./steps.js";
import { STRINGS } from "./strings.js";
import { STYLES } from "./styles.js";
import { subscribeMethods } from "./subscribe.js";
import { waitlistDoneStep, waitlistMethods, waitlistStep } from "./waitlist.js";
import { whenStep } from "./when.js";

const VIEWS = {
  branch: branchStep,
  service: serviceStep,
  staff: staffStep,
  when: whenStep,
  details: detailsStep,
  done: doneStep,
  waitlist: waitlistStep,
  waitlistDone: waitlistDoneStep,
};
const RESTART_ON = ["site", "preview", "api-base", "locale"];

let defaultOrigin = typeof location === "undefined" ? "" : location.origin;
export const setDefaultOrigin = (origin) => (defaultOrigin = origin);

/** The widget's styles as a constructed style sheet, shared by every widget
 * on the page: pages with a strict Content-Security-Policy (no
 * 'unsafe-inline' styles, as on the admin pages) apply it too. Browsers
 * without constructed sheets get a <style> element. */
let sheet = null;
function adoptStyles(root) {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet.prototype.replaceSync === "function") {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    root.prepend(h("style", {}, STYLES));
  }
}

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
    const site = this.config?.site.widget || {};
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
    root.append(ui.frame);
    adoptStyles(root);
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
      this.sayError(error);
    }
  }

  apiBase() {
    return (this.getAttribute("api-base") || defaultOrigin).replace(/\/+$/, "");
  }

  setLanguage(locale) {
    this.t = translator(STRINGS, locale);
    this.fmt = createFormat(this.t, this.config?.site.currency);
  }

  useConfig(config) {
    this.config = config;
    this.setLanguage(this.getAttribute("locale") || config.site.locale);
    this.begin();
  }

  // ---- output ----

  /** Errors go to the visible role=alert banner, so they are read out at once. */
  say(text, isError) {
    const said = (this.said = (this.said || 0) + 1);
    this.ui.alert.textContent = "";
    // Set a frame later so the same message twice is still a change to read out.
    if (text && isError) requestAnimationFrame(() => said === this.said && (this.ui.alert.textContent = text));
  }

  /** A failed call, in words for the visitor: why, not the server's message. */
  sayError(error) {
    const byStatus = { NOT_FOUND: "notFound", RESOURCE_EXHAUSTED: "tooMany", UNAVAILABLE: "network" };
    this.say(this.t(byStatus[error?.status] || "generic"), true);
  }

  /** Progress for screen readers, through a polite live region. */
  announce(text) {
    this.ui.status.textContent = text;
  }

  render(options = {}) {
    const ui = this.ui;
    if (!ui) return;
    const look = this.look();
    for (const [name, colour] of Object.entries(palette(look.accent))) ui.frame.style.setProperty(name, colour);
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
      return actions(button(null, this.t("retry"), () => this.start()));
    }
    const progress = this.progress(step);
    return h("section", { class: "bw-step" },
      progress && h("p", { class: "bw-progress" }, progress),
      VIEWS[step](this),
    );
  }
}

Object.assign(BookingWidget.prototype, flowMethods, slotMethods, bookingMethods, waitlistMethods, subscribeMethods);
