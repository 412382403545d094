import Accounts
import Foundation
import Storage
import TestSupport
import XCTest

/// Password reset, password change and e-mail verification at the service level, with a manual
/// clock for lifetimes and the outbox read straight from its table (no dispatcher runs here).
final class AccountRecoveryTests: AccountsTestCase {
    /// The newest mail to `email` in the outbox, and the token with `prefix` in it.
    private func mailedToken(_ prefix: String, to email: String) throws -> String {
        let body = try XCTUnwrap(try database.read {
            try $0.queryOne("SELECT body FROM mail_outbox WHERE recipient = ? ORDER BY seq DESC LIMIT 1", email)?.string("body")
        })
        let match = try XCTUnwrap(body.range(of: "\(prefix)[0-9A-Za-z]{43}", options: .regularExpression), body)
        return String(body[match])
    }

    func testSignUpWritesTheVerificationMailInItsTransactionAndOnlyHashesAreStored() throws {
        let result = try signUp()
        XCTAssertNil(result.user.emailVerifiedAt)
        XCTAssertEqual(try count("mail_outbox"), 1)
        let token = try mailedToken("evt_", to: "ada@example.com")
        let stored = try database.read { try $0.queryOne("SELECT token_hash FROM account_tokens")?.blob("token_hash") }
        let hex = stored.map { $0.map { String(format: "%02x", $0) }.joined() }
        XCTAssertEqual(hex, SHA256Hasher.hex(Array(token.utf8)), "only the SHA-256 is stored")

        XCTAssertThrowsAccountsError(try signUp(), .emailTaken)
        XCTAssertEqual(try count("mail_outbox"), 1, "a refused sign-up mails nothing")
    }

    func testVerificationTokensAreSingleUseAndShortLived() throws {
        let result = try signUp()
        let token = try mailedToken("evt_", to: "ada@example.com")
        XCTAssertThrowsAccountsError(try services.verification.verify(token: "evt_x"), .tokenMalformed(expectedPrefix: "evt_"))
        XCTAssertThrowsAccountsError(try services.verification.verify(token: "evt_" + String(repeating: "0", count: 43)), .tokenInvalid)
        try services.verification.verify(token: token)
        XCTAssertThrowsAccountsError(try services.verification.verify(token: token), .tokenUsed)
        XCTAssertNotNil(try services.directory.user(result.user.id, in: result.account.id).emailVerifiedAt)
        XCTAssertThrowsAccountsError(try services.verification.resend(account: result.account.id, user: result.user.id), .alreadyVerified)

        try signUp("bob@example.com")
        let late = try mailedToken("evt_", to: "bob@example.com")
        clock.advance(48 * 3600 + 1)
        XCTAssertThrowsAccountsError(try services.verification.verify(token: late), .tokenExpired)
    }

    func testResendForAnAPIKeyMailsTheOwner() throws {
        let result = try signUp()
        let email = try services.verification.resend(account: result.account.id, user: nil)
        XCTAssertEqual(email, "ada@example.com")
        XCTAssertEqual(try count("mail_outbox"), 2)
    }

    func testAResetTokenIsRefusedOnceExpiredUsedOrReplaced() throws {
        try signUp()
        try services.passwords.requestReset(email: "ada@example.com")
        let first = try mailedToken("rst_", to: "ada@example.com")
        try services.passwords.requestReset(email: "ADA@example.com")
        let second = try mailedToken("rst_", to: "ada@example.com")
        XCTAssertNotEqual(first, second)
        // A newer link replaces the older.
        XCTAssertThrowsAccountsError(try services.passwords.reset(token: first, newPassword: "new password"), .tokenUsed)
        XCTAssertThrowsAccountsError(try services.passwords.reset(token: second, newPassword: "short"),
                                     .invalidPassword(minimum: 8, maximum: 128))
        clock.advance(3601)
        XCTAssertThrowsAccountsError(try services.passwords.reset(token: second, newPassword: "new password"), .tokenExpired)
        XCTAssertThrowsAccountsError(try services.passwords.reset(token: "sess_abc", newPassword: "new password"),
                                     .tokenMalformed(expectedPrefix: "rst_"))
    }

