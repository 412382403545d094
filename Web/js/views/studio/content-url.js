// Step 1's other way in: a photo or video by its web address. Nothing is fetched here: the
// address becomes the selection, the stylization sends it as `content_url`, and the server
// fetches it (public addresses only, within the plan's upload size). Its answer names the asset
// the fetch made, which then replaces the address, so "try another filter" reuses the asset.
import { api } from "../../api/client.js";
import { byId } from "../../ui/dom.js";
import { clearMessage, showMessage } from "../../ui/messages.js";
import { studioSelection, updateSelection } from "./studio-state.js";

function useAddress() {
  const error = byId("upload-error");
  clearMessage(error);
  const text = byId("content-url").value.trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    return showMessage(error, "Give a full web address, such as https://example.com/photo.jpg.", "error");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return showMessage(error, "The address must start with http:// or https://.", "error");
  }
  const name = decodeURIComponent(url.pathname.split("/").pop() || url.hostname);
  updateSelection({ asset: { id: null, name, contentURL: url.href }, originalFile: null });
  byId("upload-status").textContent = `Using ${name} from ${url.hostname}; it is fetched when you stylize. Now pick a filter.`;
}

/** After a stylization from an address: the asset the server made takes the address's place. */
export async function adoptFetchedContent(stylization) {
  const selection = studioSelection();
  if (!selection.asset?.contentURL || !stylization.content) return;
  const asset = await api.get(`/v1/assets/${encodeURIComponent(stylization.content)}`);
  if (studioSelection().asset === selection.asset) updateSelection({ asset });
}

export function setUpContentURL() {
  byId("content-url-form").addEventListener("submit", (event) => {
    event.preventDefault();
    useAddress();
  });
}
