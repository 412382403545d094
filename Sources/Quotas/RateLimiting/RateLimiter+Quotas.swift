extension RateLimiter {
    /// Takes one token for a request of `account` authenticated as `key`, sized by the account's
    /// effective `requests_per_minute` (cached ≤ 1 s, so a plan change resizes the bucket within a second).
    ///
    /// - Throws: `QuotaError.unknownAccount`, `.storage`; a refusal is a decision, not an error
    ///   (call `check()` on it).
    public func consume(key: String, account: String, quotas: QuotaService) throws -> RateLimitDecision {
        let limit = try quotas.limits(for: account)[.requestsPerMinute]
        return consume(key: key, limitPerMinute: Int(clamping: limit))
    }
}
