// "Use your own painting": uploads a style image (or names its web address, which the server
// fetches as `style_url`) as a new named filter. The new filter appears
// in the grid (with its thumbnail) and is selected, ready to stylize.
import { api } from "../../api/client.js";
import { uploadForm } from "../../api/upload.js";
import { currentMe, refreshMe, upsertFilter } from "../../app-state.js";
import { checkContentFile } from "../../content-check.js";
import { byId, setVisible } from "../../ui/dom.js";
import { clearMessage, showError, showMessage } from "../../ui/messages.js";
import { updateSelection } from "./studio-state.js";

async function createFilter(form) {
  const error = byId("custom-filter-error");
  const status = byId("custom-filter-status");
  clearMessage(error);
  const name = byId("custom-filter-name").value.trim();
  const file = byId("custom-filter-file").files?.[0];
  const url = byId("custom-filter-url").value.trim();
  if (!name) return showMessage(error, "Give the filter a name (up to 100 characters).", "error");
  if (!file && url) return createFilterFromURL(form, name, url);
  if (!file) return showMessage(error, "Choose the painting to use as a filter, or give its web address.", "error");
  await refreshMe().catch(() => {}); // Fresh limits: the plan may have changed since the page loaded.
  const check = await checkContentFile(file, currentMe()?.quota);
  if (!check.ok || check.kind !== "image") {
    return showMessage(error, check.ok ? "A filter must be a picture (JPEG, PNG or WebP), not a video." : check.reason, "error");
  }
  const button = byId("custom-filter-submit");
  const progressRow = byId("custom-filter-progress-row");
  const progress = byId("custom-filter-progress");
  button.disabled = true;
  progress.value = 0;
  setVisible(progressRow, true);
  status.textContent = `Adding “${name}”: uploading and learning its style…`;
  const body = new FormData();
  body.append("name", name);
  body.append("image", file, file.name);
  try {
    const filter = await uploadForm("/v1/filters", body, (sent, total) => {
      progress.value = Math.round((sent / total) * 100);
    });
    upsertFilter(filter);
    updateSelection({ filterId: filter.id });
    form.reset();
    status.textContent = `Added “${filter.name}” and selected it.`;
    refreshMe().catch(() => {}); // The custom filter count changed.
  } catch (failure) {
    status.textContent = "";
    showError(error, failure);
  } finally {
    button.disabled = false;
    setVisible(progressRow, false);
  }
}

/** The server fetches the painting; its refusals (blocked address, too large, not an image) explain themselves. */
async function createFilterFromURL(form, name, url) {
  const error = byId("custom-filter-error");
  const status = byId("custom-filter-status");
  const button = byId("custom-filter-submit");
  button.disabled = true;
  status.textContent = `Adding “${name}”: fetching the painting and learning its style…`;
  try {
    const filter = await api.post("/v1/filters", { name, style_url: url });
    upsertFilter(filter);
    updateSelection({ filterId: filter.id });
    form.reset();
    status.textContent = `Added “${filter.name}” and selected it.`;
    refreshMe().catch(() => {});
  } catch (failure) {
    status.textContent = "";
    showError(error, failure);
  } finally {
    button.disabled = false;
  }
}

export function setUpCustomFilterForm() {
  const form = byId("custom-filter-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    createFilter(form);
  });
}
