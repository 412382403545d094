import Accounts

/// Every account endpoint of API.md ("sign-up / session", "me", "API keys"), registered on one
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

    /// Registers the routes.
    ///
    /// - Parameter passwordRequests: how many sign-up/login requests may hash at once; more get
    ///   503 `busy` + `Retry-After` instead of parking worker threads. Keep it well below the
    ///   server's worker thread count (`stylify serve` uses half of it).
    public static func register(on router: inout Router, accounts: AccountServices, passwordRequests: Int = 2) {
        let admission = PasswordWorkAdmission(limit: passwordRequests)
        AccountRoutes.register(on: &router, accounts: accounts, admission: admission)
        SessionRoutes.register(on: &router, accounts: accounts, admission: admission)
        let authentication = BearerAuthentication(authenticator: accounts.authenticator)
        router.group("/v1", middleware: [authentication]) { authenticated in
            LogoutRoutes.register(on: &authenticated, accounts: accounts)
            MeRoutes.register(on: &authenticated, accounts: accounts)
            APIKeyRoutes.register(on: &authenticated, accounts: accounts)
        }
    }
}
