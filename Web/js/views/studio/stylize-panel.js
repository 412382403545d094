// Step 3: options (model, strength, preserve colour, blend, mask and steady video in mask-options.js), run the stylization, show the result beside
// the original with a download. The content asset stays selected, so "try another filter" only
// needs a new pick and another click.
import { requestBlob } from "../../api/client.js";
import { currentFilters, refreshMe, subscribe } from "../../app-state.js";
import { StylizationRun } from "../../stylization-run.js";
import { byId, el, setVisible } from "../../ui/dom.js";
import { clearMessage, showError, showMessage } from "../../ui/messages.js";
import { ObjectURLSlot, detachMedia } from "../../ui/object-url-slot.js";
import { adoptFetchedContent } from "./content-url.js";
import { chosenModel } from "./model-choice.js";
import { applyMaskAndSmoothing, resetMaskOptions, setUpMaskOptions } from "./mask-options.js";
import { onSelectionChange, studioSelection } from "./studio-state.js";

const originalURL = new ObjectURLSlot();
const resultURL = new ObjectURLSlot();
let running = null;
let shownOriginal = null; // The File on screen as the original, so "try another filter" keeps it.

const extensions = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "video/mp4": "mp4" };

/** "holiday photo.JPG" → "holiday photo-stylized.jpg". */
function downloadName(asset, mediaType) {
  const base = (asset.name || "stylify").replace(/\.[^.]+$/, "") || "stylify";
  return `${base}-stylized.${extensions[mediaType] ?? "bin"}`;
}

function requestBody() {
  const selection = studioSelection();
  const filters = [{ id: selection.filterId, weight: 1 }];
  const blendId = byId("blend-filter").value;
  if (byId("blend-enabled").checked && blendId && blendId !== selection.filterId) {
    const share = Number(byId("blend-weight").value) / 100;
    filters[0].weight = 1 - share;
    filters.push({ id: blendId, weight: share });
  }
  const body = {
    ...(selection.asset.contentURL ? { content_url: selection.asset.contentURL } : { content: selection.asset.id }),
    filters,
    strength: Number(byId("strength").value) / 100,
    preserve_color: byId("preserve-color").checked,
  };
  const maxSide = byId("max-side").value;
  if (maxSide) body.max_side = Number(maxSide);
  const model = chosenModel();
  if (model) body.model = model;
  return body;
}

function updateButton() {
  const selection = studioSelection();
  const ready = Boolean(selection.asset && selection.filterId) && !running;
  byId("stylize-button").disabled = !ready;
  const hint = byId("stylize-hint");
  if (running) hint.textContent = "Working on it…";
  else if (!selection.asset) hint.textContent = "Upload a photo or video first.";
  else if (!selection.filterId) hint.textContent = "Pick a filter first.";
  else hint.textContent = `Ready: ${selection.asset.name ?? "your upload"} with ${filterName(selection.filterId)}.`;
}

function filterName(id) {
  return currentFilters().find((filter) => filter.id === id)?.name ?? "the chosen filter";
}

/** Shows `blob` in the image or the video element of a pair, and detaches the other one. */
function showMedia(slot, image, video, blob, isVideo) {
  return slot.set(blob, (url) => {
    const [shown, unused] = isVideo ? [video, image] : [image, video];
    detachMedia(unused);
    shown.src = url;
    setVisible(shown, true);
    setVisible(unused, false);
  });
}

function showOriginal(selection) {
  if (!selection.originalFile || originalURL.url && shownOriginal === selection.originalFile) return;
  shownOriginal = selection.originalFile;
  showMedia(originalURL, byId("original-image"), byId("original-video"), selection.originalFile, selection.asset.kind === "video");
}

const unfinished = new Set(["queued", "running"]);
let announcedQuarter = -1;

// The bar and the frame count follow every poll; the live region speaks only when the state
// changes or another quarter is done, so screen reader users are not interrupted every 2 s.
function renderProgress(stylization) {
  const { done, total } = stylization.progress;
  const progress = byId("stylize-progress");
  progress.max = total;
  progress.value = done;
  const working = unfinished.has(stylization.status);
  setVisible(byId("stylize-progress-row"), working); // 202: a video or a large image is on its way
  setVisible(byId("cancel-button"), working);
  byId("stylize-frames").textContent = total > 1 ? `${done} of ${total} frames done` : "";
  if (!working) return;
  const quarter = stylization.status === "queued" ? -1 : Math.floor((done / total) * 4);
  const words = { queued: "Waiting for a free worker…", running: "Stylizing…" };
  const text = total > 1 && quarter > 0 ? `${words.running} ${quarter * 25}% done.` : words[stylization.status];
  if (quarter !== announcedQuarter || byId("stylize-status").textContent !== text) {
    announcedQuarter = quarter;
    byId("stylize-status").textContent = text;
  }
}

