/**
 * Holds at most one object URL: setting a new Blob revokes the previous URL, so replacing a
 * thumbnail or a result never leaks the old Blob's memory for the life of the page.
 */
export class ObjectURLSlot {
  #url = null;

  /** Replaces the held Blob; returns its new object URL. */
  set(blob) {
    this.clear();
    this.#url = URL.createObjectURL(blob);
    return this.#url;
  }

  get url() {
    return this.#url;
  }

  clear() {
    if (this.#url) URL.revokeObjectURL(this.#url);
    this.#url = null;
  }
}
