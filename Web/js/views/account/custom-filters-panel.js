// The account's own filters: rename and delete. Gallery filters are read-only and not listed.
import { api } from "../../api/client.js";
import { refreshMe, removeFilter, subscribe, upsertFilter } from "../../app-state.js";
import { forgetThumbnail, showThumbnail } from "../../thumbnails.js";
import { byId, el } from "../../ui/dom.js";
import { clearMessage, showError, showMessage } from "../../ui/messages.js";

function filterItem(filter) {
  const inputId = `rename-${filter.id}`;
  const image = el("img", { alt: "", width: 64, height: 64, class: "item-thumbnail" });
  showThumbnail(image, filter);
  const input = el("input", { id: inputId, type: "text", value: filter.name, maxlength: 100, required: true });
  const form = el(
    "form",
    { class: "rename-form", novalidate: true, onsubmit: (event) => { event.preventDefault(); rename(filter, input.value); } },
    el("label", { for: inputId }, `Name of filter “${filter.name}”`),
    el("div", { class: "copy-row" }, input, el("button", { type: "submit" }, "Rename")),
  );
  return el(
    "li",
    { class: "item", "data-filter-id": filter.id },
    image,
    el("div", { class: "item-main" }, form),
    el("button", { type: "button", class: "danger", "aria-label": `Delete filter ${filter.name}`, onclick: () => remove(filter) }, "Delete"),
  );
}

function render(filters) {
  const own = filters.filter((filter) => filter.kind === "custom");
  byId("custom-filter-list").replaceChildren(...own.map(filterItem));
  byId("custom-filters-status").textContent = own.length === 0 ? "No filters of your own yet: add one in the Studio." : "";
}

async function rename(filter, newName) {
  const error = byId("custom-filters-error");
  clearMessage(error);
  const name = newName.trim();
  if (!name) return showMessage(error, "A filter needs a name (up to 100 characters).", "error");
  try {
    const renamed = await api.patch(`/v1/filters/${encodeURIComponent(filter.id)}`, { name });
    upsertFilter(renamed);
    byId(`rename-${renamed.id}`)?.focus(); // The list was rebuilt; keep keyboard users where they were.
    byId("custom-filters-status").textContent = `Renamed to “${renamed.name}”.`;
  } catch (failure) {
    showError(error, failure);
  }
}

async function remove(filter) {
  const error = byId("custom-filters-error");
  clearMessage(error);
  if (!window.confirm(`Delete the filter “${filter.name}”?`)) return;
  try {
    await api.delete(`/v1/filters/${encodeURIComponent(filter.id)}`);
    removeFilter(filter.id);
    forgetThumbnail(filter.id);
    byId("custom-filters-status").textContent = `Deleted “${filter.name}”.`;
    refreshMe().catch(() => {});
  } catch (failure) {
    showError(error, failure);
  }
}

export function setUpCustomFiltersPanel() {
  subscribe("filters", render);
}
