// Every call to the Stylify REST API goes through here: the bearer header, JSON in and out, and
// problem+json turned into ApiError. A 401 on an authenticated call ends the session, because the
// token is gone for good (revoked or expired) and every following call would fail the same way.
import { currentToken, signOut } from "../session.js";
import { ApiError, apiErrorFrom, networkError } from "./api-error.js";

async function send(method, path, { json, body, headers = {}, authenticated = true, cache = "no-store" } = {}) {
  const requestHeaders = { Accept: "application/json", ...headers };
  const token = currentToken();
  if (authenticated && token) requestHeaders.Authorization = `Bearer ${token}`;
  let requestBody = body;
  if (json !== undefined) {
    requestHeaders["Content-Type"] = "application/json";
    requestBody = JSON.stringify(json);
  }
  let response;
  try {
    response = await fetch(path, { method, headers: requestHeaders, body: requestBody, cache });
  } catch {
    throw networkError();
  }
  if (!response.ok) {
    const error = apiErrorFrom(response.status, await response.text(), response.headers.get("Retry-After"));
    if (response.status === 401 && authenticated && token) signOut({ expired: true });
    throw error;
  }
  return response;
}

/** GET/POST/PATCH/DELETE with a JSON answer (null for 204). */
export async function requestJSON(method, path, options = {}) {
  const response = await send(method, path, options);
  if (response.status === 204) return { status: 204, headers: response.headers, data: null };
  const text = await response.text();
  return { status: response.status, headers: response.headers, data: text ? JSON.parse(text) : null };
}

/**
 * Binary downloads that need the bearer header (thumbnails, results): the body as a Blob.
 * These use the HTTP cache (the server marks them `private, max-age`): their URLs name immutable
 * content, and a reload then costs none of the plan's requests per minute.
 */
export async function requestBlob(path) {
  const response = await send("GET", path, { headers: { Accept: "*/*" }, cache: "default" });
  return response.blob();
}

/**
 * `requestBlob` for many downloads at once (a grid of thumbnails or previews): they can meet the
 * plan's requests-per-minute limit, and waiting as the 429 says beats leaving gaps.
 */
export async function requestBlobWithRetry(path, attemptsLeft = 3) {
  try {
    return await requestBlob(path);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 429 || attemptsLeft <= 1) throw error;
    await new Promise((resolve) => setTimeout(resolve, (error.retryAfterSeconds ?? 5) * 1000));
    return requestBlobWithRetry(path, attemptsLeft - 1);
  }
}

export const api = {
  get: (path, options) => requestJSON("GET", path, options).then((r) => r.data),
  post: (path, json, options = {}) => requestJSON("POST", path, { ...options, json }).then((r) => r.data),
  patch: (path, json) => requestJSON("PATCH", path, { json }).then((r) => r.data),
  delete: (path) => requestJSON("DELETE", path).then(() => null),
};
