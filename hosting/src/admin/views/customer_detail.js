// Booking → Customers → one customer: who they are, their tier and counts,
// their consent log, editable tags and notes, their bookings newest first
// (paged), "Book for this client", and merging another profile into this one.
import { definitionList, h } from "../../shared/dom.js";
import { button, field, form, saving } from "../dom.js";
import { dateTime, statusLabel } from "../format.js";
import { t } from "../i18n.js";
import { confirmStep, listTable } from "./common.js";
import { tierLabel, visitDay } from "./customers.js";

/** Every text of this page, in one place for the translation. */
export const TEXT = {
  back: t("← All customers"),
  bookFor: t("Book for this client"),
  email: t("E-mail"),
  phone: t("Phone"),
  tier: t("Tier"),
  visits: t("Visits"),
  bookings: t("Bookings made"),
  firstVisit: t("First visit"),
  lastVisit: t("Last visit"),
  noShows: t("No-shows"),
  marketing: t("Marketing"),
  optedIn: t("Opted in"),
  notOptedIn: t("Not opted in"),
  aliases: t("Also known as"),
  tags: t("Tags"),
  tagsHint: t("Separated by commas, for example: vip, colour."),
  notes: t("Notes"),
  save: t("Save tags and notes"),
  saved: t("Tags and notes saved"),
  history: t("Bookings"),
  when: t("When"),
  service: t("Service"),
  staff: t("Staff member"),
  status: t("Status"),
  noHistory: t("No bookings yet."),
  older: t("Older bookings"),
  consentLog: t("Consent log"),
  noConsent: t("No consent given or withdrawn yet."),
  given: t("Given"),
  withdrawn: t("Withdrawn"),
  verified: t("verified"),
  unverified: t("not verified"),
  merge: t("Merge another profile into this one"),
  mergeHint: t("The same person under another e-mail address: copy the Id shown on the other profile's page."),
  mergeId: t("Id of the other profile"),
  mergeButton: t("Merge"),
  mergeQuestion: t("Move every booking, tag and note of the other profile here and delete it?"),
  mergeConfirm: t("Merge and delete the other profile"),
  merged: t("Profiles merged"),
  id: t("Id"),
};

export async function renderCustomerDetail(app, customerId, listAddress) {
  let person = await app.call("adminGetCustomer", { customerId });
  const zone = app.site.timezone;
  const history = h("div", {});
  const historyRows = [];
  const showHistory = (page) => {
    historyRows.push(...page.history);
    history.replaceChildren(
      listTable(
        TEXT.history,
        [TEXT.when, TEXT.service, TEXT.staff, TEXT.status],
        historyRows.map((b) => [
          h("a", { href: `#/bookings/${encodeURIComponent(b.id)}` }, dateTime(b.start, b.timezone || zone)),
          b.serviceName,
          b.staffName || "—",
          h("span", { class: `status status-${b.status}` }, statusLabel(b.status)),
        ]),
        TEXT.noHistory,
      ),
      ...(page.nextCursor
        ? [button(TEXT.older, async () => showHistory(await app.call("adminGetCustomer", { customerId, cursor: page.nextCursor })))]
        : []),
    );
  };
  showHistory(person);

  const tags = h("input", { type: "text", value: person.tags.join(", "), maxlength: 900, autocomplete: "off" });
  const notes = h("textarea", { rows: 4, maxlength: 4000 }, person.notes);
  const editor = form(
    () =>
      saving(editor, async () => {
        const list = tags.value.split(",").map((tag) => tag.trim()).filter(Boolean);
        person = await app.call("adminUpdateCustomer", { customerId, tags: list, notes: notes.value });
        tags.value = person.tags.join(", ");
        app.announce(TEXT.saved);
      }),
    field(TEXT.tags, tags, { path: "tags", hint: TEXT.tagsHint }),
    field(TEXT.notes, notes, { path: "notes" }),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, TEXT.save)),
  );

  const other = h("input", { type: "text", maxlength: 64, autocomplete: "off" });
  const booking = new URLSearchParams({ name: person.name, email: person.email, phone: person.phone });
  const consent = person.consentLog.map((entry) => [
    dateTime(entry.at, zone),
    `${entry.value ? TEXT.given : TEXT.withdrawn} (${entry.verified ? TEXT.verified : TEXT.unverified}): ${entry.text}`,
  ]);
  return h(
    "div",
    { class: "page" },
    h("p", {}, h("a", { href: `#/${listAddress || "customers"}` }, TEXT.back)),
    h(
      "div",
      { class: "page-head" },
      h("h1", {}, person.name || person.email),
      h("a", { class: "button primary", href: `#/bookings/new?${booking}` }, TEXT.bookFor),
    ),
    h(
      "section",
      { class: "card" },
      definitionList([
        [TEXT.email, person.email || "—"],
        [TEXT.phone, person.phone || "—"],
        [TEXT.tier, h("span", { class: `badge tier tier-${person.tier}` }, tierLabel(person.tier))],
        [TEXT.visits, String(person.visits)],
        [TEXT.bookings, String(person.bookings)],
        [TEXT.firstVisit, visitDay(person.firstVisit)],
        [TEXT.lastVisit, visitDay(person.lastVisit)],
        [TEXT.noShows, String(person.noShows)],
        [TEXT.marketing, person.marketingOptIn ? TEXT.optedIn : TEXT.notOptedIn],
        ...(person.aliases.length ? [[TEXT.aliases, person.aliases.join(", ")]] : []),
        [TEXT.id, h("code", {}, person.id)],
      ]),
    ),
    h("section", { class: "card" }, editor),
    h("section", { class: "card" }, h("h2", {}, TEXT.history), history),
    h("section", { class: "card" }, h("h2", {}, TEXT.consentLog), consent.length ? definitionList(consent) : h("p", { class: "muted" }, TEXT.noConsent)),
    h(
      "section",
      { class: "card" },
      h("h2", {}, TEXT.merge),
      h("p", { class: "hint" }, TEXT.mergeHint),
      field(TEXT.mergeId, other, { path: "mergeId" }),
      confirmStep(app, {
        label: TEXT.mergeButton,
        question: TEXT.mergeQuestion,
        confirm: TEXT.mergeConfirm,
        run: async () => {
          await app.call("adminMergeCustomers", { keepId: customerId, mergeId: other.value.trim() });
          app.announce(TEXT.merged);
          app.go(`customers/${encodeURIComponent(customerId)}`);
        },
      }),
    ),
  );
}
