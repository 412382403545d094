/// Where the token buckets of the request rate limit live: in this process (`RateLimiter`, for a
/// single node) or in the shared database (`SharedRateLimiter`, so several API nodes together
/// allow exactly the plan's rate).
public protocol RequestRateLimiter: Sendable {
    /// Takes one token from `key`'s bucket of `limitPerMinute` tokens, if there is one.
    ///
    /// - Throws: storage errors of a shared store; a refusal is a decision, not an error.
    func consume(key: String, limitPerMinute: Int) throws -> RateLimitDecision
}

extension RequestRateLimiter {
    /// Takes one token for a request of `account` authenticated as `key`, sized by the account's
    /// effective `requests_per_minute` (cached ≤ 1 s, so a plan change resizes the bucket within a second).
    ///
    /// - Throws: `QuotaError.unknownAccount`, `.storage`; a refusal is a decision, not an error
    ///   (call `check()` on it).
    public func consume(key: String, account: String, quotas: QuotaService) throws -> RateLimitDecision {
        let limit = try quotas.limits(for: account)[.requestsPerMinute]
        return try consume(key: key, limitPerMinute: Int(clamping: limit))
    }
}

/// The bucket arithmetic both limiters share, so a shared bucket answers exactly as a local one.
enum TokenBucket {
    /// Tokens are fractional; the tolerance keeps float rounding from refusing a token that has
    /// arrived (e.g. 59.999999 after exactly one second at 1/s).
    static let tolerance = 1e-9

    static func decision(allowed: Bool, tokens: Double, capacity: Double, limitPerMinute: Int) -> RateLimitDecision {
        let rate = capacity / 60
        let untilFull = rate > 0 ? Int(((capacity - tokens) / rate).rounded(.up)) : 60
        let retryAfter = allowed ? nil : (rate > 0 ? max(1, Int(((1 - tokens) / rate).rounded(.up))) : 60)
        return RateLimitDecision(
            allowed: allowed, limit: limitPerMinute, remaining: Int((tokens + tolerance).rounded(.down)),
            resetSeconds: untilFull, retryAfter: retryAfter)
    }
}
