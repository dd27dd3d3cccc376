// Accessible form controls, built with h() from shared/dom.js (text only,
// never HTML, so names typed by admins or clients can't inject markup).
import { h } from "../shared/dom.js";
import { FORM_SENTENCES, fieldSentence } from "./field_errors.js";

let counter = 0;
const uid = (prefix = "f") => `${prefix}${++counter}`;

/** A labelled control; `path` is the API field it edits, so server errors can point at it. */
export function field(label, control, { hint, path } = {}) {
  control.id ||= uid();
  if (path) control.dataset.path = path;
  const wrap = h("div", { class: "field" }, h("label", { for: control.id }, label), control);
  if (hint) {
    const note = h("p", { class: "hint", id: `${control.id}-hint` }, hint);
    control.setAttribute("aria-describedby", note.id);
    wrap.append(note);
  }
  return wrap;
}

export function checkbox(label, checked, { path, hint } = {}) {
  const control = h("input", { type: "checkbox", id: uid(), checked: !!checked });
  if (path) control.dataset.path = path;
  const wrap = h("div", { class: "field check" }, control, h("label", { for: control.id }, label));
  if (hint) {
    const note = h("p", { class: "hint", id: `${control.id}-hint` }, hint);
    control.setAttribute("aria-describedby", note.id);
    wrap.append(note);
  }
  return { wrap, control };
}

export function select(options, value, props = {}) {
  return h(
    "select",
    { ...props, value: value ?? "" },
    options.map(([optionValue, label]) => h("option", { value: String(optionValue) }, label)),
  );
}

export function button(label, onclick, props = {}) {
  return h("button", { type: "button", class: "button", onclick, ...props }, label);
}

/** Shows a failed save. A refused field (the server's `field` and `problem`,
 * or a FieldError of the page's own checks) gets its sentence from
 * field_errors.js beside the control editing it, which takes the focus; the
 * alert above the form says what happened. Other errors land in the alert. */
export function showError(form, error) {
  clearErrors(form);
  const alert = form.querySelector(".form-error");
  const path = error.field;
  // The control editing exactly that field, else the closest enclosing group.
  const target = path
    ? [...form.querySelectorAll("[data-path]")]
        .filter((control) => control.dataset.path === path || path.startsWith(`${control.dataset.path}.`))
        .sort((a, b) => b.dataset.path.length - a.dataset.path.length)[0]
    : null;
  // A form whose fields share top-level names with another's ("name") names its table section.
  const sentence = path ? fieldSentence(form.dataset.fields ? `${form.dataset.fields}.${path}` : path, error.problem) : null;
  if (target) {
    alert.textContent = FORM_SENTENCES.fieldRefused;
    target.setAttribute("aria-invalid", "true");
    const note = h("p", { class: "field-error", id: `${target.id || (target.id = uid("e"))}-error` }, sentence);
    target.setAttribute("aria-errormessage", note.id);
    target.setAttribute("aria-describedby", [target.getAttribute("aria-describedby"), note.id].filter(Boolean).join(" "));
    const holder = target.closest(".field");
    if (holder) holder.append(note);
    else if (target.matches("fieldset, div")) target.append(note); // a group: the day, the holidays
    else target.parentElement.after(note); // a time in a row of ranges: below the row

    target.focus();
  } else {
    alert.textContent = sentence || error.message || FORM_SENTENCES.failed;
    alert.setAttribute("tabindex", "-1");
    alert.focus();
  }
}

export function clearErrors(form) {
  form.querySelectorAll(".field-error").forEach((note) => note.remove());
  form.querySelectorAll("[aria-invalid]").forEach((control) => {
    control.removeAttribute("aria-invalid");
    const note = control.getAttribute("aria-errormessage");
    control.removeAttribute("aria-errormessage");
    const described = (control.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== note);
    if (described.length) control.setAttribute("aria-describedby", described.join(" "));
    else control.removeAttribute("aria-describedby");
  });
  const alert = form.querySelector(".form-error");
  if (alert) alert.textContent = "";
}

/** Runs a save: the submit button is busy meanwhile, errors land in the form. */
export async function saving(form, work) {
  const submit = form.querySelector("[type=submit]");
  clearErrors(form);
  if (submit) submit.disabled = true;
  form.setAttribute("aria-busy", "true");
  try {
    return await work();
  } catch (error) {
    showError(form, error);
    return undefined;
  } finally {
    if (submit) submit.disabled = false;
    form.removeAttribute("aria-busy");
  }
}

/** A form whose first child is the alert that announces failed saves. */
export function form(onsubmit, ...children) {
  return h(
    "form",
    {
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        onsubmit(event);
      },
    },
    h("div", { class: "form-error", role: "alert" }),
    ...children,
  );
}

/** A client-side check failing before any request, shown like a server error. */
export class FieldError extends Error {
  constructor(path, problem) {
    super(`${path}: ${problem}`);
    this.field = path;
    this.problem = problem;
  }
}
