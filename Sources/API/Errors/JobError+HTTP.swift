import Jobs
import Quotas

// Jobs' errors as problems. Quota refusals met while submitting a job render through
// `QuotaError.httpError`, the one mapping of quota errors.

extension JobError: HTTPErrorConvertible {
    /// The problem for this error: 404 `not_found`, 422 `invalid_request` naming the `param`,
    /// 422 `invalid_content` / `content_too_small` (param `content`), 409 `not_cancelable`, 503 `shutting_down`/`busy`,
    /// 500 `internal` (never showing storage details).
    public var httpError: HTTPError {
        switch self {
        case .notFound:
            return HTTPError(.notFound, code: code, detail: "No such stylization.")
        case .invalidRequest(let param, let detail):
            return HTTPError(.unprocessableContent, code: code, detail: detail, param: param)
        case .invalidContent(let detail), .contentTooSmall(let detail):
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
