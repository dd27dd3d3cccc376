// The public callables over plain fetch, in the Firebase callable protocol:
// POST {"data": ...} and receive {"result": ...} or {"error": {status, message}}.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function createApi(base) {
  return async function call(name, data) {
    let response;
    let body;
    try {
      response = await fetch(`${base}/api/${name}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ data }),
      });
      body = await response.json();
    } catch {
      throw new ApiError("UNAVAILABLE", "The booking service could not be reached");
    }
    if (body && body.error) throw new ApiError(body.error.status || "INTERNAL", body.error.message || "");
    if (!response.ok || !body || !("result" in body)) throw new ApiError("INTERNAL", `HTTP ${response.status}`);
    return body.result;
  };
}

/** Drops undefined and null values: the API rejects what it does not know. */
export function compact(data) {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value != null));
}
