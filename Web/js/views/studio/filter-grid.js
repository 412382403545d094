// Step 2: the gallery grid. Each filter is a toggle button (aria-pressed) so keyboard and screen
// reader users choose it like anyone else; exactly one is pressed at a time. The grid is one Tab
// stop (a roving tabindex): arrow keys, Home and End move inside it, Space or Enter chooses, so
// twenty-odd filters do not stand between a keyboard user and the Stylize button.
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
      tabindex: "-1",
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
  const stop = grid.querySelector('[aria-pressed="true"]') ?? grid.querySelector(".filter-card");
  stop?.setAttribute("tabindex", "0");
  if (focusedId) grid.querySelector(`[data-filter-id="${CSS.escape(focusedId)}"]`)?.focus();
  byId("filters-status").textContent = filters.length === 0 ? "No filters yet: add your own painting below." : "";
  if (selectedId && !filters.some((filter) => filter.id === selectedId)) updateSelection({ filterId: null });
}

function renderPressed(selection) {
  const cards = [...byId("filter-grid").querySelectorAll(".filter-card")];
  for (const card of cards) {
    card.setAttribute("aria-pressed", card.dataset.filterId === selection.filterId ? "true" : "false");
  }
  // Tabbing back into the grid lands on the chosen filter.
  const pressed = cards.find((card) => card.dataset.filterId === selection.filterId);
  if (pressed) for (const card of cards) card.setAttribute("tabindex", card === pressed ? "0" : "-1");
}

/** Makes `card` the grid's one Tab stop and focuses it. */
function moveFocusTo(card) {
  for (const other of byId("filter-grid").querySelectorAll(".filter-card")) other.setAttribute("tabindex", "-1");
  card.setAttribute("tabindex", "0");
  card.focus();
  card.scrollIntoView({ block: "nearest" });
}

/** Cards per row as laid out now (the grid reflows with the screen width). */
function columnCount(cards) {
  const top = cards[0].offsetTop;
  const count = cards.findIndex((card) => card.offsetTop !== top);
  return count === -1 ? cards.length : count;
}

function handleArrowKeys(event) {
  const cards = [...byId("filter-grid").querySelectorAll(".filter-card")];
  const index = cards.indexOf(event.target.closest(".filter-card"));
  if (index === -1 || cards.length === 0) return;
  const steps = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columnCount(cards), ArrowUp: -columnCount(cards) };
  let next;
  if (event.key in steps) next = Math.min(cards.length - 1, Math.max(0, index + steps[event.key]));
  else if (event.key === "Home") next = 0;
  else if (event.key === "End") next = cards.length - 1;
  else return;
  event.preventDefault(); // the arrows would otherwise scroll the page
  moveFocusTo(cards[next]);
}

export function setUpFilterGrid() {
  subscribe("filters", renderGrid);
  onSelectionChange(renderPressed);
  byId("filter-grid").addEventListener("keydown", handleArrowKeys);
}

/** Loads the list (called when the studio opens after signing in). */
export async function loadFilters() {
  try {
    if (currentFilters().length === 0) await refreshFilters();
  } catch (error) {
    showError(byId("upload-error"), error);
  }
}
