// Before the admin pages proper: signing in, and a signed-in user without a
// site yet (grant rights with the tool, then create the site here).
import { h } from "../../shared/dom.js";
import { button, field, form, saving, select } from "../dom.js";
import { timeZones } from "../format.js";
import { t } from "../i18n.js";

export function renderSignIn(app, { google, message }) {
  const email = h("input", { type: "email", autocomplete: "username", required: true, "data-path": "email" });
  const password = h("input", { type: "password", autocomplete: "current-password", required: true });
  const signIn = form(
    () =>
      saving(signIn, async () => {
        try {
          await app.session.signIn(email.value.trim(), password.value);
        } catch (error) {
          throw new Error(message(error));
        }
      }),
    field(t("E-mail"), email),
    field(t("Password"), password),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("Sign in"))),
  );
  const withGoogle = google
    ? h(
        "div",
        { class: "alt-sign-in" },
        h("p", {}, t("or")),
        button(t("Sign in with Google"), () =>
          saving(signIn, async () => {
            try {
              await app.session.signInWithGoogle();
            } catch (error) {
              throw new Error(message(error));
            }
          }),
        ),
      )
    : null;
  return h(
    "section",
    { class: "card narrow" },
    h("h1", {}, t("Sign in")),
    h("p", {}, t("Sign in with the account that manages your site's bookings.")),
    signIn,
    withGoogle,
  );
}

export function renderNoSite(app, { create, onCreated, onRetry }) {
  if (!create) {
    return h(
      "section",
      { class: "card narrow" },
      h("h1", { tabindex: "-1" }, t("No site yet")),
      h("p", {}, t("{email} is not an admin of any site.", { email: app.user.email })),
      h(
        "p",
        {},
        t("An operator grants admin rights on a site id with"),
        " ",
        h("code", {}, `make grant-admin EMAIL=${app.user.email} SITE=<site id>`),
        ". ",
        t("Then check again to create or open that site."),
      ),
      button(t("Check again"), onRetry, { class: "button primary" }),
    );
  }
  const name = h("input", { type: "text", required: true, maxlength: 100 });
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zone = select(timeZones(browserZone).map((z) => [z, z]), browserZone);
  const locale = select([["en", "English"], ["nl", "Nederlands"]], "en");
  const create_ = form(
    () =>
      saving(create_, async () => {
        await app.api("adminCreateSite", {
          siteId: app.siteId,
          name: name.value,
          timezone: zone.value,
          locale: locale.value,
        });
        app.announce(t("Site created"));
        await onCreated();
      }),
    field(t("Site id"), h("input", { type: "text", value: app.siteId, readonly: true }), {
      hint: t("Given with your admin rights; the widget's embed code uses it."),
    }),
    field(t("Business name"), name, { path: "name" }),
    field(t("Time zone"), zone, { path: "timezone" }),
    field(t("Language of the booking widget and e-mails"), locale, { path: "locale" }),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, t("Create site"))),
  );
  return h(
    "section",
    { class: "card narrow" },
    h("h1", { tabindex: "-1" }, t("Create your site")),
    h("p", {}, t("You are admin of site \"{site}\", which does not exist yet.", { site: app.siteId })),
    create_,
  );
}
