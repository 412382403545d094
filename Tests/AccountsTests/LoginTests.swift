import Accounts
import Foundation
import Storage
import XCTest

final class LoginTests: AccountsTestCase {
    func testUnknownEmailAndWrongPasswordGetTheSameAnswer() throws {
        try signUp("ada@example.com", password: "correct horse")
        XCTAssertThrowsAccountsError(try services.sessions.login(email: "ada@example.com", password: "wrong horse"), .invalidCredentials)
        XCTAssertThrowsAccountsError(try services.sessions.login(email: "nobody@example.com", password: "wrong horse"), .invalidCredentials)
        XCTAssertThrowsAccountsError(try services.sessions.login(email: "not an email", password: "x"), .invalidCredentials)
        XCTAssertEqual(try count("sessions"), 1, "only the sign-up session")
    }

    func testRepeatedFailuresForOneEmailAreThrottledWithRetryAfter() throws {
        try signUp("ada@example.com", password: "correct horse")
        for attempt in 0..<5 {
            clock.advance(10)
            XCTAssertThrowsAccountsError(try services.sessions.login(email: "ada@example.com", password: "guess \(attempt)", clientAddress: "198.51.100.\(attempt)"), .invalidCredentials)
        }
        // The first failure was 40 s before the last; it leaves the 15-minute window in 860 s.
        XCTAssertThrowsAccountsError(try services.sessions.login(email: " ADA@example.com", password: "correct horse", clientAddress: "192.0.2.1"), .tooManyAttempts(retryAfter: 860))
        XCTAssertThrowsAccountsError(try services.sessions.login(email: "nobody@example.com", password: "x", clientAddress: "192.0.2.1"), .invalidCredentials)
        clock.advance(861)
        XCTAssertNoThrow(try services.sessions.login(email: "ada@example.com", password: "correct horse", clientAddress: "192.0.2.1"))
    }

    func testUnknownEmailsAreThrottledLikeKnownOnes() throws {
        for _ in 0..<5 {
            XCTAssertThrowsAccountsError(try services.sessions.login(email: "ghost@example.com", password: "guess guess"), .invalidCredentials)
        }
        XCTAssertThrowsAccountsError(try services.sessions.login(email: "ghost@example.com", password: "guess guess"), .tooManyAttempts(retryAfter: 900))
    }

    func testManyFailuresFromOneAddressAreThrottledAcrossEmails() throws {
        try signUp("ada@example.com", password: "correct horse")
        let address = "203.0.113.9"
        for index in 0..<20 {
            XCTAssertThrowsAccountsError(try services.sessions.login(email: "victim\(index)@example.com", password: "password1", clientAddress: address), .invalidCredentials)
        }
        XCTAssertThrowsAccountsError(try services.sessions.login(email: "ada@example.com", password: "correct horse", clientAddress: address), .tooManyAttempts(retryAfter: 900))
        XCTAssertNoThrow(try services.sessions.login(email: "ada@example.com", password: "correct horse", clientAddress: "203.0.113.10"))
    }

    func testSuccessfulLoginClearsTheEmailsFailures() throws {
        try signUp("ada@example.com", password: "correct horse")
        for _ in 0..<4 {
            XCTAssertThrowsAccountsError(try services.sessions.login(email: "ada@example.com", password: "wrong horse"), .invalidCredentials)
        }
        XCTAssertNoThrow(try services.sessions.login(email: "ada@example.com", password: "correct horse"))
        for _ in 0..<4 {
            XCTAssertThrowsAccountsError(try services.sessions.login(email: "ada@example.com", password: "wrong horse"), .invalidCredentials)
        }
        XCTAssertNoThrow(try services.sessions.login(email: "ada@example.com", password: "correct horse"))
    }

    func testHashMadeWithWeakerParametersIsUpgradedAtLogin() throws {
        try signUp("ada@example.com", password: "correct horse")
        let stronger = makeServices { $0.passwordHashing = ScryptParameters(logN: 11, r: 8, p: 1) }
        XCTAssertNoThrow(try stronger.sessions.login(email: "ada@example.com", password: "correct horse"))
        let stored = try database.read { try $0.queryOne("SELECT password_hash FROM users")!.string("password_hash") }
        XCTAssertTrue(stored.hasPrefix("scrypt$11$8$1$"), stored)
        XCTAssertNoThrow(try services.sessions.login(email: "ada@example.com", password: "correct horse"))
    }
}
