import Accounts
import HTTPServer

/// `POST /v1/accounts`: sign-up. Creates the account, its owner and a first session.
enum AccountRoutes {
    static func register(on router: inout Router, accounts: AccountServices, admission: PasswordWorkAdmission) {
        router.post("/v1/accounts", options: AccountEndpoints.blocking) { request in
            let body = try JSONObjectBody(request)
            let email = try body.requiredString("email")
            let password = try body.requiredString("password")
            let name = try body.optionalString("name")
            let result = try admission.run { try accounts.registration.signUp(email: email, password: password, name: name) }
            return .json(SignUpResponse(result), status: .created)
        }
    }
}
