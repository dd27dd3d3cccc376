// Booking → Customers: every client with their visits and tier, searched and
// filtered on the server (one indexed query per page, continued with a
// cursor). The filters live in the address (#/customers?tier=vip&…), so
// reloading or going back keeps them. One profile is in customer_detail.js.
import { formatDay } from "../../shared/dates.js";
import { h } from "../../shared/dom.js";
import { button, field, form, saving, select } from "../dom.js";
import { intl, t } from "../i18n.js";
import { listTable } from "./common.js";
import { renderCustomerDetail } from "./customer_detail.js";
import { pagedList, pagingFor } from "./paged_list.js";

/** Every text of this page, in one place for the translation. */
export const TEXT = {
  title: t("Customers"),
  search: t("Name or e-mail"),
  searchHint: t("The start of the name, of any word of it, or of the e-mail address."),
  tier: t("Tier"),
  tag: t("Tag"),
  consent: t("Marketing"),
  visitedAfter: t("Last visit from"),
  visitedBefore: t("Last visit before"),
  minNoShows: t("No-shows at least"),
  sort: t("Sort by"),
  anyTier: t("All tiers"),
  anyConsent: t("Opted in or not"),
  optedIn: t("Opted in"),
  notOptedIn: t("Not opted in"),
  byLastVisit: t("Last visit"),
  byVisits: t("Visits"),
  show: t("Show customers"),
  columns: {
    name: t("Customer"),
    tier: t("Tier"),
    visits: t("Visits"),
    lastVisit: t("Last visit"),
    noShows: t("No-shows"),
    tags: t("Tags"),
    marketing: t("Marketing"),
  },
  none: t("No customers match these filters."),
  summary: (n, count) => (count === 1 ? t("Page {n}: 1 customer.", { n }) : t("Page {n}: {count} customers.", { n, count })),
  yes: t("Yes"),
  no: t("No"),
  export: t("Export to CSV"),
  exportHint: t("Presets hold only customers whose marketing consent holds; the custom export uses the filters above."),
  segment: t("Segment"),
  exportButton: t("Download CSV"),
  exported: t("CSV downloaded"),
  segments: [
    ["vip", t("VIP customers")],
    ["win-back", t("Win-back: 2 or more visits, none in 90 days")],
    ["regulars", t("Regulars")],
    ["opted-in", t("Opted in for marketing")],
    ["custom", t("Custom: the filters above")],
  ],
};

export const TIERS = [
  ["new", t("New")],
  ["returning", t("Returning")],
  ["regular", t("Regular")],
  ["vip", t("VIP")],
];
export const tierLabel = (tier) => (TIERS.find(([value]) => value === tier) || [tier, tier])[1];
export const visitDay = (day) => (day ? formatDay(day, intl, { day: "numeric", month: "short", year: "numeric" }) : "—");

const PAGE_SIZE = 25;
const FILTERS = ["search", "tier", "tag", "consent", "visitedAfter", "visitedBefore", "minNoShows", "sort"];
/** The cursors of the pages seen for one site and set of filters (paged_list.js). */
let paging = null;

function listAddress(filters) {
  const query = new URLSearchParams();
  for (const key of FILTERS) if (filters[key]) query.set(key, filters[key]);
  return `customers?${query}`;
}

