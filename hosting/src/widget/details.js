// The details form: contact fields, the service's intake questions, opt-in and
// terms. Values live in the widget's state, so they survive going back for
// another time (e.g. after a slot was taken).

import { h } from "../shared/dom.js";
import { actions, backButton, heading, slotText } from "./parts.js";
import { subscriptionChoice } from "./subscribe.js";

// The same rules as the server's, so most mistakes are caught before a round trip.
const EMAIL = /^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$/;
const PHONE = /^\+?[0-9 ()./-]{6,32}$/;

export const emptyDetails = () => ({
  name: "", email: "", phone: "", notes: "", answers: {}, marketingOptIn: false, termsAccepted: false,
});

/** Field key -> {label, message} for every problem; empty when all is well. */
export function validate(w, service) {
  const { t } = w;
  const d = w.state.details;
  const errors = {};
  const need = (key, label, value) => {
    if (!String(value).trim()) errors[key] = { label, message: t("fieldRequired") };
  };
  Object.assign(errors, validateContact(w));
  for (const question of service.intakeQuestions) {
    if (question.required) need(`q:${question.id}`, question.label, d.answers[question.id] || "");
  }
  if (w.config.settings.termsRequired && !d.termsAccepted) {
    errors.terms = { label: t("acceptTerms"), message: t("termsMissing") };
  }
  return errors;
}

/** Name, e-mail and phone: the contact fields the booking and the waitlist share. */
export function validateContact(w) {
  const { t } = w;
  const d = w.state.details;
  const errors = {};
  if (!d.name.trim()) errors.name = { label: t("name"), message: t("fieldRequired") };
  if (!d.email.trim()) errors.email = { label: t("email"), message: t("fieldRequired") };
  else if (!EMAIL.test(d.email.trim())) errors.email = { label: t("email"), message: t("emailInvalid") };
  if (d.phone.trim() && !PHONE.test(d.phone.trim())) errors.phone = { label: t("phone"), message: t("phoneInvalid") };
  return errors;
}

/** Maps the server's "customer.email: must be ..." onto the form's field, if it is one. */
export function serverFieldError(w, message) {
  const { t } = w;
  const [path, problem] = String(message).split(/:\s(.*)/s);
  const known = {
    "customer.name": ["name", t("name"), t("fieldRequired")],
    "customer.email": ["email", t("email"), t("emailInvalid")],
    "customer.phone": ["phone", t("phone"), t("phoneInvalid")],
    termsAccepted: ["terms", t("acceptTerms"), t("termsMissing")],
    notes: ["notes", t("notes"), problem],
  };
  if (known[path]) {
    const [key, label, text] = known[path];
    return { [key]: { label, message: text } };
  }
  const question = path && path.startsWith("answers.") && w.service().intakeQuestions.find((q) => `answers.${q.id}` === path);
  return question ? { [`q:${question.id}`]: { label: question.label, message: problem || t("generic") } } : null;
}

/** The message under a field with a problem; its id is what aria-describedby points at. */
const errorLine = (id, error) => error && h("p", { class: "bw-error", id: `${id}-error` }, error.message);

export function field(w, key, label, control, required) {
  const error = w.state.fieldErrors[key];
  const id = `bw-${key.replace(/\W/g, "-")}`;
  control.id = id;
  control.dataset.key = key;
  if (required) control.setAttribute("aria-required", "true");
  if (error) {
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", `${id}-error`);
  }
  return h("div", { class: "bw-field" },
    h("label", { for: id }, label, !required && h("span", { class: "bw-muted" }, ` (${w.t("optional")})`)),
    control,
    errorLine(id, error),
  );
}

function checkbox(w, key, label, checked, onchange, extra) {
  const error = w.state.fieldErrors[key];
  const id = `bw-${key}`;
  return h("div", {},
    extra,
    h("div", { class: "bw-check" },
      h("input", {
        type: "checkbox", id, "data-key": key, checked, onchange,
        "aria-invalid": error ? "true" : null, "aria-describedby": error ? `${id}-error` : null,
      }),
      h("label", { for: id }, label)),
    errorLine(id, error),
  );
}