async function showResult(stylization, asset) {
  const result = stylization.result;
  const blob = await requestBlob(result.url);
  const link = byId("download-link");
  const url = showMedia(resultURL, byId("result-image"), byId("result-video"), blob, result.media_type.startsWith("video/"));
  link.href = url;
  link.download = downloadName(asset, result.media_type);
  link.textContent = `Download ${link.download}`;
  setVisible(link, true);
  const names = stylization.filters.map((filter) => filterName(filter.id)).join(" + ");
  byId("result-caption").textContent = `Stylized with ${names} (${result.width}×${result.height})`;
}

function explainEnd(stylization) {
  if (stylization.status === "canceled") return "Cancelled. Nothing was charged for frames not made.";
  const detail = stylization.error?.detail || stylization.error?.title;
  return `The stylization failed${detail ? `: ${detail}` : ""}. Try again, or try another file.`;
}

async function stylize() {
  const selection = studioSelection();
  if (!selection.asset || !selection.filterId || running) return;
  const error = byId("stylize-error");
  clearMessage(error);
  const body = requestBody();
  const notReady = applyMaskAndSmoothing(body, selection);
  if (notReady) {
    showMessage(error, notReady, "error");
    return;
  }
  const status = byId("stylize-status");
  const progressRow = byId("stylize-progress-row");
  const cancel = byId("cancel-button");
  byId("stylize-frames").textContent = "";
  running = new StylizationRun(renderProgress);
  updateButton();
  status.textContent = "Sending…";
  announcedQuarter = -1;
  showOriginal(selection);
  try {
    const stylization = await running.start(body);
    await adoptFetchedContent(stylization).catch(() => {}); // a by-address content is an asset now
    if (stylization.status === "succeeded") {
      await showResult(stylization, selection.asset); // the upload this ran on, even if another came since
      setVisible(byId("result-section"), true);
      status.textContent = "Done. The result is below.";
    } else {
      status.textContent = "";
      showMessage(error, explainEnd(stylization), stylization.status === "canceled" ? "info" : "error");
    }
  } catch (failure) {
    status.textContent = "";
    showError(error, failure);
  } finally {
    running = null;
    setVisible(progressRow, false);
    setVisible(cancel, false);
    updateButton();
    refreshMe().catch(() => {}); // Frames used this month changed.
  }
}

function renderBlendChoices(filters) {
  const select = byId("blend-filter");
  const chosen = select.value;
  select.replaceChildren(...filters.map((filter) => el("option", { value: filter.id }, filter.name)));
  if (filters.some((filter) => filter.id === chosen)) select.value = chosen;
}

function bindOutputs() {
  // Shown once at start too: a browser may restore form values on reload.
  for (const [sliderId, outputId] of [["strength", "strength-value"], ["blend-weight", "blend-weight-value"]]) {
    const slider = byId(sliderId);
    const show = () => {
      byId(outputId).textContent = `${slider.value}%`;
    };
    slider.addEventListener("input", show);
    show();
  }
  const blend = byId("blend-enabled");
  const showBlend = () => setVisible(byId("blend-options"), blend.checked);
  blend.addEventListener("change", showBlend);
  showBlend();
}

export function setUpStylizePanel() {
  bindOutputs();
  setUpMaskOptions();
  byId("stylize-button").addEventListener("click", stylize);
  byId("cancel-button").addEventListener("click", () => {
    running?.cancel().catch((failure) => showError(byId("stylize-error"), failure));
    byId("stylize-status").textContent = "Cancelling…";
  });
  byId("try-another-button").addEventListener("click", () => {
    byId("stylize-status").textContent = "Your upload is kept: pick another filter, then Stylize.";
    const pressed = byId("filter-grid").querySelector('[aria-pressed="true"]') ?? byId("filter-grid").querySelector("button");
    pressed?.focus();
    pressed?.scrollIntoView({ block: "center" });
  });
  onSelectionChange(updateButton);
  subscribe("filters", (filters) => {
    renderBlendChoices(filters);
    updateButton();
  });
  updateButton();
}

/** Clears results and object URLs (log-out). */
export function resetStylizePanel() {
  for (const id of ["original-image", "result-image", "original-video", "result-video"]) detachMedia(byId(id));
  const link = byId("download-link");
  link.removeAttribute("href");
  setVisible(link, false);
  originalURL.clear();
  resultURL.clear();
  shownOriginal = null;
  resetMaskOptions();
  setVisible(byId("result-section"), false);
  byId("stylize-status").textContent = "";
  clearMessage(byId("stylize-error"));
}
