// Step 2's preview sheet: the uploaded photo in every filter at once, small, so a person can
// compare before choosing. One batch (POST /v1/stylizations/batch with one content and one
// filter set per filter), polled as a whole; each finished tile gets a "Use this filter" button.
// It costs one frame per filter, which the button's hint says before anyone clicks.
import { ApiError } from "../../api/api-error.js";
import { api, requestBlobWithRetry, requestJSON } from "../../api/client.js";
import { currentFilters, currentMe, refreshMe, subscribe } from "../../app-state.js";
import { byId, el, setVisible } from "../../ui/dom.js";
import { clearMessage, showError, showMessage } from "../../ui/messages.js";
import { ObjectURLSlot } from "../../ui/object-url-slot.js";
import { onSelectionChange, studioSelection, updateSelection } from "./studio-state.js";

const previewSide = 256;
const maximumFilters = 50; // the API's limit of filter sets in one batch
// Polls at most every 2 s, as single stylizations do: the free plan allows 60 requests a minute.
const pollSeconds = 2;

let running = null; // { batchId, canceled }
let tileURLs = []; // one ObjectURLSlot per tile on screen

function sheetFilters() {
  return currentFilters().slice(0, maximumFilters);
}

function sleep(seconds) {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}

/** Why the sheet cannot be made now, or null when it can. */
function notReadyReason(count) {
  const asset = studioSelection().asset;
  const remaining = currentMe()?.quota?.remaining?.frames;
  if (running) return "Rendering the previews…";
  if (!asset) return "Upload a photo first.";
  if (!asset.id) return "Previews need an uploaded photo: upload it, or stylize it from its address once first.";
  if (asset.kind !== "image") return "Previews are for photos; stylize a video with one filter at a time.";
  if (count === 0) return "No filters yet.";
  if (typeof remaining === "number" && remaining < count) {
    return `A sheet of ${count} filters needs ${count} frames; ${remaining} are left this month.`;
  }
  return null;
}

function updateButton() {
  const count = sheetFilters().length;
  const button = byId("preview-button");
  button.textContent = `Preview ${count} filters`;
  const reason = notReadyReason(count);
  button.disabled = Boolean(reason);
  const remaining = currentMe()?.quota?.remaining?.frames;
  const left = typeof remaining === "number" ? ` (${remaining} left)` : "";
  byId("preview-hint").textContent =
    reason ?? `Your photo at ${previewSide} px in each filter: ${count} frames of this month's allowance${left}.`;
}

function clearTiles() {
  for (const image of byId("preview-grid").querySelectorAll("img")) image.removeAttribute("src");
  byId("preview-grid").replaceChildren();
  tileURLs.forEach((slot) => slot.clear());
  tileURLs = [];
}

/** One tile per filter, in the sheet's order, waiting for its picture. */
function renderTiles(filters) {
  clearTiles();
  tileURLs = filters.map(() => new ObjectURLSlot());
  byId("preview-grid").replaceChildren(
    ...filters.map((filter, index) =>
      el(
        "figure",
        { class: "preview-tile", "data-filter-id": filter.id, "data-index": String(index) },
        el("img", { alt: `Your photo in ${filter.name}`, hidden: true }),
        el("figcaption", {}, el("span", { class: "preview-name" }, filter.name), el("span", { class: "preview-state" }, "Waiting…")),
      ),
    ),
  );
}

function tile(index) {
  return byId("preview-grid").querySelector(`[data-index="${index}"]`);
}

async function showTile(index, item, filter) {
  const figure = tile(index);
  if (!figure || figure.dataset.state === item.status) return;
  figure.dataset.state = item.status;
  const state = figure.querySelector(".preview-state");
  if (item.status === "queued") state.textContent = "Waiting…";
  else if (item.status === "running") state.textContent = "Stylizing…";
  else if (item.status !== "succeeded") state.textContent = item.status === "canceled" ? "Cancelled" : "Failed";
  if (item.status !== "succeeded") return;
  let blob;
  try {
    blob = await requestBlobWithRetry(`/v1/stylizations/${encodeURIComponent(item.stylization)}/result`);
  } catch {
    state.textContent = "Could not be loaded"; // one missing picture should not stop the others
    return;
  }
  const image = figure.querySelector("img");
  tileURLs[index].set(blob, (url) => {
    image.src = url;
    setVisible(image, true);
  });
  state.replaceChildren(
    // The caption above names the filter; the accessible name repeats it for screen readers.
    el("button", { type: "button", class: "preview-use", "aria-label": `Use ${filter.name}`, onclick: () => useFilter(filter) }, "Use"),
  );
}

function useFilter(filter) {
  updateSelection({ filterId: filter.id });
  byId("preview-status").textContent = `${filter.name} chosen. Adjust it in step 3, then Stylize.`;
  byId("stylize-button").scrollIntoView({ block: "center" });
}

function countsText(counts) {
  const done = counts.succeeded + counts.failed + counts.canceled;
  return `${done} of ${counts.total} previews done.`;
}

async function follow(batch, filters) {
  let current = batch;
  while (true) {
    await Promise.all(current.items.map((item) => showTile(item.index, item, filters[item.index])));
    byId("preview-status").textContent = countsText(current.counts);
    if (current.status === "completed") return current;
    await sleep(pollSeconds);
    try {
      current = await api.get(`/v1/stylizations/batches/${encodeURIComponent(batch.id)}`);
    } catch (error) {
      // Rate limited or briefly busy: wait as told and keep following the batch.
      if (!(error instanceof ApiError) || (error.status !== 429 && error.status !== 503)) throw error;
      await sleep(error.retryAfterSeconds ?? 5);
    }
  }
}

async function makeSheet() {
  const filters = sheetFilters();
  const asset = studioSelection().asset;
  if (notReadyReason(filters.length)) return;
  const error = byId("preview-error");
  clearMessage(error);
  running = { batchId: null };
  updateButton();
  setVisible(byId("preview-cancel"), true);
  renderTiles(filters);
  byId("preview-status").textContent = "Sending…";
  try {
    const created = await requestJSON("POST", "/v1/stylizations/batch", {
      json: { content: asset.id, filter_sets: filters.map((filter) => [{ id: filter.id }]), max_side: previewSide },
    });
    running.batchId = created.data.id;
    const ended = await follow(created.data, filters);
    const { succeeded, total } = ended.counts;
    if (succeeded < total) showMessage(error, `${total - succeeded} of ${total} previews did not finish.`, "info");
  } catch (failure) {
    byId("preview-status").textContent = "";
    if (!running.batchId) clearTiles(); // refused as a whole (quota, verification): no tile will fill
    showError(error, failure);
  } finally {
    running = null;
    setVisible(byId("preview-cancel"), false);
    updateButton();
    refreshMe().catch(() => {}); // Frames used this month changed.
  }
}

export function setUpPreviewSheet() {
  byId("preview-button").addEventListener("click", makeSheet);
  byId("preview-cancel").addEventListener("click", () => {
    const id = running?.batchId;
    if (!id) return;
    byId("preview-status").textContent = "Cancelling…";
    api.post(`/v1/stylizations/batches/${encodeURIComponent(id)}/cancel`, {}).catch((failure) => showError(byId("preview-error"), failure));
  });
  onSelectionChange(updateButton);
  subscribe("filters", updateButton);
  subscribe("me", updateButton);
  updateButton();
}

/** Clears the sheet and its object URLs (log-out). */
export function resetPreviewSheet() {
  clearTiles();
  byId("preview-status").textContent = "";
  clearMessage(byId("preview-error"));
}
