import Accounts
import HTTPServer

/// Password change and reset:
/// - `POST /v1/me/password` (authenticated, `account:write`): `current_password` and the new
///   `password`; 204, and the user's other sessions are signed out (API keys keep working). With
///   an API key it changes the account owner's password, and every session of the owner ends.
/// - `POST /v1/password-resets` (public): `email`; always 202 with no body, known address or
///   not; a reset link is mailed when an active account uses the address.
/// - `POST /v1/password-resets/complete` (public): `token` from the mail and the new `password`; 204.
enum PasswordRoutes {
    static let scope = "account:write"

    static func registerPublic(on router: inout Router, accounts: AccountServices, admission: PasswordWorkAdmission) {
        router.post("/v1/password-resets", options: AccountEndpoints.blocking) { request in
            let body = try JSONObjectBody(request)
            let email = try body.requiredString("email")
            try accounts.passwords.requestReset(email: email, clientAddress: request.clientIP)
            return Response(status: .accepted)
        }

        router.post("/v1/password-resets/complete", options: AccountEndpoints.blocking) { request in
            let body = try JSONObjectBody(request)
            let token = try body.requiredString("token")
            let password = try body.requiredString("password")
            try admission.run { try accounts.passwords.reset(token: token, newPassword: password, clientAddress: request.clientIP) }
            return .empty()
        }
    }

    static func registerAuthenticated(on router: inout Router, accounts: AccountServices, admission: PasswordWorkAdmission) {
        router.post("/me/password", options: AccountEndpoints.blocking) { request in
            let principal = try request.principal(requiring: scope)
            let body = try JSONObjectBody(request)
            let current = try body.requiredString("current_password")
            let password = try body.requiredString("password")
            let session = principal.kind == .session ? try BearerToken.extract(from: request) : nil
            try admission.run {
                try accounts.passwords.change(
                    account: principal.accountID, user: principal.userID, currentPassword: current, newPassword: password,
                    currentSession: session, clientAddress: request.clientIP)
            }
            return .empty()
        }
    }
}
