// The page behind the waitlist e-mails' links:
// /waitlist?site=<id>&offer=<id>#token=<token> (accept or decline an offer)
// /waitlist?site=<id>&entry=<id>#token=<token> (leave the list).
// The token stays in the fragment. Opening the page only reads: mail
// scanners open links, so every change needs a button press (a POST).

import { ApiError, createApi } from "../shared/api.js";
import { formatInstant } from "../shared/dates.js";
import { definitionList, h, replace } from "../shared/dom.js";
import { translator } from "../shared/i18n.js";
import { formatMoney } from "../shared/money.js";
import { STRINGS } from "./strings.js";

const query = new URLSearchParams(location.search);
const siteId = query.get("site") || "";
const offerId = query.get("offer") || "";
const entryId = query.get("entry") || "";
const token = new URLSearchParams(location.hash.slice(1)).get("token") || "";
const call = createApi();
const app = document.getElementById("app");
const state = { offer: null, busy: "", notice: "", error: "", done: false, booking: null };
let t = translator(STRINGS, "en");

const format = (iso, options) => formatInstant(iso, t.strings.intl, { timeZone: state.offer.timezone, ...options });
const longDate = (iso) => format(iso, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
const clock = (iso) => format(iso, { hour: "2-digit", minute: "2-digit" });

function explain(error) {
  if (!(error instanceof ApiError)) return t("generic");
  if (error.status === "UNAVAILABLE") return t("network");
  if (error.status === "RESOURCE_EXHAUSTED") return t("tooMany");
  if (error.status === "ALREADY_EXISTS") return t("taken");
  if (error.status === "FAILED_PRECONDITION") return error.message;
  return t("generic");
}

async function brand(locale) {
  try {
    const { site } = await call("getBookingConfig", { siteId });
    t = translator(STRINGS, locale || site.locale);
    document.documentElement.lang = t.lang;
    document.getElementById("site-name").textContent = site.name;
    const accent = site.widget && site.widget.accentColor;
    if (/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(accent || "")) document.documentElement.style.setProperty("--accent", accent);
  } catch {
    t = translator(STRINGS, locale || "en"); // the page stays unbranded
  }
}

function invalid() {
  app.setAttribute("aria-busy", "false");
  replace(app, h("h1", {}, t("invalidLink")), h("p", { role: "alert" }, t("invalidHint")));
}

async function load() {
  if (!siteId || !token || (!offerId && !entryId)) return invalid();
  if (!offerId) {
    await brand();
    return render();
  }
  try {
    state.offer = await call("getWaitlistOffer", { siteId, offerId, token });
  } catch (error) {
    await brand();
    if (error instanceof ApiError && ["PERMISSION_DENIED", "INVALID_ARGUMENT", "NOT_FOUND"].includes(error.status)) return invalid();
    state.error = explain(error);
    return render();
  }
  await brand(state.offer.locale);
  render();
}

async function act(name, data, busy, after) {
  state.busy = busy;
  state.error = "";
  render();
  try {
    after(await call(name, { siteId, token, ...data }));
  } catch (error) {
    state.error = explain(error);
    if (error instanceof ApiError && error.status === "ALREADY_EXISTS") state.done = true;
  }
  state.busy = "";
  render();
}

const accept = () =>
  act("acceptWaitlistOffer", { offerId, returnUrl: `${location.origin}/book?site=${encodeURIComponent(siteId)}` }, "accept", (made) => {
    if (made.checkoutUrl) {
      location.assign(made.checkoutUrl);
      return;
    }
    state.done = true;
    state.notice = t("booked");
    state.booking = made;
  });

const decline = () =>
  act("declineWaitlistOffer", { offerId }, "decline", () => {
    state.done = true;
    state.notice = t("declined");
  });

const leave = () =>
  act("leaveWaitlist", offerId ? { offerId } : { entryId }, "leave", () => {
    state.done = true;
    state.left = true;
    state.notice = t("left");
  });

function offerView(o) {
  const open = o.status === "open" && !state.done;
  const closed = !state.done && o.status !== "open" ? t.strings.closed[o.status] : "";
  const booking = state.booking;
  return [
    h("h1", {}, t("offerTitle")),
    open && h("p", {}, t("offerIntro", { name: o.customerName, site: o.siteName, deadline: `${longDate(o.holdExpiresAt)} ${clock(o.holdExpiresAt)}` })),
    definitionList(
      [
        [t("service"), o.service.name],
        [t("date"), longDate(o.start)],
        [t("time"), `${clock(o.start)}–${clock(o.end)} (${o.timezone})`],
        o.staffName && [t("staff"), o.staffName],
        o.depositCents && [t("deposit"), formatMoney(o.depositCents, o.currency, t.strings.intl)],
      ].filter(Boolean),
    ),
    open && o.depositCents && h("p", { class: "muted" }, t("depositNote")),
    closed && h("p", { class: "notice", role: "status" }, closed),
    booking &&
      h("p", {}, h("a", { class: "button primary", href: `/manage?site=${encodeURIComponent(siteId)}&booking=${encodeURIComponent(booking.bookingId)}#token=${encodeURIComponent(booking.manageToken)}` }, t("viewBooking"))),
    open &&
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "primary", disabled: !!state.busy, onclick: accept }, state.busy === "accept" ? t("accepting") : t("accept")),
        h("button", { type: "button", disabled: !!state.busy, onclick: decline }, state.busy === "decline" ? t("declining") : t("decline")),
      ),
  ];
}

function render() {
  app.setAttribute("aria-busy", "false");
  const canLeave = !state.left && !state.booking && (!state.offer || state.offer.status !== "accepted");
  replace(
    app,
    state.offer ? offerView(state.offer) : [h("h1", {}, t("entryTitle")), !state.left && h("p", {}, t("entryIntro"))],
    h("p", { class: state.error ? "notice error" : "notice", role: state.error ? "alert" : "status" }, state.error || state.notice),
    canLeave && h("div", { class: "actions" }, h("button", { type: "button", class: state.offer ? "" : "danger", disabled: !!state.busy, onclick: leave }, state.busy === "leave" ? t("leaving") : t("leave"))),
    state.left && h("p", {}, h("a", { class: "button", href: `/book?site=${encodeURIComponent(siteId)}` }, t("bookAgain"))),
  );
}

load();