    func testUnknownAndSuspendedAddressesGetTheSameAnswerAndNoMail() throws {
        let result = try signUp()
        let before = try count("mail_outbox")
        try services.passwords.requestReset(email: "nobody@example.com")
        try services.administration.setStatus(.suspended, of: result.account.id)
        try services.passwords.requestReset(email: "ada@example.com")
        XCTAssertEqual(try count("mail_outbox"), before)
        XCTAssertThrowsAccountsError(try services.passwords.requestReset(email: "no-at-sign"), .invalidEmail)
    }

    func testResetSignsOutEverySessionVerifiesTheAddressAndKeepsKeys() throws {
        let result = try signUp()
        let key = try services.apiKeys.create(in: result.account.id, name: "ci")
        let other = try services.sessions.login(email: "ada@example.com", password: "correct horse")
        try services.passwords.requestReset(email: "ada@example.com")
        try services.passwords.reset(token: try mailedToken("rst_", to: "ada@example.com"), newPassword: "new password")

        XCTAssertThrowsAccountsError(try services.authenticator.authenticate(bearer: result.session.token), .invalidToken)
        XCTAssertThrowsAccountsError(try services.authenticator.authenticate(bearer: other.token), .invalidToken)
        XCTAssertEqual(try services.authenticator.authenticate(bearer: key.secret).accountID, result.account.id)
        XCTAssertThrowsAccountsError(try services.sessions.login(email: "ada@example.com", password: "correct horse"), .invalidCredentials)
        XCTAssertNoThrow(try services.sessions.login(email: "ada@example.com", password: "new password"))
        XCTAssertNotNil(try services.directory.user(result.user.id, in: result.account.id).emailVerifiedAt)
    }

    func testAChangeKeepsTheAskingSessionEndsOthersAndVoidsResetLinks() throws {
        let result = try signUp()
        let other = try services.sessions.login(email: "ada@example.com", password: "correct horse")
        try services.passwords.requestReset(email: "ada@example.com")
        let link = try mailedToken("rst_", to: "ada@example.com")

        XCTAssertThrowsAccountsError(
            try services.passwords.change(account: result.account.id, user: result.user.id, currentPassword: "wrong horse",
                                          newPassword: "new password", currentSession: result.session.token), .incorrectPassword)
        try services.passwords.change(account: result.account.id, user: result.user.id, currentPassword: "correct horse",
                                      newPassword: "new password", currentSession: result.session.token)
        XCTAssertNoThrow(try services.authenticator.authenticate(bearer: result.session.token))
        XCTAssertThrowsAccountsError(try services.authenticator.authenticate(bearer: other.token), .invalidToken)
        XCTAssertThrowsAccountsError(try services.passwords.reset(token: link, newPassword: "another one"), .tokenUsed)
    }

    func testWrongCurrentPasswordsAreThrottledLikeLogins() throws {
        let result = try signUp()
        for _ in 0..<5 {
            XCTAssertThrowsAccountsError(
                try services.passwords.change(account: result.account.id, user: nil, currentPassword: "wrong horse", newPassword: "new password"),
                .incorrectPassword)
        }
        XCTAssertThrowsError(
            try services.passwords.change(account: result.account.id, user: nil, currentPassword: "correct horse", newPassword: "new password")
        ) { error in
            guard case .tooManyAttempts = error as? AccountsError else { return XCTFail("\(error)") }
        }
    }

    func testBadTokensFromOneAddressAreThrottled() throws {
        for _ in 0..<20 {
            XCTAssertThrowsAccountsError(
                try services.verification.verify(token: "evt_" + String(repeating: "1", count: 43), clientAddress: "203.0.113.9"), .tokenInvalid)
        }
        XCTAssertThrowsError(try services.passwords.reset(token: "rst_x", newPassword: "new password", clientAddress: "203.0.113.9")) { error in
            guard case .tooManyRequests(let seconds) = error as? AccountsError else { return XCTFail("\(error)") }
            XCTAssertGreaterThan(seconds, 0)
        }
        // Another address is not affected.
        XCTAssertThrowsAccountsError(try services.passwords.reset(token: "rst_x", newPassword: "new password", clientAddress: "198.51.100.1"),
                                     .tokenMalformed(expectedPrefix: "rst_"))
    }
}
