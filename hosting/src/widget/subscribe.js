// Subscribing instead of booking once: for a service with a plan, the details
// step offers "Subscribe"; the visitor sees the recurrence ("every Tuesday at
// 10:00") and the coming dates that are not free before paying, then goes to
// Stripe Checkout in subscription mode. Mixed into <booking-widget> (element.js).

import { compact } from "../shared/api.js";
import { h } from "../shared/dom.js";
import { serverFieldError, validate } from "./details.js";

/** The plans the site sells for this service (plans load once, on the details step). */
export function plansFor(w, service) {
  return (w.plans || []).filter((plan) => plan.serviceId === service.id);
}

/** The plan the visitor chose, or null for booking once. */
export function chosenPlan(w) {
  return (w.plans || []).find((plan) => plan.planId === w.state.subscribe) || null;
}

/** "every Tuesday at 10:00" / "every month on day 31 at 10:00", in the widget's language. */
export function recurrenceText(w, recurrence) {
  const { t } = w;
  if (recurrence.frequency === "weekly") {
    // 2 January 2023 was a Monday: day 0 of the server's week.
    const weekday = w.fmt.day(`2023-01-0${2 + recurrence.day}`, { weekday: "long" });
    return t("everyWeek", { weekday, time: recurrence.time });
  }
  return t("everyMonth", { day: recurrence.day, time: recurrence.time });
}

function planLabel(w, plan) {
  const per = w.t(plan.frequency === "weekly" ? "perWeek" : "perMonth");
  return w.t("subscribeTo", { name: plan.name, price: `${w.fmt.money(plan.priceCents)} ${per}` });
}

/** The choice between once and each plan, with what subscribing means. */
export function subscriptionChoice(w, service) {
  w.loadPlans();
  const plans = plansFor(w, service);
  if (!plans.length) return null;
  const { t, state } = w;
  const radio = (value, label) => h("div", { class: "bw-check" },
    h("input", {
      type: "radio", name: "bw-how-often", id: `bw-how-${value}`, value, "data-key": `how-${value}`,
      checked: (state.subscribe || "once") === value,
      onchange: () => w.chooseSubscribe(value === "once" ? false : value),
    }),
    h("label", { for: `bw-how-${value}` }, label));
  return h("fieldset", { class: "bw-often", "data-key": "how-often" },
    h("legend", {}, t("howOften")),
    radio("once", t("justOnce")),
    plans.map((plan) => radio(plan.planId, planLabel(w, plan))),
    state.subscribe && previewBlock(w));
}

function previewBlock(w) {
  const { t, state } = w;
  const preview = state.preview;
  if (!preview) return h("p", { class: "bw-muted", role: "status" }, t("loading"));
  const notFree = preview.upcoming.filter((item) => !item.free);
  const dateText = (iso) => `${w.fmt.longDay(iso.slice(0, 10))} ${w.fmt.time(iso, w.zone())}`;
  return h("div", { class: "bw-terms", "data-key": "recurrence" },
    h("p", {}, t("recurrence", { text: recurrenceText(w, preview.recurrence) })),
    notFree.length
      ? [h("p", {}, t("notFreeDates")), h("ul", { "data-key": "not-free" }, notFree.map((item) => h("li", {}, dateText(item.start))))]
      : h("p", {}, t("allFree")),
    h("p", {}, t("subscriptionNext")));
}

export const subscribeMethods = {
  /** Asked once per widget; a site without plans (or a failed call) just books once. */
  async loadPlans() {
    if (this.plans !== undefined) return;
    this.plans = null;
    try {
      this.plans = (await this.api("getPlans", { siteId: this.getAttribute("site") })).plans;
    } catch {
      this.plans = [];
    }
    if (this.plans.length && this.state.step === "details") this.render();
  },

  /** `planId` to subscribe to that plan, false to book once. */
  async chooseSubscribe(planId) {
    this.state.subscribe = planId;
    this.state.preview = null;
    this.render();
    if (!planId) return;
    const plan = chosenPlan(this);
    try {
      const preview = await this.api("previewSubscription", compact({
        siteId: this.getAttribute("site"), planId: plan.planId, branchId: this.state.branchId,
        staffId: this.state.staffId, start: this.state.slot.start,
      }));
      if (this.state.subscribe === planId) this.state.preview = preview;
      this.render();
      this.announce(this.t("recurrence", { text: recurrenceText(this, preview.recurrence) }));
    } catch (error) {
      this.state.subscribe = false;
      this.render();
      this.sayError(error);
    }
  },

  async subscribeNow() {
    const state = this.state;
    if (state.submitting) return;
    const service = this.service();
    const errors = validate(this, service);
    state.fieldErrors = errors;
    if (Object.keys(errors).length) return this.showFieldErrors(errors);
    const d = state.details;
    const request = compact({
      siteId: this.getAttribute("site"), planId: state.subscribe, branchId: state.branchId,
      staffId: state.staffId, start: state.slot.start,
      customer: compact({ name: d.name.trim(), email: d.email.trim(), phone: d.phone.trim() || null }),
      termsAccepted: this.config.settings.termsRequired ? d.termsAccepted : null,
    });
    state.submitting = true;
    this.say("");
    this.announce(this.t("booking"));
    this.render();
    try {
      const made = await this.api("subscribe", request);
      state.submitting = false;
      state.booking = { ...made, end: state.slot.end, staffId: state.staffId };
      this.go("done");
      this.announce(this.t("toCheckout"));
      this.toCheckout(made.checkoutUrl);
    } catch (error) {
      state.submitting = false;
      const field = error.status === "INVALID_ARGUMENT" && serverFieldError(this, error.message);
      if (field) return this.showFieldErrors(field);
      this.bookingFailed(error);
    }
  },
};
