import HTTPServer
import Quotas

extension HTTPHeaders {
    /// Sets `RateLimit-Policy` and `RateLimit` from `decision`, replacing any value a handler
    /// put there (the limiter knows best). A refusal's `Retry-After` comes with its error
    /// (`QuotaError.rateLimited`, rendered in `DomainError+HTTP.swift`), like every other one.
    mutating func apply(_ decision: RateLimitDecision) {
        set("RateLimit-Policy", decision.policyHeader)
        set("RateLimit", decision.rateLimitHeader)
    }
}

extension HTTPError {
    /// This error with the rate-limit fields of the request it answers.
    func withRateLimit(_ decision: RateLimitDecision) -> HTTPError {
        var error = self
        error.headers.apply(decision)
        return error
    }
}
