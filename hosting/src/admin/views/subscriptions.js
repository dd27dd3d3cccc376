// Booking → Subscriptions: plans (a service every week or month for a price,
// billed through Stripe) and, per plan, its subscribers with their state, the
// next billing date and dates that were not free; making, editing and
// archiving plans, and cancelling a subscriber at the end of the paid period.
import { h } from "../../shared/dom.js";
import { button, field, form, saving, select } from "../dom.js";
import { centsToInput, dateTime, money, parseMoney, readableDay } from "../format.js";
import { t } from "../i18n.js";
import { confirmStep, listTable, nameOf } from "./common.js";

const TEXT = {
  title: t("Subscriptions"),
  intro: t("A plan sells a service every week or month; Stripe bills each period and the appointments are booked ahead."),
  newPlan: t("New plan"),
  editPlan: t("Edit plan"),
  name: t("Name"),
  frequency: t("Frequency"),
  frequencies: [["monthly", t("Monthly")], ["weekly", t("Weekly")]],
  price: t("Price per period"),
  priceHint: t("A new price applies to new subscribers; existing ones keep theirs."),
  service: t("Service"),
  perPeriod: t("Appointments per period"),
  save: t("Save plan"),
  saved: t("Plan saved."),
  archive: t("Archive"),
  archiveQuestion: t("Archive this plan? It takes no new subscribers; current subscribers keep theirs."),
  restore: t("Take subscribers again"),
  archived: t("Archived"),
  perWeek: t("per week"),
  perMonth: t("per month"),
  subscribers: t("Subscribers"),
  none: t("No subscribers yet."),
  noPlans: t("No plans yet."),
  columns: { customer: t("Customer"), state: t("Status"), repeats: t("Repeats"), next: t("Next billing"), flags: t("Not free") },
  states: {
    pending: t("Awaiting payment"),
    active: t("Active"),
    past_due: t("Past due"),
    cancelling: t("Cancelling"),
    ended: t("Ended"),
  },
  weekly: (weekday, time) => t("every {weekday} at {time}", { weekday, time }),
  monthly: (day, time) => t("every month on day {day} at {time}", { day, time }),
  cancel: t("Cancel subscription"),
  cancelQuestion: t("Cancel at the end of the paid period? Appointments until then stay; later ones are released then."),
  cancelYes: t("Yes, cancel at period end"),
  endsOn: (date) => t("runs until {date}", { date }),
};

const WEEKDAY_KEYS = [t("Monday"), t("Tuesday"), t("Wednesday"), t("Thursday"), t("Friday"), t("Saturday"), t("Sunday")];

function repeats(recurrence) {
  if (recurrence.frequency === "weekly") return TEXT.weekly(WEEKDAY_KEYS[recurrence.day], recurrence.time);
  return TEXT.monthly(recurrence.day, recurrence.time);
}

function planForm(app, plan, services, onSaved) {
  const name = h("input", { type: "text", required: true, maxlength: "80", value: plan?.name || "" });
  const frequency = select(TEXT.frequencies, plan?.frequency || "monthly");
  const price = h("input", { type: "text", inputmode: "decimal", required: true, value: centsToInput(plan?.priceCents) });
  const service = select(services.map((s) => [s.id, s.name]), plan?.serviceId || services[0]?.id);
  const perPeriod = h("input", { type: "number", min: "1", max: "7", required: true, value: String(plan?.appointmentsPerPeriod || 1) });
  const status = h("p", { role: "status", class: "hint" });
  const planForm = form(
    () =>
      saving(planForm, async () => {
        const data = {
          name: name.value,
          frequency: frequency.value,
          priceCents: parseMoney(price.value),
          serviceId: service.value,
          appointmentsPerPeriod: Number(perPeriod.value),
          ...(plan && { planId: plan.planId }),
        };
        await app.call("adminSavePlan", data);
        status.textContent = TEXT.saved;
        onSaved();
      }),
    h("div", { class: "filters" },
      field(TEXT.name, name, { path: "name" }),
      field(TEXT.frequency, frequency, { path: "frequency" }),
      field(TEXT.price, price, { path: "priceCents", hint: TEXT.priceHint }),
      field(TEXT.service, service, { path: "serviceId" }),
      field(TEXT.perPeriod, perPeriod, { path: "appointmentsPerPeriod" }),
    ),
    h("button", { type: "submit", class: "button primary" }, TEXT.save),
    status,
  );
  return planForm;
}

