import Accounts
import HTTPServer

/// E-mail verification:
/// - `POST /v1/me/email-verification` (authenticated, `account:write`): mails a new link to the
///   signed-in user (an API key: the owner); 202, 409 `already_verified`, 429 when asked too often.
/// - `POST /v1/email-verifications` (public): `token` from the mail; 204 once verified.
enum EmailVerificationRoutes {
    static let scope = "account:write"

    static func registerPublic(on router: inout Router, accounts: AccountServices) {
        router.post("/v1/email-verifications", options: AccountEndpoints.blocking) { request in
            let body = try JSONObjectBody(request)
            try accounts.verification.verify(token: try body.requiredString("token"), clientAddress: request.clientIP)
            return .empty()
        }
    }

    static func registerAuthenticated(on router: inout Router, accounts: AccountServices) {
        router.post("/me/email-verification", options: AccountEndpoints.blocking) { request in
            let principal = try request.principal(requiring: scope)
            try accounts.verification.resend(account: principal.accountID, user: principal.userID, clientAddress: request.clientIP)
            return Response(status: .accepted)
        }
    }
}
