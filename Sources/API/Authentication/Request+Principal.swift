import Accounts
import HTTPServer

extension Request {
    /// The caller, as `BearerAuthentication` resolved it.
    ///
    /// - Throws: a 500 when the route was registered without the middleware: a wiring bug that
    ///   must fail closed, never answer as if anonymous were allowed.
    public func principal() throws -> Principal {
        guard let principal = context[AuthenticatedPrincipal.self] else {
            throw HTTPError(.internalServerError, code: "internal", detail: "Internal error.")
        }
        return principal
    }

    /// The caller, who must hold `scope` (API keys may be restricted; sessions may do anything).
    ///
    /// - Throws: 403 `insufficient_scope` naming the missing scope.
    public func principal(requiring scope: String) throws -> Principal {
        let principal = try principal()
        guard principal.allows(scope) else {
            throw HTTPError(
                .forbidden, code: "insufficient_scope",
                detail: "This API key lacks the \"\(scope)\" scope.",
                headers: ["WWW-Authenticate": BearerChallenge.insufficientScope(scope)])
        }
        return principal
    }
}
