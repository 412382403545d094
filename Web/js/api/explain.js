// Turns an ApiError into one or two sentences a person can act on: what happened and what to do.
import { formatCount, formatLimit, planName } from "../ui/format.js";

function upgradeHint(problem, fallback) {
  return problem.upgrade_to ? `The ${planName(problem.upgrade_to)} plan allows more; ${fallback}` : fallback;
}

function explainPlanLimit(problem) {
  const plan = planName(problem.plan);
  const allowed = problem.allowed !== undefined ? formatLimit(problem.limit, problem.allowed) : "limited";
  const asked = problem.requested !== undefined ? ` (this one is ${formatLimit(problem.limit, problem.requested)})` : "";
  const sentences = {
    image_pixels: `${plan} plan images are up to ${allowed}${asked}.`,
    image_long_side: `${plan} plan images are up to ${allowed} on the long side${asked}.`,
    video_frames: `${plan} plan videos are up to ${allowed} frames${asked}.`,
    video_long_side: `${plan} plan videos are up to ${allowed} on the long side${asked}.`,
    upload_bytes: `${plan} plan uploads are up to ${allowed}${asked}.`,
  };
  const sentence = sentences[problem.limit] || `This is over your ${plan} plan's ${problem.limit || "limit"}${asked}.`;
  const action = problem.limit === "video_frames" ? "use a shorter clip or upgrade." : "use a smaller file or upgrade.";
  return `${sentence} ${upgradeHint(problem, action.charAt(0).toUpperCase() + action.slice(1))}`;
}

function explainQuota(problem) {
  const plan = planName(problem.plan);
  const used = problem.used !== undefined ? formatLimit(problem.limit, problem.used) : "all";
  const allowed = problem.allowed !== undefined ? formatLimit(problem.limit, problem.allowed) : "the allowance";
  switch (problem.limit) {
    case "monthly_frames":
      return `You have used ${used} of the ${allowed} frames your ${plan} plan includes this month. ${upgradeHint(problem, "Wait for next month or upgrade.")}`;
    case "custom_filters":
      return `Your ${plan} plan keeps up to ${allowed} custom filters. Delete one on the Account page, or upgrade.`;
    case "stored_bytes":
      return `Your ${plan} plan stores up to ${allowed} and ${used} is in use. Delete uploads or filters, or upgrade.`;
    default:
      return problem.detail || `Your ${plan} plan's ${problem.limit} allowance is used up.`;
  }
}

function explainValidation(problem) {
  const field = problem.param ? ` (${problem.param.replaceAll("_", " ")})` : "";
  return `${problem.detail || "Something in the form is not valid"}${field}. Please correct it and try again.`;
}

/** Plain words for any error thrown by the API helpers (or anything else). */
export function explain(error) {
  const problem = error?.problem;
  if (!problem) return error?.message || "Something went wrong. Please try again.";
  const wait = error.retryAfterSeconds ?? problem.retry_after;
  switch (problem.code) {
    case "plan_limit":
      return explainPlanLimit(problem);
    case "quota_exceeded":
      return explainQuota(problem);
    case "rate_limited":
      return `Too many requests in a minute. Try again in ${formatCount(wait ?? 60)} seconds.`;
    case "concurrency_limit":
      return `Your ${planName(problem.plan)} plan runs ${formatCount(problem.allowed ?? 1)} job at a time. Wait for the running one to finish${wait ? ` (about ${wait} s)` : ""}, then try again.`;
    case "email_unverified":
      return `Please verify your e-mail address first: until then a free account renders ${formatCount(problem.allowed ?? 0)} frames. Open the link we mailed you, or send it again from the Account page.`;
    case "token_expired":
      return "This link has expired. Ask for a new e-mail.";
    case "token_used":
      return "This link was already used. Ask for a new e-mail if you still need one.";
    case "token_invalid":
    case "token_malformed":
      return "This link is not valid. Copy the whole link from the latest e-mail, or ask for a new one.";
    case "incorrect_password":
      return "The current password is not right.";
    case "already_verified":
      return "Your e-mail address is already verified.";
    case "too_many_requests":
      return `Too many requests of this kind. Try again in ${formatCount(wait ?? 60)} seconds.`;
    case "too_many_attempts":
      return `Too many log-in attempts. Try again in ${formatCount(wait ?? 60)} seconds.`;
    case "busy":
      return `The server is busy. Try again in ${formatCount(wait ?? 1)} seconds.`;
    case "invalid_credentials":
      return "That email and password do not match an account. Check them and try again.";
    case "email_taken":
      return "An account with this email already exists. Log in instead.";
    case "authentication_required":
    case "invalid_token":
    case "malformed_token":
      return "Your session has ended. Please log in again.";
    case "unsupported_media_type":
      return "This file type is not supported. Use a JPEG, PNG or WebP image, or an MP4, MOV, WebM or MKV video.";
    case "corrupt_media":
      return "This file looks damaged (it could not be read completely). Try exporting it again.";
    case "image_too_small":
      return "This image is too small for a filter: use one at least 64 px on each side.";
    case "image_too_large":
      return "This image is too large for the server to process. Use a smaller one.";
    case "empty_file":
      return "The file is empty. Choose another one.";
    case "invalid_name":
      return `That name cannot be used: ${problem.detail || "use 1 to 100 characters"}.`;
    case "limit_reached":
      return `${problem.detail || "You have reached the limit."} Revoke one you no longer need first.`;
    case "network":
      return problem.title;
    case "upload_interrupted":
      return "The upload was cut off. If the file is larger than your plan allows, choose a smaller one; otherwise check your connection and try again.";
    case "invalid_request":
      if (problem.param === "content") {
        return "Your uploaded photo or video is no longer available (uploads are kept for a limited time). Upload it again.";
      }
      return explainValidation(problem);
    case "missing_field":
    case "invalid_field":
    case "invalid_password":
    case "invalid_email":
      return explainValidation(problem);
    default:
      if (error.status >= 500) return "The server had a problem. Please try again in a moment.";
      return problem.detail || problem.title || "The request was refused.";
  }
}
