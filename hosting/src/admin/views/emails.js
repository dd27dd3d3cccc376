// Site settings → E-mails: the branding of the e-mails clients get (logo,
// footer line, reply-to address) with a live preview of the confirmation.
// The preview is the real template rendered by the server with the values
// as typed (adminPreviewEmail), shown in a sandboxed frame: nothing in it runs.
import { h } from "../../shared/dom.js";
import { field, form, saving } from "../dom.js";
import { fieldSentence } from "../field_errors.js";
import { t } from "../i18n.js";

/** Every sentence of this page, in one place. */
const TEXT = {
  title: t("E-mails"),
  intro: t("How the e-mails to your clients look. The preview shows a confirmation as a client would get it."),
  branding: t("Branding"),
  logo: t("Logo URL"),
  logoHint: t("A web address (https://) of an image about 40 pixels high; leave empty to show the business name instead."),
  footer: t("Footer line"),
  footerHint: t("One line under every e-mail, e.g. your chamber of commerce number or opening hours."),
  replyTo: t("Reply-to address"),
  replyToHint: t("Where replies from clients go; leave empty to use the sending address."),
  save: t("Save e-mail settings"),
  saved: t("E-mail settings saved"),
  preview: t("Preview: confirmation e-mail"),
  previewFrame: t("Preview of the confirmation e-mail"),
  previewUpdating: t("Updating the preview…"),
  previewShown: t("Preview up to date"),
  previewError: (message) => t("The preview can't be shown: {message}", { message }),
};
const PREVIEW_DELAY_MS = 400;

export function renderEmails(app) {
  const email = app.site.email || { logoUrl: "", footer: "", replyTo: "" };
  const logo = h("input", { type: "url", value: email.logoUrl, maxlength: 500, placeholder: "https://", autocomplete: "off" });
  const footer = h("input", { type: "text", value: email.footer, maxlength: 200 });
  const replyTo = h("input", { type: "email", value: email.replyTo, maxlength: 254, autocomplete: "email" });
  const values = () => ({ logoUrl: logo.value.trim(), footer: footer.value.trim(), replyTo: replyTo.value.trim() });

  const frame = h("iframe", { class: "email-preview", title: TEXT.previewFrame, sandbox: "", srcdoc: "" });
  const previewStatus = h("p", { class: "hint", role: "status" }, TEXT.previewUpdating);
  let pending = 0;
  let timer = null;
  async function refresh() {
    const ask = ++pending;
    previewStatus.textContent = TEXT.previewUpdating;
    try {
      const result = await app.call("adminPreviewEmail", { email: values() });
      if (ask !== pending) return; // a newer preview is on its way
      frame.srcdoc = result.html;
      frame.dataset.subject = result.subject;
      previewStatus.textContent = TEXT.previewShown;
    } catch (error) {
      // A refused field reads as its sentence, in the admin's language.
      if (ask === pending) previewStatus.textContent = TEXT.previewError(error.field ? fieldSentence(error.field, error.problem) : error.message);
    }
  }
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, PREVIEW_DELAY_MS);
  };
  [logo, footer, replyTo].forEach((control) => control.addEventListener("input", later));

  const editor = form(
    () =>
      saving(editor, async () => {
        await app.call("adminUpdateSettings", { email: values() });
        await app.reload();
        app.announce(TEXT.saved);
      }),
    h(
      "fieldset",
      { class: "group" },
      h("legend", {}, TEXT.branding),
      field(TEXT.logo, logo, { path: "email.logoUrl", hint: TEXT.logoHint }),
      field(TEXT.footer, footer, { path: "email.footer", hint: TEXT.footerHint }),
      field(TEXT.replyTo, replyTo, { path: "email.replyTo", hint: TEXT.replyToHint }),
    ),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, TEXT.save)),
  );
  refresh();
  return h(
    "div",
    { class: "page" },
    h("h1", {}, TEXT.title),
    h("p", { class: "hint" }, TEXT.intro),
    h(
      "div",
      { class: "split" },
      h("section", { class: "card" }, editor),
      h("figure", { class: "preview" }, h("figcaption", {}, TEXT.preview), previewStatus, frame),
    ),
  );
}
