// Small view pieces the steps share (headings, buttons, a slot's text), so
// each is written once and looks and behaves the same on every step.

import { h } from "../shared/dom.js";

/** Each step's heading takes focus when the step opens, so keyboard users start there. */
export const heading = (text) => h("h3", { tabindex: "-1", "data-key": "heading" }, text);

/** A plain button; `key` (may be null) lets focus find it again after a re-render. */
export const button = (key, text, onclick) => h("button", { type: "button", class: "bw-btn", "data-key": key, onclick }, text);

/** The row of buttons under a step. */
export const actions = (...buttons) => h("div", { class: "bw-actions" }, buttons);

export const backButton = (w) => button("back", w.t("back"), () => w.back());

/** "Name, Street 1, City", leaving out empty parts. */
export const commaList = (...parts) => parts.filter(Boolean).join(", ");

/** "Monday 2 March, 10:00" in the business's zone. */
export function slotText(w, slot) {
  const date = slot.start.slice(0, 10);
  return `${w.fmt.longDay(date)}, ${w.fmt.time(slot.start, w.zone())}`;
}
