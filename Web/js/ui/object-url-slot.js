/**
 * Holds at most one object URL: a new Blob replaces the previous one, whose URL is revoked so
 * replaced thumbnails and results do not keep their memory for the life of the page. Revoking
 * happens only after the caller has pointed its elements at the new URL (or away from the old
 * one): a <video> still reading a revoked URL fails to load.
 */
export class ObjectURLSlot {
  #url = null;

  /** Makes a URL for `blob`, calls `use(url)` to show it, then revokes the previous URL. */
  set(blob, use = () => {}) {
    const previous = this.#url;
    this.#url = URL.createObjectURL(blob);
    use(this.#url);
    if (previous) URL.revokeObjectURL(previous);
    return this.#url;
  }

  get url() {
    return this.#url;
  }

  /** Revokes the URL; detach every element from it first (see `detachMedia`). */
  clear() {
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#url = null;
  }
}

/** Points an <img> or <video> at nothing, so it stops reading its current URL. */
export function detachMedia(element) {
  element.removeAttribute("src");
  if (element instanceof HTMLMediaElement) element.load(); // aborts any read in progress
}
