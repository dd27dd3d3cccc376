// Settings → Widgets: switch online booking on or off for the site, set the
// widget's options, preview it, and copy its embed code.
import { h } from "../../shared/dom.js";
import { button, checkbox, field, form, saving, select } from "../dom.js";
import { t } from "../i18n.js";
import { confirmStep, copy } from "./common.js";

const escapeAttribute = (value) =>
  String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function embedCode(siteId, options, origin = location.origin) {
  const attributes = [
    ["site", siteId],
    ["heading", options.heading],
    ["accent-color", options.accentColor],
    ["layout", options.layout],
    ["show-staff", String(options.showStaff)],
  ]
    .map(([name, value]) => `${name}="${escapeAttribute(value)}"`)
    .join(" ");
  return `<booking-widget ${attributes}></booking-widget>\n<script src="${origin}/widget.js" defer></script>`;
}

function loadWidgetScript() {
  if (!document.querySelector("script[data-widget]")) {
    document.head.append(h("script", { src: "/widget.js", defer: true, "data-widget": true }));
  }
}

export function renderWidgets(app) {
  const site = app.site;
  const enabled = site.bookingEnabled;
  const switchBooking = async () => {
    await app.call("adminUpdateSettings", { bookingEnabled: !enabled });
    await app.reload();
    app.announce(enabled ? t("Booking deactivated") : t("Booking activated"));
    app.go("widgets");
  };
  // Deactivating takes the business offline at once, so it is asked twice;
  // activating is one click.
  const toggle = form(
    () => saving(toggle, switchBooking),
    h(
      "p",
      {},
      `${t("Status")}: `,
      h("strong", { class: enabled ? "badge on" : "badge off" }, enabled ? t("Active") : t("Not active")),
    ),
    h(
      "p",
      { class: "hint" },
      enabled
        ? t("Visitors can book on every page that embeds the widget.")
        : t("The widget shows nothing and the booking pages are hidden from this menu until you activate it."),
    ),
    enabled
      ? confirmStep(app, {
          label: t("Deactivate booking"),
          question: t(
            "Deactivate booking? The widget stops taking bookings on every page that embeds it until you activate booking again. Existing bookings are kept.",
          ),
          confirm: t("Yes, deactivate booking"),
          run: switchBooking,
        })
      : h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("Activate booking"))),
  );

  const options = { ...site.widget };
  const heading = h("input", { type: "text", value: options.heading, maxlength: 80, required: true });
  const colour = h("input", { type: "color", value: options.accentColor });
  const layout = select([["full", t("Full (summary beside the steps)")], ["compact", t("Compact (steps only)")]], options.layout);
  const staff = checkbox(t("Let visitors choose a staff member"), options.showStaff, { path: "widget.showStaff" });
  const code = h("textarea", { readonly: true, rows: 3, class: "code", spellcheck: "false" });
  const preview = h("booking-widget", { preview: true });

  const update = () => {
    Object.assign(options, {
      heading: heading.value.trim() || site.widget.heading,
      accentColor: colour.value,
      layout: layout.value,
      showStaff: staff.control.checked,
    });
    code.value = embedCode(site.id, options);
    preview.setAttribute("heading", options.heading);
    preview.setAttribute("accent-color", options.accentColor);
    preview.setAttribute("layout", options.layout);
    preview.setAttribute("show-staff", String(options.showStaff));
  };
  [heading, colour, layout, staff.control].forEach((control) => control.addEventListener("input", update));
  layout.addEventListener("change", update);
  staff.control.addEventListener("change", update);
  update();
  loadWidgetScript();

  const optionsForm = form(
    () =>
      saving(optionsForm, async () => {
        await app.call("adminUpdateSettings", { widget: { ...options, heading: heading.value } });
        await app.reload();
        app.announce(t("Widget options saved"));
      }),
    field(t("Heading"), heading, { path: "widget.heading" }),
    field(t("Accent colour"), colour, { path: "widget.accentColor" }),
    field(t("Layout"), layout, { path: "widget.layout" }),
    staff.wrap,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("Save as the site's defaults"))),
  );
  const copyButton = button(t("Copy embed code"), async () => {
    await copy(code.value, code);
    app.announce(t("Embed code copied"));
  });

  return h(
    "div",
    { class: "page" },
    h("h1", {}, t("Widgets")),
    h("section", { class: "card", "aria-labelledby": "w-booking" }, h("h2", { id: "w-booking" }, t("Booking")), toggle),
    h(
      "section",
      { class: "card", "aria-labelledby": "w-options" },
      h("h2", { id: "w-options" }, t("Options and embed code")),
      h("div", { class: "split" }, h("div", {}, optionsForm), h("figure", { class: "preview" }, h("figcaption", {}, t("Preview")), preview)),
      field(t("Embed code"), code, {
        hint: t("Paste it into any page of the website. The options in the code override the site's defaults."),
      }),
      h("div", { class: "actions" }, copyButton),
    ),
  );
}
