// Starts the app: wires every panel once, then switches views on the hash and the session.
import { api } from "./api/client.js";
import { refreshFilters, refreshMe, resetState } from "./app-state.js";
import { navigate, route, startRouter } from "./router.js";
import { currentToken, onSessionChange, signOut } from "./session.js";
import { forgetAllThumbnails } from "./thumbnails.js";
import { byId, setVisible } from "./ui/dom.js";
import { clearMessage, showError, showMessage } from "./ui/messages.js";
import { forgetSecret, loadKeys, setUpApiKeysPanel } from "./views/account/api-keys-panel.js";
import { setUpCustomFiltersPanel } from "./views/account/custom-filters-panel.js";
import { setUpSecurityPanel } from "./views/account/security-panel.js";
import { setUpUsagePanel } from "./views/account/usage-panel.js";
import { setUpRecoveryView, showForgotPassword, showResetPassword, showVerifyEmail } from "./views/recovery/recovery-view.js";
import { resetAuthView, setUpAuthView } from "./views/auth-view.js";
import { setUpCustomFilterForm } from "./views/studio/custom-filter-form.js";
import { loadFilters, setUpFilterGrid } from "./views/studio/filter-grid.js";
import { setUpContentURL } from "./views/studio/content-url.js";
import { loadModels } from "./views/studio/model-choice.js";
import { resetPreviewSheet, setUpPreviewSheet } from "./views/studio/preview-sheet.js";
import { resetSelection } from "./views/studio/studio-state.js";
import { resetStylizePanel, setUpStylizePanel } from "./views/studio/stylize-panel.js";
import { resetUploadPanel, setUpUploadPanel } from "./views/studio/upload-panel.js";

const views = ["view-auth", "view-studio", "view-account", "view-recovery"];

function showView(id, title) {
  for (const view of views) setVisible(byId(view), view === id);
  document.title = `${title} — Stylify`;
  setVisible(byId("main-nav"), id !== "view-auth" && (id !== "view-recovery" || Boolean(currentToken())));
  for (const [link, path] of [["nav-studio", "view-studio"], ["nav-account", "view-account"]]) {
    if (path === id) byId(link).setAttribute("aria-current", "page");
    else byId(link).removeAttribute("aria-current");
  }
}

/** Moves focus to the new view's heading, so screen readers announce the page change. */
function focusHeading(id) {
  const heading = byId(id).querySelector("h1");
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
}

function requireSession(show) {
  return () => {
    if (!currentToken()) return showAuth();
    show();
  };
}

function showAuth() {
  showView("view-auth", "Sign up or log in");
}

async function loadAccountData() {
  try {
    await Promise.all([refreshMe(), refreshFilters()]);
  } catch (error) {
    showError(byId("app-message"), error);
  }
}

route(
  "/",
  requireSession(() => {
    forgetSecret(); // a new API key is shown once: leaving the page is "once"
    showView("view-studio", "Studio");
    focusHeading("view-studio");
    loadFilters();
    loadModels();
  }),
);
route(
  "/account",
  requireSession(() => {
    showView("view-account", "Account");
    focusHeading("view-account");
    refreshMe()
      .then(() => clearMessage(byId("usage-error")))
      .catch((error) => showError(byId("usage-error"), error));
    loadKeys();
  }),
);
route("/login", () => (currentToken() ? navigate("/") : showAuth()));
// The recovery pages work signed out: their links arrive by mail.
route("/forgot-password", () => {
  showView("view-recovery", "Reset your password");
  showForgotPassword();
});
route("/reset-password", () => {
  showView("view-recovery", "Choose a new password");
  showResetPassword();
});
route("/verify-email", () => {
  showView("view-recovery", "Verify your e-mail address");
  showVerifyEmail().then(() => currentToken() && refreshMe().catch(() => {}));
});

function resetEverything() {
  resetState(); // empties every list first, so no <img> still shows a thumbnail revoked below
  resetSelection();
  resetUploadPanel();
  resetStylizePanel();
  resetPreviewSheet();
  forgetAllThumbnails();
  forgetSecret();
  byId("api-key-list").replaceChildren();
}

onSessionChange((signedIn, { expired }) => {
  clearMessage(byId("app-message"));
  resetAuthView();
  if (signedIn) {
    loadAccountData();
    navigate("/");
  } else {
    resetEverything();
    navigate("/login");
    if (expired) showMessage(byId("app-message"), "Your session has ended (it expired or was revoked). Please log in again.", "error");
  }
});

byId("logout-button").addEventListener("click", async () => {
  try {
    await api.delete("/v1/sessions/current");
  } catch {
    // Logging out locally matters most; an expired session is already gone on the server.
  }
  signOut();
});

// A file dropped outside the drop zone would otherwise replace the app with the file.
for (const type of ["dragover", "drop"]) window.addEventListener(type, (event) => event.preventDefault());

setUpAuthView();
setUpUploadPanel();
setUpContentURL();
setUpFilterGrid();
setUpPreviewSheet();
setUpCustomFilterForm();
setUpStylizePanel();
setUpUsagePanel();
setUpSecurityPanel();
setUpRecoveryView();
setUpApiKeysPanel();
setUpCustomFiltersPanel();
if (currentToken()) loadAccountData();
startRouter();
