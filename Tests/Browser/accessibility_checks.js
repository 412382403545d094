// Run in the page by test_webapp.py (as the body of a function; arguments[0] names the check).
// Returns a list of human-readable problems, empty when the page passes.

function luminance([r, g, b]) {
  const channel = (value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function rgba(text) {
  const parts = text.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
  return { rgb: parts.slice(0, 3), alpha: parts.length > 3 ? parts[3] : 1 };
}

// The first opaque background behind an element (semi-transparent layers are rare here and
// treated as opaque, which errs on the strict side only when they are darker than the page).
function backgroundOf(element) {
  for (let node = element; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    const color = rgba(style.backgroundColor);
    if (color.alpha > 0) return color.rgb;
  }
  return [255, 255, 255];
}

function visible(element) {
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== "hidden";
}

function contrastProblems() {
  const problems = [];
  for (const element of document.body.querySelectorAll("*")) {
    const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
    if (!ownText || !visible(element) || element.closest(":disabled")) continue;
    const style = getComputedStyle(element);
    const foreground = luminance(rgba(style.color).rgb);
    const background = luminance(backgroundOf(element));
    const ratio = (Math.max(foreground, background) + 0.05) / (Math.min(foreground, background) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      problems.push(`${element.tagName.toLowerCase()} "${element.textContent.trim().slice(0, 40)}": contrast ${ratio.toFixed(2)}:1`);
    }
  }
  return problems;
}

function labelProblems() {
  const problems = [];
  for (const control of document.querySelectorAll("input, select, textarea")) {
    const named = control.labels?.length > 0 || control.getAttribute("aria-label") || control.getAttribute("aria-labelledby");
    if (!named) problems.push(`${control.tagName.toLowerCase()}#${control.id || "?"} has no label`);
  }
  for (const button of document.querySelectorAll("button, a[href]")) {
    if (!(button.textContent.trim() || button.getAttribute("aria-label"))) {
      problems.push(`${button.tagName.toLowerCase()}#${button.id || "?"} has no accessible name`);
    }
  }
  for (const image of document.querySelectorAll("img")) {
    if (!image.hasAttribute("alt")) problems.push(`img#${image.id || "?"} has no alt`);
  }
  return problems;
}

return arguments[0] === "contrast" ? contrastProblems() : labelProblems();
