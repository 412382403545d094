// Checks a chosen file against the plan before uploading it, so that a refusal costs the user
// seconds rather than a whole upload. The server checks again (it is the authority); this only
// explains early, in words, with the numbers of the user's own plan.
import { formatBytes, formatCount, formatMegapixels, planName } from "./ui/format.js";

const imageTypes = ["image/jpeg", "image/png", "image/webp"];
const videoTypes = ["video/mp4", "video/quicktime", "video/webm", "video/x-matroska"];
const videoExtensions = ["mp4", "m4v", "mov", "webm", "mkv"];
const imageExtensions = ["jpg", "jpeg", "png", "webp"];

/** "image", "video" or null, from the browser's type or, failing that, the file name. */
export function contentKind(file) {
  if (imageTypes.includes(file.type)) return "image";
  if (videoTypes.includes(file.type)) return "video";
  const extension = file.name.split(".").pop().toLowerCase();
  if (imageExtensions.includes(extension)) return "image";
  if (videoExtensions.includes(extension)) return "video";
  return null;
}

function measure(file, kind) {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const done = (size) => {
      URL.revokeObjectURL(url);
      resolve(size);
    };
    if (kind === "image") {
      const image = new Image();
      // naturalWidth/Height honour EXIF orientation, like the server's "as displayed" size.
      image.onload = () => done({ width: image.naturalWidth, height: image.naturalHeight });
      image.onerror = () => done(null);
      image.src = url;
    } else {
      const video = document.createElement("video");
      video.preload = "metadata";
      video.muted = true;
      // After the metadata the element would go on reading the file; stop it before the URL is
      // revoked, or it fails reading a URL that no longer exists.
      const stop = () => {
        video.removeAttribute("src");
        video.load();
      };
      video.onloadedmetadata = () => {
        const size = { width: video.videoWidth, height: video.videoHeight, duration: video.duration };
        stop();
        done(size);
      };
      video.onerror = () => {
        stop();
        done(null); // A codec this browser lacks; the server may still read it.
      };
      video.src = url;
    }
  });
}

/**
 * Resolves with { ok: true, kind, width, height } or { ok: false, reason } (a sentence).
 * `quota` is `GET /v1/me`'s `quota` (plan and limits); without it only the kind is checked.
 */
export async function checkContentFile(file, quota) {
  const kind = contentKind(file);
  if (!kind) {
    return { ok: false, reason: `"${file.name}" is not a supported file. Choose a JPEG, PNG or WebP photo, or an MP4, MOV, WebM or MKV video.` };
  }
  if (file.size === 0) return { ok: false, reason: `"${file.name}" is empty. Choose another file.` };
  const limits = quota?.limits ?? {};
  const plan = planName(quota?.plan);
  // The API names no bigger plan before a refusal; premium is the one above free by default.
  const upgrade = quota?.plan === "free" ? ", or upgrade to premium" : "";
  if (limits.upload_bytes !== undefined && file.size > limits.upload_bytes) {
    return {
      ok: false,
      reason: `${plan} plan uploads are up to ${formatBytes(limits.upload_bytes)}; this file is ${formatBytes(file.size)}. Choose a smaller file${upgrade}.`,
    };
  }
  const size = await measure(file, kind);
  if (!size) return { ok: true, kind, width: null, height: null };
  const longSide = Math.max(size.width, size.height);
  if (kind === "image") {
    if (limits.image_pixels !== undefined && size.width * size.height > limits.image_pixels) {
      return {
        ok: false,
        reason: `${plan} plan images are up to ${formatMegapixels(limits.image_pixels)}; this one is ${size.width}×${size.height} (${formatMegapixels(size.width * size.height)}). Resize it${upgrade}.`,
      };
    }
    if (limits.image_long_side !== undefined && longSide > limits.image_long_side) {
      return {
        ok: false,
        reason: `${plan} plan images are up to ${formatCount(limits.image_long_side)} px on the long side; this one is ${formatCount(longSide)} px. Resize it${upgrade}.`,
      };
    }
  } else if (limits.video_long_side !== undefined && longSide > limits.video_long_side) {
    return {
      ok: false,
      reason: `${plan} plan videos are up to ${formatCount(limits.video_long_side)} px on the long side; this one is ${size.width}×${size.height}. Export a smaller version${upgrade}.`,
    };
  }
  return { ok: true, kind, ...size };
}

/** One sentence on what the plan accepts, shown beside the file picker. */
export function describeUploadLimits(quota) {
  const limits = quota?.limits;
  if (!limits) return "";
  return `${planName(quota.plan)} plan: photos up to ${formatMegapixels(limits.image_pixels)} (${formatCount(limits.image_long_side)} px long side), videos up to ${formatCount(limits.video_frames)} frames and ${formatCount(limits.video_long_side)} px, files up to ${formatBytes(limits.upload_bytes)}.`;
}
