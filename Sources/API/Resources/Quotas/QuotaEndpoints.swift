import Accounts
import Quotas

/// The HTTP side of plans and quotas, built once by `stylify serve`: the rate-limit middleware
/// for the authenticated group, the quota section of `GET /v1/me`, and body admission for uploads.
///
///     let quotaHTTP = QuotaEndpoints(quotas: quotas, limiter: RateLimiter())
///     AccountEndpoints.register(on: &router, accounts: accounts,
///                               meQuota: quotaHTTP.meQuota(), rateLimiting: quotaHTTP.rateLimiting)
public struct QuotaEndpoints: Sendable {
    /// Counts owned by other modules (custom filters, stored bytes) for the `/v1/me` summary.
    public typealias ResourceCounter = @Sendable (Principal) throws -> ResourceUsage

    public let quotas: QuotaService
    public let rateLimiting: RateLimiting

    public init(quotas: QuotaService, limiter: any RequestRateLimiter) {
        self.quotas = quotas
        rateLimiting = RateLimiting(limiter: limiter, quotas: quotas)
    }

    /// The `quota` section of `GET /v1/me`: plan, every effective limit, which are overridden,
    /// this month's usage and what remains (`QuotaSummary`).
    ///
    /// - Parameter resources: adds custom-filter and stored-byte counts; nil leaves them out.
    public func meQuota(resources: ResourceCounter? = nil) -> AccountEndpoints.MeQuotaProvider {
        let quotas = quotas
        return { principal in
            try quotas.summary(account: principal.accountID.rawValue, resources: resources?(principal) ?? ResourceUsage())
        }
    }

    /// Body admission for upload routes registered behind `authenticated` (see `UploadAdmission`).
    public func uploadAdmission(authenticated: AuthenticatedRoutes) -> UploadAdmission {
        UploadAdmission(authenticated: authenticated, quotas: quotas)
    }
}
