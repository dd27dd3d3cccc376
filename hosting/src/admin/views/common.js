// Pieces several views share: data tables, a two-step confirmation and copying.
import { h } from "../../shared/dom.js";
import { button } from "../dom.js";
import { t } from "../i18n.js";

export function listTable(caption, headers, rows, empty) {
  if (!rows.length) return h("p", { class: "empty" }, empty);
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      h("caption", { class: "visually-hidden" }, caption),
      h("thead", {}, h("tr", {}, headers.map((label) => h("th", { scope: "col" }, label)))),
      h(
        "tbody",
        {},
        rows.map((cells) => h("tr", {}, cells.map((cell, index) => (index === 0 ? h("th", { scope: "row" }, cell) : h("td", {}, cell))))),
      ),
    ),
  );
}

/** A destructive action asked twice: the first button reveals the question
 * and the real button, which gets focus; "Keep" goes back. `name` is the
 * first button's accessible name where its label alone is ambiguous (a row of a table). */
export function confirmStep(app, { label, question, confirm, run, danger = true, name = null }) {
  const message = h("p", { role: "alert", class: "form-error" });
  const first = button(label, () => {
    first.hidden = true;
    ask.hidden = false;
    yes.focus();
  }, { class: danger ? "button danger" : "button", "aria-label": name });
  const yes = button(confirm, async () => {
    yes.disabled = true;
    message.textContent = "";
    try {
      await run();
    } catch (error) {
      message.textContent = error.message;
      yes.disabled = false;
    }
  }, { class: danger ? "button danger" : "button primary" });
  const keep = button(t("Keep"), () => {
    ask.hidden = true;
    first.hidden = false;
    first.focus();
  }, { class: "button subtle" });
  const ask = h("div", { class: "confirm", hidden: true }, h("p", {}, question), h("div", { class: "actions" }, yes, keep));
  return h("div", { class: "danger-zone" }, message, first, ask);
}

export function nameOf(items, id, fallback = "—") {
  return items.find((item) => item.id === id)?.name || fallback;
}

/** Copies text; where the clipboard API is refused, selects the control's text and copies that. */
export async function copy(text, control) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    control.focus();
    control.select();
    document.execCommand("copy");
  }
}

/** A translated sentence with elements (links, bold names) in the place of
 * its {marks}: translate it with each mark given as its own value (as in
 * { page: "{page}" }), so the word order stays the translation's. */
export function withElements(sentence, elements) {
  return sentence.split(/\{(\w+)\}/).map((part, index) => (index % 2 ? elements[part] : part));
}
