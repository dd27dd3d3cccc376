// The client's own booking, opened from the magic link in an e-mail or the
// widget: /manage?site=<id>&booking=<id>[&action=confirm]#token=<token>.
// The token stays in the fragment, which browsers never send to a server.
// Opening the page only reads; every change needs a button press, and each
// change hands back a fresh token (the used one stops working).

import { ApiError, createApi } from "../shared/api.js";
import { addDays, dayIn, formatDay, formatInstant } from "../shared/dates.js";
import { definitionList, h, replace } from "../shared/dom.js";
import { translator } from "../shared/i18n.js";
import { formatMoney } from "../shared/money.js";
import { STRINGS } from "./strings.js";
import { isSubscriptionBooking, subscriptionSection } from "./subscription.js";

const DAYS_PER_PAGE = 14;
const query = new URLSearchParams(location.search);
const siteId = query.get("site") || "";
const bookingId = query.get("booking") || "";
const call = createApi();
const app = document.getElementById("app");

const state = {
  token: new URLSearchParams(location.hash.slice(1)).get("token") || "",
  booking: null,
  notice: "",
  error: "",
  mode: "view", // view | cancel | move
  busy: false,
  from: null,
  days: null,
  lastDay: null, // the horizon's last date: no "Later dates" past it
  day: null,
  slot: null,
  subscription: null, // the plan an appointment of a subscription belongs to
};

/** English until the booking says which language its site speaks. */
let t = translator(STRINGS, "en");

/** Replaces the card's content; null and false parts are left out. */
const show = (...parts) => replace(app, ...parts);

