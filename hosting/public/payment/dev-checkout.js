// A stand-in for Stripe Checkout under `make dev`: Pay completes the session
// through the same use case as Stripe's webhook; both buttons return to the
// result page, as Checkout does. A subscription's checkout (`subscription` in
// the query) returns to the manage page of its first appointment instead.
const query = new URLSearchParams(location.search);
const fragment = new URLSearchParams(location.hash.slice(1));
const subscribing = query.has("subscription");
const token = (subscribing ? fragment.get("manage") : fragment.get("token")) || "";
const request = { siteId: query.get("site"), bookingId: query.get("booking"), token };
const back = new URLSearchParams({ site: request.siteId || "", booking: request.bookingId || "" });
const $ = (id) => document.getElementById(id);

async function call(name, data) {
  const response = await fetch(`/api/${name}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ data }),
  });
  const body = await response.json().catch(() => ({}));
  if (body.error) throw new Error(body.error.message);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return body.result;
}

function resultPage(cancelled) {
  if (subscribing) {
    const params = new URLSearchParams(back);
    if (!cancelled) params.set("subscribed", "1");
    return `/manage?${params}#token=${encodeURIComponent(token)}`;
  }
  const params = new URLSearchParams(back);
  if (cancelled) params.set("cancelled", "1");
  // The whole fragment goes back: the result page's token, the manage token and the way back.
  return `/payment/?${params}${location.hash}`;
}

async function loadSubscription() {
  const found = await call("getManagedSubscription", request);
  const amount = new Intl.NumberFormat("en-GB", { style: "currency", currency: found.currency || "EUR" })
    .format((found.priceCents || 0) / 100);
  $("title").textContent = "Subscription";
  $("what").textContent = found.planName;
  $("amount").textContent = amount;
  $("pay").textContent = `Subscribe for ${amount}`;
  $("pay").disabled = found.state !== "pending";
  $("checkout").dataset.state = found.state === "pending" ? "open" : "closed";
  if (found.state !== "pending") $("error").textContent = `This subscription is ${found.state.replace("_", " ")}.`;
}

async function load() {
  try {
    if (subscribing) return await loadSubscription();
    const status = await call("getPaymentStatus", request);
    $("what").textContent = `${status.serviceName} – ${status.siteName}`;
    const amount = new Intl.NumberFormat("en-GB", { style: "currency", currency: status.currency || "EUR" })
      .format((status.amountCents || 0) / 100);
    $("amount").textContent = amount;
    $("pay").textContent = `Pay ${amount}`;
    $("pay").disabled = status.status !== "pending_payment";
    $("checkout").dataset.state = status.status === "pending_payment" ? "open" : "closed";
    if (status.status !== "pending_payment") $("error").textContent = `This booking is ${status.status.replace("_", " ")}.`;
  } catch (error) {
    $("checkout").dataset.state = "error";
    $("what").textContent = "";
    $("error").textContent = error.message;
  }
}

$("pay").addEventListener("click", async () => {
  $("pay").disabled = true;
  try {
    await call(subscribing ? "completeDevSubscription" : "completeDevCheckout", request);
    location.assign(resultPage(false));
  } catch (error) {
    $("error").textContent = error.message;
    $("pay").disabled = false;
  }
});
$("cancel").addEventListener("click", () => location.assign(resultPage(true)));

load();
