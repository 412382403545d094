// Filter thumbnails need the bearer header, so an <img src> cannot load them directly: each is
// fetched once as a Blob and shown through an object URL, shared by every view. URLs are revoked
// when their filter is deleted or the user logs out.
import { requestBlob } from "./api/client.js";
import { ApiError } from "./api/api-error.js";
import { ObjectURLSlot } from "./ui/object-url-slot.js";

const entries = new Map(); // filter id → { slot, loading: Promise<string> }

// Twenty thumbnails at once can meet the plan's requests-per-minute limit; waiting as the 429
// says and trying again beats leaving gaps in the grid.
async function fetchWithRetry(path, attemptsLeft = 3) {
  try {
    return await requestBlob(path);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 429 || attemptsLeft <= 1) throw error;
    await new Promise((resolve) => setTimeout(resolve, (error.retryAfterSeconds ?? 5) * 1000));
    return fetchWithRetry(path, attemptsLeft - 1);
  }
}

/** Resolves with an object URL for the filter's thumbnail (fetched at most once). */
export function thumbnailURL(filter) {
  let entry = entries.get(filter.id);
  if (!entry) {
    const slot = new ObjectURLSlot();
    const loading = fetchWithRetry(filter.thumbnail_url).then((blob) => slot.set(blob));
    entry = { slot, loading };
    entries.set(filter.id, entry);
    loading.catch(() => entries.delete(filter.id)); // Try again next time instead of caching a failure.
  }
  return entry.loading;
}

/** Fills `image` with the filter's thumbnail; on failure the alt text stays visible. */
export function showThumbnail(image, filter) {
  thumbnailURL(filter)
    .then((url) => {
      image.src = url;
    })
    .catch(() => image.classList.add("thumbnail-failed"));
}

export function forgetThumbnail(filterId) {
  entries.get(filterId)?.slot.clear();
  entries.delete(filterId);
}

export function forgetAllThumbnails() {
  entries.forEach((entry) => entry.slot.clear());
  entries.clear();
}