/** An instant in the booking's own time zone, whatever the browser's is. */
const format = (iso, options) => formatInstant(iso, t.strings.intl, { timeZone: state.booking.timezone, ...options });
const longDate = (iso) => format(iso, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
const clock = (iso) => format(iso, { hour: "2-digit", minute: "2-digit" });
const longDay = (day) => formatDay(day, t.strings.intl, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
const shortDay = (day) => formatDay(day, t.strings.intl, { weekday: "short", day: "numeric", month: "short" });

function setToken(token) {
  // The used token no longer works; keep the page (and a reload) on the new one.
  state.token = token;
  const search = new URLSearchParams(location.search);
  search.delete("action");
  history.replaceState(null, "", `${location.pathname}?${search}#token=${encodeURIComponent(token)}`);
}

function explain(error) {
  if (!(error instanceof ApiError)) return t("generic");
  if (error.status === "UNAVAILABLE") return t("network");
  if (error.status === "RESOURCE_EXHAUSTED") return t("tooMany");
  if (error.status === "ALREADY_EXISTS") return t("slotTaken");
  if (error.status === "FAILED_PRECONDITION" || error.status === "PERMISSION_DENIED") return error.message;
  return t("generic");
}

async function load() {
  if (!siteId || !bookingId || !state.token) return renderInvalid("noToken");
  try {
    state.booking = await call("getManagedBooking", { siteId, bookingId, token: state.token });
  } catch (error) {
    if (error instanceof ApiError && ["PERMISSION_DENIED", "INVALID_ARGUMENT", "NOT_FOUND"].includes(error.status)) {
      return renderInvalid(linkProblem(error.message));
    }
    state.error = explain(error);
    return render();
  }
  t = translator(STRINGS, state.booking.site.locale);
  brand();
  if (isSubscriptionBooking(bookingId)) {
    state.subscription = await call("getManagedSubscription", { siteId, bookingId, token: state.token }).catch(() => null);
    if (query.get("subscribed") && state.subscription?.state === "pending") state.notice = t("subscribedNotice");
  }
  render();
}

const cancelSubscription = () =>
  act("cancelSubscription", {}, (result) => {
    state.subscription = result;
    state.notice = t("subscriptionCancelled", { date: longDay(result.lastPaidDay) });
    state.mode = "view";
  });

function subscription() {
  if (!state.subscription || !["view", "cancelSubscription"].includes(state.mode)) return null;
  const weekdayName = (day) => formatDay(`2023-01-0${2 + day}`, t.strings.intl, { weekday: "long" });
  return subscriptionSection({
    t, subscription: state.subscription, mode: state.mode, busy: state.busy, longDate, longDay, clock, siteId, weekdayName,
    onAsk: () => ((state.mode = "cancelSubscription"), (state.notice = ""), render()),
    onCancel: cancelSubscription,
    onKeep: () => ((state.mode = "view"), render()),
  });
}

function brand(site = state.booking.site) {
  document.documentElement.lang = t.lang;
  document.getElementById("site-name").textContent = site.name;
  if (/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(site.accentColor || "")) {
    document.documentElement.style.setProperty("--accent", site.accentColor);
  }
}

async function act(name, data, after) {
  state.busy = true;
  state.error = "";
  render();
  try {
    const result = await call(name, { siteId, bookingId, token: state.token, ...data });
    await after(result);
  } catch (error) {
    state.error = explain(error);
    if (error instanceof ApiError && error.status === "ALREADY_EXISTS") {
      state.slot = null;
      state.busy = false;
      await loadDays(state.from);
      return;
    }
  }
  state.busy = false;
  render();
}

async function refresh(token, notice) {
  setToken(token);
  state.booking = await call("getManagedBooking", { siteId, bookingId, token: state.token });
  state.notice = notice;
  state.mode = "view";
}

const confirmBooking = () =>
  act("confirmBooking", {}, (result) => refresh(result.manageToken, t("confirmedNotice")));

const cancelBooking = () =>
  act("cancelBooking", {}, () => {
    // The token is used up now; the page shows the outcome it was told.
    state.booking = { ...state.booking, status: "cancelled", canCancel: false, canConfirm: false, canReschedule: false };
    state.notice = t("cancelledNotice");
    state.mode = "view";
    history.replaceState(null, "", `${location.pathname}${location.search}`);
  });

const moveBooking = () =>
  act("rescheduleBooking", { start: state.slot.start }, (result) => refresh(result.manageToken, t("movedNotice")));

async function loadDays(from) {
  const booking = state.booking;
  state.from = from;
  state.days = null;
  state.day = null;
  render();
  try {
    const result = await call("getAvailableSlots", {
      siteId,
      serviceId: booking.service.id,
      ...(booking.branchId ? { branchId: booking.branchId } : {}),
      ...(booking.staff ? { staffId: booking.staff.id } : {}),
      from,
      to: addDays(from, DAYS_PER_PAGE - 1),
    });
    state.days = result.days.filter((day) => day.slots.length);
    state.lastDay = result.lastBookableDate || null;
    // The first day with free times is open at once: its times show without another tap.
    state.day = state.days.length ? state.days[0].date : null;
  } catch (error) {
    state.error = explain(error);
    state.days = [];
  }
  render();
}

function startMove() {
  state.mode = "move";
  state.notice = "";
  state.slot = null;
  loadDays(dayIn(state.booking.timezone));
}

/** The server's reason (used, expired, or not valid) as a key of the page's
 * own strings, which speak the site's language. */
function linkProblem(message) {
  if (/already been used/i.test(message)) return "usedLink";
  if (/expired/i.test(message)) return "expiredLink";
  return "invalidHint";
}

/** A link that can't be used: said once, in the site's colours and language
 * (its public booking configuration; unbranded if the site can't be read). */
async function renderInvalid(problem) {
  if (siteId) {
    try {
      const { site } = await call("getBookingConfig", { siteId });
      t = translator(STRINGS, site.locale);
      brand({ name: site.name, accentColor: site.widget.accentColor });
    } catch {
      // the page stays unbranded
    }
  }
  app.setAttribute("aria-busy", "false");
  show(
    h("h1", {}, t("invalidLink")),
    h("p", { role: "alert" }, t(problem)),
    siteId && h("p", {}, h("a", { class: "button primary", href: `/book?site=${encodeURIComponent(siteId)}` }, t("bookAgain"))),
  );
}

function details(b) {
  const rows = [
    [t("service"), b.service.name],
    [t("date"), longDate(b.start)],
    [t("time"), `${clock(b.start)}–${clock(b.end)} (${b.timezone})`],
    b.staff && [t("staff"), b.staff.name],
    b.location && [t("location"), b.location],
    b.service.priceCents != null && [t("price"), formatMoney(b.service.priceCents, b.site.currency || "EUR", t.strings.intl)],
    [t("statusLabel"), h("span", { class: "status", "data-status": b.status }, t.strings.status[b.status] || b.status)],
    [t("reference"), b.bookingId],
  ].filter(Boolean);
  return definitionList(rows);
}

function confirmSection(b) {
  // Only the opt-in e-mail's link confirms; the widget's link can't prove the address.
  if (!b.canConfirm) return b.status === "pending" && (b.canCancel || b.canReschedule) ? h("p", { "data-section": "confirm-by-email" }, t("confirmByEmail")) : null;
  return h(
    "div",
    { class: "confirm-box", "data-section": "confirm" },
    b.confirmBefore && h("p", { class: "lead" }, t("confirmIntro", { deadline: `${longDate(b.confirmBefore)}, ${clock(b.confirmBefore)}` })),
    h("button", { type: "button", class: "primary", disabled: state.busy, onclick: confirmBooking }, state.busy ? t("confirming") : t("confirmButton")),
  );
}

function cancelSection() {
  return h(
    "div",
    { class: "confirm-box", "data-section": "cancel" },
    h("p", { class: "lead" }, t("cancelQuestion")),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "danger", disabled: state.busy, onclick: cancelBooking }, state.busy ? t("cancelling") : t("cancelYes")),
      h("button", { type: "button", disabled: state.busy, onclick: () => ((state.mode = "view"), render()) }, t("cancelNo")),
    ),
  );
}

