// Messages for aria-live regions: the region is in the page from the start (live regions added
// later are often not announced), and only its text changes.
import { explain } from "../api/explain.js";

/** Shows `text` in `region` with a tone ("error", "success" or "info"); empty text hides it. */
export function showMessage(region, text, tone = "info") {
  region.textContent = text;
  region.dataset.tone = tone;
  region.hidden = !text;
}

/** Shows an error in plain words (see explain.js). */
export function showError(region, error) {
  showMessage(region, explain(error), "error");
}

export function clearMessage(region) {
  showMessage(region, "");
}
