// What several views share: the signed-in account (GET /v1/me, with the plan's limits and usage)
// and the filter list (gallery + own). Views subscribe instead of reaching into each other.
import { api } from "./api/client.js";

let me = null;
let filters = [];
let filtersLoading = null; // One list request at a time, however many views ask.
const listeners = { me: new Set(), filters: new Set() };

function notify(topic) {
  const value = topic === "me" ? me : filters;
  listeners[topic].forEach((listener) => listener(value));
}

/** Calls `listener(value)` after every change of "me" or "filters". */
export function subscribe(topic, listener) {
  listeners[topic].add(listener);
}

export function currentMe() {
  return me;
}

export function currentFilters() {
  return filters;
}

/** Reloads the account, plan, limits and usage. */
export async function refreshMe() {
  me = await api.get("/v1/me");
  notify("me");
  return me;
}

/** Reloads every filter, following the list's pages (gallery first, then the account's own). */
export function refreshFilters() {
  filtersLoading ??= loadAllFilters().finally(() => {
    filtersLoading = null;
  });
  return filtersLoading;
}

async function loadAllFilters() {
  const all = [];
  let cursor = null;
  for (;;) {
    const query = cursor ? `?limit=100&starting_after=${encodeURIComponent(cursor)}` : "?limit=100";
    const page = await api.get(`/v1/filters${query}`);
    all.push(...page.data);
    if (!page.has_more || page.data.length === 0) break;
    cursor = page.data[page.data.length - 1].id;
  }
  filters = all;
  notify("filters");
  return filters;
}

/** Replaces one filter (after a rename) or adds it (after creation, right after the gallery). */
export function upsertFilter(filter) {
  const index = filters.findIndex((existing) => existing.id === filter.id);
  if (index >= 0) {
    filters = filters.with(index, filter);
  } else {
    const galleryCount = filters.filter((existing) => existing.kind === "gallery").length;
    filters = [...filters.slice(0, galleryCount), filter, ...filters.slice(galleryCount)];
  }
  notify("filters");
}

export function removeFilter(id) {
  filters = filters.filter((filter) => filter.id !== id);
  notify("filters");
}

/** Forgets everything (log-out): the next account must not see this one's data. */
export function resetState() {
  me = null;
  filters = [];
  notify("me");
  notify("filters");
}
