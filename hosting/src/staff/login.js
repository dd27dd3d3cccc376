// Sign-in at the desk: tap your name, type your PIN.
import { ApiError, createApi } from "../shared/api.js";
import { h, replace } from "../shared/dom.js";

// Before sign-in: the calls carry no ID token.
const call = createApi();

const PAD = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"];

export async function showLogin(app, notice = "") {
  const main = document.getElementById("main");
  replace(main, h("p", { class: "muted" }, "Loading…"));
  let directory;
  try {
    directory = await call("staffDirectory", { siteId: app.siteId });
  } catch (error) {
    const message =
      error instanceof ApiError && error.status === "NOT_FOUND"
        ? "The staff app is not switched on for this site. Ask an admin to enable it under Booking → Staff access."
        : error.message;
    replace(main, h("section", { class: "panel" }, h("h1", {}, "Staff desk"), h("p", { class: "error" }, message)));
    return;
  }
  document.getElementById("brand").textContent = directory.site.name;
  const members = directory.staff;
  if (!members.length) {
    replace(main, h("section", { class: "panel" }, h("h1", {}, "Who's working?"), h("p", {}, "No staff members have a PIN yet.")));
    return;
  }
  const chooser = h("section", { class: "panel login" });
  const pick = (member) => showPin(app, chooser, member, members.length > 1);
  replace(
    chooser,
    h("h1", {}, "Who's working?"),
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

function showPin(app, container, member, canGoBack) {
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
  const submit = h("button", { type: "submit", class: "primary wide" }, "Sign in");
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
          message.textContent = "A PIN has 4 to 6 digits.";
          return;
        }
        submit.disabled = true;
        message.textContent = "";
        try {
          const result = await call("staffLogin", { siteId: app.siteId, staffId: member.id, pin: input.value });
          await app.auth.signIn(result.token);
          localStorage.setItem(`staff.last.${app.siteId}`, member.id);
          app.signedIn();
        } catch (error) {
          input.value = "";
          paint();
          message.textContent = error.message;
          submit.disabled = false;
          input.focus();
        }
      },
    },
    h("h1", {}, `Hi ${member.name}`),
    h("label", { for: "pin" }, "PIN"),
    input,
    dots,
    h(
      "div",
      { class: "pad" },
      PAD.map((key) =>
        h(
          "button",
          { type: "button", class: `key ${key.length > 1 ? "small" : ""}`, onclick: () => press(key), "aria-label": key === "back" ? "Delete digit" : key === "clear" ? "Clear" : null },
          key === "back" ? "⌫" : key === "clear" ? "Clear" : key,
        ),
      ),
    ),
    message,
    submit,
    canGoBack && h("button", { type: "button", class: "link", onclick: () => showLogin(app) }, "Not you? Choose your name"),
  );
  replace(container, form);
  paint();
  input.focus();
}
