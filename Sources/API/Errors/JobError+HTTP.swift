import Jobs
import Quotas

// Jobs' errors as problems, and Quotas' for the stylization endpoints: the quota conversion is a
// plain function, not a conformance, so the rate-limiting work that owns Quotas' mapping can
// declare `HTTPErrorConvertible` without a clash.

extension JobError: HTTPErrorConvertible {
    /// The problem for this error: 404 `not_found`, 422 `invalid_request` naming the `param`,
    /// 422 `invalid_content` (param `content`), 409 `not_cancelable`, 503 `shutting_down`/`busy`,
    /// 500 `internal` (never showing storage details).
    public var httpError: HTTPError {
        switch self {
        case .notFound:
            return HTTPError(.notFound, code: code, detail: "No such stylization.")
        case .invalidRequest(let param, let detail):
            return HTTPError(.unprocessableContent, code: code, detail: detail, param: param)
        case .invalidContent(let detail):
            return HTTPError(.unprocessableContent, code: code, detail: detail, param: "content")
        case .notCancelable:
            return HTTPError(.conflict, code: code, detail: description)
        case .serviceStopped:
            return HTTPError(.serviceUnavailable, code: code, detail: "The server is shutting down; try again.",
                             headers: ["Retry-After": "1"])
        case .storage(let error):
            return error.httpError
        }
    }
}

extension HTTPError {
    /// A quota refusal: 413/422 `plan_limit`, 402 `quota_exceeded`, 429 `concurrency_limit` or
    /// `rate_limited` (with `Retry-After`), with the `limit` name's allowance and usage.
    static func quota(_ error: QuotaError) -> HTTPError {
        let problem = error.problem
        var headers = HTTPHeaders()
        if let seconds = error.retryAfter {
            headers.add("Retry-After", String(seconds))
        } else if case .concurrencyLimit = error {
            headers.add("Retry-After", "1")
        }
        return HTTPError(
            HTTPStatus(code: error.status), code: error.code, detail: error.description,
            limit: problem.allowed, used: problem.used, headers: headers)
    }
}
