// A tiny element builder. Text always goes through textContent, never innerHTML, so names and
// messages from the server can never become markup.

/**
 * el("button", { type: "button", class: "primary", onclick: fn }, "Save")
 * Attributes starting with "on" become listeners; `true`/`false` toggle boolean attributes.
 */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, "");
    } else {
      element.setAttribute(name, String(value));
    }
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/** The element with this id; throws early when the page and the script disagree. */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing #${id}`);
  return element;
}

/** Shows or hides an element (the `hidden` attribute also hides it from screen readers). */
export function setVisible(element, visible) {
  element.hidden = !visible;
}
