import Accounts
import HTTPServer

/// `POST /v1/sessions`: login with email and password.
///
/// Unknown email and wrong password get the identical 401 `invalid_credentials`; repeated
/// failures per email or per client address get 429 with `Retry-After`.
enum SessionRoutes {
    static func register(on router: inout Router, accounts: AccountServices, admission: PasswordWorkAdmission) {
        router.post("/v1/sessions", options: AccountEndpoints.blocking) { request in
            let body = try JSONObjectBody(request)
            let email = try body.requiredString("email")
            let password = try body.requiredString("password")
            let session = try admission.run {
                try accounts.sessions.login(email: email, password: password, clientAddress: request.clientIP)
            }
            return .json(SessionResponse(session))
        }
    }
}
