import Accounts
import Foundation
import HTTPServer

/// The answer to `POST /v1/accounts`: the new account, its owner, and a session so the client is
/// signed in at once.
struct SignUpResponse: Encodable {
    let account: AccountResource
    let user: UserResource
    let sessionToken: String
    let expiresAt: Date

    init(_ result: SignUpResult) {
        account = AccountResource(result.account)
        user = UserResource(result.user)
        sessionToken = result.session.token
        expiresAt = result.session.expiresAt
    }
}
