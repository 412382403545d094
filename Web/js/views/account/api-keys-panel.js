// API keys: create (the secret is shown once, with a copy button), list, revoke.
import { api } from "../../api/client.js";
import { byId, el, setVisible } from "../../ui/dom.js";
import { clearMessage, showError, showMessage } from "../../ui/messages.js";

function keyItem(key) {
  const created = new Date(key.created_at).toLocaleDateString();
  const used = key.last_used_at ? `last used ${new Date(key.last_used_at).toLocaleString()}` : "never used";
  return el(
    "li",
    { class: "item", "data-key-id": key.id },
    el("div", { class: "item-main" }, el("strong", {}, key.name), el("span", { class: "hint" }, ` ${key.display_prefix}… · created ${created} · ${used}`)),
    el("button", { type: "button", class: "danger", "aria-label": `Revoke key ${key.name}`, onclick: () => revoke(key) }, "Revoke"),
  );
}

export async function loadKeys() {
  const list = byId("api-key-list");
  try {
    const page = await api.get("/v1/api-keys?limit=100");
    clearMessage(byId("api-keys-error"));
    list.replaceChildren(...page.data.map(keyItem));
    byId("api-keys-status").textContent = page.data.length === 0 ? "No API keys yet." : "";
  } catch (error) {
    showError(byId("api-keys-error"), error);
  }
}

async function revoke(key) {
  const error = byId("api-keys-error");
  clearMessage(error);
  if (!window.confirm(`Revoke the key “${key.name}”? Scripts using it stop working at once.`)) return;
  try {
    await api.delete(`/v1/api-keys/${encodeURIComponent(key.id)}`);
    byId("api-key-list").querySelector(`[data-key-id="${CSS.escape(key.id)}"]`)?.remove();
    byId("api-keys-status").textContent = `Revoked “${key.name}”.`;
    byId("api-key-name").focus();
  } catch (failure) {
    showError(error, failure);
  }
}

async function create(form) {
  const error = byId("api-keys-error");
  clearMessage(error);
  const name = byId("api-key-name").value.trim();
  if (!name) return showMessage(error, "Give the key a name, so you can recognise it later.", "error");
  const button = byId("api-key-submit");
  button.disabled = true;
  try {
    const key = await api.post("/v1/api-keys", { name });
    form.reset();
    byId("new-key-secret").value = key.secret;
    setVisible(byId("new-key"), true);
    byId("copy-key-button").textContent = "Copy";
    byId("new-key-secret").focus();
    byId("new-key-secret").select();
    byId("api-keys-status").textContent = `Created “${key.name}”. Copy the key now: it is shown only once.`;
    byId("api-key-list").prepend(keyItem(key));
  } catch (failure) {
    showError(error, failure);
  } finally {
    button.disabled = false;
  }
}

async function copySecret() {
  const field = byId("new-key-secret");
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    // The Clipboard API needs a secure context; selecting the text still lets Ctrl+C work.
    field.select();
    document.execCommand?.("copy");
  }
  byId("copy-key-button").textContent = "Copied";
  byId("api-keys-status").textContent = "The key is on your clipboard.";
}

/** Hides the secret for good: it is never shown again. */
export function forgetSecret() {
  byId("new-key-secret").value = "";
  setVisible(byId("new-key"), false);
}

export function setUpApiKeysPanel() {
  const form = byId("api-key-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    create(form);
  });
  byId("copy-key-button").addEventListener("click", copySecret);
  byId("dismiss-key-button").addEventListener("click", () => {
    forgetSecret();
    byId("api-key-name").focus();
  });
}
