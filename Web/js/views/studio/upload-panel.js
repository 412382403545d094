// Step 1: choose (picker or drag and drop), check against the plan, upload with a progress bar.
import { uploadForm } from "../../api/upload.js";
import { currentMe, refreshMe, subscribe } from "../../app-state.js";
import { checkContentFile, describeUploadLimits } from "../../content-check.js";
import { byId, setVisible } from "../../ui/dom.js";
import { formatBytes } from "../../ui/format.js";
import { clearMessage, showError, showMessage } from "../../ui/messages.js";
import { updateSelection } from "./studio-state.js";

let uploading = false;

async function handleFile(file) {
  if (uploading) return; // one at a time: a second drop while checking or sending is ignored
  uploading = true;
  try {
    const status = byId("upload-status");
    const error = byId("upload-error");
    clearMessage(error);
    status.textContent = `Checking ${file.name}…`;
    // Fresh limits: an operator may have changed the plan since the page loaded.
    await refreshMe().catch(() => {});
    const check = await checkContentFile(file, currentMe()?.quota);
    if (!check.ok) {
      status.textContent = "";
      showMessage(error, check.reason, "error");
      return;
    }
    await upload(file, check.kind);
  } finally {
    uploading = false;
  }
}

async function upload(file, kind) {
  const status = byId("upload-status");
  const progressRow = byId("upload-progress-row");
  const progress = byId("upload-progress");
  const picker = byId("content-file");
  picker.disabled = true;
  progress.value = 0;
  setVisible(progressRow, true);
  status.textContent = `Uploading ${file.name} (${formatBytes(file.size)})…`;
  let lastAnnounced = 0;
  const form = new FormData();
  form.append("file", file, file.name);
  try {
    const asset = await uploadForm("/v1/assets", form, (sent, total) => {
      const percent = Math.round((sent / total) * 100);
      progress.value = percent;
      // Screen readers hear every quarter, not every progress event.
      if (percent - lastAnnounced >= 25) {
        lastAnnounced = percent;
        status.textContent = `Uploading ${file.name}: ${percent}%`;
      }
    });
    progress.value = 100;
    const size = `${asset.width}×${asset.height}`;
    status.textContent =
      kind === "video"
        ? `Uploaded ${file.name}: ${size}, ${asset.frames} frames. Now pick a filter.`
        : `Uploaded ${file.name}: ${size}. Now pick a filter.`;
    updateSelection({ asset, originalFile: file });
    refreshMe().catch(() => {}); // Stored bytes changed; the account page shows it.
  } catch (failure) {
    status.textContent = "";
    showError(byId("upload-error"), failure);
  } finally {
    picker.disabled = false;
    setVisible(progressRow, false);
  }
}

function setUpDropzone() {
  const dropzone = byId("dropzone");
  dropzone.addEventListener("dragover", (event) => {
    event.preventDefault();
    dropzone.classList.add("dragging");
  });
  dropzone.addEventListener("dragleave", () => dropzone.classList.remove("dragging"));
  dropzone.addEventListener("drop", (event) => {
    event.preventDefault();
    dropzone.classList.remove("dragging");
    const file = event.dataTransfer?.files?.[0];
    if (file) handleFile(file);
  });
}

export function setUpUploadPanel() {
  byId("content-file").addEventListener("change", (event) => {
    const file = event.target.files?.[0];
    event.target.value = ""; // Choosing the same file again (say, after an upgrade) must fire "change" again.
    if (file) handleFile(file);
  });
  setUpDropzone();
  subscribe("me", (me) => {
    byId("upload-limits").textContent = describeUploadLimits(me?.quota);
  });
}

export function resetUploadPanel() {
  byId("upload-status").textContent = "";
  clearMessage(byId("upload-error"));
}
