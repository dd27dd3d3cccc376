// The admin callables over same-origin `/api/<name>` (hosting rewrites), in the
// callable protocol, with the signed-in admin's ID token as bearer token.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Reads are safe to send twice: one retry hides a cold start or a dropped connection. */
const READS = new Set([
  "adminGetSite",
  "adminListBookings",
  "adminGetBooking",
  "adminGetStaffAccess",
  "adminStaffQr",
  "adminGetPayments",
]);
const TRANSIENT = new Set(["UNAVAILABLE", "TRANSIENT"]);

export function createApi(getToken) {
  async function once(name, data) {
    const token = await getToken();
    let response;
    let body;
    try {
      response = await fetch(`/api/${name}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ data }),
      });
    } catch {
      throw new ApiError("UNAVAILABLE", "The server could not be reached. Check the connection and try again.");
    }
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (body && body.error) throw new ApiError(body.error.status || "INTERNAL", body.error.message || "");
    if (!response.ok || !body || !("result" in body)) {
      // No callable answer at all: the platform failed, not the request.
      throw new ApiError(response.status >= 500 ? "TRANSIENT" : "INTERNAL", `The server answered HTTP ${response.status}. Please try again.`);
    }
    return body.result;
  }

  return async function call(name, data) {
    try {
      return await once(name, data);
    } catch (error) {
      if (!READS.has(name) || !TRANSIENT.has(error.status)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 800));
      return once(name, data);
    }
  };
}
