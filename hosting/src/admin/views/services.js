// Booking → Services: the list, and one form to create or edit a service
// with its intake questions.
import { h } from "../../shared/dom.js";
import { FieldError, button, checkbox, field, form, saving, select } from "../dom.js";
import { centsToInput, minutes, money, parseMoney } from "../format.js";
import { t } from "../i18n.js";
import { confirmStep, listTable, withElements } from "./common.js";

const UNOFFERED = t("Not bookable: no staff member offers it");

/** Active services no active staff member offers get no times in the widget
 * (the server flags them: `unoffered`); the list says so and links to Staff. */
function unofferedNotice(app) {
  const unoffered = app.data.services.filter((service) => service.unoffered);
  if (!unoffered.length) return null;
  const one = unoffered.length === 1;
  return h(
    "div",
    { class: "notice warn", id: "unoffered-services" },
    h("p", {}, withElements(
      one
        ? t("This active service is not offered in the widget, because no active staff member offers it: {names}.", { names: "{names}" })
        : t("These active services are not offered in the widget, because no active staff member offers them: {names}.", { names: "{names}" }),
      { names: h("strong", {}, unoffered.map((s) => s.name).join(", ")) },
    )),
    h("p", {}, withElements(
      one
        ? t("Choose who gives it on the {staffPage}, or deactivate it.", { staffPage: "{staffPage}" })
        : t("Choose who gives them on the {staffPage}, or deactivate them.", { staffPage: "{staffPage}" }),
      { staffPage: h("a", { href: "#/staff" }, t("Staff page")) },
    )),
  );
}

function statusCell(service) {
  if (!service.active) return t("Inactive");
  if (service.unoffered) return [t("Active"), h("br"), h("a", { class: "warn-text", href: "#/staff" }, UNOFFERED)];
  return t("Active");
}

export function renderServices(app, [id]) {
  if (id) return serviceForm(app, id === "new" ? null : app.data.services.find((s) => s.id === id));
  const currency = app.site.currency;
  return h(
    "div",
    { class: "page" },
    h("div", { class: "page-head" }, h("h1", {}, t("Services")), h("a", { class: "button primary", href: "#/services/new" }, t("New service"))),
    unofferedNotice(app),
    listTable(
      t("Services"),
      [t("Name"), t("Duration"), t("Price"), t("Deposit"), t("Questions"), t("Status")],
      app.data.services.map((service) => [
        h("a", { href: `#/services/${encodeURIComponent(service.id)}` }, service.name),
        minutes(service.durationMinutes),
        money(service.priceCents, currency),
        service.depositCents ? depositCell(app, service) : t("None"),
        String((service.intakeQuestions || []).length),
        statusCell(service),
      ]),
      t("No services yet. Create the first one to start taking bookings."),
    ),
  );
}

/** A deposit service is hidden from clients while payments are not ready: say so beside it. */
function depositCell(app, service) {
  const amount = money(service.depositCents, app.site.currency);
  if (app.site.paymentsReady) return amount;
  return [amount, " ", h("a", { class: "hint", href: "#/payments" }, t("Not bookable until payments are set up"))];
}

function questionEditor(question, onRemove) {
  const label = h("input", { type: "text", value: question.label || "", maxlength: 200 });
  const kind = select([["text", t("Text answer")], ["choice", t("Choice")]], question.type || "text");
  const options = h("textarea", { rows: 3, value: (question.options || []).join("\n") });
  const required = checkbox(t("Answer required"), question.required);
  const optionsField = field(t("Choices, one per line"), options);
  const showOptions = () => (optionsField.hidden = kind.value !== "choice");
  kind.addEventListener("change", showOptions);
  showOptions();
  const row = h(
    "fieldset",
    { class: "question" },
    h("legend", {}, t("Question")),
    field(t("Question"), label),
    field(t("Answer type"), kind),
    optionsField,
    required.wrap,
    button(t("Remove question"), () => onRemove(row), { class: "button subtle" }),
  );
  row.read = (index) => {
    const base = `service.intakeQuestions.${index}`;
    label.dataset.path = `${base}.label`;
    kind.dataset.path = `${base}.type`;
    options.dataset.path = `${base}.options`;
    return {
      ...(question.id ? { id: question.id } : {}),
      label: label.value,
      type: kind.value,
      options: kind.value === "choice" ? options.value.split("\n").map((o) => o.trim()).filter(Boolean) : [],
      required: required.control.checked,
    };
  };
  row.focusFirst = () => label.focus();
  return row;
}

