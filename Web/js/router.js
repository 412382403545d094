// Hash routing: "#/" is the studio, "#/account" the account page, "#/login" the sign-in page;
// "#/forgot-password", "#/reset-password?token=…" and "#/verify-email?token=…" are the
// recovery pages (links in mails carry their token after "?").
// Other hashes (the skip link's "#main") are in-page anchors and leave the view alone.
const routes = new Map();
let fallback = null;

/** Registers `show()` for a path such as "/account"; the first registered path is the fallback. */
export function route(path, show) {
  routes.set(path, show);
  fallback ??= path;
}

export function currentPath() {
  const hash = location.hash;
  return hash.startsWith("#/") ? hash.slice(1) : null;
}

/** Shows the view for the current hash. */
export function render() {
  const path = currentPath();
  if (path === null && routes.size > 0 && document.querySelector(".view:not([hidden])")) return;
  const bare = (path ?? "/").split("?")[0];
  (routes.get(bare) ?? routes.get(fallback))?.();
}

/** A parameter of the hash's query ("#/verify-email?token=…"), or null. */
export function routeParameter(name) {
  const path = currentPath() ?? "";
  const query = path.includes("?") ? path.slice(path.indexOf("?") + 1) : "";
  return new URLSearchParams(query).get(name);
}

export function navigate(path) {
  if (currentPath() === path) render();
  else location.hash = `#${path}`;
}

export function startRouter() {
  window.addEventListener("hashchange", render);
  render();
}
