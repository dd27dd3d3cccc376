// Dates and free times as state: which dates the picker offers, asking the API
// for their slots (with one early request while the visitor picks a staff
// member), and choosing a day or a month. Mixed into <booking-widget>
// (element.js); when.js draws what is here.

import { compact } from "../shared/api.js";
import { addDays, addMonths, dayIn, monthEnd, monthStart } from "../shared/dates.js";

const BUTTON_DAYS_MAX = 14;
const PREFETCH_FRESH_MS = 30000;

export const slotMethods = {
  /** Dates the picker offers: `horizonDays` buttons, or one month of a calendar. */
  range() {
    const horizon = Math.max(1, this.config.settings.horizonDays || BUTTON_DAYS_MAX);
    const today = dayIn(this.zone());
    const last = addDays(today, horizon - 1);
    if (horizon <= BUTTON_DAYS_MAX) return { calendar: false, today, last, from: today, to: last };
    const month = (this.state.month = this.state.month || monthStart(today));
    const from = month > today ? month : today;
    const end = monthEnd(month);
    return { calendar: true, today, last, month, from, to: end < last ? end : last };
  },

  slotQuery(staffId) {
    const { from, to } = this.range();
    const { serviceId, branchId } = this.state;
    return compact({ siteId: this.getAttribute("site"), serviceId, branchId, staffId, from, to });
  },

  prefetch(query) {
    const promise = this.api("getAvailableSlots", query);
    promise.catch(() => {}); // a failure shows when (and if) the answer is used
    this.prefetched = { key: JSON.stringify(query), promise, at: Date.now() };
  },

  /** Slots for `query`, from a recent prefetch of the very same query if there is one. */
  fetchSlots(query) {
    const key = JSON.stringify(query);
    const early = this.prefetched;
    this.prefetched = null;
    if (early && early.key === key && Date.now() - early.at < PREFETCH_FRESH_MS) return early.promise;
    return this.api("getAvailableSlots", query);
  },

  async loadSlots() {
    const query = this.slotQuery(this.state.staffId);
    const key = JSON.stringify(query);
    this.state.slots = { key, loading: true, days: [] };
    this.announce(this.t("loadingTimes"));
    try {
      const answer = await this.fetchSlots(query);
      if (this.state.slots?.key !== key) return;
      this.state.slots = { key, timezone: answer.timezone, days: answer.days };
      const open = answer.days.filter((day) => day.slots.length);
      if (!open.some((day) => day.date === this.state.date)) this.state.date = open.length ? open[0].date : null;
    } catch (error) {
      if (this.state.slots?.key !== key) return;
      this.state.slots = { key, failed: true, days: [] };
      this.sayError(error);
    }
    if (this.state.step !== "when") return;
    this.render();
    this.announceTimes();
  },

  dayOf(date) {
    return this.state.slots?.days.find((day) => day.date === date);
  },

  chooseDate(date) {
    this.state.date = date;
    this.say("");
    this.render();
    this.announceTimes();
  },

  chooseMonth(offset) {
    this.state.month = addMonths(this.state.month, offset);
    this.state.date = null;
    this.loadSlots();
    this.render();
  },

  announceTimes() {
    const day = this.dayOf(this.state.date);
    if (day) this.announce(this.t("timesAvailable", { count: day.slots.length, date: this.fmt.longDay(day.date) }));
  },

  /** Called by the time step once slot buttons are in the page: the speed budget ends here. */
  slotsShown() {
    if (this.firstSlotsShown) return;
    this.firstSlotsShown = true;
    requestAnimationFrame(() => performance.mark("booking-widget:first-slots"));
  },
};
