// The page Stripe Checkout returns to: ?site=..&booking=..(&cancelled=1)#token=..
// It polls getPaymentStatus until the webhook has confirmed the payment.
const TEXTS = {
  en: {
    loading: ["Confirming your payment…", "This takes a few seconds."],
    confirmed: ["Payment received", "Your booking is confirmed. A confirmation e-mail is on its way."],
    slow: ["Payment being confirmed", "Your payment is still being confirmed. You will receive an e-mail as soon as it is."],
    unpaid: ["Payment not completed", "We hold this time for you until {hold}. Pay the deposit to confirm your booking."],
    expired: ["This booking has expired", "The deposit was not paid in time, so the time was released. You are welcome to book again."],
    refunded: ["Your payment was refunded", "Your payment arrived after this time had been given to someone else, so we refunded it in full."],
    cancelled: ["This booking was cancelled", "This booking no longer takes place."],
    invalid: ["Link not valid", "This payment link is not valid. Please use the link from your e-mail."],
    failed: ["Something went wrong", "The payment status could not be loaded. Please reload this page."],
    pay: "Pay deposit", service: "Service", when: "When", deposit: "Deposit", title: "Payment",
  },
  nl: {
    loading: ["Uw betaling wordt bevestigd…", "Dit duurt enkele seconden."],
    confirmed: ["Betaling ontvangen", "Uw afspraak is bevestigd. U ontvangt een bevestiging per e-mail."],
    slow: ["Betaling wordt bevestigd", "Uw betaling wordt nog bevestigd. U ontvangt een e-mail zodra dat is gebeurd."],
    unpaid: ["Betaling niet voltooid", "We houden deze tijd voor u vast tot {hold}. Betaal de aanbetaling om uw afspraak te bevestigen."],
    expired: ["Deze afspraak is verlopen", "De aanbetaling is niet op tijd betaald, dus de tijd is vrijgegeven. U kunt opnieuw boeken."],
    refunded: ["Uw betaling is terugbetaald", "Uw betaling kwam binnen nadat deze tijd al aan iemand anders was gegeven, dus we hebben het volledige bedrag terugbetaald."],
    cancelled: ["Deze afspraak is geannuleerd", "Deze afspraak gaat niet door."],
    invalid: ["Link niet geldig", "Deze betaallink is niet geldig. Gebruik de link uit uw e-mail."],
    failed: ["Er ging iets mis", "De betaalstatus kon niet worden geladen. Laad deze pagina opnieuw."],
    pay: "Aanbetaling betalen", service: "Behandeling", when: "Wanneer", deposit: "Aanbetaling", title: "Betaling",
  },
};
const POLL_MS = 2500;
const POLL_LIMIT = 36;

const query = new URLSearchParams(location.search);
const hash = new URLSearchParams(location.hash.slice(1));
const request = { siteId: query.get("site"), bookingId: query.get("booking"), token: hash.get("token") || query.get("token") };
const cancelled = query.get("cancelled") === "1";
const main = document.getElementById("result");
let texts = TEXTS[(navigator.language || "en").slice(0, 2)] || TEXTS.en;

async function call(name, data) {
  const response = await fetch(`/api/${name}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ data }),
  });
  const body = await response.json().catch(() => ({}));
  if (body.error) throw Object.assign(new Error(body.error.message), { status: body.error.status });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return body.result;
}

function money(cents, currency, locale) {
  return new Intl.NumberFormat(locale, { style: "currency", currency: currency || "EUR" }).format((cents || 0) / 100);
}

function when(iso, zone, locale) {
  return new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short", timeZone: zone || undefined }).format(new Date(iso));
}

function show(state, status, extra = {}) {
  const [title, text] = texts[state];
  main.dataset.state = state;
  main.replaceChildren();
  const h1 = document.createElement("h1");
  h1.textContent = title;
  const p = document.createElement("p");
  p.textContent = text.replace("{hold}", extra.hold || "");
  main.append(h1, p);
  if (state === "loading") {
    const spinner = document.createElement("div");
    spinner.className = "spinner";
    spinner.setAttribute("role", "presentation");
    main.append(spinner);
  }
  if (status) {
    const locale = status.locale === "nl" ? "nl-NL" : "en-GB";
    const rows = [
      [texts.service, `${status.serviceName} – ${status.siteName}`],
      [texts.when, when(status.start, status.timezone, locale)],
      [texts.deposit, money(status.amountCents, status.currency, locale)],
    ];
    const dl = document.createElement("dl");
    for (const [label, value] of rows) {
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.textContent = value;
      dl.append(dt, dd);
    }
    main.append(dl);
  }
  if (extra.payUrl) {
    const a = document.createElement("a");
    a.className = "btn";
    a.href = extra.payUrl;
    a.textContent = texts.pay;
    main.append(a);
  }
}

function stateOf(status) {
  if (status.depositStatus === "refunded" || status.depositStatus === "refund_pending") return "refunded";
  if (["confirmed", "completed", "no_show"].includes(status.status)) return "confirmed";
  if (status.status === "expired") return "expired";
  if (status.status === "cancelled") return "cancelled";
  return cancelled ? "unpaid" : "loading";
}

async function run() {
  if (!request.siteId || !request.bookingId || !request.token) return show("invalid");
  show("loading");
  for (let attempt = 0; attempt < POLL_LIMIT; attempt++) {
    let status;
    try {
      status = await call("getPaymentStatus", request);
    } catch (error) {
      if (error.status === "PERMISSION_DENIED" || error.status === "INVALID_ARGUMENT") return show("invalid");
      if (error.status !== "RESOURCE_EXHAUSTED") return show("failed");
      await new Promise((resolve) => setTimeout(resolve, POLL_MS * 3));
      continue;
    }
    texts = TEXTS[status.locale] || texts;
    document.documentElement.lang = status.locale || "en";
    document.title = texts.title;
    const state = stateOf(status);
    if (state === "unpaid") {
      const locale = status.locale === "nl" ? "nl-NL" : "en-GB";
      const hold = status.holdExpiresAt
        ? new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: status.timezone || undefined }).format(new Date(status.holdExpiresAt))
        : "";
      return show(state, status, { hold, payUrl: status.checkoutUrl });
    }
    if (state !== "loading") return show(state, status);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  show("slow");
}

run();
