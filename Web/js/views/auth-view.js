// Sign-up and log-in forms. Both end in signIn(token); main.js then shows the studio.
import { api } from "../api/client.js";
import { signIn } from "../session.js";
import { byId } from "../ui/dom.js";
import { clearMessage, showError, showMessage } from "../ui/messages.js";

function fieldValue(form, name) {
  return form.elements.namedItem(name).value.trim();
}

/** Checks what the browser can check, so the server's refusal is the exception. */
function localProblem(email, password, { signingUp }) {
  if (!email || !email.includes("@")) return "Enter your email address, like name@example.com.";
  if (!password) return "Enter your password.";
  if (signingUp && password.length < 8) return "Choose a password of at least 8 characters.";
  return null;
}

async function submitWith(form, errorRegion, button, { signingUp }) {
  clearMessage(errorRegion);
  const email = fieldValue(form, "email");
  const password = form.elements.namedItem("password").value;
  const problem = localProblem(email, password, { signingUp });
  if (problem) {
    showMessage(errorRegion, problem, "error");
    return;
  }
  button.disabled = true;
  try {
    const body = { email, password };
    if (signingUp) {
      const name = fieldValue(form, "name");
      if (name) body.name = name;
    }
    const answer = await api.post(signingUp ? "/v1/accounts" : "/v1/sessions", body, { authenticated: false });
    form.reset();
    signIn(answer.session_token);
  } catch (error) {
    showError(errorRegion, error);
  } finally {
    button.disabled = false;
  }
}

/** Empties both forms and their errors: the next person at this screen sees none of the last one's input. */
export function resetAuthView() {
  for (const [formId, errorId] of [["signup-form", "signup-error"], ["login-form", "login-error"]]) {
    byId(formId).reset();
    clearMessage(byId(errorId));
  }
}

export function setUpAuthView() {
  const signup = byId("signup-form");
  signup.addEventListener("submit", (event) => {
    event.preventDefault();
    submitWith(signup, byId("signup-error"), byId("signup-submit"), { signingUp: true });
  });
  const login = byId("login-form");
  login.addEventListener("submit", (event) => {
    event.preventDefault();
    submitWith(login, byId("login-error"), byId("login-submit"), { signingUp: false });
  });
}
