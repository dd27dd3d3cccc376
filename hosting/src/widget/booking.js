// Sending the booking: check the form, call createBooking, and turn each kind
// of refusal into the right next step (a taken time, a field the server
// rejects, anything else). Mixed into <booking-widget> (element.js); the form
// and its rules are in details.js.

import { compact } from "../shared/api.js";
import { serverFieldError, validate } from "./details.js";

/** What createBooking receives: the choices, the form's values trimmed, empty ones left out. */
function bookingRequest(w, service) {
  const { state, config } = w;
  const d = state.details;
  const answers = {};
  for (const question of service.intakeQuestions) {
    const value = (d.answers[question.id] || "").trim();
    if (value) answers[question.id] = value;
  }
  return compact({
    siteId: w.getAttribute("site"),
    serviceId: service.id,
    branchId: state.branchId,
    staffId: state.staffId,
    start: state.slot.start,
    customer: compact({ name: d.name.trim(), email: d.email.trim(), phone: d.phone.trim() || null }),
    notes: d.notes.trim() || null,
    answers: Object.keys(answers).length ? answers : null,
    marketingOptIn: d.marketingOptIn,
    termsAccepted: config.settings.termsRequired ? d.termsAccepted : null,
    // The page the widget sits on, for the payment result page's way back (its fragment left out).
    returnUrl: /^https?:$/.test(location.protocol) ? location.href.split("#")[0].slice(0, 500) : null,
  });
}

export const bookingMethods = {
  async submit() {
    const state = this.state;
    if (state.submitting) return;
    const service = this.service();
    const errors = validate(this, service);
    state.fieldErrors = errors;
    if (Object.keys(errors).length) {
      this.showFieldErrors(errors);
      return;
    }
    const request = bookingRequest(this, service);
    state.submitting = true;
    this.say("");
    this.announce(this.t("booking"));
    this.render();
    try {
      const booking = (state.booking = await this.api("createBooking", request));
      state.submitting = false;
      this.go("done");
      // The outcome replaces "Booking…" in the status region for screen readers.
      this.announce(this.t(booking.checkoutUrl ? "toCheckout" : booking.status));
      if (booking.checkoutUrl) this.toCheckout(booking.checkoutUrl);
      // For the host page (analytics, its own thank-you); the manage token stays private.
      const { manageToken, ...detail } = state.booking;
      this.dispatchEvent(new CustomEvent("booking-widget:booked", { bubbles: true, composed: true, detail }));
    } catch (error) {
      state.submitting = false;
      this.bookingFailed(error);
    }
  },

  /** Straight on to Stripe Checkout, which refuses frames, so the top page
   * goes; a sandboxed or cross-origin frame may forbid that, and the done
   * step's link to the same address stays as the way on. */
  toCheckout(url) {
    try {
      window.top.location.assign(url);
    } catch {
      // Blocked: the visitor presses the link.
    }
  },

  bookingFailed(error) {
    if (error.status === "ALREADY_EXISTS") {
      // Someone else took the time: fresh slots on the same day, details kept.
      this.state.slot = null;
      this.go("when", { keepAlert: true });
      this.say(this.t("slotTaken"), true);
      return;
    }
    const field = error.status === "INVALID_ARGUMENT" && serverFieldError(this, error.message);
    if (field) {
      this.showFieldErrors(field);
      return;
    }
    this.render();
    this.sayError(error);
  },

  /** Marks the fields, moves focus to the first and says which ones need fixing. */
  showFieldErrors(errors) {
    this.state.fieldErrors = errors;
    this.render({ focusError: true });
    this.say(this.t("fixFields", { fields: Object.values(errors).map((e) => e.label).join(", ") }), true);
  },
};
