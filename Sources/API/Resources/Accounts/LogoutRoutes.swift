import Accounts
import HTTPServer

/// `DELETE /v1/sessions/current`: logout. Revokes the session whose token authenticated the
/// request; the next request with it is refused.
enum LogoutRoutes {
    static func register(on router: inout Router, accounts: AccountServices) {
        router.delete("/sessions/current", options: AccountEndpoints.blocking) { request in
            guard try request.principal().kind == .session, let token = try BearerToken.extract(from: request) else {
                throw HTTPError(
                    .forbidden, code: "session_required",
                    detail: "Only a session token can be logged out; revoke an API key with DELETE /v1/api-keys/{id}.")
            }
            try accounts.sessions.logout(sessionToken: token)
            return .empty()
        }
    }
}