export async function renderCustomers(app, parts, query = new URLSearchParams()) {
  if (parts[0]) return renderCustomerDetail(app, parts[0], paging?.address);
  const filters = Object.fromEntries(FILTERS.map((key) => [key, query.get(key) || ""]));
  const address = listAddress(filters);
  paging = pagingFor(paging, app, address);
  const search = h("input", { type: "text", enterkeyhint: "search", value: filters.search, maxlength: 100, autocomplete: "off" });
  const tier = select([["", TEXT.anyTier], ...TIERS], filters.tier);
  const tag = h("input", { type: "text", value: filters.tag, maxlength: 40, autocomplete: "off" });
  const consent = select([["", TEXT.anyConsent], ["opted_in", TEXT.optedIn], ["not_opted_in", TEXT.notOptedIn]], filters.consent);
  const after = h("input", { type: "date", value: filters.visitedAfter });
  const before = h("input", { type: "date", value: filters.visitedBefore });
  const noShows = h("input", { type: "number", min: 1, max: 1000, step: 1, value: filters.minNoShows, inputmode: "numeric" });
  const sort = select([["lastVisit", TEXT.byLastVisit], ["visits", TEXT.byVisits]], filters.sort || "lastVisit");

  const { results, summary, show } = pagedList("customers", paging, {
    fetch: async (cursor) => {
      const request = { pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
      for (const [key, value] of Object.entries(filters)) if (value) request[key] = key === "minNoShows" ? Number(value) : value;
      const page = await app.call("adminListCustomers", request);
      return { rows: page.customers, nextCursor: page.nextCursor };
    },
    table: (rows) =>
      listTable(
        TEXT.title,
        [TEXT.columns.name, TEXT.columns.tier, TEXT.columns.visits, TEXT.columns.lastVisit, TEXT.columns.noShows, TEXT.columns.tags, TEXT.columns.marketing],
        rows.map((person) => [
          h("span", {}, h("a", { href: `#/customers/${encodeURIComponent(person.id)}` }, person.name || person.email || "—"), h("br"), h("span", { class: "muted" }, person.email)),
          h("span", { class: `badge tier tier-${person.tier}` }, tierLabel(person.tier)),
          String(person.visits),
          visitDay(person.lastVisit),
          String(person.noShows),
          person.tags.join(", ") || "—",
          person.marketingOptIn ? TEXT.yes : TEXT.no,
        ]),
        TEXT.none,
      ),
    text: TEXT,
  });

  const filterForm = form(
    () =>
      saving(filterForm, async () => {
        paging = null; // "Show customers" always starts at the first page
        app.go(
          listAddress({
            search: search.value.trim(),
            tier: tier.value,
            tag: tag.value.trim(),
            consent: consent.value,
            visitedAfter: after.value,
            visitedBefore: before.value,
            minNoShows: noShows.value,
            sort: sort.value === "lastVisit" ? "" : sort.value,
          }),
        );
      }),
    h(
      "div",
      { class: "filters" },
      field(TEXT.search, search, { path: "search", hint: TEXT.searchHint }),
      field(TEXT.tier, tier, { path: "tier" }),
      field(TEXT.tag, tag, { path: "tag" }),
      field(TEXT.consent, consent, { path: "consent" }),
      field(TEXT.visitedAfter, after, { path: "visitedAfter" }),
      field(TEXT.visitedBefore, before, { path: "visitedBefore" }),
      field(TEXT.minNoShows, noShows, { path: "minNoShows" }),
      field(TEXT.sort, sort, { path: "sort" }),
      h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary" }, TEXT.show)),
    ),
  );
  const page = h("div", { class: "page" }, h("h1", {}, TEXT.title), h("section", { class: "card" }, filterForm), summary, results, exportCard(app, filters));
  await show();
  return page;
}

/** The CSV export: streamed by the exportCustomers function, which checks the admin's ID token. */
function exportCard(app, filters) {
  const segment = select(TEXT.segments, "vip");
  const problem = h("p", { role: "alert", class: "form-error" });
  const download = button(TEXT.exportButton, async () => {
    download.disabled = true;
    problem.textContent = "";
    try {
      const query = new URLSearchParams({ siteId: app.siteId, segment: segment.value });
      if (segment.value === "custom") for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
      const response = await fetch(`/api/exportCustomers?${query}`, { headers: { Authorization: `Bearer ${await app.session.token()}` } });
      if (!response.ok) throw new Error((await response.json().catch(() => ({}))).error?.message || response.statusText);
      const link = h("a", { href: URL.createObjectURL(await response.blob()), download: `customers-${segment.value}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      app.announce(TEXT.exported);
    } catch (error) {
      problem.textContent = error.message;
    } finally {
      download.disabled = false;
    }
  }, { class: "button primary" });
  return h(
    "section",
    { class: "card" },
    h("h2", {}, TEXT.export),
    h("p", { class: "hint" }, TEXT.exportHint),
    field(TEXT.segment, segment),
    problem,
    h("div", { class: "actions" }, download),
  );
}
