// Filter thumbnails need the bearer header, so an <img src> cannot load them directly: each is
// fetched once as a Blob and shown through an object URL, shared by every view. URLs are revoked
// when their filter is deleted or the user logs out.
import { requestBlobWithRetry } from "./api/client.js";
import { ObjectURLSlot } from "./ui/object-url-slot.js";

const entries = new Map(); // filter id → { slot, loading: Promise<string> }

/** Resolves with an object URL for the filter's thumbnail (fetched at most once). */
export function thumbnailURL(filter) {
  let entry = entries.get(filter.id);
  if (!entry) {
    const slot = new ObjectURLSlot();
    const loading = requestBlobWithRetry(filter.thumbnail_url).then((blob) => slot.set(blob));
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
