// One stylization from request to finish: POST, then (202) follow its event stream
// (GET …/events: started, progress, then the final state) until it succeeds, fails or is
// cancelled. Where the stream is refused (too many open) or keeps breaking, poll its Location,
// honouring Retry-After. No DOM here; the panel renders progress.
import { ApiError } from "./api/api-error.js";
import { api, requestJSON } from "./api/client.js";
import { followEventStream } from "./api/event-stream.js";

const finished = new Set(["succeeded", "failed", "canceled"]);

// Polls at most every 2 s: the free plan allows 60 requests a minute, and a video's progress
// polled every second would use all of them.
const minimumPollSeconds = 2;

function sleep(seconds) {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}

function idempotencyKey() {
  // Same key on a retried POST means the server does the work once.
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function retryAfterSeconds(headers) {
  const seconds = Number.parseFloat(headers.get("Retry-After") ?? "");
  return Number.isFinite(seconds) ? seconds : 1;
}

export class StylizationRun {
  #canceled = false;
  #id = null;

  /** `onUpdate(stylization)` is called with every state the server reports. */
  constructor(onUpdate) {
    this.onUpdate = onUpdate;
  }

  /** Resolves with the finished stylization (its status says how it ended); rejects with ApiError. */
  async start(body) {
    const created = await requestJSON("POST", "/v1/stylizations", {
      json: body,
      headers: { "Idempotency-Key": idempotencyKey() },
    });
    let stylization = created.data;
    this.#id = stylization.id;
    this.onUpdate(stylization);
    const location = created.headers.get("Location") || `/v1/stylizations/${stylization.id}`;
    if (finished.has(stylization.status)) return stylization;
    const streamed = await this.#follow(`${location}/events`, stylization);
    if (streamed) return streamed;
    return this.#poll(location, stylization, retryAfterSeconds(created.headers));
  }

  /**
   * Follows the event stream; resolves with the final stylization, or null when the stream is
   * refused or broke three times (the caller polls then). Reconnects with Last-Event-ID.
   */
  async #follow(path, initial) {
    let stylization = initial;
    let lastEventId = null;
    let final = null;
    for (let attempt = 0; attempt < 3 && !final; attempt += 1) {
      try {
        await followEventStream(path, {
          lastEventId,
          onEvent: ({ id, event, data }) => {
            if (id) lastEventId = id;
            if (event === "progress") {
              stylization = { ...stylization, status: "running", progress: { done: data.frames_done, total: data.frames_total } };
            } else {
              stylization = data;
            }
            if (finished.has(event)) final = stylization;
            this.onUpdate(stylization);
          },
        });
      } catch (error) {
        if (error instanceof ApiError && error.status !== 503 && error.status !== 0) {
          if (error.status === 429) return null;
          throw error;
        }
        await sleep(2);
      }
    }
    return final;
  }

  async #poll(location, initial, firstWait) {
    let stylization = initial;
    let wait = firstWait;
    while (!finished.has(stylization.status)) {
      await sleep(Math.max(wait, minimumPollSeconds));
      try {
        const poll = await requestJSON("GET", location);
        stylization = poll.data;
        wait = retryAfterSeconds(poll.headers);
        this.onUpdate(stylization);
      } catch (error) {
        // Rate limited or briefly busy: wait as told and keep following the job.
        if (error instanceof ApiError && (error.status === 429 || error.status === 503)) {
          wait = error.retryAfterSeconds ?? 5;
          continue;
        }
        throw error;
      }
    }
    return stylization;
  }

  /** Asks the server to stop; the poll loop then sees "canceled". */
  async cancel() {
    if (!this.#id || this.#canceled) return;
    this.#canceled = true;
    await api.post(`/v1/stylizations/${this.#id}/cancel`, {});
  }
}
