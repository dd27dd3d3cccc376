// The admin pages: sign-in, site choice, navigation and a hash router over
// the views. Everything is read and written through the admin callables.
import { createApi, retryReads } from "../shared/api.js";
import { flash, h } from "../shared/dom.js";
import { isLocal, signInMessage, startAuth } from "./auth.js";
import { button } from "./dom.js";
import { renderBooking, renderBookings } from "./views/bookings.js";
import { renderBranches } from "./views/branches.js";
import { renderCalendar } from "./views/calendar.js";
import { renderCustomers } from "./views/customers.js";
import { renderDashboard } from "./views/dashboard.js";
import { renderCalendarSync } from "./views/calendar_sync.js";
import { renderEmails } from "./views/emails.js";
import { renderAvailability } from "./views/availability.js";
import { renderPayments } from "./views/payments.js";
import { renderPos } from "./views/pos.js";
import { renderServices } from "./views/services.js";
import { renderSettings } from "./views/settings.js";
import { renderStaff } from "./views/staff.js";
import { renderStaffAccess } from "./views/staff_access.js";
import { renderWaitlist } from "./views/waitlist.js";
import { renderSubscriptions } from "./views/subscriptions.js";
import { renderNoSite, renderSignIn } from "./views/start.js";
import { renderWidgets } from "./views/widgets.js";
import { chooseLanguage, LANGUAGES, t } from "./i18n.js";

const BOOKING_PAGES = [
  ["bookings", t("Bookings"), renderBookings],
  ["calendar", t("Calendar"), renderCalendar],
  ["waitlist", t("Waitlist"), renderWaitlist],
  ["customers", t("Customers"), renderCustomers],
  ["dashboard", t("Dashboard"), renderDashboard],
  ["subscriptions", t("Subscriptions"), renderSubscriptions],
  ["services", t("Services"), renderServices],
  ["staff", t("Staff"), renderStaff],
  ["staff-access", t("Staff access"), renderStaffAccess],
  ["availability", t("Availability"), renderAvailability],
  ["branches", t("Branches"), renderBranches],
  ["settings", t("Settings"), renderSettings],
  ["calendar-sync", t("Calendar Sync"), renderCalendarSync],
  ["pos", t("POS Settings"), renderPos],
];
const SITE_PAGES = [
  ["widgets", t("Widgets"), renderWidgets],
  ["payments", t("Payments"), renderPayments],
  ["emails", t("E-mails"), renderEmails],
];
/** Reads are safe to send twice: one retry hides a cold start or a dropped connection. */
const READS = [
  "adminGetSite",
  "adminListBookings",
  "adminListWaitlist",
  "adminListSubscriptions",
  "adminGetBooking",
  "adminGetCalendar",
  "adminGetStaffAccess",
  "adminStaffQr",
  "adminGetPayments",
  "adminPreviewEmail",
  "adminGetPos",
  "adminListCustomers",
  "adminGetCustomer",
  "adminGetDashboard",
  "adminListCalendarSync",
];

const main = document.getElementById("main");
const nav = document.getElementById("nav");
const account = document.getElementById("account");
const status = document.getElementById("status");
let routing = 0;

const app = {
  session: null,
  api: null,
  user: null,
  sites: [],
  siteId: null,
  data: null,

  get site() {
    return app.data?.site;
  },

  /** Re-reads the site, its catalog and schedules after a change. */
  async reload() {
    app.data = await app.api("adminGetSite", { siteId: app.siteId });
    renderNav();
    return app.data;
  },

  call(name, data) {
    return app.api(name, { siteId: app.siteId, ...data });
  },

  go(path) {
    if (location.hash === `#/${path}`) route();
    else location.hash = `#/${path}`;
  },

  /** A short message for everyone: shown briefly and read by screen readers. */
  announce(message) {
    flash(status, message, "visible");
  },
};

