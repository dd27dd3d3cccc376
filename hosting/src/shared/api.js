// The callables over plain fetch, in the Firebase callable protocol: POST
// {"data": ...} to <base>/api/<name>, answered by {"result": ...} or
// {"error": {status, message}}. Every page calls through this one client.

/** A failed call. `status` is the server's (NOT_FOUND, ALREADY_EXISTS, …), or
 * UNAVAILABLE when no callable answer came back, or INTERNAL for an answer
 * without a result. A refused field (INVALID_ARGUMENT) comes with `field`
 * (its path, e.g. "service.durationMinutes") and `problem` from the details. */
export class ApiError extends Error {
  constructor(status, message, details) {
    super(message);
    this.status = status;
    this.field = details?.field;
    this.problem = details?.problem;
  }
}

/**
 * call(name, data) → the result. `base` is the API's origin (empty: this
 * page's own, through the hosting rewrites); `token` (async, optional) gives
 * the signed-in user's ID token, sent as Bearer token when there is one.
 */
export function createApi(base = "", token) {
  return async function call(name, data) {
    const idToken = token && (await token());
    let response;
    let body;
    try {
      response = await fetch(`${base}/api/${name}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(idToken && { Authorization: `Bearer ${idToken}` }) },
        body: JSON.stringify({ data }),
      });
      body = await response.json();
    } catch {
      throw new ApiError("UNAVAILABLE", "The server could not be reached. Check the connection and try again.");
    }
    if (body && body.error) throw new ApiError(body.error.status || "INTERNAL", body.error.message || "", body.error.details);
    if (!response.ok || !body || !("result" in body)) throw new ApiError("INTERNAL", `HTTP ${response.status}`);
    return body.result;
  };
}

/** `call`, sending the calls named in `reads` once more after UNAVAILABLE: a
 * read is safe to send twice, and one retry hides a cold start or a dropped
 * connection. */
export function retryReads(call, reads) {
  return async (name, data) => {
    try {
      return await call(name, data);
    } catch (error) {
      if (!reads.includes(name) || error.status !== "UNAVAILABLE") throw error;
      await new Promise((resolve) => setTimeout(resolve, 800));
      return call(name, data);
    }
  };
}

/** Drops undefined and null values: the API rejects what it does not know. */
export function compact(data) {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value != null));
}
