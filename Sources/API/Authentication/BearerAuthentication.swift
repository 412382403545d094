import Accounts
import HTTPServer

/// Middleware that resolves `Authorization: Bearer <token>` (a session token or an API key) to a
/// `Principal` and stores it in the request context for the handler.
///
/// Missing, malformed, unknown, expired or revoked tokens get 401 with `WWW-Authenticate: Bearer`;
/// a suspended account gets 403 `account_suspended`. The authenticator answers a warm token from
/// memory (≤ 1 s old), so this costs no scrypt and, usually, no database read.
public struct BearerAuthentication: Middleware {
    let authenticator: Authenticator

    public init(authenticator: Authenticator) {
        self.authenticator = authenticator
    }

    public func respond(to request: Request, next: (Request) throws -> Response) throws -> Response {
        var request = request
        request.context[AuthenticatedPrincipal.self] = try principal(of: request)
        return try next(request)
    }

    /// The caller of `request`, from its head alone (also used by body admission).
    ///
    /// - Throws: the 401 problems above, or `AccountsError` (403 suspended, 401 invalid token, …).
    func principal(of request: Request) throws -> Principal {
        guard let token = try BearerToken.extract(from: request) else {
            throw HTTPError(
                .unauthorized, code: "authentication_required",
                detail: "Send \"Authorization: Bearer <token>\" with a session token or an API key.",
                headers: ["WWW-Authenticate": BearerChallenge.missing])
        }
        return try authenticator.authenticate(bearer: token)
    }
}
