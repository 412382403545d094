// The studio's selection: the uploaded content asset (kept for "try another filter") and the
// chosen filter. Panels change it; the stylize panel listens to enable its button.
const selection = { asset: null, originalFile: null, filterId: null };
const listeners = new Set();

export function studioSelection() {
  return selection;
}

/** Merges `changes` into the selection and tells every listener. */
export function updateSelection(changes) {
  Object.assign(selection, changes);
  listeners.forEach((listener) => listener(selection));
}

export function onSelectionChange(listener) {
  listeners.add(listener);
}

export function resetSelection() {
  updateSelection({ asset: null, originalFile: null, filterId: null });
}