function parseRoute() {
  const [path, query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { parts, query: new URLSearchParams(query) };
}

function pages() {
  return app.site?.bookingEnabled ? [...BOOKING_PAGES, ...SITE_PAGES] : SITE_PAGES;
}

function renderNav() {
  const current = parseRoute().parts[0];
  // Choosing the page already shown loads it afresh (a hash link alone would do nothing).
  const reopen = (event) => {
    if (event.currentTarget.getAttribute("href") === location.hash) {
      event.preventDefault();
      route();
    }
  };
  const link = ([id, label]) =>
    h("li", {}, h("a", { href: `#/${id}`, "aria-current": id === current ? "page" : null, onclick: reopen }, label));
  const groups = [
    app.site?.bookingEnabled
      ? h("div", { class: "nav-group" }, h("h2", { id: "nav-booking" }, t("Booking")), h("ul", { "aria-labelledby": "nav-booking" }, BOOKING_PAGES.map(link)))
      : null,
    h("div", { class: "nav-group" }, h("h2", { id: "nav-site" }, t("Site settings")), h("ul", { "aria-labelledby": "nav-site" }, SITE_PAGES.map(link))),
  ];
  nav.replaceChildren(...groups.filter(Boolean));
}

function renderAccount() {
  const switcher =
    app.sites.length > 1
      ? h(
          "span",
          { class: "site-switch" },
          h("label", { for: "site-switch" }, t("Site")),
          h(
            "select",
            { id: "site-switch", value: app.siteId, onchange: (event) => chooseSite(event.target.value) },
            app.sites.map((id) => h("option", { value: id }, id)),
          ),
        )
      : null;
  const language = h(
    "span",
    { class: "site-switch" },
    h("label", { for: "language-switch" }, t("Language")),
    h(
      "select",
      { id: "language-switch", value: t.lang, onchange: (event) => chooseLanguage(event.target.value) },
      LANGUAGES.map(([code, name]) => h("option", { value: code, lang: code }, name)),
    ),
  );
  const parts = [
    app.data ? h("span", { class: "site-name" }, app.site.name) : null,
    switcher,
    language,
    h("span", { class: "user" }, app.user?.email || ""),
    app.user ? button(t("Sign out"), () => app.session.signOut(), { class: "button subtle" }) : null,
  ];
  account.replaceChildren(...parts.filter(Boolean));
}

async function chooseSite(siteId) {
  app.siteId = siteId;
  const url = new URL(location.href);
  url.searchParams.set("site", siteId);
  history.replaceState(null, "", url);
  await loadSite();
}

async function route() {
  if (!app.data) return;
  const { parts, query } = parseRoute();
  const available = pages();
  const page = available.find(([id]) => id === parts[0]);
  if (!page) {
    location.replace(`#/${available[0][0]}`);
    return;
  }
  renderNav();
  const ticket = ++routing;
  main.setAttribute("aria-busy", "true");
  let content;
  try {
    content = parts[0] === "bookings" && parts[1] ? await renderBooking(app, parts[1], query) : await page[2](app, parts.slice(1), query);
  } catch (error) {
    content = [h("h1", {}, t("Something went wrong")), h("p", { role: "alert" }, error.message)];
  }
  if (ticket !== routing) return; // the admin went elsewhere meanwhile
  main.replaceChildren(...[content].flat());
  main.removeAttribute("aria-busy");
  const heading = main.querySelector("h1");
  document.title = `${heading ? heading.textContent : t("Admin")} — ${app.site.name} — ${t("Booking admin")}`;
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
}

async function loadSite() {
  main.setAttribute("aria-busy", "true");
  try {
    await app.reload();
  } catch (error) {
    app.data = null;
    routing++; // a page still loading for the previous site must not replace what follows
    renderNav();
    main.replaceChildren(
      error.status === "NOT_FOUND"
        ? renderNoSite(app, { create: true, onCreated: loadSite })
        : h(
            "section",
            { class: "card narrow" },
            h("h1", { tabindex: "-1" }, t("The site could not be loaded")),
            h("p", { role: "alert" }, error.message),
            button(t("Try again"), loadSite, { class: "button primary" }),
          ),
    );
    main.removeAttribute("aria-busy");
    renderAccount();
    main.querySelector("h1")?.focus();
    return;
  }
  renderAccount();
  await route();
}

async function onUser(user) {
  app.user = user;
  app.data = null;
  nav.replaceChildren();
  if (!user) {
    renderAccount();
    main.replaceChildren(renderSignIn(app, { google: document.body.dataset.googleSignIn === "on" && !isLocal(), message: signInMessage }));
    document.title = `${t("Sign in")} — ${t("Booking admin")}`;
    return;
  }
  const claims = await app.session.claims();
  app.sites = Object.entries(claims.sites || {})
    .filter(([, role]) => role === "admin")
    .map(([id]) => id)
    .sort();
  const wanted = new URLSearchParams(location.search).get("site");
  app.siteId = app.sites.includes(wanted) ? wanted : app.sites[0] || null;
  renderAccount();
  if (!app.siteId) {
    main.replaceChildren(
      renderNoSite(app, {
        create: false,
        onRetry: async () => {
          await app.session.claims(true);
          await onUser(app.user);
        },
      }),
    );
    document.title = `${t("No site yet")} — ${t("Booking admin")}`;
    main.querySelector("h1")?.focus();
    return;
  }
  await loadSite();
}

async function start() {
  document.documentElement.lang = t.lang;
  // The page's static frame (admin/index.html) is English; name it in the chosen language.
  document.querySelector(".brand").textContent = t("Booking admin");
  nav.setAttribute("aria-label", t("Admin sections"));
  document.querySelector(".skip").textContent = t("Skip to content");
  document.querySelector(".skip")?.addEventListener("click", (event) => {
    event.preventDefault();
    main.focus();
  });
  try {
    app.session = await startAuth((user) => onUser(user));
  } catch (error) {
    main.replaceChildren(h("h1", {}, t("Booking admin")), h("p", { role: "alert" }, error.message));
    return;
  }
  app.api = retryReads(createApi("", () => app.session.token()), READS);
  window.addEventListener("hashchange", route);
}

start();
