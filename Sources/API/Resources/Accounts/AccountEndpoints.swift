import Accounts
import HTTPServer

/// Every account endpoint of API.md ("sign-up / session", "me", "API keys", password change and
/// reset, e-mail verification), registered on one
/// router. `stylify serve` and the end-to-end tests call this; nothing else needs to know the
/// individual resources.
///
///     var router = Router()
///     AccountEndpoints.register(on: &router, accounts: services)
public enum AccountEndpoints {
    /// Largest JSON body these endpoints accept; their payloads are a few hundred bytes.
    static let bodyLimit: Int64 = 16 * 1024

    /// Handlers hash passwords and touch SQLite, so they run on the worker pool, never on I/O threads.
    static let blocking = RouteOptions(execution: .worker, maxBodyBytes: bodyLimit)

    /// The quota section of `GET /v1/me` (the plan's limits, this period's usage, what remains),
    /// rendered under `"quota"`. The Quotas module supplies it, e.g.
    /// `{ principal in try quotas.summary(account: principal.accountID.rawValue) }`.
    public typealias MeQuotaProvider = @Sendable (Principal) throws -> any Encodable & Sendable & Hashable

    /// Registers the routes.
    ///
    /// - Parameters:
    ///   - passwordRequests: how many sign-up/login requests may hash at once; more get 503 `busy`
    ///     + `Retry-After` instead of parking worker threads. Keep it well below the server's
    ///     worker thread count (`stylify serve` uses half of it).
    ///   - meQuota: adds the quota section to `GET /v1/me`; nil leaves it out.
    ///   - rateLimiting: charges every authenticated request to its key's bucket and adds the
    ///     RateLimit headers; nil serves without rate limits.
    public static func register(
        on router: inout Router, accounts: AccountServices, passwordRequests: Int = 2, meQuota: MeQuotaProvider? = nil,
        rateLimiting: RateLimiting? = nil
    ) {
        let admission = PasswordWorkAdmission(limit: passwordRequests)
        AccountRoutes.register(on: &router, accounts: accounts, admission: admission)
        SessionRoutes.register(on: &router, accounts: accounts, admission: admission)
        PasswordRoutes.registerPublic(on: &router, accounts: accounts, admission: admission)
        EmailVerificationRoutes.registerPublic(on: &router, accounts: accounts)
        let stack = AuthenticatedRoutes(authenticator: accounts.authenticator, rateLimiting: rateLimiting)
        router.group("/v1", middleware: stack.middleware) { authenticated in
            LogoutRoutes.register(on: &authenticated, accounts: accounts)
            MeRoutes.register(on: &authenticated, accounts: accounts, quota: meQuota)
            APIKeyRoutes.register(on: &authenticated, accounts: accounts)
            PasswordRoutes.registerAuthenticated(on: &authenticated, accounts: accounts, admission: admission)
            EmailVerificationRoutes.registerAuthenticated(on: &authenticated, accounts: accounts)
        }
    }
}
