// Uploads go through XMLHttpRequest rather than fetch because only XHR reports upload progress.
import { currentToken, signOut } from "../session.js";
import { ApiError, apiErrorFrom } from "./api-error.js";

// The server closes the connection when an upload passes the plan's size, so the browser sees a
// network error rather than the 413; the message covers both causes.
function interruptedUpload() {
  return new ApiError(0, { code: "upload_interrupted", title: "The upload was cut off." });
}

/**
 * POSTs `formData` to `path` and resolves with the parsed JSON answer.
 * `onProgress(sentBytes, totalBytes)` is called while the body is sent.
 */
export function uploadForm(path, formData, onProgress = () => {}) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", path);
    request.setRequestHeader("Accept", "application/json");
    const token = currentToken();
    if (token) request.setRequestHeader("Authorization", `Bearer ${token}`);
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    request.addEventListener("load", () => {
      if (request.status >= 200 && request.status < 300) {
        try {
          resolve(JSON.parse(request.responseText));
        } catch {
          reject(apiErrorFrom(request.status, "", null));
        }
        return;
      }
      if (request.status === 401 && token) signOut({ expired: true });
      reject(apiErrorFrom(request.status, request.responseText, request.getResponseHeader("Retry-After")));
    });
    request.addEventListener("error", () => reject(interruptedUpload()));
    request.addEventListener("abort", () => reject(interruptedUpload()));
    request.send(formData);
  });
}
