// Editor preview: the same interface as the API, answered from sample data in
// the browser, so a preview never calls the server or books anything.

import { daysBetween, visitorZone, weekdayIndex } from "../shared/dates.js";

const pad = (n) => String(n).padStart(2, "0");

/** A local wall-clock time as ISO-8601 with the visitor's own offset. */
function localIso(date, minutes) {
  const [y, m, d] = date.split("-").map(Number);
  const at = new Date(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return `${date}T${pad(at.getHours())}:${pad(at.getMinutes())}:00${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

function sampleConfig(t, locale) {
  const [first, second] = t.strings.previewServices;
  return {
    site: {
      id: "preview", name: t("previewSite"), timezone: visitorZone(), locale: locale || t.lang, currency: "EUR",
      widget: { accentColor: "#0f766e", layout: "full", showStaff: true },
    },
    settings: { horizonDays: 14, termsRequired: false, termsText: "", termsUrl: "" },
    branches: [{ id: "main", name: t("previewSite"), address: t("previewBranch"), city: "", timezone: visitorZone() }],
    services: [
      { id: "first", name: first, durationMinutes: 30, price: 3500, deposit: null, intakeQuestions: [] },
      { id: "second", name: second, durationMinutes: 90, price: 8500, deposit: 2000,
        intakeQuestions: [{ id: "note", label: t("previewQuestion"), type: "text", options: [], required: false }] },
    ],
    staff: [
      { id: "alex", name: "Alex", serviceIds: ["first", "second"], branchId: "main" },
      { id: "sam", name: "Sam", serviceIds: ["first"], branchId: "main" },
    ],
  };
}

/** Open 09:00-17:00 except Sundays; every fifth day shows as fully booked. */
function sampleDays(from, to, durationMinutes) {
  const now = Date.now();
  return daysBetween(from, to).map((date, index) => {
    if (weekdayIndex(date) === 6) return { date, status: "closed", slots: [] };
    if (index % 5 === 3) return { date, status: "full", slots: [] };
    const slots = [];
    for (let minutes = 9 * 60; minutes + durationMinutes <= 17 * 60; minutes += 30) {
      const start = localIso(date, minutes);
      if (new Date(start).getTime() > now) slots.push({ start, end: localIso(date, minutes + durationMinutes) });
    }
    return { date, status: slots.length ? "open" : "full", slots };
  });
}

export function createPreviewApi(t, locale) {
  const config = sampleConfig(t, locale);
  const service = (id) => config.services.find((s) => s.id === id) || config.services[0];
  const answers = {
    getBookingConfig: () => config,
    getAvailableSlots: (data) => ({ timezone: visitorZone(), days: sampleDays(data.from, data.to, service(data.serviceId).durationMinutes) }),
    createBooking: (data) => {
      const minutes = service(data.serviceId).durationMinutes;
      return {
        bookingId: "preview",
        status: service(data.serviceId).deposit ? "pending_payment" : "confirmed",
        start: data.start,
        end: new Date(new Date(data.start).getTime() + minutes * 60000).toISOString(),
        staffId: data.staffId || "alex",
        manageToken: "preview-token-not-valid",
      };
    },
  };
  return async (name, data) => answers[name](data);
}

