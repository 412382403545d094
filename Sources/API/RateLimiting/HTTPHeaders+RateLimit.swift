import Quotas

extension HTTPHeaders {
    /// Sets `RateLimit-Policy`, `RateLimit` and, for a refusal, `Retry-After` from `decision`,
    /// replacing any value a handler or an error put there (the limiter knows best).
    mutating func apply(_ decision: RateLimitDecision) {
        for (name, value) in decision.headers {
            remove(name)
            add(name, value)
        }
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