function moveSection(b) {
  const dayButtons =
    state.days === null
      ? h("p", { class: "muted", role: "status" }, t("loadingTimes"))
      : state.days.length
        ? h(
            "div",
            { class: "days", role: "group", "aria-label": t("date") },
            state.days.map((day) =>
              h("button", { type: "button", "data-date": day.date, "aria-pressed": String(state.day === day.date), onclick: () => ((state.day = day.date), (state.slot = null), render()) }, shortDay(day.date)),
            ),
          )
        : h("p", { class: "muted" }, t("noTimes"));
  const chosen = state.days && state.days.find((day) => day.date === state.day);
  const first = dayIn(b.timezone);
  const next = addDays(state.from, DAYS_PER_PAGE);
  const atHorizon = Boolean(state.lastDay) && next > state.lastDay;
  return h(
    "section",
    { "data-section": "move", "aria-labelledby": "move-heading" },
    h("h2", { id: "move-heading" }, t("moveHeading")),
    h("p", { class: "muted" }, t("timesIn", { zone: b.timezone })),
    dayButtons,
    h(
      "div",
      { class: "actions" },
      state.from > first && h("button", { type: "button", onclick: () => loadDays(addDays(state.from, -DAYS_PER_PAGE)) }, t("earlierDates")),
      !atHorizon && h("button", { type: "button", onclick: () => loadDays(next) }, t("laterDates")),
    ),
    state.days && atHorizon && h("p", { class: "muted", "data-section": "horizon" }, t("horizonEnd", { date: formatDay(state.lastDay, t.strings.intl, { day: "numeric", month: "long", year: "numeric" }), site: b.site.name })),
    chosen
      ? [
          h("h3", {}, t("timesOn", { date: longDate(chosen.slots[0].start) })),
          h(
            "div",
            { class: "times", role: "group", "aria-label": t("time") },
            chosen.slots.map((slot) =>
              h("button", { type: "button", "data-start": slot.start, "aria-pressed": String(state.slot === slot), onclick: () => ((state.slot = slot), render()) }, clock(slot.start)),
            ),
          ),
        ]
      : state.days && state.days.length
        ? h("p", { class: "muted" }, t("chooseDay"))
        : null,
    // Stuck to the bottom of a phone's screen: the chosen time's button is always in sight.
    h(
      "div",
      { class: "actions sticky" },
      state.slot &&
        h("button", { type: "button", class: "primary", disabled: state.busy, onclick: moveBooking }, state.busy ? t("moving") : t("moveTo", { when: `${longDate(state.slot.start)} ${clock(state.slot.start)}` })),
      h("button", { type: "button", disabled: state.busy, onclick: () => ((state.mode = "view"), render()) }, t("keepTime")),
    ),
  );
}

/** The site's cutoff for changes: when it ends, or that it has passed and whom to call. */
function cutoffNote(b) {
  const hoursBefore = b.changeCutoffHours || 0;
  if (!hoursBefore) return null;
  const open = b.canCancel || b.canReschedule;
  const hours = hoursBefore === 1 ? t("hour") : t("hours", { hours: hoursBefore });
  const text = open
    ? t("changesUntil", { deadline: `${longDate(b.changesUntil)}, ${clock(b.changesUntil)}` })
    : b.site.phone
      ? t("changesClosedPhone", { hours, site: b.site.name, phone: b.site.phone })
      : t("changesClosed", { hours, site: b.site.name });
  return h("p", { class: open ? "muted" : "notice", "data-section": "change-cutoff" }, text);
}

function render() {
  app.setAttribute("aria-busy", String(state.busy));
  const b = state.booking;
  if (!b) {
    show(state.error ? h("p", { class: "notice error", role: "alert" }, state.error) : h("p", { class: "muted" }, t("loading")));
    return;
  }
  const title = b.status === "cancelled" ? t("titleCancelled") : b.canConfirm ? t("titlePending") : t("title");
  const ahead = ["confirmed", "pending", "pending_payment"].includes(b.status) && Date.parse(b.start) > Date.now();
  const upcoming = b.canCancel || b.canReschedule || b.canConfirm || ahead;
  show(
    h("h1", {}, title),
    h("p", {}, t("greeting", { name: b.customerName, site: b.site.name })),
    h("p", { class: "notice", role: "status" }, state.notice),
    state.error ? h("p", { class: "notice error", role: "alert" }, state.error) : null,
    details(b),
    state.mode === "view" && confirmSection(b),
    state.mode === "view" &&
      h(
        "div",
        { class: "actions" },
        b.canReschedule && h("button", { type: "button", onclick: startMove }, t("moveButton")),
        b.canCancel && h("button", { type: "button", onclick: () => ((state.mode = "cancel"), (state.notice = ""), render()) }, t("cancelButton")),
        !upcoming && h("a", { class: "button", href: `/book?site=${encodeURIComponent(siteId)}` }, t("bookAgain")),
      ),
    state.mode === "view" && ahead && cutoffNote(b),
    state.mode === "view" && !upcoming && ["confirmed", "pending"].includes(b.status) && h("p", { class: "muted" }, t("past")),
    subscription(),
    state.mode === "cancel" && cancelSection(),
    state.mode === "move" && moveSection(b),
  );
}

load();
