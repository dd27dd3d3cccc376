// The unsubscribe link in every e-mail:
// /unsubscribe?site=<id>&booking=<id>&lang=<locale>#token=<token>.
// Opening the page changes nothing (mail scanners open links); the button
// posts the withdrawal, which the token from the e-mail makes verified.

import { ApiError, createApi } from "../shared/api.js";
import { h, replace } from "../shared/dom.js";
import { translator } from "../shared/i18n.js";

const STRINGS = {
  en: {
    title: "Marketing e-mails",
    intro: "Press the button to stop receiving news and offers by e-mail. E-mails about your bookings keep coming.",
    button: "Unsubscribe",
    busy: "Unsubscribing…",
    done: "You are unsubscribed. You will receive no more news or offers by e-mail.",
    logged: "Your request is recorded. Please use the link in one of our e-mails to confirm it is your address.",
    invalid: "This link is not valid. Please use the link in one of our e-mails.",
    generic: "Something went wrong. Please try again.",
  },
  nl: {
    title: "Marketingmails",
    intro: "Druk op de knop om geen nieuws en aanbiedingen meer per e-mail te ontvangen. E-mails over uw afspraken blijven komen.",
    button: "Afmelden",
    busy: "Bezig met afmelden…",
    done: "U bent afgemeld. U ontvangt geen nieuws of aanbiedingen meer per e-mail.",
    logged: "Uw verzoek is vastgelegd. Gebruik de link in een van onze e-mails om te bevestigen dat het uw adres is.",
    invalid: "Deze link is niet geldig. Gebruik de link in een van onze e-mails.",
    generic: "Er ging iets mis. Probeer het opnieuw.",
  },
};

const query = new URLSearchParams(location.search);
const token = new URLSearchParams(location.hash.slice(1)).get("token") || "";
const t = translator(STRINGS, query.get("lang") || navigator.language);
const app = document.getElementById("app");
const call = createApi();
document.documentElement.lang = t.lang;
document.title = t("title");

function render(state) {
  replace(
    app,
    h("h1", {}, t("title")),
    state.message
      ? h("p", { class: state.error ? "notice error" : "notice", role: state.error ? "alert" : "status" }, state.message)
      : h("p", { class: "lead" }, t("intro")),
    !state.finished &&
      h("button", { type: "button", class: "primary", disabled: state.busy, onclick: submit }, state.busy ? t("busy") : t("button")),
  );
}

async function submit() {
  render({ busy: true });
  try {
    const result = await call("unsubscribeMarketing", { siteId: query.get("site") || "", bookingId: query.get("booking") || "", token });
    render({ finished: true, message: result.unsubscribed ? t("done") : t("logged") });
  } catch (error) {
    const invalid = error instanceof ApiError && ["PERMISSION_DENIED", "NOT_FOUND", "INVALID_ARGUMENT"].includes(error.status);
    render({ error: true, finished: invalid, message: invalid ? t("invalid") : t("generic") });
  }
}

render({});
