// The staff callables through the site's own /api/<name> rewrites, in the
// Firebase callable protocol, with the session's ID token as Bearer token.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function call(name, data, idToken) {
  const headers = { "Content-Type": "application/json" };
  if (idToken) headers.Authorization = `Bearer ${idToken}`;
  let response;
  let body;
  try {
    response = await fetch(`/api/${name}`, { method: "POST", headers, body: JSON.stringify({ data }) });
    body = await response.json();
  } catch {
    throw new ApiError("UNAVAILABLE", "The server could not be reached. Check the connection and try again.");
  }
  if (body && body.error) throw new ApiError(body.error.status || "INTERNAL", body.error.message || "");
  if (!response.ok || !body || !("result" in body)) throw new ApiError("INTERNAL", `HTTP ${response.status}`);
  return body.result;
}
