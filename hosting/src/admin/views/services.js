// Booking → Services: the list, and one form to create or edit a service
// with its intake questions.
import { h } from "../../shared/dom.js";
import { FieldError, button, checkbox, field, form, saving, select } from "../dom.js";
import { centsToInput, minutes, money, parseMoney } from "../format.js";
import { confirmStep, listTable } from "./common.js";

const UNOFFERED = "Not bookable: no staff member offers it";

/** Active services no active staff member offers get no times in the widget
 * (the server flags them: `unoffered`); the list says so and links to Staff. */
function unofferedNotice(app) {
  const unoffered = app.data.services.filter((service) => service.unoffered);
  if (!unoffered.length) return null;
  const one = unoffered.length === 1;
  return h(
    "div",
    { class: "notice warn", id: "unoffered-services" },
    h("p", {}, `${one ? "This active service is" : "These active services are"} not offered in the widget, because no active staff member offers ${one ? "it" : "them"}: `, h("strong", {}, unoffered.map((s) => s.name).join(", ")), "."),
    h("p", {}, "Choose who gives ", one ? "it" : "them", " on the ", h("a", { href: "#/staff" }, "Staff page"), ", or deactivate ", one ? "it" : "them", "."),
  );
}

function statusCell(service) {
  if (!service.active) return "Inactive";
  if (service.unoffered) return ["Active", h("br"), h("a", { class: "warn-text", href: "#/staff" }, UNOFFERED)];
  return "Active";
}

export function renderServices(app, [id]) {
  if (id) return serviceForm(app, id === "new" ? null : app.data.services.find((s) => s.id === id));
  const currency = app.site.currency;
  return h(
    "div",
    { class: "page" },
    h("div", { class: "page-head" }, h("h1", {}, "Services"), h("a", { class: "button primary", href: "#/services/new" }, "New service")),
    unofferedNotice(app),
    listTable(
      "Services",
      ["Name", "Duration", "Price", "Deposit", "Questions", "Status"],
      app.data.services.map((service) => [
        h("a", { href: `#/services/${encodeURIComponent(service.id)}` }, service.name),
        minutes(service.durationMinutes),
        money(service.priceCents, currency),
        service.depositCents ? depositCell(app, service) : "None",
        String((service.intakeQuestions || []).length),
        statusCell(service),
      ]),
      "No services yet. Create the first one to start taking bookings.",
    ),
  );
}

/** A deposit service is hidden from clients while payments are not ready: say so beside it. */
function depositCell(app, service) {
  const amount = money(service.depositCents, app.site.currency);
  if (app.site.paymentsReady) return amount;
  return [amount, " ", h("a", { class: "hint", href: "#/payments" }, "Not bookable until payments are set up")];
}

function questionEditor(question, onRemove) {
  const label = h("input", { type: "text", value: question.label || "", maxlength: 200 });
  const kind = select([["text", "Text answer"], ["choice", "Choice"]], question.type || "text");
  const options = h("textarea", { rows: 3, value: (question.options || []).join("\n") });
  const required = checkbox("Answer required", question.required);
  const optionsField = field("Choices, one per line", options);
  const showOptions = () => (optionsField.hidden = kind.value !== "choice");
  kind.addEventListener("change", showOptions);
  showOptions();
  const row = h(
    "fieldset",
    { class: "question" },
    h("legend", {}, "Question"),
    field("Question", label),
    field("Answer type", kind),
    optionsField,
    required.wrap,
    button("Remove question", () => onRemove(row), { class: "button subtle" }),
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
  const depositOn = checkbox("A deposit is required to book", !!service.depositCents);
  const deposit = h("input", { type: "text", inputmode: "decimal", value: centsToInput(service.depositCents) });
  const depositField = field(`Deposit (${app.site.currency})`, deposit, {
    path: "service.depositCents",
    hint: app.site.paymentsReady ? null : "Deposit services are offered once online payments are set up.",
  });
  const showDeposit = () => (depositField.hidden = !depositOn.control.checked);
  depositOn.control.addEventListener("change", showDeposit);
  showDeposit();
  const active = checkbox("Active (offered in the widget)", service.active);
  const questions = h("div", { class: "questions" });
  const addQuestion = (question) => {
    const row = questionEditor(question, (gone) => {
      gone.remove();
      addButton.focus();
    });
    questions.append(row);
    return row;
  };
  const addButton = button("Add question", () => addQuestion({}).focusFirst());
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
        app.announce(`Service "${name.value.trim()}" saved${saved?.unoffered ? `. ${UNOFFERED}` : ""}`);
        app.go("services");
      }),
    field("Name", name, { path: "service.name" }),
    field("Duration (minutes)", duration, { path: "service.durationMinutes", hint: "A multiple of 5 minutes." }),
    field(`Price (${app.site.currency})`, price, { path: "service.priceCents", hint: "Optional, e.g. 35.00." }),
    depositOn.wrap,
    depositField,
    active.wrap,
    h(
      "fieldset",
      { class: "group" },
      h("legend", {}, "Intake questions"),
      h("p", { class: "hint" }, "Asked when a client books this service."),
      questions,
      addButton,
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button primary" }, "Save service"),
      h("a", { class: "button subtle", href: "#/services" }, "Back to services"),
    ),
  );
  const remove = existing
    ? confirmStep(app, {
        label: "Delete service",
        question: `Delete "${service.name}"? A service with future bookings can only be deactivated.`,
        confirm: "Yes, delete it",
        run: async () => {
          await app.call("adminDeleteService", { serviceId: service.id });
          await app.reload();
          app.announce(`Service "${service.name}" deleted`);
          app.go("services");
        },
      })
    : null;
  const warning =
    existing && service.unoffered
      ? h("p", { class: "notice warn" }, `${UNOFFERED}, so it is not shown in the widget. Choose who gives it on the `, h("a", { href: "#/staff" }, "Staff page"), ".")
      : null;
  return h("div", { class: "page" }, h("h1", {}, existing ? `Edit ${service.name}` : "New service"), warning, h("section", { class: "card" }, editor), remove);
}
