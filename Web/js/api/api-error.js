/** A refused API request: the HTTP status, the problem+json body (or a synthetic one) and Retry-After. */
export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds = null) {
    super(problem.detail || problem.title || `Request failed (${status})`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The stable machine code (`plan_limit`, `quota_exceeded`, ...), or "" when the body had none. */
  get code() {
    return this.problem.code || "";
  }
}

/** Builds an ApiError from a finished response whose body is text (JSON or not). */
export function apiErrorFrom(status, bodyText, retryAfterHeader) {
  let problem;
  try {
    problem = JSON.parse(bodyText);
  } catch {
    problem = null;
  }
  if (!problem || typeof problem !== "object") {
    problem = { title: status === 0 ? "The server could not be reached." : `The server answered ${status}.` };
  }
  const seconds = Number.parseInt(retryAfterHeader ?? "", 10);
  return new ApiError(status, problem, Number.isFinite(seconds) ? seconds : null);
}

/** For network failures (server down, connection dropped): status 0 and a plain explanation. */
export function networkError() {
  return new ApiError(0, { code: "network", title: "The server could not be reached. Check your connection and try again." });
}
