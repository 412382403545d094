/// The outcome of one request against its key's bucket, with the IETF httpapi RateLimit fields
/// (draft 11) to send on every authenticated response.
public struct RateLimitDecision: Sendable, Hashable {
    /// Whether the request may proceed.
    public let allowed: Bool
    /// Requests per minute (the bucket's capacity, `q`).
    public let limit: Int
    /// Requests left right now (`r`).
    public let remaining: Int
    /// Seconds until the bucket is full again (`t`).
    public let resetSeconds: Int
    /// Seconds until the next request can succeed; nil when allowed (`Retry-After` of the 429).
    public let retryAfter: Int?

    public init(allowed: Bool, limit: Int, remaining: Int, resetSeconds: Int, retryAfter: Int?) {
        self.allowed = allowed
        self.limit = limit
        self.remaining = remaining
        self.resetSeconds = resetSeconds
        self.retryAfter = retryAfter
    }

    /// The policy's name in the headers.
    public static let policyName = "minute"

    /// `RateLimit-Policy` value, e.g. `"minute";q=60;w=60`.
    public var policyHeader: String {
        "\"\(Self.policyName)\";q=\(limit);w=60"
    }

    /// `RateLimit` value, e.g. `"minute";r=57;t=41`.
    public var rateLimitHeader: String {
        "\"\(Self.policyName)\";r=\(remaining);t=\(resetSeconds)"
    }

    /// Every header to add to the response: both RateLimit fields, and `Retry-After` when refused.
    public var headers: [(name: String, value: String)] {
        var headers = [("RateLimit-Policy", policyHeader), ("RateLimit", rateLimitHeader)]
        if let retryAfter { headers.append(("Retry-After", String(retryAfter))) }
        return headers
    }

    /// Throws when refused.
    ///
    /// - Throws: `QuotaError.rateLimited(limit:retryAfter:)` (429 `rate_limited`).
    public func check() throws {
        if !allowed { throw QuotaError.rateLimited(limit: Int64(limit), retryAfter: retryAfter ?? 1) }
    }
}
