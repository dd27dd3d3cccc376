// Sign-in at the desk: tap your name, type your PIN.
import { ApiError, createApi } from "../shared/api.js";
import { h, replace } from "../shared/dom.js";
import { t, useLocale } from "./lang.js";

// Before sign-in: the calls carry no ID token.
const call = createApi();

/** The server's refusals in the site's language (they are English). */
function explain(error) {
  if (!(error instanceof ApiError)) return error.message;
  if (error.status === "PERMISSION_DENIED") return t("pinNotAccepted");
  if (error.status === "RESOURCE_EXHAUSTED") return t("tooMany");
  if (error.status === "UNAVAILABLE") return t("network");
  return error.message;
}

const PAD = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"];

export async function showLogin(app, notice = "") {
  const main = document.getElementById("main");
  replace(main, h("p", { class: "muted" }, t("loading")));
  let directory;
  try {
    directory = await call("staffDirectory", { siteId: app.siteId });
  } catch (error) {
    const message =
      error instanceof ApiError && error.status === "NOT_FOUND" ? t("notEnabled") : explain(error);
    replace(main, h("section", { class: "panel" }, h("h1", {}, t("appName")), h("p", { class: "error" }, message)));
    return;
  }
  useLocale(directory.site.locale);
  document.getElementById("brand").textContent = directory.site.name;
  const members = directory.staff;
  if (!members.length) {
    replace(main, h("section", { class: "panel" }, h("h1", {}, t("whoIsWorking")), h("p", {}, t("noPins"))));
    return;
  }
  const chooser = h("section", { class: "panel login" });
  const pick = (member) => showPin(app, chooser, member, members.length > 1);
  replace(
    chooser,
    h("h1", {}, t("whoIsWorking")),
    notice && h("p", { class: "notice" }, notice),
    h(
      "div",
      { class: "people" },
      members.map((member) =>
        h(
          "button",
          { type: "button", class: "person", onclick: () => pick(member) },
          h("span", { class: "avatar", "aria-hidden": "true" }, member.name.slice(0, 1)),
          h("span", {}, member.name),
          member.branchName && h("small", {}, member.branchName),
        ),
      ),
    ),
  );
  replace(main, chooser);
  const last = localStorage.getItem(`staff.last.${app.siteId}`);
  const remembered = members.find((member) => member.id === last);
  if (members.length === 1) pick(members[0]);
  else if (remembered && notice) pick(remembered);
}

/** Wakes the two callables that follow the PIN while it is typed: each
 * answers an empty call at once (a missing PIN is refused before any
 * counting, no session is refused before any read), but a cold worker
 * would otherwise add its start-up (about a second) to the sign-in. */
function warmUp() {
  for (const name of ["staffLogin", "staffAgenda"]) call(name, {}).catch(() => {});
}

function showPin(app, container, member, canGoBack) {
  warmUp();
  const input = h("input", {
    id: "pin",
    type: "password",
    inputmode: "numeric",
    autocomplete: "off",
    pattern: "[0-9]*",
    maxlength: "6",
    required: true,
  });
  const message = h("p", { class: "error", role: "alert" });
  const submit = h("button", { type: "submit", class: "primary wide" }, t("signIn"));
  const dots = h("div", { class: "dots", "aria-hidden": "true" });
  const paint = () => replace(dots, Array.from({ length: 6 }, (_, i) => h("span", { class: i < input.value.length ? "on" : "" })));
  input.addEventListener("input", () => {
    input.value = input.value.replace(/\D/g, "").slice(0, 6);
    paint();
  });
  const press = (key) => {
    if (key === "clear") input.value = "";
    else if (key === "back") input.value = input.value.slice(0, -1);
    else if (input.value.length < 6) input.value += key;
    paint();
    input.focus();
  };
  const form = h(
    "form",
    {
      class: "pin",
      onsubmit: async (event) => {
        event.preventDefault();
        if (!/^\d{4,6}$/.test(input.value)) {
          message.textContent = t("pinDigits");
          return;
        }
        submit.disabled = true;
        submit.textContent = t("signingIn");
        message.textContent = "";
        try {
          const result = await call("staffLogin", { siteId: app.siteId, staffId: member.id, pin: input.value });
          await app.auth.signIn(result.token);
          localStorage.setItem(`staff.last.${app.siteId}`, member.id);
          app.signedIn();
        } catch (error) {
          input.value = "";
          paint();
          message.textContent = explain(error);
          submit.disabled = false;
          submit.textContent = t("signIn");
          input.focus();
        }
      },
    },
    h("h1", {}, t("hiName", { name: member.name })),
    h("label", { for: "pin" }, t("pin")),
    input,
    dots,
    h(
      "div",
      { class: "pad" },
      PAD.map((key) =>
        h(
          "button",
          { type: "button", class: `key ${key.length > 1 ? "small" : ""}`, onclick: () => press(key), "aria-label": key === "back" ? t("deleteDigit") : key === "clear" ? t("clear") : null },
          key === "back" ? "⌫" : key === "clear" ? t("clear") : key,
        ),
      ),
    ),
    message,
    submit,
    canGoBack && h("button", { type: "button", class: "link", onclick: () => showLogin(app) }, t("notYou")),
  );
  replace(container, form);
  paint();
  input.focus();
}
