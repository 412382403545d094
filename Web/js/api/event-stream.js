// Reads a Server-Sent Events stream with fetch: EventSource cannot send the bearer header.
// Calls onEvent({ id, event, data }) for each event (data parsed as JSON) and resolves when the
// server ends the stream; rejects with ApiError for a refused request (429 too many streams…).
import { currentToken } from "../session.js";
import { apiErrorFrom, networkError } from "./api-error.js";

/** Splits the text received so far into complete events; returns the unfinished rest. */
export function parseEvents(text, onEvent) {
  const blocks = text.split(/\r?\n\r?\n/);
  const rest = blocks.pop();
  for (const block of blocks) {
    let id = null;
    let event = "message";
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (line === "" || line.startsWith(":")) continue; // heartbeat comments
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "id") id = value;
      else if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (data.length === 0) continue;
    let parsed;
    try {
      parsed = JSON.parse(data.join("\n"));
    } catch {
      continue;
    }
    onEvent({ id, event, data: parsed });
  }
  return rest;
}

/** Follows `path` until the server ends the stream (or `signal` aborts it). */
export async function followEventStream(path, { lastEventId = null, onEvent, signal } = {}) {
  const headers = { Accept: "text/event-stream" };
  const token = currentToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (lastEventId) headers["Last-Event-ID"] = lastEventId;
  let response;
  try {
    response = await fetch(path, { headers, cache: "no-store", signal });
  } catch {
    throw networkError();
  }
  if (!response.ok) {
    throw apiErrorFrom(response.status, await response.text(), response.headers.get("Retry-After"));
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  while (true) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch {
      throw networkError();
    }
    if (chunk.done) break;
    buffered = parseEvents(buffered + decoder.decode(chunk.value, { stream: true }), onEvent);
  }
}