function serviceForm(app, service) {
  const existing = !!service;
  service ||= { name: "", durationMinutes: 30, priceCents: null, depositCents: null, active: true, intakeQuestions: [] };
  const name = h("input", { type: "text", value: service.name, maxlength: 100, required: true });
  const duration = h("input", { type: "number", min: 5, max: 720, step: 5, value: service.durationMinutes, inputmode: "numeric" });
  const price = h("input", { type: "text", inputmode: "decimal", value: centsToInput(service.priceCents) });
  const depositOn = checkbox(t("A deposit is required to book"), !!service.depositCents);
  const deposit = h("input", { type: "text", inputmode: "decimal", value: centsToInput(service.depositCents) });
  const depositField = field(t("Deposit ({currency})", { currency: app.site.currency }), deposit, {
    path: "service.depositCents",
    hint: app.site.paymentsReady ? null : t("Deposit services are offered once online payments are set up."),
  });
  const showDeposit = () => (depositField.hidden = !depositOn.control.checked);
  depositOn.control.addEventListener("change", showDeposit);
  showDeposit();
  const active = checkbox(t("Active (offered in the widget)"), service.active);
  const questions = h("div", { class: "questions" });
  const addQuestion = (question) => {
    const row = questionEditor(question, (gone) => {
      gone.remove();
      addButton.focus();
    });
    questions.append(row);
    return row;
  };
  const addButton = button(t("Add question"), () => addQuestion({}).focusFirst());
  (service.intakeQuestions || []).forEach(addQuestion);

  const read = () => {
    const priceCents = parseMoney(price.value);
    if (Number.isNaN(priceCents)) throw new FieldError("service.priceCents", "must be an amount such as 35.00");
    let depositCents = null;
    if (depositOn.control.checked) {
      depositCents = parseMoney(deposit.value);
      if (depositCents == null || Number.isNaN(depositCents)) throw new FieldError("service.depositCents", "enter the deposit amount");
    }
    const durationValue = Number(duration.value);
    if (!Number.isInteger(durationValue)) throw new FieldError("service.durationMinutes", "must be a whole number of minutes");
    return {
      ...(existing ? { id: service.id } : {}),
      name: name.value,
      durationMinutes: durationValue,
      priceCents,
      depositCents,
      active: active.control.checked,
      intakeQuestions: [...questions.children].map((row, index) => row.read(index)),
    };
  };

  const editor = form(
    () =>
      saving(editor, async () => {
        const result = await app.call("adminSaveService", { service: read() });
        await app.reload();
        const saved = app.data.services.find((s) => s.id === result.id);
        app.announce(`${t("Service \"{name}\" saved", { name: name.value.trim() })}${saved?.unoffered ? `. ${UNOFFERED}` : ""}`);
        app.go("services");
      }),
    field(t("Name"), name, { path: "service.name" }),
    field(t("Duration (minutes)"), duration, { path: "service.durationMinutes", hint: t("A multiple of 5 minutes.") }),
    field(t("Price ({currency})", { currency: app.site.currency }), price, { path: "service.priceCents", hint: t("Optional, e.g. {example}.", { example: centsToInput(3500) }) }),
    depositOn.wrap,
    depositField,
    active.wrap,
    h(
      "fieldset",
      { class: "group" },
      h("legend", {}, t("Intake questions")),
      h("p", { class: "hint" }, t("Asked when a client books this service.")),
      questions,
      addButton,
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button primary" }, t("Save service")),
      h("a", { class: "button subtle", href: "#/services" }, t("Back to services")),
    ),
  );
  const remove = existing
    ? confirmStep(app, {
        label: t("Delete service"),
        question: t("Delete \"{name}\"? A service with future bookings can only be deactivated.", { name: service.name }),
        confirm: t("Yes, delete it"),
        run: async () => {
          await app.call("adminDeleteService", { serviceId: service.id });
          await app.reload();
          app.announce(t("Service \"{name}\" deleted", { name: service.name }));
          app.go("services");
        },
      })
    : null;
  const warning =
    existing && service.unoffered
      ? h("p", { class: "notice warn" }, withElements(t("Not bookable: no staff member offers it, so it is not shown in the widget. Choose who gives it on the {staffPage}.", { staffPage: "{staffPage}" }), { staffPage: h("a", { href: "#/staff" }, t("Staff page")) }))
      : null;
  return h("div", { class: "page" }, h("h1", {}, existing ? t("Edit {name}", { name: service.name }) : t("New service")), warning, h("section", { class: "card" }, editor), remove);
}
