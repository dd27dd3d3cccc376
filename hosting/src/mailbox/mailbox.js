// The dev mailbox: every e-mail the emulator "sent" (the outbox records),
// newest first, rendered as the client would see it, attachments included.
// Works only against the emulator: devListOutbox refuses anywhere else.
// /mailbox/?site=<id> limits the list to one site.

import { ApiError, createApi } from "../shared/api.js";
import { definitionList, h } from "../shared/dom.js";

const POLL_MS = 5000;
const call = createApi();
const siteId = new URLSearchParams(location.search).get("site");
const list = document.getElementById("list");
const view = document.getElementById("message");
const summary = document.getElementById("summary");
const state = { emails: [], selected: null, tab: "html", error: "" };

const when = (iso) => (iso ? new Date(iso).toLocaleString("en-GB") : "");

function decode(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return { bytes, text: new TextDecoder().decode(bytes) };
}

/** Links open in a new tab: the sandboxed frame runs no scripts of the e-mail. */
function framed(html) {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (tag) => tag + base) : base + html;
}

const signature = () => JSON.stringify([state.error, state.emails.map((mail) => [mail.id, mail.status])]);

async function load() {
  const before = signature();
  try {
    const result = await call("devListOutbox", siteId ? { siteId } : {});
    state.emails = result.emails;
    state.error = "";
  } catch (error) {
    state.error = error instanceof ApiError ? `${error.status}: ${error.message}` : String(error);
  }
  if (signature() === before && view.dataset.ready) return; // unchanged: keep the open message as it is
  view.dataset.ready = "1";
  if (!state.emails.some((mail) => mail.id === state.selected)) state.selected = state.emails[0]?.id ?? null;
  renderList();
  renderMessage();
}

function renderList() {
  summary.textContent = state.error
    ? "The outbox could not be read."
    : `${state.emails.length} e-mail${state.emails.length === 1 ? "" : "s"}${siteId ? ` for site ${siteId}` : ""}, newest first.`;
  list.replaceChildren(
    ...state.emails.map((mail) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            "data-email": mail.id,
            "aria-current": String(mail.id === state.selected),
            onclick: () => {
              state.selected = mail.id;
              renderList();
              renderMessage();
            },
          },
          h("span", { class: "subject" }, mail.subject),
          h(
            "span",
            { class: "meta" },
            `${mail.to?.email || ""} · ${when(mail.createdAt)}`,
            h("span", { class: "badge" }, mail.kind),
            h("span", { class: "badge", "data-status": mail.status }, mail.status),
          ),
        ),
      ),
    ),
  );
}

function attachment(item) {
  const { bytes, text } = decode(item.content);
  const url = URL.createObjectURL(new Blob([bytes], { type: item.contentType.split(";")[0] }));
  return h(
    "div",
    { "data-attachment": item.filename },
    h("a", { href: url, download: item.filename }, `${item.filename} (${item.contentType})`),
    item.contentType.startsWith("text/") && h("pre", {}, text),
  );
}

function renderMessage() {
  if (state.error) {
    view.replaceChildren(h("p", { class: "error", role: "alert" }, state.error));
    return;
  }
  const mail = state.emails.find((item) => item.id === state.selected);
  if (!mail) {
    view.replaceChildren(h("p", { class: "empty" }, "No e-mails yet. Make a booking and they appear here."));
    return;
  }
  const tabs = [
    ["html", "HTML"],
    ["text", "Plain text"],
  ];
  const body =
    state.tab === "html"
      ? h("iframe", { title: `E-mail: ${mail.subject}`, sandbox: "allow-popups allow-popups-to-escape-sandbox", srcdoc: framed(mail.html || "") })
      : h("pre", { "data-part": "text" }, mail.text || "");
  view.replaceChildren(
    h("h2", {}, mail.subject),
    definitionList(
      [
        ["From", `${mail.from?.name || ""} <${mail.from?.email || ""}>`],
        ["To", `${mail.to?.name || ""} <${mail.to?.email || ""}>`],
        mail.replyTo && ["Reply-To", mail.replyTo],
        ["Date", when(mail.createdAt)],
        ["Kind", mail.kind],
        ["Status", `${mail.status} via ${mail.transport}`],
        ["Booking", `${mail.siteId} / ${mail.bookingId}`],
      ].filter(Boolean),
      { class: "headers" },
    ),
    h(
      "div",
      { class: "tabs", role: "tablist" },
      tabs.map(([key, label]) =>
        h(
          "button",
          {
            type: "button",
            role: "tab",
            "aria-selected": String(state.tab === key),
            onclick: () => {
              state.tab = key;
              renderMessage();
            },
          },
          label,
        ),
      ),
    ),
    body,
    ...((mail.attachments || []).length
      ? [h("section", { class: "attachments", "aria-label": "Attachments" }, h("h3", {}, "Attachments"), mail.attachments.map(attachment))]
      : []),
  );
}

document.getElementById("refresh").addEventListener("click", load);
setInterval(() => {
  if (!document.hidden) load();
}, POLL_MS);
load();
