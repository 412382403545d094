import HTTPServer
import Quotas

/// A handler's error on its way out through `RateLimiting`: renders as the error would, plus the
/// request's rate-limit headers. Kept as the original error (not flattened to `HTTPError`) so
/// the responder still logs the cause of a 5xx.
struct RateLimitedFailure: HTTPErrorConvertible, CustomStringConvertible {
    let underlying: any Error
    let decision: RateLimitDecision

    var httpError: HTTPError {
        let error: HTTPError
        switch underlying {
        case let http as HTTPError: error = http
        case let convertible as HTTPErrorConvertible: error = convertible.httpError
        default: error = .internalError
        }
        return error.withRateLimit(decision)
    }

    var description: String { String(describing: underlying) }
}
