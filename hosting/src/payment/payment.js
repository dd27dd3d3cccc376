// The page Stripe Checkout returns to:
// /payment/?site=..&booking=..(&cancelled=1)#token=..&manage=..&back=..
// `token` reads the payment status, `manage` is the booking's manage token
// (the manage link, and giving an unpaid hold back through cancelBooking),
// `back` the page the widget sat on. The fragment never reaches a server.
// It polls getPaymentStatus until the webhook has confirmed the payment.

import { ApiError, createApi } from "../shared/api.js";
import { formatInstant } from "../shared/dates.js";
import { definitionList, h, replace } from "../shared/dom.js";
import { translator } from "../shared/i18n.js";
import { formatMoney } from "../shared/money.js";
import { STRINGS } from "./strings.js";

const POLL_MS = 2500;
const POLL_LIMIT = 36;
const WEB_ADDRESS = /^https?:\/\/[^\s"'<>]+$/;

const query = new URLSearchParams(location.search);
const hash = new URLSearchParams(location.hash.slice(1));
const request = { siteId: query.get("site"), bookingId: query.get("booking"), token: hash.get("token") || query.get("token") };
const manageToken = hash.get("manage") || "";
const backUrl = WEB_ADDRESS.test(hash.get("back") || "") ? hash.get("back") : "";
const cancelled = query.get("cancelled") === "1";
const main = document.getElementById("result");
const call = createApi();

let t = translator(STRINGS, navigator.language);
const page = { state: "loading", status: null, asking: false, busy: false, error: "" };

const when = (iso, zone) => formatInstant(iso, t.strings.intl, { dateStyle: "full", timeStyle: "short", timeZone: zone || undefined });
/** "18:56 (Europe/Amsterdam)": the hold's end where the business is, said so. */
const holdText = (status) =>
  status.holdExpiresAt
    ? `${formatInstant(status.holdExpiresAt, t.strings.intl, { timeStyle: "short", timeZone: status.timezone || undefined })} (${status.timezone || "UTC"})`
    : "";

/** The site's name, logo and colour on the page: it is the business's page, not ours. */
function brand(status) {
  document.documentElement.lang = t.lang;
  document.title = `${t("title")} – ${status.siteName}`;
  document.getElementById("site-name").textContent = status.siteName;
  const logo = document.getElementById("logo");
  if (status.logoUrl && WEB_ADDRESS.test(status.logoUrl)) {
    logo.src = status.logoUrl;
    logo.hidden = false;
  }
  if (/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(status.accentColor || "")) {
    document.documentElement.style.setProperty("--accent", status.accentColor);
  }
}

function manageLink(status) {
  const params = new URLSearchParams({ site: status.siteId || request.siteId, booking: status.bookingId });
  return `/manage?${params}#token=${encodeURIComponent(manageToken)}`;
}

function backLink(status) {
  const site = status ? status.siteName : "";
  const href = backUrl || `/book?site=${encodeURIComponent(request.siteId || "")}`;
  return h("a", { class: "btn secondary", href, "data-key": "back" }, site ? t("back", { site }) : t("bookAgain"));
}

async function release() {
  page.busy = true;
  page.error = "";
  render();
  try {
    await call("cancelBooking", { siteId: request.siteId, bookingId: request.bookingId, token: manageToken });
    page.state = "released";
    history.replaceState(null, "", `${location.pathname}${location.search}`);
  } catch (error) {
    const told = error instanceof ApiError && ["PERMISSION_DENIED", "FAILED_PRECONDITION"].includes(error.status);
    page.error = told ? error.message : t("releaseFailed");
  }
  page.busy = false;
  page.asking = false;
  render();
}

function unpaidActions(status) {
  if (page.asking) {
    return h("div", { class: "ask", "data-section": "release" },
      h("p", {}, t("releaseQuestion")),
      h("div", { class: "actions" },
        h("button", { type: "button", class: "btn danger", disabled: page.busy, onclick: release }, page.busy ? t("releasing") : t("releaseYes")),
        h("button", { type: "button", class: "btn secondary", disabled: page.busy, onclick: () => ((page.asking = false), render()) }, t("releaseNo"))));
  }
  return h("div", { class: "actions" },
    status.checkoutUrl && h("a", { class: "btn", href: status.checkoutUrl, "data-key": "pay" }, t("pay")),
    manageToken && h("button", { type: "button", class: "btn secondary", "data-key": "release", onclick: () => ((page.asking = true), render()) }, t("release")));
}

function render() {
  const { state, status } = page;
  const [title, text] = t.strings[state];
  main.dataset.state = state;
  const rows = status && [
    [t("service"), `${status.serviceName} – ${status.siteName}`],
    [t("when"), `${when(status.start, status.timezone)} (${status.timezone})`],
    state !== "waived" && [t("deposit"), formatMoney(status.amountCents || 0, status.currency || "EUR", t.strings.intl)],
  ].filter(Boolean);
  const showManage = status && manageToken && !["released", "invalid", "failed"].includes(state);
  replace(main,
    h("h1", {}, title),
    h("p", {}, text.replace("{hold}", status ? holdText(status) : "")),
    state === "loading" && h("div", { class: "spinner", role: "presentation" }),
    page.error && h("p", { class: "error", role: "alert" }, page.error),
    rows && definitionList(rows),
    state === "unpaid" && unpaidActions(status),
    h("div", { class: "links" },
      showManage && h("a", { class: "btn secondary", href: manageLink(status), "data-key": "manage" }, t("manage")),
      state !== "invalid" && backLink(status)),
  );
}

function show(state, status = page.status) {
  page.state = state;
  page.status = status;
  render();
}

function stateOf(status) {
  if (status.depositStatus === "refunded" || status.depositStatus === "refund_pending") return "refunded";
  if (status.depositStatus === "waived") return "waived"; // confirmed by the business without the deposit
  if (["confirmed", "completed", "no_show"].includes(status.status)) return "confirmed";
  if (status.status === "expired") return "expired";
  if (status.status === "cancelled") return "cancelled";
  return cancelled ? "unpaid" : "loading";
}

async function run() {
  if (!request.siteId || !request.bookingId || !request.token) return show("invalid");
  show("loading");
  for (let attempt = 0; attempt < POLL_LIMIT; attempt++) {
    let status;
    try {
      status = await call("getPaymentStatus", request);
    } catch (error) {
      if (error.status === "PERMISSION_DENIED" || error.status === "INVALID_ARGUMENT") return show("invalid");
      if (error.status !== "RESOURCE_EXHAUSTED") return show("failed");
      await new Promise((resolve) => setTimeout(resolve, POLL_MS * 3));
      continue;
    }
    t = translator(STRINGS, status.locale);
    brand(status);
    const state = stateOf(status);
    if (state !== "loading") return show(state, status);
    show("loading", status);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  show("slow");
}

run();
