import Accounts
import HTTPServer

/// The middleware every authenticated `/v1` route runs, in order: `BearerAuthentication`, then
/// (when configured) `RateLimiting`. Build one in `stylify serve` and register every resource's
/// authenticated routes through it, so none can forget the rate limit:
///
///     let authenticated = AuthenticatedRoutes(authenticator: accounts.authenticator, rateLimiting: limiting)
///     router.group("/v1", middleware: authenticated.middleware) { v1 in ... }
public struct AuthenticatedRoutes: Sendable {
    public let authentication: BearerAuthentication
    public let rateLimiting: RateLimiting?

    public init(authenticator: Authenticator, rateLimiting: RateLimiting? = nil) {
        authentication = BearerAuthentication(authenticator: authenticator)
        self.rateLimiting = rateLimiting
    }

    /// The middleware list for `Router.group`.
    public var middleware: [any Middleware] {
        if let rateLimiting { return [authentication, rateLimiting] }
        return [authentication]
    }
}
