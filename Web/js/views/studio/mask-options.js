// Step 3 extras: spatial control (a mask image: the chosen filter for its white part, another
// filter for its black part, each with its own strength) and steady video (temporal smoothing).
// The mask is uploaded as an asset of its own when chosen; the request then names it.
import { uploadForm } from "../../api/upload.js";
import { subscribe } from "../../app-state.js";
import { byId, el, setVisible } from "../../ui/dom.js";
import { clearMessage, showError } from "../../ui/messages.js";
import { onSelectionChange, studioSelection } from "./studio-state.js";

let maskAsset = null;

async function uploadMask(file) {
  const status = byId("mask-status");
  clearMessage(byId("mask-error"));
  maskAsset = null;
  status.textContent = `Uploading the mask ${file.name}…`;
  const form = new FormData();
  form.append("file", file, file.name);
  try {
    maskAsset = await uploadForm("/v1/assets", form);
    status.textContent = `Mask ready: ${maskAsset.width}×${maskAsset.height} (resized to your photo).`;
  } catch (failure) {
    status.textContent = "";
    showError(byId("mask-error"), failure);
  }
}

/**
 * Adds `mask` (replacing `filters`) and `temporal_smoothing` to a `POST /v1/stylizations` body.
 * Returns a sentence when the mask is switched on but not usable yet, else null.
 */
export function applyMaskAndSmoothing(body, selection) {
  if (selection.asset?.kind === "video") body.temporal_smoothing = Number(byId("smoothing").value) / 100;
  if (!byId("mask-enabled").checked) return null;
  if (!maskAsset) return "Choose a mask image first, or switch the mask off.";
  const blackId = byId("mask-black-filter").value;
  if (!blackId) return "Pick the filter for the mask's black part.";
  delete body.filters;
  body.mask = {
    asset_id: maskAsset.id,
    white: { filter_id: selection.filterId, strength: Number(byId("mask-white-strength").value) / 100 },
    black: { filter_id: blackId, strength: Number(byId("mask-black-strength").value) / 100 },
  };
  return null;
}

function renderBlackChoices(filters) {
  const select = byId("mask-black-filter");
  const chosen = select.value;
  select.replaceChildren(...filters.map((filter) => el("option", { value: filter.id }, filter.name)));
  if (filters.some((filter) => filter.id === chosen)) select.value = chosen;
}

export function setUpMaskOptions() {
  for (const [sliderId, outputId] of [
    ["mask-white-strength", "mask-white-strength-value"],
    ["mask-black-strength", "mask-black-strength-value"],
    ["smoothing", "smoothing-value"],
  ]) {
    const slider = byId(sliderId);
    const show = () => {
      byId(outputId).textContent = `${slider.value}%`;
    };
    slider.addEventListener("input", show);
    show();
  }
  const enabled = byId("mask-enabled");
  const showMask = () => setVisible(byId("mask-options"), enabled.checked);
  enabled.addEventListener("change", showMask);
  showMask();
  byId("mask-file").addEventListener("change", (event) => {
    const file = event.target.files?.[0];
    if (file) uploadMask(file);
  });
  const showSmoothing = (selection) => setVisible(byId("smoothing-option"), selection.asset?.kind === "video");
  onSelectionChange(showSmoothing);
  showSmoothing(studioSelection());
  subscribe("filters", renderBlackChoices);
}

/** Forgets the mask (log-out). */
export function resetMaskOptions() {
  maskAsset = null;
  byId("mask-enabled").checked = false;
  setVisible(byId("mask-options"), false);
  byId("mask-status").textContent = "";
  clearMessage(byId("mask-error"));
}
