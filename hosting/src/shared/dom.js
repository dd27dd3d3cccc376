// The element builder every page uses. Text always goes in as text nodes,
// never as HTML, so names, notes and labels from the server or typed by
// people can't inject markup.

/** Children as they may be written inline: nested arrays flattened, and null
 * and false (a part left out by a condition) dropped. */
const nodes = (children) => children.flat(Infinity).filter((child) => child != null && child !== false);

/**
 * h("button", { type: "button", onclick }, "Save"): props become attributes
 * (true as an empty one; null and false leave it out) and `on…` listeners,
 * except `value`, set as the property: a textarea or select has no value
 * attribute. Props are set after the children, so a select's value finds
 * its options.
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  element.append(...nodes(children));
  for (const [key, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else if (key === "value") element.value = value;
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  return element;
}

/** Replaces what `target` holds, with children written as for h(). */
export function replace(target, ...children) {
  target.replaceChildren(...nodes(children));
}

/** [[label, value], ...] as a <dl>. */
export const definitionList = (rows, props) => h("dl", props, rows.map(([label, value]) => [h("dt", {}, label), h("dd", {}, value)]));

const flashTimers = new WeakMap();

/** Shows `message` in `box` (a live region) and takes `className` off again
 * after four seconds; a newer message restarts the time. */
export function flash(box, message, className) {
  box.textContent = message;
  box.classList.add(className);
  clearTimeout(flashTimers.get(box));
  flashTimers.set(box, setTimeout(() => box.classList.remove(className), 4000));
}
