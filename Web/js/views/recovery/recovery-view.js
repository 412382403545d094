// The signed-out recovery pages: asking for a reset link, choosing a new password with the
// link's token, and verifying an address with the token of a verification mail.
import { api } from "../../api/client.js";
import { routeParameter } from "../../router.js";
import { byId, setVisible } from "../../ui/dom.js";
import { clearMessage, showError, showMessage } from "../../ui/messages.js";

const parts = ["forgot-form", "reset-form", "verify-card"];

function showPart(id) {
  for (const part of parts) setVisible(byId(part), part === id);
  for (const region of ["forgot-error", "reset-error", "verify-error"]) clearMessage(byId(region));
  for (const region of ["forgot-status", "reset-status", "verify-status"]) byId(region).textContent = "";
}

export function showForgotPassword() {
  showPart("forgot-form");
  byId("forgot-form").reset();
}

export function showResetPassword() {
  showPart("reset-form");
  byId("reset-form").reset();
  if (!routeParameter("token")) showMessage(byId("reset-error"), "This page needs the link from the reset e-mail.", "error");
}

export async function showVerifyEmail() {
  showPart("verify-card");
  const token = routeParameter("token");
  const status = byId("verify-status");
  if (!token) {
    showMessage(byId("verify-error"), "This page needs the link from the verification e-mail.", "error");
    return;
  }
  status.textContent = "Verifying…";
  try {
    await api.post("/v1/email-verifications", { token }, { authenticated: false });
    status.textContent = "Thank you: your e-mail address is verified.";
  } catch (error) {
    status.textContent = "";
    showError(byId("verify-error"), error);
  }
}

export function setUpRecoveryView() {
  const forgot = byId("forgot-form");
  forgot.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearMessage(byId("forgot-error"));
    const email = forgot.elements.namedItem("email").value.trim();
    if (!email.includes("@")) return showMessage(byId("forgot-error"), "Enter your email address, like name@example.com.", "error");
    byId("forgot-submit").disabled = true;
    try {
      await api.post("/v1/password-resets", { email }, { authenticated: false });
      byId("forgot-status").textContent = "If an account uses this address, a reset link is on its way. Check your mail.";
    } catch (error) {
      showError(byId("forgot-error"), error);
    } finally {
      byId("forgot-submit").disabled = false;
    }
  });

  const reset = byId("reset-form");
  reset.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearMessage(byId("reset-error"));
    const password = reset.elements.namedItem("password").value;
    if (password.length < 8) return showMessage(byId("reset-error"), "Choose a password of at least 8 characters.", "error");
    byId("reset-submit").disabled = true;
    try {
      await api.post("/v1/password-resets/complete", { token: routeParameter("token") ?? "", password }, { authenticated: false });
      reset.reset();
      byId("reset-status").textContent = "Your password is set. Log in with it now.";
    } catch (error) {
      showError(byId("reset-error"), error);
    } finally {
      byId("reset-submit").disabled = false;
    }
  });
}
