// The session token lives in memory and in sessionStorage (per tab, gone when the tab closes).
// Never in localStorage (it would outlive the tab and leak to every other tab) and never in a URL
// (URLs end up in history, logs and Referer headers).
const storageKey = "stylify.session";

let token = readStored();
const listeners = new Set();

function readStored() {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null; // Storage can be disabled; the app then works for this page load only.
  }
}

/** The current bearer token, or null when signed out. */
export function currentToken() {
  return token;
}

/** Remembers a new token (after sign-up or log-in) and tells every listener. */
export function signIn(newToken) {
  token = newToken;
  try {
    sessionStorage.setItem(storageKey, newToken);
  } catch {
    // Memory alone still works.
  }
  listeners.forEach((listener) => listener(true, { expired: false }));
}

/**
 * Forgets the token: a log-out, or `{ expired: true }` when the server said the token is no
 * longer valid (listeners then explain why the user is back at the log-in page).
 */
export function signOut({ expired = false } = {}) {
  token = null;
  try {
    sessionStorage.removeItem(storageKey);
  } catch {
    // Nothing stored.
  }
  listeners.forEach((listener) => listener(false, { expired }));
}

/** Calls `listener(signedIn, { expired })` whenever the session starts or ends. */
export function onSessionChange(listener) {
  listeners.add(listener);
}
