import Accounts
import HTTPServer
import Quotas

/// Middleware that charges every authenticated request to its key's token bucket: requests per
/// minute from the account's effective `requests_per_minute` (plan or override, seen by the
/// running server within a second of an operator's change). Register it right after
/// `BearerAuthentication` (`AuthenticatedRoutes` does), so it applies to every authenticated
/// route, present and future.
///
/// Every response after authentication carries `RateLimit-Policy: "minute";q=60;w=60` and
/// `RateLimit: "minute";r=57;t=41` (IETF httpapi draft 11), error responses included; an empty
/// bucket answers 429 `rate_limited` with `Retry-After` and the handler never runs.
///
/// The bucket is per API key for API keys and per user for sessions (all of a user's sessions
/// share one bucket, so signing in again does not buy a fresh minute).
public struct RateLimiting: Middleware {
    public let limiter: any RequestRateLimiter
    public let quotas: QuotaService

    public init(limiter: any RequestRateLimiter, quotas: QuotaService) {
        self.limiter = limiter
        self.quotas = quotas
    }

    /// The bucket a principal's requests draw from.
    public static func bucketKey(for principal: Principal) -> String {
        if let key = principal.apiKeyID { return "key:\(key.rawValue)" }
        if let user = principal.userID { return "user:\(user.rawValue)" }
        return "account:\(principal.accountID.rawValue)"
    }

    /// Takes one token for `principal`.
    ///
    /// - Throws: `QuotaError` when the account's limits cannot be read (unknown account, storage);
    ///   a refusal is a decision (`allowed == false`), not an error.
    public func decide(for principal: Principal) throws -> RateLimitDecision {
        try limiter.consume(key: Self.bucketKey(for: principal), account: principal.accountID.rawValue, quotas: quotas)
    }

    public func respond(to request: Request, next: (Request) throws -> Response) throws -> Response {
        // Body admission may already have charged this request (uploads): never charge twice.
        let decision = try request.context[AppliedRateLimit.self] ?? decide(for: request.principal())
        guard decision.allowed else {
            throw QuotaError.rateLimited(limit: Int64(decision.limit), retryAfter: decision.retryAfter ?? 1)
                .httpError.withRateLimit(decision)
        }
        var request = request
        request.context[AppliedRateLimit.self] = decision
        do {
            var response = try next(request)
            response.headers.apply(decision)
            return response
        } catch {
            throw RateLimitedFailure(underlying: error, decision: decision)
        }
    }
}
