import Accounts
import Foundation
import HTTPServer

/// The answer to `POST /v1/sessions`.
struct SessionResponse: Encodable {
    let sessionToken: String
    let expiresAt: Date

    init(_ session: IssuedSession) {
        sessionToken = session.token
        expiresAt = session.expiresAt
    }
}
