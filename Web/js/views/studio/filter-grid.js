// Step 2: the gallery grid. Each filter is a toggle button (aria-pressed) so keyboard and screen
// reader users choose it like anyone else; exactly one is pressed at a time.
import { currentFilters, refreshFilters, subscribe } from "../../app-state.js";
import { showThumbnail } from "../../thumbnails.js";
import { byId, el } from "../../ui/dom.js";
import { showError } from "../../ui/messages.js";
import { onSelectionChange, studioSelection, updateSelection } from "./studio-state.js";

function filterCard(filter, selectedId) {
  const image = el("img", { alt: "", width: 256, height: 256, loading: "lazy", decoding: "async" });
  showThumbnail(image, filter);
  const label = filter.kind === "custom" ? `${filter.name} (yours)` : filter.name;
  return el(
    "button",
    {
      type: "button",
      class: "filter-card",
      "aria-pressed": filter.id === selectedId ? "true" : "false",
      "data-filter-id": filter.id,
      onclick: () => updateSelection({ filterId: filter.id }),
    },
    image,
    el("span", { class: "filter-name" }, label),
  );
}

function renderGrid(filters) {
  const grid = byId("filter-grid");
  const selectedId = studioSelection().filterId;
  // Focus survives a re-render (e.g. after a new custom filter), or keyboard users lose their place.
  const focusedId = document.activeElement?.closest?.(".filter-card")?.dataset.filterId;
  grid.replaceChildren(...filters.map((filter) => filterCard(filter, selectedId)));
  if (focusedId) grid.querySelector(`[data-filter-id="${CSS.escape(focusedId)}"]`)?.focus();
  byId("filters-status").textContent = filters.length === 0 ? "No filters yet: add your own painting below." : "";
  if (selectedId && !filters.some((filter) => filter.id === selectedId)) updateSelection({ filterId: null });
}

function renderPressed(selection) {
  for (const card of byId("filter-grid").querySelectorAll(".filter-card")) {
    card.setAttribute("aria-pressed", card.dataset.filterId === selection.filterId ? "true" : "false");
  }
}

export function setUpFilterGrid() {
  subscribe("filters", renderGrid);
  onSelectionChange(renderPressed);
}

/** Loads the list (called when the studio opens after signing in). */
export async function loadFilters() {
  try {
    if (currentFilters().length === 0) await refreshFilters();
  } catch (error) {
    showError(byId("upload-error"), error);
  }
}
