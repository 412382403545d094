// The account page's "E-mail and password" card: whether the address is verified (with a button
// to mail the link again) and the password change form.
import { api } from "../../api/client.js";
import { subscribe } from "../../app-state.js";
import { byId, setVisible } from "../../ui/dom.js";
import { clearMessage, showError, showMessage } from "../../ui/messages.js";

function render(me) {
  const user = me?.user;
  const status = byId("email-status");
  if (!user) {
    status.textContent = "";
    setVisible(byId("resend-verification-button"), false);
    return;
  }
  status.textContent = user.email_verified
    ? `${user.email} is verified.`
    : `${user.email} is not verified yet: until it is, a free account renders only a few frames. Open the link we mailed you.`;
  setVisible(byId("resend-verification-button"), !user.email_verified);
}

export function setUpSecurityPanel() {
  subscribe("me", render);
  byId("resend-verification-button").addEventListener("click", async () => {
    const button = byId("resend-verification-button");
    clearMessage(byId("email-error"));
    button.disabled = true;
    try {
      await api.post("/v1/me/email-verification", {});
      showMessage(byId("email-error"), "A new verification link is on its way.", "success");
    } catch (error) {
      showError(byId("email-error"), error);
    } finally {
      button.disabled = false;
    }
  });

  const form = byId("password-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearMessage(byId("password-error"));
    byId("password-status").textContent = "";
    const current = form.elements.namedItem("current_password").value;
    const password = form.elements.namedItem("password").value;
    if (!current) return showMessage(byId("password-error"), "Enter your current password.", "error");
    if (password.length < 8) return showMessage(byId("password-error"), "Choose a new password of at least 8 characters.", "error");
    byId("password-submit").disabled = true;
    try {
      await api.post("/v1/me/password", { current_password: current, password });
      form.reset();
      byId("password-status").textContent = "Your password is changed. Other devices are signed out.";
    } catch (error) {
      showError(byId("password-error"), error);
    } finally {
      byId("password-submit").disabled = false;
    }
  });
}
