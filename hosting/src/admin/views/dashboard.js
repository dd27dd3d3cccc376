// Booking → Dashboard: 8 customer cards, 6 booking cards and four charts,
// all from one stored aggregate (docs/analytics.md); Refresh recomputes it.
import { formatDay } from "../../shared/dates.js";
import { h } from "../../shared/dom.js";
import { button } from "../dom.js";
import { WEEKDAYS, dateTime, money } from "../format.js";
import { intl, t } from "../i18n.js";
import { barChart, heatmap, lineChart } from "./charts.js";
import { TIERS } from "./customers.js";

/** Every text of this page, in one place for the translation. */
export const TEXT = {
  title: t("Dashboard"),
  refresh: t("Refresh"),
  refreshed: t("Dashboard refreshed"),
  asOf: (at) => t("Numbers as of {at}; they are recomputed every hour.", { at }),
  customers: t("Customers"),
  bookings: t("Bookings"),
  crm: {
    totalCustomers: t("Total customers"),
    newCustomers: t("New customers (30 days)"),
    retentionRate: t("Retention rate (90 days)"),
    vipCustomers: t("VIP customers"),
    repeatNoShows: t("Repeat no-shows (2 or more)"),
    marketingOptIns: t("Marketing opt-ins"),
    averageVisits: t("Average visits per customer"),
    inactiveCustomers: t("Inactive customers (180 days)"),
  },
  cards: {
    revenueThisMonthCents: t("Revenue this month"),
    popularService: t("Most popular service (30 days)"),
    busiestWeekday: t("Busiest weekday (30 days)"),
    busiestHour: t("Busiest hour (30 days)"),
    bookingsPerDay: t("Bookings per day (30 days)"),
    occupancyRate: t("Occupancy (30 days)"),
  },
  perDay: t("Bookings per day, last 90 days"),
  heat: t("Bookings by weekday and hour, last 90 days"),
  revenue: t("Revenue per month, last 12 months"),
  tiers: t("Customers by tier"),
  day: t("Day"),
  count: t("Bookings"),
  weekday: t("Weekday"),
  month: t("Month"),
  amount: t("Revenue"),
  tier: t("Tier"),
  people: t("Customers"),
};

const number = (value, suffix = "") => (value == null ? "—" : `${new Intl.NumberFormat(intl).format(value)}${suffix}`);

function card(title, value) {
  return h("div", { class: "stat card" }, h("p", { class: "stat-title" }, title), h("p", { class: "stat-value" }, value));
}

export async function renderDashboard(app) {
  const holder = h("div", {});
  const show = (board) => holder.replaceChildren(...content(app, board));
  show(await app.call("adminGetDashboard", {}));
  const refresh = button(TEXT.refresh, async () => {
    refresh.disabled = true;
    try {
      show(await app.call("adminRefreshDashboard", {}));
      app.announce(TEXT.refreshed);
    } catch (error) {
      app.announce(error.message);
    } finally {
      refresh.disabled = false;
    }
  });
  return h("div", { class: "page" }, h("div", { class: "page-head" }, h("h1", {}, TEXT.title), refresh), holder);
}

function content(app, board) {
  const { crm, bookings, charts } = board;
  const services = app.data.services;
  const weekdayName = (key) => (WEEKDAYS.find(([value]) => value === key) || [key, "—"])[1];
  const currency = app.site.currency;
  const hours = Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, "0"));
  const open = hours.filter((hour) => WEEKDAYS.some(([day]) => charts.heatmap[`${day}-${hour}`]));
  const columns = open.length ? hours.slice(hours.indexOf(open[0]), hours.indexOf(open[open.length - 1]) + 1) : hours.slice(8, 19);
  return [
    h("p", { class: "hint" }, TEXT.asOf(dateTime(board.computedAt, app.site.timezone))),
    h("h2", {}, TEXT.customers),
    h(
      "div",
      { class: "stats" },
      card(TEXT.crm.totalCustomers, number(crm.totalCustomers)),
      card(TEXT.crm.newCustomers, number(crm.newCustomers)),
      card(TEXT.crm.retentionRate, number(crm.retentionRate, " %")),
      card(TEXT.crm.vipCustomers, number(crm.vipCustomers)),
      card(TEXT.crm.repeatNoShows, number(crm.repeatNoShows)),
      card(TEXT.crm.marketingOptIns, number(crm.marketingOptIns)),
      card(TEXT.crm.averageVisits, number(crm.averageVisits)),
      card(TEXT.crm.inactiveCustomers, number(crm.inactiveCustomers)),
    ),
    h("h2", {}, TEXT.bookings),
    h(
      "div",
      { class: "stats" },
      card(TEXT.cards.revenueThisMonthCents, money(bookings.revenueThisMonthCents, currency)),
      card(TEXT.cards.popularService, services.find((s) => s.id === bookings.popularService)?.name || bookings.popularService || "—"),
      card(TEXT.cards.busiestWeekday, bookings.busiestWeekday ? weekdayName(bookings.busiestWeekday) : "—"),
      card(TEXT.cards.busiestHour, bookings.busiestHour ? `${bookings.busiestHour}:00` : "—"),
      card(TEXT.cards.bookingsPerDay, number(bookings.bookingsPerDay)),
      card(TEXT.cards.occupancyRate, number(bookings.occupancyRate, " %")),
    ),
    lineChart(
      "chart-per-day",
      TEXT.perDay,
      charts.bookingsPerDay.map((d) => ({ label: formatDay(d.date, intl, { day: "numeric", month: "short" }), value: d.bookings })),
      [TEXT.day, TEXT.count],
    ),
    heatmap(
      "chart-heat",
      TEXT.heat,
      WEEKDAYS.map(([key, name]) => ({ key, label: name.slice(0, 3) })),
      columns,
      (day, hour) => charts.heatmap[`${day}-${hour}`] || 0,
      [TEXT.weekday, ...columns.map((hour) => `${hour}:00`)],
    ),
    barChart(
      "chart-revenue",
      TEXT.revenue,
      charts.revenuePerMonth.map((m) => ({ label: formatDay(`${m.month}-01`, intl, { month: "short" }), value: m.cents, text: money(m.cents, currency) })),
      [TEXT.month, TEXT.amount],
    ),
    barChart("chart-tiers", TEXT.tiers, TIERS.map(([key, name]) => ({ label: name, value: charts.customersByTier[key] || 0 })), [TEXT.tier, TEXT.people]),
  ];
}
