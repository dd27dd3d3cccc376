// The staff app (/staff/): sign in with a PIN, then run the day at the desk.
// Installable as an app; the service worker keeps only the shell.
import { ApiError, createApi } from "../shared/api.js";
import { h, replace } from "../shared/dom.js";
import { startAuth } from "./auth.js";
import { keepFresh } from "../calendar/grid.js";
import { createAgenda } from "./agenda.js";
import { t, useLocale } from "./lang.js";
import { showLogin } from "./login.js";

function siteFromUrl() {
  const fromUrl = new URLSearchParams(location.search).get("site");
  if (fromUrl && /^[A-Za-z0-9_-]{1,64}$/.test(fromUrl)) {
    localStorage.setItem("staff.site", fromUrl);
    return fromUrl;
  }
  return localStorage.getItem("staff.site");
}

function registerServiceWorker() {
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/staff/sw.js", { scope: "/staff/" }).catch(() => {});
  }
}

async function main() {
  registerServiceWorker();
  const siteId = siteFromUrl();
  const mainEl = document.getElementById("main");
  useLocale(localStorage.getItem("staff.locale") || navigator.language);
  if (!siteId) {
    document.getElementById("brand").textContent = t("appName");
    replace(mainEl, h("section", { class: "panel" }, h("h1", {}, t("appName")), h("p", {}, t("noSite"))));
    return;
  }
  const auth = await startAuth();
  const call = createApi("", () => auth.token());
  let agenda = null;
  let expiryTimer = null;
  let refreshTimer = null;

  const app = {
    siteId,
    auth,
    async call(name, data) {
      try {
        return await call(name, data);
      } catch (error) {
        if (error instanceof ApiError && error.status === "UNAUTHENTICATED") await endSession(t("sessionEnded"));
        throw error;
      }
    },
    signedIn: () => startDesk(),
  };

  async function endSession(notice) {
    clearTimeout(expiryTimer);
    refreshTimer?.();
    refreshTimer = null;
    if (agenda) agenda.stop();
    agenda = null;
    await auth.signOut();
    replace(document.getElementById("who"));
    showLogin(app, notice);
  }

  async function startDesk() {
    const claims = await auth.claims();
    const staff = claims && claims.staff;
    const expiresAt = claims ? Number(claims.staffSessionExpiresAt) * 1000 : 0;
    if (!staff || staff.siteId !== siteId || expiresAt <= Date.now()) {
      if (auth.user()) await auth.signOut();
      showLogin(app);
      return;
    }
    clearTimeout(expiryTimer);
    expiryTimer = setTimeout(() => endSession(t("sessionEnded")), Math.min(expiresAt - Date.now(), 2 ** 31 - 1));
    agenda = createAgenda(app, staff);
    app.pos = null;
    // The POS register's setup (readers, prices) comes beside the day; the
    // agenda shows its Checkout buttons once it is there.
    app.call("staffPosSetup", {}).then((pos) => {
      app.pos = pos;
      if (agenda) agenda.redraw();
    }, () => {});
    let data;
    try {
      data = await agenda.load();
    } catch (error) {
      if (error.status !== "UNAUTHENTICATED") replace(document.getElementById("main"), h("p", { class: "error" }, error.status === "UNAVAILABLE" ? t("network") : error.message));
      return;
    }
    document.getElementById("brand").textContent = data.site.name;
    replace(
      document.getElementById("who"),
      h("span", { class: "hello" }, t("hello", { name: data.me.name })),
      h("button", { type: "button", class: "ghost", onclick: () => endSession("") }, t("switchStaff")),
    );
    // Every 30 seconds and when the tablet comes back to the app (docs/staff.md).
    refreshTimer?.();
    refreshTimer = keepFresh(() => (agenda ? agenda.load() : Promise.resolve()));
  }

  if (auth.user()) await startDesk();
  else showLogin(app);
}

main().catch((error) => {
  document.getElementById("main").textContent = error.message || t("cantStart");
});