function subscriberRows(app, plan, timeZone) {
  return plan.subscribers.map((s) => [
    h("span", {}, s.customer.name, h("br"), h("span", { class: "muted" }, s.customer.email)),
    h("span", {}, h("span", { class: `status status-${s.state}` }, TEXT.states[s.state] || s.state),
      s.state === "cancelling" && s.lastPaidDay && [h("br"), h("span", { class: "muted" }, TEXT.endsOn(readableDay(s.lastPaidDay)))]),
    repeats(s.recurrence),
    s.state === "ended" || s.state === "cancelling" ? "—" : dateTime(s.nextBillingAt, timeZone),
    s.conflicts.length
      ? h("span", { class: "status status-flagged", "data-flag": "not-free" }, s.conflicts.map((c) => dateTime(c.start, timeZone)).join(", "))
      : "—",
    ["active", "past_due"].includes(s.state)
      ? confirmStep(app, {
        label: TEXT.cancel,
        name: `${TEXT.cancel}: ${s.customer.name}`,
        question: TEXT.cancelQuestion,
        confirm: TEXT.cancelYes,
        run: async () => {
          await app.call("adminCancelSubscription", { subscriptionId: s.subscriptionId });
          app.go("subscriptions");
        },
      })
      : "",
  ]);
}

function planSection(app, plan, services, timeZone) {
  const per = plan.frequency === "weekly" ? TEXT.perWeek : TEXT.perMonth;
  const editing = h("div", { hidden: true }, planForm(app, plan, services, () => app.go("subscriptions")));
  const toggle = button(TEXT.editPlan, () => {
    editing.hidden = !editing.hidden;
    toggle.setAttribute("aria-expanded", String(!editing.hidden));
  }, { "aria-expanded": "false", "aria-label": `${TEXT.editPlan}: ${plan.name}` });
  const archive = plan.archived
    ? button(TEXT.restore, async () => {
      await app.call("adminArchivePlan", { planId: plan.planId, archived: false });
      app.go("subscriptions");
    }, { "aria-label": `${TEXT.restore}: ${plan.name}` })
    : confirmStep(app, {
      label: TEXT.archive,
      name: `${TEXT.archive}: ${plan.name}`,
      question: TEXT.archiveQuestion,
      confirm: TEXT.archive,
      run: async () => {
        await app.call("adminArchivePlan", { planId: plan.planId });
        app.go("subscriptions");
      },
    });
  const headers = Object.values(TEXT.columns);
  return h("section", { class: "card", "data-plan": plan.planId },
    h("h2", {}, plan.name, plan.archived && h("span", { class: "muted" }, ` (${TEXT.archived})`)),
    h("p", {}, `${money(plan.priceCents, plan.currency)} ${per} · ${nameOf(services, plan.serviceId)} · ${TEXT.perPeriod}: ${plan.appointmentsPerPeriod}`),
    h("div", { class: "actions" }, toggle, archive),
    editing,
    h("h3", {}, TEXT.subscribers),
    listTable(`${TEXT.subscribers}: ${plan.name}`, [...headers, ""], subscriberRows(app, plan, timeZone), TEXT.none),
  );
}

export async function renderSubscriptions(app) {
  const { services, site } = app.data;
  const { plans } = await app.call("adminListSubscriptions", {});
  return h("section", {},
    h("h1", {}, TEXT.title),
    h("p", { class: "hint" }, TEXT.intro),
    plans.length ? plans.map((plan) => planSection(app, plan, services, site.timezone)) : h("p", { class: "empty" }, TEXT.noPlans),
    h("h2", {}, TEXT.newPlan),
    planForm(app, null, services, () => app.go("subscriptions")),
  );
}