function question(w, q) {
  const answers = w.state.details.answers;
  const value = answers[q.id] || "";
  const set = (event) => (answers[q.id] = event.target.value);
  const control = q.type === "choice"
    ? h("select", { onchange: set },
      h("option", { value: "" }, w.t("chooseOption")),
      q.options.map((option) => h("option", { value: option, selected: option === value }, option)))
    : h("input", { type: "text", value, oninput: set, maxlength: "1000" });
  return field(w, `q:${q.id}`, q.label, control, q.required);
}

export function detailsStep(w) {
  const { t, state, config } = w;
  const d = state.details;
  const service = w.service();
  const keep = (key, property = "value") => (event) => (d[key] = event.target[property]);
  const input = (key, type, autocomplete, maxlength) =>
    h("input", { type, autocomplete, maxlength, value: d[key], oninput: keep(key) });
  const notes = h("textarea", { maxlength: "2000", rows: "3", oninput: keep("notes") }, d.notes);

  const { termsRequired, termsText, termsUrl, changeCutoffHours: hours = 0, noShowPolicy } = config.settings;
  // Told before booking, in the widget's language (the server words it once, for every language);
  // like the confirmation e-mail, only where a deposit saves the card the fee is charged to.
  const policy = noShowPolicy && service.deposit && h("p", { class: "bw-terms", "data-key": "no-show-policy" }, noShowPolicy[t.lang] || noShowPolicy.en);
  const deposit = service.deposit && h("p", { class: "bw-terms", "data-key": "deposit-next" }, t("depositNext", { amount: w.fmt.money(service.deposit) }));
  // The site's rule for changes, before the client commits to the time.
  const cutoff = hours > 0 && h("p", { class: "bw-terms", "data-key": "change-cutoff" }, hours === 1 ? t("changeCutoffOne") : t("changeCutoff", { hours }));
  const termsLink = termsUrl && h("a", { href: termsUrl, target: "_blank", rel: "noopener" }, t("readTerms"));
  const terms = termsRequired && checkbox(w, "terms", t("acceptTerms"), d.termsAccepted, keep("termsAccepted", "checked"), [
    termsText && h("p", { class: "bw-terms" }, termsText),
    termsLink && h("p", { class: "bw-terms" }, termsLink),
  ]);

  // aria-disabled, not disabled, while booking: the button keeps focus for what comes next.
  const subscribing = Boolean(state.subscribe);
  const confirm = h("button", {
    type: "submit", class: "bw-primary", "data-key": "confirm", "aria-disabled": state.submitting ? "true" : null,
  }, state.submitting ? t("booking") : t(subscribing ? "subscribeAndPay" : service.deposit ? "toPayment" : "confirm"));
  const send = () => (subscribing ? w.subscribeNow() : w.submit());

  return h("form", { novalidate: true, onsubmit: (event) => (event.preventDefault(), send()) },
    heading(t("yourDetails")),
    h("p", { class: "bw-recap" }, `${service.name}: ${slotText(w, state.slot)} (${w.zone()})`),
    field(w, "name", t("name"), input("name", "text", "name", "100"), true),
    field(w, "email", t("email"), input("email", "email", "email", "254"), true),
    field(w, "phone", t("phone"), input("phone", "tel", "tel", "32"), false),
    service.intakeQuestions.map((q) => question(w, q)),
    field(w, "notes", t("notes"), notes, false),
    checkbox(w, "marketing", t("marketing"), d.marketingOptIn, keep("marketingOptIn", "checked")),
    subscriptionChoice(w, service),
    cutoff,
    !subscribing && policy,
    terms,
    !subscribing && deposit,
    actions(confirm, backButton(w)),
  );
}
